"""Regular expressions compiled when first used instead of when their module is imported.

Python compiles a character class over the Han block one code point at a time (a few
milliseconds each), and a short check never uses most of the module-level expressions
it imports (the context judge's cues, the Markdown and subtitle readers, the
suppression comments, ...). A `LazyPattern` stands where the compiled pattern stood,
offers the same methods and compiles with `re.compile` on its first call, so what it
matches is exactly what the pattern would have matched. It depends on nothing else in
the package, so every layer may use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any


class LazyPattern:
    """`re.compile(pattern, flags)`, compiled on first use."""

    __slots__ = ("_source", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0):
        self._source = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def _compile(self) -> re.Pattern[str]:
        """How the pattern is compiled (text/recode.py's subclass takes it from the cache)."""
        return re.compile(self._source, self._flags)

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (for callers that need a real `re.Pattern`)."""
        got = self._compiled
        if got is None:
            got = self._compiled = self._compile()
        return got

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).search(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        return (self._compiled or self.compiled()).finditer(string, *args)

    def findall(self, string: str, *args: int) -> list[Any]:
        return (self._compiled or self.compiled()).findall(string, *args)

    def split(self, string: str, maxsplit: int = 0) -> list[Any]:
        return (self._compiled or self.compiled()).split(string, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str,
            count: int = 0) -> str:
        return (self._compiled or self.compiled()).sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str,
             count: int = 0) -> tuple[str, int]:
        return (self._compiled or self.compiled()).subn(repl, string, count)

    @property
    def pattern(self) -> str:
        return self._source

    @property
    def flags(self) -> int:
        return self.compiled().flags

    @property
    def groups(self) -> int:
        return self.compiled().groups

    @property
    def groupindex(self) -> Any:
        return self.compiled().groupindex

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags!r})"
