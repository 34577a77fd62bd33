"""Very long documents are checked in pieces (engine/pieces.py): what a user sees must not
change at the cuts, and pieces checked on worker processes give the same findings."""

from __future__ import annotations

import pytest

from rulecheck.engine import checker as checker_module
from rulecheck.engine import pieces
from rulecheck.engine.checker import Checker
from rulecheck.model import Document
from rulecheck.readers import read_text
from rulecheck.runner import CheckerSpec, Profile, _piece_mapper

CLAIM = "这款面霜是全网最低价"
FILLER = "今天给大家带来一款面霜，质地很清爽，大家可以看看颜色"


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces of a few hundred characters, so a short text is cut many times."""
    monkeypatch.setattr(checker_module, "HUGE", 1_000)
    monkeypatch.setattr(pieces, "PIECE", 400)
    monkeypatch.setattr(pieces, "OVERLAP", 60)


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


def _script(lines: int) -> str:
    return "\n".join(CLAIM if i % 3 == 1 else FILLER for i in range(lines)) + "\n"


def _claims(findings: list) -> list[tuple[int, int]]:
    return sorted({(f.start, f.end) for f in findings if "最低价" in f.text})


def test_every_claim_is_found_once_at_its_place(small_pieces: None, checker: Checker) -> None:
    text = _script(120)
    doc = read_text(text, path="long.txt")
    found = checker.check_document(doc, lang="zh")
    expected = [(i, i + len(CLAIM)) for i in range(len(text)) if text.startswith(CLAIM, i)]
    claims = _claims(found)
    assert len(text) > checker_module.HUGE
    # none lost at a cut, none found twice in an overlap
    assert len(claims) == len(expected)
    assert all(a <= s and e <= b for (s, e), (a, b) in zip(claims, expected, strict=True))
    for f in found:
        assert text[f.start:f.end] == f.text
        line_start = text.rfind("\n", 0, f.start) + 1
        assert (f.line, f.column) == (text.count("\n", 0, f.start) + 1, f.start - line_start + 1)
        assert f.segment is not None and f.segment.index == f.line - 1  # a line's own segment


def test_a_claim_across_a_cut_is_read_whole(small_pieces: None, checker: Checker) -> None:
    # one line with no mark to cut at: the first piece ends in the middle of the claim
    head = ("大家好" * 200)[:pieces.PIECE - CLAIM.index("全网") - 2]
    text = head + CLAIM + "大家好" * 200
    first_cut = next(pieces.spans(text))[2]
    assert len(head) < first_cut < len(head) + len(CLAIM)
    claims = _claims(checker.check_document(Document(text), lang="zh"))
    assert len(claims) == 1
    assert len(head) <= claims[0][0] < first_cut < claims[0][1] <= len(head) + len(CLAIM)


def test_a_timed_transcript_is_cut_between_cues(small_pieces: None, checker: Checker) -> None:
    cues = []
    for i in range(90):
        words = CLAIM if i % 4 == 2 else FILLER
        cues.append(f"{i + 1}\n00:{i // 60:02d}:{i % 60:02d},000 --> 00:{i // 60:02d}:"
                    f"{i % 60:02d},900\n{words}\n")
    doc = read_text("\n".join(cues), path="live.srt", input_format="srt")
    ends = {seg.end for seg in doc.segments}
    cuts = [end for _frm, _new, end in pieces.spans(doc.text, sorted(ends))]
    assert all(cut in ends or cut == len(doc.text) for cut in cuts)
    found = [f for f in checker.check_document(doc, lang="zh") if "最低价" in f.text]
    assert len(_claims(found)) == sum(1 for i in range(90) if i % 4 == 2)
    for f in found:
        seg = doc.segments[f.segment.index]
        assert seg.start <= f.start and f.end <= seg.end
        assert f.segment.start_time == seg.start_time


def test_pieces_on_worker_processes_give_the_same_findings(small_pieces: None,
                                                           checker: Checker) -> None:
    doc = read_text(_script(150), path="long.txt")
    serial = checker.check_document(doc, lang="zh")
    mapper = _piece_mapper(Profile(spec=CheckerSpec(), lang="zh"), jobs=2)
    parallel = checker.check_document(doc, lang="zh", map_pieces=mapper)
    assert [f.to_dict() for f in parallel] == [f.to_dict() for f in serial]
    assert _claims(parallel)
