"""The pattern table: every literal of the rulebook once, for the one-pass scan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PatternTable:
    """Unique normalized literals of the whole rulebook, each with a stable id."""

    literals: list[str] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)
    token_exact: set[str] = field(default_factory=set)  # literals used inside word()
    # compiled nodes that many rules use alike (@negators, a lexicon), built once so that
    # their hits in a unit are found once for all rules
    shared: dict[Any, Any] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        """Without `ids` and `shared`, which only compiling uses: a cached rulebook
        would otherwise carry a second copy of every literal and of every shared key."""
        return {"literals": self.literals, "token_exact": self.token_exact}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.ids = {}
        self.shared = {}

    def add(self, literal: str) -> int:
        if not self.ids and self.literals:  # a table from the cache: ids on first use
            self.ids = {lit: pid for pid, lit in enumerate(self.literals)}
        pid = self.ids.get(literal)
        if pid is None:
            pid = self.ids[literal] = len(self.literals)
            self.literals.append(literal)
        return pid
