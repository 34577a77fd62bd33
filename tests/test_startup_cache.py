"""A warm start reads no rule file and derives no scanner table again, and still notices edits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rulecheck.rulebook import compiler, sources
from tests.conftest import make_rule


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RULECHECK_CACHE_DIR", str(tmp_path / "cache"))
    d = tmp_path / "rules"
    d.mkdir()
    (d / "p.yaml").write_text(make_rule("AD-ZH-950", '"全网最低"'), encoding="utf-8")
    return d


def test_unchanged_rule_files_are_not_read_again(pack: Path, monkeypatch):
    first = compiler.load_rulebook([pack], bundled=False)

    def refuse(path: Path) -> bytes:
        raise AssertionError(f"read {path}")

    monkeypatch.setattr(sources, "_pack_bytes", refuse)
    again = compiler.load_rulebook([pack], bundled=False)
    assert again.fingerprint == first.fingerprint


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(pack: Path):
    path = pack / "p.yaml"
    first = compiler.load_rulebook([pack], bundled=False)
    st = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("全网最低", "全网最高"),
                    encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # mtime set back; ctime moves on
    assert path.stat().st_size == st.st_size
    again = compiler.load_rulebook([pack], bundled=False)
    assert again.fingerprint != first.fingerprint
    assert [f.rule for f in _checker(again).check_text("全网最高")] == ["AD-ZH-950"]


def test_the_cached_rulebook_brings_its_scanner_tables(pack: Path):
    compiler.load_rulebook([pack], bundled=False)
    book = compiler.load_rulebook([pack], bundled=False)  # from the cache
    assert book.scanner is not None and book.scanner.pairs
    assert [f.rule for f in _checker(book).check_text("今天全网最低")] == ["AD-ZH-950"]


def _checker(book):
    from rulecheck.engine.checker import Checker

    return Checker(rulebook=book)
