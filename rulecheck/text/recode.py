"""Regular expressions whose compiled code is kept in the cache between runs.

Python compiles a character class over the Han block, or spaCy's affix classes over all
of Unicode's letters, one code point at a time: spaCy's five tokenizer expressions take
~50 ms to compile and the evasion scanner's gap expression ~10 ms, in every process.
What `re.compile` produces is a list of integers handed to `_sre.compile`; this module
keeps that list (with the group tables) in a signed cache file (`rulecheck.cachefiles`)
and hands it to `_sre.compile` directly in later runs, so the pattern object is the one
`re.compile` gives (equal to it: same pattern, flags and code).

The file name is a hash of the pattern, its flags, the Python version and the `_sre`
engine's magic number and code size, so another Python never reads code it did not
write. A file is only ever written after the code read back from it compared equal to
`re.compile`'s; `_sre.compile` checks the code again when it loads it. Without a
usable cache, or on any surprise, this is plain `re.compile`.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from typing import Any

from rulecheck import cachefiles
from rulecheck.lazyre import LazyPattern

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another Python: compile as usual
    _sre = None  # type: ignore[assignment]

FORMAT = 1


def _name(pattern: str, flags: int) -> str:
    engine = f"{getattr(_sre, 'MAGIC', '?')}:{getattr(_sre, 'CODESIZE', '?')}"
    text = "\0".join([f"recode{FORMAT}", sys.version, engine, str(flags), pattern])
    key = hashlib.sha256(text.encode("utf-8", "surrogatepass"))  # safetext's lone surrogates
    return f"re-{key.hexdigest()[:24]}.json"


def _build(pattern: str, flags: int, parts: list[Any]) -> re.Pattern[str]:
    full_flags, code, groups, groupindex, indexgroup = parts
    if not (isinstance(full_flags, int) and isinstance(code, list)
            and isinstance(groups, int) and isinstance(groupindex, dict)
            and isinstance(indexgroup, list)):
        raise ValueError("malformed compiled pattern")
    return _sre.compile(pattern, full_flags, code, groups, groupindex, tuple(indexgroup))


def _code(pattern: str, flags: int) -> list[Any]:
    """What re._compiler.compile hands to _sre.compile, as JSON-ready values."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return [flags | p.state.flags, list(code), p.state.groups - 1, groupindex, indexgroup]


def compile_cached(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the code an earlier run compiled when the cache
    holds it."""
    flags = int(flags)
    if _sre is None or not isinstance(pattern, str) or cachefiles.cache_dir() is None:
        return re.compile(pattern, flags)
    name = _name(pattern, flags)
    raw = cachefiles.load_bytes(name)
    if raw is not None:
        try:
            return _build(pattern, flags, json.loads(raw))
        except (ValueError, TypeError, RuntimeError, OverflowError, MemoryError, re.error):
            pass  # not what this Python can load: compiled and written again below
    compiled = re.compile(pattern, flags)
    try:
        parts = _code(pattern, flags)
        if _build(pattern, flags, parts) == compiled:
            cachefiles.store_bytes(name, json.dumps(parts, separators=(",", ":")).encode())
    except Exception:  # noqa: BLE001 - the cache is an optimisation; the pattern stands
        pass
    return compiled


class CachedLazyPattern(LazyPattern):
    """A `LazyPattern` whose code comes from the cache (`compile_cached`): for expressions
    over large character classes that a plain check uses."""

    __slots__ = ()

    def _compile(self) -> re.Pattern[str]:
        return compile_cached(self._source, self._flags)
