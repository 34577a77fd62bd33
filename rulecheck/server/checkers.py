"""Per-request rule selection without recompiling: cached views over one rulebook.

A view is a Checker built on the base checker's compiled rulebook with its
own select/ignore; the few most recently used selections are kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

from rulecheck.engine import selection
from rulecheck.engine.checker import Checker
from rulecheck.server.errors import ApiError

Key = tuple[tuple[str, ...], tuple[str, ...]]


def valid_codes(base: Checker) -> list[str]:
    """Every code --select/--ignore accepts for this rulebook: categories, ALL, rule ids
    and their prefixes (AD, AD-ZH). The API takes exactly these (they are its enum)."""
    return sorted(selection.valid_codes(base.rulebook.rules))


class CheckerPool:
    """The base checker and the views of the selections in use."""

    def __init__(self, base: Checker, size: int = 8):
        self.base = base
        self.size = size
        self.codes = valid_codes(base)
        self._known = frozenset(self.codes)
        self._views: OrderedDict[Key, Checker] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, select: Iterable[str] | None, ignore: Iterable[str] | None) -> Checker:
        """The checker for a selection; 422 for a code that names no rule and no category."""
        return self.view(self.key(select, ignore))

    def key(self, select: Iterable[str] | None, ignore: Iterable[str] | None) -> Key:
        """A selection checked and made canonical, without building its checker: the
        server process validates codes (422) and a check worker builds the view."""
        sel = _codes(select)
        ign = _codes(ignore)
        self._validate(sel + ign)
        return sel, ign

    def view(self, key: Key) -> Checker:
        """The checker for a selection ``key`` (from ``key()``), built on first use."""
        sel, ign = key
        if not sel and not ign:
            return self.base
        with self._lock:
            view = self._views.get(key)
            if view is not None:
                self._views.move_to_end(key)
                return view
        view = Checker(rulebook=self.base.rulebook, select=list(sel) or None,
                       ignore=list(ign) or None,
                       severity_overrides=self.base.severity_overrides,
                       evasion=self.base.evasion)
        _share_tokenizers(self.base, view)
        with self._lock:
            self._views[key] = view
            while len(self._views) > self.size:
                self._views.popitem(last=False)
        return view

    def _validate(self, codes: tuple[str, ...]) -> None:
        for code in codes:
            if code not in self._known:
                raise ApiError(422, "unknown_rule_code",
                               selection.unknown_code_message(code, self._known))


def _codes(values: Iterable[str] | None) -> tuple[str, ...]:
    """Codes deduplicated and sorted: the cache key."""
    return tuple(sorted(set(values))) if values else ()


def _share_tokenizers(base: Checker, view: Checker) -> None:
    """A view tokenizes exactly like its base (same rulebook words), so it can use the
    base's loaded tokenizers instead of building them again (jieba's route tables, the
    English tokenizer rules)."""
    for name in ("_zh", "_en"):
        if hasattr(base, name) and hasattr(view, name):
            setattr(view, name, getattr(base, name))
