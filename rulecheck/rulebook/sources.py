"""Locating rule packs and lexicons on disk: the bundled rulebook and user directories."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from rulecheck.errors import RuleError

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_rules_dir() -> Path:
    """The rules shipped in the wheel, or the repository's rules/ in a source checkout."""
    for candidate in (_PACKAGE / "_bundled_rules", _PACKAGE.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError("the bundled rules are missing from this installation")


@dataclass(frozen=True)
class RuleSources:
    packs: tuple[Path, ...]
    lexicons: tuple[Path, ...]

    def fingerprint(self, salt: str) -> str:
        """Hash of every file's name and bytes: the key of the compiled-rulebook cache."""
        digest = hashlib.sha256(salt.encode())
        for path in (*self.packs, *self.lexicons):
            digest.update(str(path).encode())
            digest.update(b"\0")
            digest.update(_pack_bytes(path))
        return digest.hexdigest()[:24]


def _pack_bytes(path: Path) -> bytes:
    """A pack's bytes; a FIFO or device named *.yaml is refused, never read."""
    from rulecheck.errors import InputError
    from rulecheck.readers.files import read_regular
    from rulecheck.rulebook.yamlsource import MAX_PACK_BYTES

    try:
        return read_regular(str(path), MAX_PACK_BYTES)
    except InputError as exc:
        raise RuleError(f"cannot read: {exc}") from None


def find_sources(dirs: list[Path]) -> RuleSources:
    packs: list[Path] = []
    lexicons: list[Path] = []
    for d in dirs:
        if not d.is_dir():
            raise RuleError(f"{d}: rules directory not found")
        for path in sorted(d.rglob("*.y*ml")):
            if path.suffix not in (".yaml", ".yml"):
                continue
            if "lexicons" in path.relative_to(d).parts:
                lexicons.append(path)
            else:
                packs.append(path)
    return RuleSources(tuple(packs), tuple(lexicons))
