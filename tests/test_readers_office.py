"""Run sheets (.xlsx), PDF scripts and decks (.pptx): what is read, where each finding sits
in the source, and one-line errors for damaged, scanned, locked or unreadable files.

Workbooks and decks are built here with openpyxl and python-pptx; the PDF with a text
layer is tests/data/script.pdf, printed once by Chromium from script.pdf.html.
"""

from __future__ import annotations

import base64
import datetime
import io
import json
import random
import sys
import zipfile
from pathlib import Path

import pytest

from rulecheck import readers
from rulecheck.errors import InputError
from rulecheck.readers import archive
from tests.test_cli import TEST_IDS, invoke, write_pack

openpyxl = pytest.importorskip("openpyxl")
pypdf = pytest.importorskip("pypdf")
pptx = pytest.importorskip("pptx")
from pptx.util import Inches  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
BASE = ("--rules", "pack", "--select", TEST_IDS, "--format", "json")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, pack_store: Path) -> Path:
    """One project for the module: the rulebook with its pack is compiled once."""
    root = tmp_path_factory.mktemp("office")
    write_pack(root, pack_store)
    return root


@pytest.fixture
def proj(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working directory whose ``pack`` is the module's pack."""
    (tmp_path / "pack").symlink_to(project / "pack")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def workbook(*sheets: tuple[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def deck() -> bytes:
    prs = pptx.Presentation()
    first = prs.slides.add_slide(prs.slide_layouts[1])
    first.shapes.title.text = "618大促"
    first.placeholders[1].text = "这款面霜是顶级好货\n第二段"
    group = first.shapes.add_group_shape()
    box = group.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(1))
    box.text_frame.text = "组内：销量第一"
    table = first.shapes.add_table(2, 2, Inches(1), Inches(3), Inches(4), Inches(1)).table
    table.cell(0, 0).text = "价格"
    table.cell(1, 1).text = "秒杀全网"
    second = prs.slides.add_slide(prs.slide_layouts[5])
    second.shapes.title.text = "福利"
    second.notes_slide.notes_text_frame.text = "口播：今天全网最低，错过不再有"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def texts(doc) -> list[str]:
    return [doc.text[s.start:s.end] for s in doc.segments]


RUN_SHEET = [
    ["XX品牌618直播脚本"],
    [],
    ["时间", "环节", "话术", "价格", "备注"],
    [datetime.time(20, 0), "开场", "欢迎来到直播间，顶级好货！", 99, "【场控】上链接"],
    ["20:05", "福利", "这款是销量第一\n的面霜", None, "顶级：不要说"],
    ["20:10", "收尾", 42, None, None],
]


# -- .xlsx ------------------------------------------------------------------------------

def test_run_sheet_reads_the_script_column_with_each_cell_located():
    doc = readers.read_bytes(workbook(("Sheet1", RUN_SHEET)), path="run.xlsx",
                             input_format="xlsx")
    # the title above the header, the header, notes, times and numbers are not speech
    assert texts(doc) == ["欢迎来到直播间，顶级好货！", "这款是销量第一\n的面霜"]
    assert [s.location for s in doc.segments] == [
        {"sheet": "Sheet1", "row": 4, "column": "C", "cell": "C4"},
        {"sheet": "Sheet1", "row": 5, "column": "C", "cell": "C5"}]
    assert doc.input_format == "xlsx" and doc.metadata["synthesized_text"]
    assert doc.text.splitlines()[0] == "欢迎来到直播间，顶级好货！"  # one cell per line


def test_column_option_names_the_speech_column_and_a_missing_one_is_an_error():
    data = workbook(("Sheet1", RUN_SHEET), ("Other", [["Script"], ["hello"]]))
    doc = readers.read_bytes(data, path="run.xlsx", input_format="xlsx", column="备注")
    assert texts(doc) == ["【场控】上链接", "顶级：不要说"]
    assert {s.location["column"] for s in doc.segments} == {"E"}
    with pytest.raises(InputError) as err:
        readers.read_bytes(data, path="run.xlsx", input_format="xlsx", column="台本")
    assert str(err.value) == "run.xlsx: no sheet has a column '台本' in its header row"


def test_without_a_header_every_text_cell_is_read_in_sheet_row_column_order():
    wide = [None] * 26 + ["AA列：第一"]
    data = workbook(("B", [["Limited time only", "顶级"], wide]), ("A", [[None, "秒杀全网"]]))
    doc = readers.read_bytes(data, path="x.xlsx", input_format="xlsx")
    assert texts(doc) == ["Limited time only", "顶级", "AA列：第一", "秒杀全网"]
    assert [s.location["cell"] for s in doc.segments] == ["A1", "B1", "AA2", "B1"]
    assert [s.location["sheet"] for s in doc.segments] == ["B", "B", "B", "A"]
    assert doc.metadata["sheets"] == ["B", "A"]


def test_header_without_a_script_column_skips_notes_clock_and_speaker_columns():
    rows = [["Time", "Host", "Role", "Notes"],
            ["20:00", "The best cream ever", "主播", "tell the truth"],
            ["20:05", "Lowest price", "助播", None]]
    doc = readers.read_bytes(workbook(("Run", rows)), path="run.xlsx", input_format="xlsx")
    assert texts(doc) == ["The best cream ever", "Lowest price"]
    assert [s.speaker for s in doc.segments] == ["主播", "助播"]


def test_check_reports_the_cell_in_text_and_json(proj: Path):
    (proj / "run.xlsx").write_bytes(workbook(("Sheet1", RUN_SHEET)))
    out = invoke("check", "run.xlsx", *BASE)
    assert out.exit_code == 1, out.stderr
    found = {(f["rule"], f["text"]): f["segment"]["location"]["cell"]
             for f in json.loads(out.stdout)["findings"]}
    assert found == {("AD-ZH-901", "顶级"): "C4", ("AD-ZH-903", "第一"): "C5"}
    text = invoke("check", "run.xlsx", *BASE[:-2]).stdout
    assert "    at: Sheet1!C4" in text and "    at: Sheet1!C5" in text


def test_fix_refuses_a_run_sheet_in_one_line(proj: Path):
    (proj / "run.xlsx").write_bytes(workbook(("Sheet1", RUN_SHEET)))
    before = (proj / "run.xlsx").read_bytes()
    out = invoke("check", "run.xlsx", "--fix", *BASE)
    assert out.exit_code != 0
    assert out.stderr.splitlines()[0] == (
        "rulecheck: warning: run.xlsx: not fixed: cannot fix a xlsx file in place "
        "(its checked text is not the file's text); apply the suggestions by hand")
    assert (proj / "run.xlsx").read_bytes() == before


def test_csv_segments_carry_their_row_and_column():
    doc = readers.read_text("时间,话术\n1,顶级\n\n2,\"第一\"\"名\"\"\"\n", input_format="csv")
    assert [s.location for s in doc.segments] == [
        {"row": 2, "column": "B"}, {"row": 4, "column": "B"}, {"row": 4, "column": "B"}]


# -- .pdf -------------------------------------------------------------------------------

def test_pdf_lines_are_located_by_page_and_a_wrapped_phrase_is_found(proj: Path):
    doc = readers.read_path(DATA / "script.pdf")
    assert doc.input_format == "pdf" and doc.metadata["pages"] == 2
    assert {s.location["page"] for s in doc.segments} == {1, 2}
    assert "全网\n最低价" in doc.text  # a line wrapped inside the phrase
    (proj / "script.pdf").write_bytes((DATA / "script.pdf").read_bytes())
    out = invoke("check", "script.pdf", *BASE)
    assert out.exit_code == 1, out.stderr
    (finding,) = [f for f in json.loads(out.stdout)["findings"] if f["rule"] == "PR-ZH-904"]
    assert finding["text"] == "全网\n最低"
    assert finding["segment"]["location"] == {"page": 1}
    assert "    at: page 1" in invoke("check", "script.pdf", *BASE[:-2]).stdout


def _pdf(write) -> bytes:
    writer = pypdf.PdfWriter()
    write(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_scanned_pdf_says_it_has_no_text_layer():
    blank = _pdf(lambda w: w.add_blank_page(width=200, height=200))
    with pytest.raises(InputError) as err:
        readers.read_bytes(blank, path="scan.pdf", input_format="pdf")
    assert str(err.value) == "scan.pdf: no text layer (scanned PDF?); nothing to check"


def test_encrypted_pdf_is_refused_unless_it_opens_without_a_password():
    def locked(user: str):
        def write(w) -> None:
            w.append(pypdf.PdfReader(DATA / "script.pdf"))
            w.encrypt(user_password=user, owner_password="owner", algorithm="AES-128")
        return _pdf(write)

    with pytest.raises(InputError) as err:
        readers.read_bytes(locked("secret"), path="locked.pdf", input_format="pdf")
    assert str(err.value) == "locked.pdf: encrypted PDF (it needs a password); not read"
    # locked against editing only: anyone may read it, and so do we
    doc = readers.read_bytes(locked(""), path="ro.pdf", input_format="pdf")
    assert "全网\n最低价" in doc.text


# -- .pptx ------------------------------------------------------------------------------

def test_deck_reads_shapes_groups_tables_and_speaker_notes():
    doc = readers.read_bytes(deck(), path="deck.pptx", input_format="pptx")
    assert texts(doc) == ["618大促", "这款面霜是顶级好货", "第二段", "组内：销量第一", "价格",
                          "秒杀全网", "福利", "口播：今天全网最低，错过不再有"]
    where = dict(zip(texts(doc), (s.location for s in doc.segments), strict=True))
    assert where["618大促"] == {"slide": 1, "shape": "Title 1"}
    assert where["秒杀全网"]["row"] == 2 and where["秒杀全网"]["column"] == 2
    assert where["组内：销量第一"]["slide"] == 1
    notes = where["口播：今天全网最低，错过不再有"]
    assert notes["slide"] == 2 and notes["notes"] is True
    assert doc.metadata["slides"] == 2


def test_finding_in_speaker_notes_says_so(proj: Path):
    (proj / "deck.pptx").write_bytes(deck())
    out = invoke("check", "deck.pptx", *BASE)
    assert out.exit_code == 1, out.stderr
    by_rule = {f["rule"]: f["segment"]["location"] for f in json.loads(out.stdout)["findings"]}
    assert by_rule["PR-ZH-904"]["notes"] is True and by_rule["PR-ZH-904"]["slide"] == 2
    assert "notes" not in by_rule["AD-ZH-901"]
    assert "    at: slide 2 (speaker notes)" in invoke("check", "deck.pptx", *BASE[:-2]).stdout


# -- damaged files, missing libraries ---------------------------------------------------

def _damaged() -> list[tuple[str, bytes]]:
    rng = random.Random(7)
    xlsx, ppt, pdf = workbook(("S", RUN_SHEET)), deck(), (DATA / "script.pdf").read_bytes()
    cases = [("noise.xlsx", rng.randbytes(300)), ("noise.pptx", rng.randbytes(300)),
             ("noise.pdf", b"%PDF-1.4\n" + rng.randbytes(300)), ("empty.xlsx", b""),
             ("empty.pdf", b""), ("deck.xlsx", ppt), ("sheet.pptx", xlsx)]
    for name, data in (("cut.xlsx", xlsx), ("cut.pptx", ppt), ("cut.pdf", pdf)):
        cases += [(name, data[:n]) for n in (10, len(data) // 3, len(data) - 40)]
    # a zip holding a few random parts under the names the readers look for
    for name in ("parts.xlsx", "parts.pptx"):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            for part in ("[Content_Types].xml", "xl/workbook.xml", "ppt/presentation.xml"):
                zf.writestr(part, rng.randbytes(64))
        cases.append((name, out.getvalue()))
    return cases


@pytest.mark.parametrize("name,data", _damaged(), ids=lambda v: v if isinstance(v, str) else "")
def test_damaged_files_are_one_line_errors(name: str, data: bytes):
    try:
        doc = readers.read_bytes(data, path=name, input_format=readers.detect_format(name))
    except InputError as exc:
        message = str(exc)
        assert message.startswith(f"{name}: ") and "\n" not in message and len(message) < 200
    else:  # pypdf repairs some cut PDFs; what it reads is then a document like any other
        assert name.endswith(".pdf") and doc.segments


def test_a_bad_file_stops_only_itself(proj: Path):
    (proj / "noise.xlsx").write_bytes(random.Random(1).randbytes(200))
    (proj / "a.txt").write_text("顶级好货。\n", encoding="utf-8")
    out = invoke("check", "noise.xlsx", "a.txt", *BASE)
    assert out.exit_code == 2
    assert out.stderr.strip() == ("rulecheck: error: noise.xlsx: not a readable .xlsx file "
                                  "(not a zip archive; damaged or truncated?)")
    assert {f["path"] for f in json.loads(out.stdout)["findings"]} == {"a.txt"}


def test_archive_bombs_are_refused_before_unpacking(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(archive, "MAX_EXPANDED_BYTES", 1000)
    with pytest.raises(InputError, match=r"^big\.xlsx: not read: it expands to \d+ bytes"):
        readers.read_bytes(workbook(("S", RUN_SHEET)), path="big.xlsx", input_format="xlsx")


@pytest.mark.parametrize("fmt,module", [("xlsx", "openpyxl"), ("pdf", "pypdf"),
                                        ("pptx", "pptx")])
def test_missing_library_names_the_extra(monkeypatch: pytest.MonkeyPatch, fmt: str,
                                         module: str):
    monkeypatch.setitem(sys.modules, module, None)  # import now raises ImportError
    data = {"xlsx": lambda: workbook(("S", RUN_SHEET)), "pptx": deck,
            "pdf": (DATA / "script.pdf").read_bytes}[fmt]()
    with pytest.raises(InputError) as err:
        readers.read_bytes(data, path=f"x.{fmt}", input_format=fmt)
    assert str(err.value).startswith(f"x.{fmt}: reading .{fmt} files needs the ")
    assert str(err.value).endswith('install it with: pip install "rulecheck[office]"')


def test_server_reads_an_uploaded_run_sheet(bundled_checker):
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from rulecheck.server import create_app

    data = workbook(("Sheet1", [["话术"], ["全网最低价，错过再等一年"]]))
    with TestClient(create_app(bundled_checker, warm_up=False)) as client:
        r = client.post("/v1/check-file", json={
            "filename": "run.xlsx", "content_base64": base64.b64encode(data).decode()})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["document"]["input_format"] == "xlsx" and body["findings"]
    assert {f["segment"]["location"]["cell"] for f in body["findings"]} == {"A2"}
