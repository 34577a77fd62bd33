"""Compiled regular expressions kept in the cache (text/recode.py): the pattern read back
is the one re.compile gives, and a bad or foreign file is never used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rulecheck import cachefiles
from rulecheck.text import recode

PATTERNS = [
    (r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", 0),
    (r"(?<=[\u4e00-\u9fff])[ \t*·\-]{1,3}(?=[\u4e00-\u9fffa-z0-9])", 0),
    (r"(?P<hit>free|b[e3]st)\s+(?:deal)?(?P=hit)?", re.IGNORECASE),
    ("[\ud800-\udfff]", 0),
    (r"^(?:\w+)[.,](\d+)$", re.MULTILINE | re.ASCII),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("RULECHECK_CACHE_DIR", str(folder))
    return folder


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("re-*.json"))


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_the_pattern_read_back_is_re_compiles(cache: Path, pattern: str, flags: int) -> None:
    first = recode.compile_cached(pattern, flags)
    assert len(_files(cache)) == 1
    again = recode.compile_cached(pattern, flags)  # from the file this time
    expected = re.compile(pattern, flags)
    for got in (first, again):
        assert got == expected  # same pattern, flags and compiled code
        assert got.groupindex == expected.groupindex
        assert got.groups == expected.groups
    text = "最好 的-产品 FREE free deal free 12 word.34\ud800"
    assert ([m.span() for m in again.finditer(text)]
            == [m.span() for m in expected.finditer(text)])


def test_a_file_that_is_not_compiled_code_is_compiled_again(cache: Path) -> None:
    pattern = PATTERNS[0][0]
    recode.compile_cached(pattern)
    (name,) = [p.name for p in _files(cache)]
    cachefiles.store_bytes(name, b'[0, [1, 2, 3], 0, {}, []]')  # signed, but nonsense
    assert recode.compile_cached(pattern) == re.compile(pattern)
    cachefiles.store_bytes(name, b"not json")
    assert recode.compile_cached(pattern) == re.compile(pattern)


def test_an_unsigned_file_is_ignored(cache: Path) -> None:
    pattern = PATTERNS[1][0]
    recode.compile_cached(pattern)
    (path,) = _files(cache)
    path.write_bytes(b'[0, [1, 2, 3], 0, {}, []]')
    assert recode.compile_cached(pattern) == re.compile(pattern)


def test_without_a_cache_it_is_re_compile(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RULECHECK_CACHE_DIR", raising=False)
    monkeypatch.setattr(cachefiles, "cache_dir", lambda: None)
    pattern, flags = PATTERNS[2]
    assert recode.compile_cached(pattern, flags) == re.compile(pattern, flags)
