"""Report formats: each one over the same hand-built findings (overlaps, a timed
segment, a fix, an unreadable input), checked by parsing what it prints."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rulecheck.engine.fixes import span_fix, suggestions
from rulecheck.model import Document, FileResult, Finding, Segment, SegmentRef
from rulecheck.reports import FORMATS, render, summarize
from rulecheck.reports.github import escape_data, escape_property
from rulecheck.reports.highlight import Highlighter, Span
from rulecheck.reports.sarif import artifact_uri
from rulecheck.rulebook.rule import Examples, Replacement, Replacements, Rule

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

SCRIPT = (
    "这款面霜是全网最好用的面霜。\n"
    "原价999元，今天只要99元，只有今天！\n"
    "想要的加微信 <script>alert(1)</script> & 100%\n"
)
SRT = (
    "1\n00:00:12,000 --> 00:00:15,800\n今天是全网最低价，\n\n"
    "2\n00:00:15,800 --> 00:00:19,300\n错过再等一年。\n"
)


def _rule(rule_id: str, category: str, severity: str, title: str, law: str, *,
          advice: tuple[str, ...] = (), safe: tuple[str, ...] = ()) -> Rule:
    return Rule(id=rule_id, category=category, family="test_family", severity=severity,
                lang="zh", title=title, law=law, message="“{match}”不得使用。", match='"x"',
                examples=Examples(bad=["x"], good=["y"]), description=f"{title}：说明。",
                advice=list(advice), replace=Replacements(safe=[Replacement(x) for x in safe]))


RULES: dict[str, Rule] = {r.id: r for r in (
    _rule("AD-ZH-001", "advertising", "error", "“最”字绝对化用语", "《广告法》第九条第（三）项",
          safe=("很好", "口碑很好"), advice=("说自己的真实感受",)),
    _rule("AD-ZH-002", "advertising", "warning", "全网类宣称", "《广告法》第九条第（三）项"),
    _rule("PR-ZH-001", "pricing", "warning", "被比较价格", "《明码标价和禁止价格欺诈规定》第十九条",
          advice=("划线价为前7日最低成交价XX元",)),
    _rule("PR-ZH-002", "pricing", "warning", "悬殊的价格对比", "《价格法》第十四条第（四）项"),
    _rule("PR-ZH-020", "pricing", "error", "全网最低价", "《价格法》第十四条第（四）项"),
    _rule("PR-ZH-032", "pricing", "warning", "错过再等", "《价格法》第十四条第（四）项"),
    # EC-ZH-001 is deliberately missing: reports must cope with a rule they were not given
)}


def _find(doc: Document, rule_id: str, needle: str, *, end_needle: str | None = None,
          severity: str | None = None, category: str | None = None,
          message: str | None = None, segment: SegmentRef | None = None,
          notes: tuple[str, ...] = ()) -> Finding:
    """A finding on the first `needle` (through `end_needle` when given), located
    exactly the way the engine locates findings."""
    text = doc.text
    start = text.index(needle)
    end = start + len(needle) if end_needle is None else \
        text.index(end_needle, start) + len(end_needle)

    def pos(i: int) -> tuple[int, int]:
        line = text.count("\n", 0, i) + 1
        return line, i - (text.rfind("\n", 0, i) + 1) + 1

    (line, col), (end_line, end_col) = pos(start), pos(end)
    rule = RULES.get(rule_id)
    ctx_start = text.rfind("\n", 0, start) + 1
    ctx_end = text.find("\n", end)
    return Finding(
        path=doc.path, rule=rule_id, category=category or (rule.category if rule else "x"),
        family="test_family", severity=severity or (rule.severity if rule else "info"),
        title=rule.title if rule else "引导私下交易",
        law=rule.law if rule else "《电子商务法》第三十五条",
        message=message or f"“{text[start:end]}”不得使用。", start=start, end=end, line=line,
        column=col, end_line=end_line, end_column=end_col, text=text[start:end],
        context=text[ctx_start:ctx_end if ctx_end >= 0 else len(text)],
        suggestions=suggestions(rule.replace, text[start:end]) if rule else [],
        advice=list(rule.advice) if rule else [],
        fix=span_fix(rule.replace, start, end, text[start:end]) if rule else None,
        segment=segment, notes=list(notes))


def sample_results() -> list[FileResult]:
    """Four inputs: a script with nested and crossing findings, a timed transcript with
    a finding across two cues, an unreadable file and a clean file."""
    script = Document(text=SCRIPT, path="脚本/直播 稿,v1.txt", encoding="utf-8")
    script_findings = [
        _find(script, "AD-ZH-002", "全网最好用"),                # contains the next one
        _find(script, "AD-ZH-001", "最好", notes=("evasion: inserted separator",)),
        _find(script, "PR-ZH-001", "原价999"),                   # crosses the next one
        _find(script, "PR-ZH-002", "999元", end_needle="只要99"),
        _find(script, "EC-ZH-001", "加微信", category="ecommerce", severity="info",
              message="“加微信”引导私下交易 <b>注意</b> & 100%\n第二行"),
    ]
    seg0_start = SRT.index("今天")
    seg1_start = SRT.index("错过")
    cues = [Segment(0, seg0_start, SRT.index("\n", seg0_start), 12.0, 15.8, "主播"),
            Segment(1, seg1_start, SRT.index("\n", seg1_start), 15.8, 19.3, "主播")]
    srt = Document(text=SRT, path="live/stream.srt", input_format="srt", encoding="utf-8",
                   segments=cues)
    srt_findings = [
        _find(srt, "PR-ZH-020", "全网最低价",
              segment=SegmentRef(0, 12.0, 15.8, "主播")),
        _find(srt, "PR-ZH-032", "最低价", end_needle="错过",
              segment=SegmentRef(0, 12.0, 19.3, "主播", end_index=1)),
    ]
    clean = Document(text="最近天气干燥。\n", path="clean.txt")
    return [
        FileResult(path=script.path, document=script, findings=script_findings),
        FileResult(path=srt.path, document=srt, findings=srt_findings),
        FileResult(path="bad.bin", error="bad.bin: binary or undecodable content"),
        FileResult(path=clean.path, document=clean),
    ]


@pytest.fixture
def results() -> list[FileResult]:
    return sample_results()


def _all(results: list[FileResult]) -> list[Finding]:
    return [f for r in results for f in r.findings]


def test_samples_are_located_like_engine_findings(results):
    for r in results:
        for f in r.findings:
            assert r.document is not None and r.document.text[f.start:f.end] == f.text


def test_summary_counts(results):
    s = summarize(results)
    assert s == {
        "files": 3, "files_with_findings": 2, "errors": 1, "findings": 7,
        "by_severity": {"error": 2, "warning": 4, "info": 1},
        "by_category": {"ecommerce": 1, "advertising": 2, "pricing": 4},
        "by_rule": {"AD-ZH-001": 1, "AD-ZH-002": 1, "EC-ZH-001": 1, "PR-ZH-001": 1,
                    "PR-ZH-002": 1, "PR-ZH-020": 1, "PR-ZH-032": 1},
    }


def test_every_format_renders_results_and_nothing(results):
    for fmt in FORMATS:
        assert isinstance(render(fmt, results, RULES), str)
        assert isinstance(render(fmt, [], {}), str)
    with pytest.raises(ValueError, match="unknown report format"):
        render("pdf", results, RULES)


def test_json_shape(results):
    out = render("json", results, RULES, tool_version="9.9.9")
    assert "全网最好用" in out  # not \u-escaped
    doc = json.loads(out)
    assert list(doc) == ["version", "summary", "findings", "errors", "documents"]
    assert [d["path"] for d in doc["documents"]] == [r.path for r in results if r.error is None]
    assert all(isinstance(d["product_types"], list) for d in doc["documents"])
    assert doc["version"] == "9.9.9" and doc["summary"] == summarize(results)
    assert doc["findings"] == [f.to_dict() for f in _all(results)]
    assert doc["errors"] == [{"path": "bad.bin",
                              "message": "bad.bin: binary or undecodable content"}]
    cross = doc["findings"][-1]
    assert cross["segment"] == {"index": 0, "start_time": 12.0, "end_time": 19.3,
                                "speaker": "主播", "end_index": 1, "location": None}


def test_jsonl_one_object_per_line(results):
    lines = render("jsonl", results, RULES).splitlines()
    objs = [json.loads(line) for line in lines]
    assert objs[:-1] == [f.to_dict() for f in _all(results)]
    assert objs[-1] == {"type": "error", "path": "bad.bin",
                        "message": "bad.bin: binary or undecodable content"}


def test_sarif_validates_and_locates(results):
    doc = json.loads(render("sarif", results, RULES, tool_version="1.2.3"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "rulecheck" and driver["version"] == "1.2.3"
    ids = [d["id"] for d in driver["rules"]]
    assert ids == sorted({f.rule for f in _all(results)})
    ad1 = driver["rules"][ids.index("AD-ZH-001")]
    assert ad1["name"] == "“最”字绝对化用语"
    assert ad1["fullDescription"]["text"] == "“最”字绝对化用语：说明。"
    assert "《广告法》第九条第（三）项" in ad1["help"]["text"]
    assert "- 口碑很好" in ad1["help"]["markdown"]
    assert ad1["properties"]["category"] == "advertising"
    assert ad1["properties"]["law"] == "《广告法》第九条第（三）项"
    assert ad1["defaultConfiguration"]["level"] == "error"
    ec1 = driver["rules"][ids.index("EC-ZH-001")]  # not in RULES: built from the finding
    assert ec1["defaultConfiguration"]["level"] == "note"
    assert run["columnKind"] == "unicodeCodePoints"

    findings = _all(results)
    assert len(run["results"]) == len(findings)
    for res, f in zip(run["results"], findings, strict=True):
        assert ids[res["ruleIndex"]] == res["ruleId"] == f.rule
        loc = res["locations"][0]["physicalLocation"]
        region = loc["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"],
                region["endColumn"]) == (f.line, f.column, f.end_line, f.end_column)
        assert (region["charOffset"], region["charLength"]) == (f.start, f.end - f.start)
        assert res["properties"]["category"] == f.category and res["properties"]["law"] == f.law
        assert res["partialFingerprints"]
    first = run["results"][0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "%E8%84%9A%E6%9C%AC/%E7%9B%B4%E6%92%AD%20%E7%A8%BF%2Cv1.txt"
    with_fix = [r for r in run["results"] if "fixes" in r]
    assert [r["ruleId"] for r in with_fix] == ["AD-ZH-001"]
    rep = with_fix[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    f = findings[1]
    assert rep["deletedRegion"]["charOffset"] == f.start
    assert rep["deletedRegion"]["charLength"] == 2 and rep["insertedContent"]["text"] == "很好"
    timed = run["results"][-1]["properties"]["segment"]
    assert timed["start_time"] == 12.0 and timed["speaker"] == "主播"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert [n["message"]["text"] for n in notes] == ["bad.bin: binary or undecodable content"]


def test_sarif_uris():
    assert artifact_uri("a/b c.txt") == "a/b%20c.txt"
    assert artifact_uri("/tmp/直播.txt") == "file:///tmp/%E7%9B%B4%E6%92%AD.txt"
    assert artifact_uri("C:\\scripts\\a.txt") == "file:///C:/scripts/a.txt"
    assert artifact_uri("-") == "stdin"


def test_csv_round_trip(results):
    rows = list(csv.DictReader(io.StringIO(render("csv", results, RULES))))
    findings = _all(results)
    assert len(rows) == len(findings) + 1
    for row, f in zip(rows[:-1], findings, strict=True):
        assert row["path"] == f.path and row["rule"] == f.rule and row["text"] == f.text
        assert (int(row["line"]), int(row["column"]), int(row["end_line"]),
                int(row["end_column"])) == (f.line, f.column, f.end_line, f.end_column)
        assert row["message"] == f.message and row["law"] == f.law
        assert row["suggestions"].split(" | ") == (f.suggestions or [""])
    assert rows[0]["family"] == "test_family"
    srt_row = rows[5]
    assert (srt_row["start_time"], srt_row["end_time"], srt_row["speaker"]) == \
        ("00:00:12.000", "00:00:15.800", "主播")
    assert rows[-1]["path"] == "bad.bin" and rows[-1]["rule"] == ""
    assert rows[-1]["severity"] == "error" and "binary" in rows[-1]["message"]


def test_junit_parses_with_failures_errors_and_passes(results):
    root = ET.fromstring(render("junit", results, RULES).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == [r.path for r in results]
    script = suites["脚本/直播 稿,v1.txt"]
    cases = script.findall("testcase")
    assert len(cases) == 5 and script.get("tests") == "5"
    assert script.get("failures") == "4"  # the info finding passes
    info = [c for c in cases if c.get("name").startswith("EC-ZH-001")][0]
    assert info.find("failure") is None and "加微信" in info.find("system-out").text
    failure = cases[1].find("failure")
    assert failure is not None and "《广告法》" in failure.text
    bad = suites["bad.bin"]
    assert bad.get("errors") == "1" and bad.find("testcase/error") is not None
    clean = suites["clean.txt"].findall("testcase")
    assert len(clean) == 1 and list(clean[0]) == []
    assert root.get("tests") == "9" and root.get("failures") == "6" and root.get("errors") == "1"


def test_github_escaping():
    assert escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_github_commands(results):
    lines = render("github", results, RULES).splitlines()
    assert len(lines) == len(_all(results)) + 1
    assert lines[0] == ("::warning file=脚本/直播 稿%2Cv1.txt,line=1,col=6,endLine=1,"
                        "endColumn=11,title=AD-ZH-002::“全网最好用”不得使用。 "
                        "(《广告法》第九条第（三）项)")
    assert lines[1].startswith("::error ")
    info = lines[4]
    assert info.startswith("::notice ") and info.endswith(
        "::“加微信”引导私下交易 <b>注意</b> & 100%25%0A第二行 (《电子商务法》第三十五条)")
    assert lines[-1] == ("::error file=bad.bin,title=rulecheck::"
                         "bad.bin: binary or undecodable content")
    assert all("\n" not in line and "\r" not in line for line in lines)


def test_text_report_plain(results):
    out = render("text", results, RULES)
    assert "\x1b" not in out
    assert ("脚本/直播 稿,v1.txt:1:6  WARNING  AD-ZH-002  [advertising]  “全网最好用”不得使用。"
            in out.splitlines())
    assert "    law: 《广告法》第九条第（三）项" in out
    assert "    suggest: 很好 / 口碑很好" in out
    assert "    fix: Replace “最好” with “很好” (safe)" in out
    assert "    advice: 说自己的真实感受" in out
    assert "    note: evasion: inserted separator" in out
    assert "    at: 00:00:12.000–00:00:15.800  主播" in out
    assert "这款面霜是全网最好用的面霜。" in out
    assert "bad.bin: binary or undecodable content" in out
    assert "7 finding(s) in 3 file(s): 2 error, 4 warning, 1 info" in out
    assert "findings per rule" not in out
    assert all(line == line.rstrip() for line in out.splitlines())


def test_text_report_statistics_and_no_source(results):
    out = render("text", results, RULES, statistics=True, show_source=False)
    assert "findings per rule" in out and "PR-ZH-032" in out.split("findings per rule")[1]
    assert "这款面霜是全网最好用的面霜。" not in out


def test_text_report_color_underlines_the_span(results):
    out = render("text", results, RULES, color=True)
    assert "\x1b[" in out
    # each context line underlines exactly its finding, in the severity's colour
    # (SGR 4 underline; 31 red for errors, 33 yellow for warnings)
    assert "这款面霜是全网\x1b[4;31m最好\x1b[0m用的面霜。" in out
    assert "原价\x1b[4;33m999元，今天只要99\x1b[0m元" in out


class _Balance(HTMLParser):
    """Fails on any end tag that does not close the innermost open element."""

    VOID = {"meta", "input", "br", "hr", "img", "link", "rect", "path", "circle"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.marks = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.marks += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-6:])
        self.stack.pop()


def test_html_is_self_contained_balanced_and_escaped(results):
    page = render("html", results, RULES, locale="en")
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*//""", page)
    assert page.count("<script") == 1 and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>注意</b>" not in page and "&lt;b&gt;注意&lt;/b&gt;" in page
    parser = _Balance()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    assert parser.marks == page.count("<mark ") == len(_all(results))
    for f in _all(results):
        assert page.count(f'<mark class="finding sev-{f.severity} cat-{f.category}"') >= 1
        assert f'data-rule="{f.rule}"' in page
    # the transcript shows times and speakers, the chart counts every category
    assert "00:00:12.000" in page and "主播" in page
    assert page.count('<div class="bar cat-') == 7
    assert "No findings — show the text" in page  # the clean file
    assert "1 input could not be read" in page


def test_html_marks_are_continued_not_duplicated(results):
    page = render("html", results, RULES)
    # PR-ZH-002 crosses PR-ZH-001 and PR-ZH-032 runs across two cues: each is one
    # <mark> plus continuation spans carrying the same finding key
    for rule in ("PR-ZH-002", "PR-ZH-032"):
        key = re.search(rf'<li class="item [^"]*" id="(f\d+)" data-rule="{rule}"', page)
        assert key and page.count(f'id="m-{key.group(1)}"') == 1, rule
        assert page.count(f'class="finding sev-warning cat-pricing cont" '
                          f'data-finding="{key.group(1)}"') >= 1


def _strip_tags(fragment: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab最好<&\n", min_size=1, max_size=30),
       st.lists(st.tuples(st.integers(0, 30), st.integers(1, 10)), max_size=6),
       st.integers(1, 30))
def test_highlighter_balances_any_overlap(text, raw, cut):
    spans = [Span(key=f"k{i}", start=min(a, len(text) - 1),
                  end=min(min(a, len(text) - 1) + n, len(text)), classes="finding")
             for i, (a, n) in enumerate(raw)]
    hl = Highlighter(text, spans)
    cut = min(cut, len(text))
    html_rows = [hl.row(0, cut), hl.row(cut, len(text))]
    for row in html_rows:
        parser = _Balance()
        parser.feed(row)
        parser.close()
        assert parser.stack == []
    joined = "".join(html_rows)
    assert _strip_tags(joined) == text
    assert joined.count("<mark ") == len(spans)


def test_pieces_of_one_segment_share_a_row():
    # a CSV cell 大家说它是"最好用"的 is read as three pieces of segment 0 around the ""
    text = '1,"大家说它是""最好用""的杯子"\n'
    a = text.index("大")
    b = text.index('"', a) + 1
    c = b + 1 + text[b + 1:].index('"') + 1
    cell_end = text.index('"\n')
    segs = [Segment(0, a, b, 1.0, 2.0, "主播"), Segment(0, b + 1, c, 1.0, 2.0, "主播"),
            Segment(0, c + 1, cell_end, 1.0, 2.0, "主播")]
    doc = Document(text=text, path="t.csv", segments=segs, input_format="csv")
    f = _find(doc, "AD-ZH-001", "最好")
    g = _find(doc, "PR-ZH-032", "是", end_needle="最好")  # runs across the "" escape
    page = render("html", [FileResult(path="t.csv", document=doc, findings=[f, g])], RULES)
    rows = re.findall(r'<li data-n="[^"]*"[^>]*>(.*?)</li>', page)
    assert len(rows) == 1 and _strip_tags(rows[0]).endswith('大家说它是"最好用"的杯子')
    assert page.count("<mark ") == 2
    assert "<q>是&quot;最好</q>" in page  # the two pieces, not the "" escape
