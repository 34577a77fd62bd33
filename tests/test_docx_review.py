"""The Word round trip: a .docx back with comments on the findings and fixes as tracked
changes, everything else as it was."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from rulecheck.engine.checker import Checker
from rulecheck.fix import fix_text
from rulecheck.model import Document, Edit, Finding, Fix
from rulecheck.readers import read_bytes, read_text
from rulecheck.reports.docx import review_docx
from rulecheck.rulebook.compiler import load_rulebook
from tests.conftest import LEXICONS, make_rule
from tests.test_cli import invoke, write_pack

PACK = (make_rule("AD-ZH-901", '"顶级"', extra='replace: {safe: ["优质"]}\n')
        + make_rule("AD-ZH-902", '"秒杀全网"', extra='replace: {unsafe: ["超值好价"]}\n')
        + make_rule("AD-ZH-903", '"第一"', extra='advice: ["写明排名的来源和年份"]\n'))

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _hyperlink(paragraph, text: str) -> None:
    """A hyperlink run, as Word writes one (python-docx has no API for adding them)."""
    rid = paragraph.part.relate_to("https://example.com/", RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", attrs={qn("r:id"): rid})
    run = OxmlElement("w:r")
    run.text = text
    link.append(run)
    paragraph._p.append(link)


def script_docx() -> bytes:
    """A script with a heading, styled runs, a table, a tab, a hyperlink and a header."""
    d = docx.Document()
    d.add_heading("直播脚本", level=1)
    p = d.add_paragraph("这是")
    p.add_run("顶").bold = True  # the flagged word spans two differently formatted runs
    p.add_run("级面料，").italic = True
    p.add_run("穿着舒服。")
    d.add_paragraph("今天秒杀全网，库存有限。")
    table = d.add_table(rows=2, cols=2)
    table.style = d.styles["Table Grid"]
    table.cell(0, 0).text = "卖点"
    table.cell(0, 1).text = "顶级做工"
    table.cell(1, 0).text = "销量"
    table.cell(1, 1).text = "行业第一"
    d.add_paragraph("没有问题的一段。", style="Quote")
    tabbed = d.add_paragraph()
    tabbed.add_run("价格\t顶级好货").underline = True  # w:t, w:tab, w:t in one run
    linked = d.add_paragraph("链接：顶")
    _hyperlink(linked, "级好物")
    linked.add_run("，快来看。")
    style = d.styles.add_style("Anchor", WD_STYLE_TYPE.PARAGRAPH)
    style.font.size = docx.shared.Pt(14)
    d.add_paragraph("欢迎来到直播间。", style="Anchor")
    d.sections[0].header.paragraphs[0].text = "页眉：顶级"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def pack_checker(d: Path) -> Checker:
    """The test pack alone, written into ``d`` (as conftest's rule_checker does)."""
    (d / "lexicons").mkdir()
    (d / "test.yaml").write_text(PACK, encoding="utf-8")
    for src in ("negators.yaml", "negation_exceptions.yaml", "meta_talk.yaml"):
        shutil.copy(LEXICONS / src, d / "lexicons" / src)
    return Checker(rulebook=load_rulebook([d], bundled=False, use_cache=False))


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> Checker:
    return pack_checker(tmp_path_factory.mktemp("pack"))


def _check(checker: Checker, data: bytes) -> tuple[Document, list[Finding]]:
    doc = read_bytes(data, path="s.docx", input_format="docx")
    return doc, checker.check_document(doc)


def _body(data: bytes):
    return docx.Document(io.BytesIO(data))


def anchored(word) -> dict[int, str]:
    """Comment id -> the text between its range start and end, deleted text included."""
    open_ids: set[int] = set()
    out: dict[int, str] = {}
    for el in word.element.body.iter():
        if el.tag == qn("w:commentRangeStart"):
            cid = int(el.get(qn("w:id")))
            open_ids.add(cid)
            out[cid] = ""
        elif el.tag == qn("w:commentRangeEnd"):
            open_ids.discard(int(el.get(qn("w:id"))))
        elif el.tag in (qn("w:t"), qn("w:delText")):
            for cid in open_ids:
                out[cid] += el.text or ""
        elif el.tag == qn("w:tab"):
            for cid in open_ids:
                out[cid] += "\t"
    return out


def comments(word) -> dict[int, str]:
    return {c.comment_id: "\n".join(p.text for p in c.paragraphs) for c in word.comments}


def decide(data: bytes, accept: bool) -> bytes:
    """Accept (drop w:del, unwrap w:ins) or reject (drop w:ins, unwrap w:del) every change."""
    word = _body(data)
    body = word.element.body
    drop, keep = ("w:del", "w:ins") if accept else ("w:ins", "w:del")
    for el in list(body.iter(qn(drop))):
        el.getparent().remove(el)
    for el in list(body.iter(qn(keep))):
        for child in list(el):
            el.addprevious(child)
        el.getparent().remove(el)
    for el in body.iter(qn("w:delText")):
        el.tag = qn("w:t")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def text_of(data: bytes) -> str:
    return read_bytes(data, path="x.docx", input_format="docx").text


def _xml(element) -> bytes:
    return etree.tostring(element)


def test_comments_anchor_exactly_the_flagged_words(checker: Checker):
    data = script_docx()
    doc, findings = _check(checker, data)
    assert sorted(f.text for f in findings) == sorted(["顶级"] * 4 + ["秒杀全网", "第一"])
    review = review_docx(data, doc, findings, checker.rules)
    assert (review.comments, review.changes) == (6, 0)
    word = _body(review.data)
    spans = anchored(word)
    notes = comments(word)
    assert sorted(spans.values()) == sorted(f.text for f in findings)
    assert set(spans) == set(notes)
    by_rule = {notes[cid].split()[0]: (spans[cid], notes[cid]) for cid in spans}
    assert by_rule["AD-ZH-902"] == ("秒杀全网", "AD-ZH-902 t（error）\n依据：l\nm 秒杀全网\n"
                                              "可改为：超值好价")
    assert by_rule["AD-ZH-903"][1].endswith("建议：写明排名的来源和年份")
    # every range has its reference run, outside the text
    refs = [int(r.get(qn("w:id"))) for r in word.element.body.iter(qn("w:commentReference"))]
    assert sorted(refs) == sorted(spans)
    assert all(c.author == "rulecheck" for c in word.comments)
    assert text_of(review.data) == doc.text, "comments add no text"


def test_everything_else_is_left_as_it_was(checker: Checker):
    data = script_docx()
    doc, findings = _check(checker, data)
    before, after = _body(data), _body(review_docx(data, doc, findings, checker.rules).data)
    flagged = {"这是顶级面料，穿着舒服。", "今天秒杀全网，库存有限。", "顶级做工", "行业第一",
               "价格\t顶级好货", "链接：顶级好物，快来看。"}
    pairs = list(zip(before.paragraphs, after.paragraphs, strict=True))
    untouched = [(a, b) for a, b in pairs if a.text not in flagged]
    assert len(untouched) == 3  # the heading, the quote and the paragraph of style Anchor
    for a, b in untouched:
        assert _xml(a._p) == _xml(b._p)
    assert [p.style.name for p in after.paragraphs] == [p.style.name for p in before.paragraphs]
    # the runs of the flagged words were split; each half keeps its formatting
    runs = [(r.text, r.bold, r.italic) for r in after.paragraphs[1].runs]
    assert runs == [("这是", None, None), ("顶", True, None), ("级", None, True),
                    ("", None, None), ("面料，", None, True), ("穿着舒服。", None, None)]
    tabbed = [(r.text, r.underline) for r in after.paragraphs[4].runs if r.text]
    assert tabbed == [("价格\t", True), ("顶级", True), ("好货", True)]
    assert after.tables[0].style.name == "Table Grid"
    assert [[c.text for c in row.cells] for row in after.tables[0].rows] == \
        [[c.text for c in row.cells] for row in before.tables[0].rows]
    assert after.sections[0].header.paragraphs[0].text == "页眉：顶级"
    assert after.styles["Anchor"].font.size == before.styles["Anchor"].font.size


def test_fixes_are_tracked_changes_a_reviewer_can_accept_or_reject(checker: Checker):
    data = script_docx()
    doc, findings = _check(checker, data)
    review = review_docx(data, doc, findings, checker.rules, fix=True)
    assert review.changes == 4, "the four 顶级 (safe); 秒杀全网 is unsafe"
    word = _body(review.data)
    body = word.element.body
    deleted = ["".join(t.text for t in d.iter(qn("w:delText"))) for d in body.iter(qn("w:del"))]
    inserted = ["".join(t.text for t in i.iter(qn("w:t"))) for i in body.iter(qn("w:ins"))]
    # 顶 and 级 of the hyperlink paragraph sit in two revisions (one inside the link)
    assert deleted == ["顶级", "顶级", "顶级", "顶", "级"]
    assert inserted == ["优质"] * 4
    for rev in [*body.iter(qn("w:del")), *body.iter(qn("w:ins"))]:
        assert rev.get(qn("w:author")) == "rulecheck"
        assert rev.get(qn("w:date"), "").endswith("Z")
    ids = [el.get(qn("w:id")) for el in [*body.iter(qn("w:del")), *body.iter(qn("w:ins"))]]
    assert len(set(ids)) == len(ids)
    # the new words take the formatting of the first old run
    first_ins = next(body.iter(qn("w:ins")))
    assert first_ins.find(f"{W}r/{W}rPr/{W}b") is not None
    # the comment covers the old and the new words, and says what was written
    spans = anchored(word)
    notes = comments(word)
    fixed = [cid for cid, note in notes.items() if note.startswith("AD-ZH-901")]
    assert {spans[cid] for cid in fixed} == {"顶级优质"}
    assert all(notes[cid].endswith("已作为修订写入：“优质”") for cid in fixed)
    assert text_of(review.data) == doc.text.replace("顶级", ""), \
        "python-docx reads neither pending deletions nor insertions"

    def check(text: str) -> list[Finding]:
        return checker.check_document(read_text(text))

    assert text_of(decide(review.data, accept=True)) == fix_text(doc.text, check, "docx").text
    assert text_of(decide(review.data, accept=False)) == doc.text
    both = review_docx(data, doc, findings, checker.rules, fix=True, unsafe=True)
    assert both.changes == 5
    assert "超值好价" in text_of(decide(both.data, accept=True))


def test_a_finding_across_paragraphs_is_commented_on_its_first_part(checker: Checker):
    data = script_docx()
    doc, findings = _check(checker, data)
    start = doc.text.index("舒服。")
    end = doc.text.index("今天") + 2
    f = replace(findings[0], start=start, end=end, text=doc.text[start:end],
                fix=Fix("safe", "m", [Edit(start, end, "X")]))
    review = review_docx(data, doc, [f], checker.rules, fix=True)
    assert (review.comments, review.changes) == (1, 0)
    word = _body(review.data)
    assert list(anchored(word).values()) == ["舒服。"]
    assert not list(word.element.body.iter(qn("w:del")))
    assert not list(word.element.body.iter(qn("w:ins")))


def test_no_findings_gives_the_file_back_unchanged(checker: Checker):
    d = docx.Document()
    d.add_paragraph("欢迎来到直播间。")
    out = io.BytesIO()
    d.save(out)
    data = out.getvalue()
    doc, findings = _check(checker, data)
    assert findings == []
    assert review_docx(data, doc, findings).data == data


def test_a_file_changed_since_the_check_is_refused(checker: Checker):
    from rulecheck.errors import InputError

    data = script_docx()
    doc, findings = _check(checker, data)
    with pytest.raises(InputError, match="changed after it was checked"):
        review_docx(data, replace(doc, text=doc.text + "!"), findings)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, pack_store: Path) -> Path:
    """One project for the CLI tests, so the bundled rules and the pack compile once."""
    root = tmp_path_factory.mktemp("proj")
    write_pack(root, pack_store)
    (root / "s.docx").write_bytes(script_docx())
    return root


@pytest.fixture
def proj(project: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(project)
    yield project
    for name in ("r.docx", "u.docx", "bad.docx"):
        (project / name).unlink(missing_ok=True)


ARGS = ("--rules", "pack", "--select", "AD-ZH-901,AD-ZH-902")


def test_cli_writes_the_reviewed_copy_and_never_the_input(proj: Path):
    original = (proj / "s.docx").read_bytes()
    out = invoke("check", "s.docx", *ARGS, "--format", "docx", "--output", "r.docx", "--fix")
    assert out.exit_code == 1, out.stderr
    assert out.stdout == ""
    assert out.stderr == "rulecheck: wrote r.docx: 5 comment(s), 4 tracked change(s)\n"
    assert (proj / "s.docx").read_bytes() == original
    word = _body((proj / "r.docx").read_bytes())
    assert len(list(word.element.body.iter(qn("w:ins")))) == 4
    unsafe = invoke("check", "s.docx", *ARGS, "-f", "docx", "-o", "u.docx", "--fix",
                    "--unsafe-fixes", "--exit-zero", "--quiet")
    assert (unsafe.exit_code, unsafe.stderr) == (0, "")
    assert "超值好价" in text_of(decide((proj / "u.docx").read_bytes(), accept=True))


@pytest.mark.parametrize(("args", "message"), [
    (("s.docx", "--format", "docx"), "--format docx needs --output FILE"),
    (("s.docx", "s.docx", "--format", "docx", "-o", "r.docx"), "exactly one .docx file"),
    (("-", "--format", "docx", "-o", "r.docx"), "exactly one .docx file"),
    (("pack", "--format", "docx", "-o", "r.docx"), "exactly one .docx file"),
    (("pack/test.yaml", "--format", "docx", "-o", "r.docx"), "takes a .docx file"),
    (("s.docx", "--format", "docx", "-o", "s.docx"), "must not be the input"),
    (("s.docx", "--format", "docx", "-o", "r.docx", "--diff"), "cannot be combined with --diff"),
])
def test_cli_usage_errors_are_one_line(proj: Path, args: tuple[str, ...], message: str):
    out = invoke("check", *args)
    assert out.exit_code == 2
    assert out.stderr.count("\n") == 1 and message in out.stderr
    assert not (proj / "r.docx").exists()


def test_cli_unreadable_docx_writes_nothing(proj: Path):
    (proj / "bad.docx").write_bytes(b"not a zip")
    out = invoke("check", "bad.docx", *ARGS, "--format", "docx", "-o", "r.docx")
    assert out.exit_code == 2
    assert out.stderr == "rulecheck: error: bad.docx: not a readable .docx file " \
                         "(not a zip archive; damaged or truncated?)\n"
    assert not (proj / "r.docx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_the_reviewed_copy(checker: Checker, tmp_path: Path):
    data = script_docx()
    doc, findings = _check(checker, data)
    src = tmp_path / "reviewed.docx"
    src.write_bytes(review_docx(data, doc, findings, checker.rules, fix=True,
                                unsafe=True).data)
    profile = (tmp_path / "profile").as_uri()
    run = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    pdf = tmp_path / "reviewed.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")


def test_split_keeps_xml_space_and_copies_no_text(checker: Checker):
    """A run cut inside a word keeps both halves' spaces and properties."""
    d = docx.Document()
    d.add_paragraph().add_run(" 这是顶级 面料 ").bold = True
    out = io.BytesIO()
    d.save(out)
    data = out.getvalue()
    doc, findings = _check(checker, data)
    word = _body(review_docx(data, doc, findings, checker.rules).data)
    runs = [(r.text, r.bold) for r in word.paragraphs[0].runs if r.text]
    assert runs == [(" 这是", True), ("顶级", True), (" 面料 ", True)]
    assert word.paragraphs[0].text == " 这是顶级 面料 "
