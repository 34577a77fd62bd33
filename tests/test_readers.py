"""Readers: every format and encoding on the sample corpus, and the errors users meet."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rulecheck.errors import InputError
from rulecheck.readers import SUPPORTED_FORMATS, discover, read_bytes, read_path, read_text

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"
CUSTOM_FIELDS = {"text": "content", "start": "begin_ms", "end": "end_ms", "speaker": "role"}


def texts(doc) -> list[str]:
    """The text of each segment, pieces of one cue or cell joined."""
    out: dict[int, str] = {}
    for s in doc.segments:
        out[s.index] = out.get(s.index, "") + doc.text[s.start:s.end]
    return list(out.values())


def by_index(doc, index: int):
    return [s for s in doc.segments if s.index == index]


# --- subtitles ---------------------------------------------------------------------------


def test_srt_cues_point_at_their_text_lines_only():
    doc = read_path(SAMPLES / "stream.srt")
    assert doc.input_format == "srt" and doc.encoding == "utf-8"
    assert doc.text == (SAMPLES / "stream.srt").read_text(encoding="utf-8")
    assert len(texts(doc)) == 10
    assert texts(doc)[0] == "家人们晚上好，欢迎来到直播间！"
    assert texts(doc)[2] == "成分表大家可以看一下，\n主要是烟酰胺和透明质酸钠。"  # two-line cue
    assert texts(doc)[5] == "有问题的宝宝可以在评论区问我"  # <i> tags are not text
    for seg in doc.segments:
        assert "-->" not in doc.text[seg.start:seg.end]
        assert not doc.text[seg.start:seg.end].strip().isdigit()
    first, price = doc.segments[0], by_index(doc, 3)[0]
    assert (first.start_time, first.end_time) == (1.0, 4.2)
    assert (price.start_time, price.end_time) == (12.0, 15.8)
    assert by_index(doc, 7)[0].end_time == pytest.approx(62.05)
    assert "全网最低价" in doc.text[price.start:price.end]
    # line numbers computed on the text are the file's: cue 4's text is on line 16
    assert doc.text.count("\n", 0, price.start) + 1 == 16


def test_vtt_voices_become_speakers_and_tags_are_skipped():
    doc = read_path(SAMPLES / "stream.vtt")
    assert doc.input_format == "vtt"
    cues = texts(doc)
    assert cues[0] == "家人们晚上好，今天的福利非常多！"
    assert cues[2] == "这个价格是全网最低价，\n错过今天就没有了。"
    assert cues[3] == "原价999今天只要99，只限今晚。"  # <b> inside: several pieces, same index
    assert len(by_index(doc, 3)) == 3
    speakers = {s.index: s.speaker for s in doc.segments}
    assert speakers[0] == "主播" and speakers[1] == "助播"
    assert speakers[4] == "助播"  # <v.loud 助播>
    assert speakers[6] is None  # no voice tag
    two_voices = by_index(doc, 5)
    assert [(doc.text[s.start:s.end], s.speaker) for s in two_voices] == [
        ("它是我用过最好用的电饭煲", "主播"), ("真的好用", "助播")]
    last = by_index(doc, 6)[0]
    assert (last.start_time, last.end_time) == (83.0, 87.25)
    for seg in doc.segments:
        chunk = doc.text[seg.start:seg.end]
        assert "<" not in chunk and ">" not in chunk and "NOTE" not in chunk


def test_vtt_without_header_is_rejected():
    with pytest.raises(InputError, match=r"x\.vtt:1: not a WebVTT file"):
        read_bytes("00:01.000 --> 00:02.000\n你好\n".encode(), path="x.vtt", input_format="vtt")


def test_malformed_srt_names_the_line():
    bad = "1\n00:00:01,000 --> 00:00:02,000\n大家好\n\n2\n00:00:02,000 -> 00:00:03,000\n最好\n"
    with pytest.raises(InputError, match=r"^bad\.srt:6: malformed SRT"):
        read_bytes(bad.encode(), path="bad.srt", input_format="srt")


def test_srt_cues_without_blank_lines_between_them():
    text = "1\n00:00:01,000 --> 00:00:02,000\n你好\n2\n00:00:02,000 --> 00:00:03,500\n最好\n"
    doc = read_text(text, input_format="srt")
    assert texts(doc) == ["你好", "最好"]
    assert doc.segments[1].start_time == 2.0


# --- JSON Lines --------------------------------------------------------------------------


def test_jsonl_segments_point_into_the_file():
    doc = read_path(SAMPLES / "asr.jsonl")
    assert doc.input_format == "jsonl" and "synthesized_text" not in doc.metadata
    assert doc.text == (SAMPLES / "asr.jsonl").read_text(encoding="utf-8")
    assert len(doc.segments) == 10
    expected = [json.loads(line)["text"] for line in doc.text.splitlines()]
    assert texts(doc) == expected
    split = doc.segments[3], doc.segments[4]  # one phrase cut in two by the recognizer
    assert [doc.text[s.start:s.end] for s in split] == ["这个是全网", "最低价"]
    assert (split[0].end_time, split[1].start_time) == (9.4, 9.4)
    assert split[0].speaker == "主播" and doc.segments[6].speaker == "助播"
    assert doc.segments[7].end_time == 18.25


def test_jsonl_custom_fields_with_milliseconds_and_escapes():
    doc = read_path(SAMPLES / "asr_custom_fields.jsonl", field_map=CUSTOM_FIELDS)
    # one value has escaped quotes, so the text is rebuilt from the values
    assert doc.metadata["synthesized_text"] is True
    values = [json.loads(line)["content"]
              for line in (SAMPLES / "asr_custom_fields.jsonl").read_text("utf-8").splitlines()]
    assert doc.text == "\n".join(values)
    assert texts(doc) == values
    assert texts(doc)[3] == '包装上写着"非油炸"，大家可以放心吃'
    assert (doc.segments[1].start_time, doc.segments[1].end_time) == (3.2, 6.9)
    assert doc.segments[4].speaker == "assistant"


def test_jsonl_usual_field_names_need_no_mapping():
    mapped = read_path(SAMPLES / "asr_custom_fields.jsonl", field_map=CUSTOM_FIELDS)
    guessed = read_path(SAMPLES / "asr_custom_fields.jsonl")  # content, begin_ms, end_ms, role
    assert guessed.segments == mapped.segments and guessed.text == mapped.text


def test_jsonl_missing_text_field_is_named():
    with pytest.raises(InputError, match=r"^a\.jsonl:2: no text field \(keys: words, t\)"):
        read_text('{"text": "好"}\n{"words": "x", "t": 1}\n', path="a.jsonl",
                  input_format="jsonl")
    with pytest.raises(InputError, match=r"^a\.jsonl:1: no 'utterance' field"):
        read_text('{"text": "好"}', path="a.jsonl", input_format="jsonl",
                  field_map={"text": "utterance"})
    with pytest.raises(InputError, match=r"unknown field 'words' in the field map"):
        read_text('{"text": "好"}', path="a.jsonl", input_format="jsonl",
                  field_map={"words": "text"})


def test_jsonl_ms_variant_and_numeric_speaker():
    data = '{"text": "你好", "start_ms": 1500, "end_ms": 2250, "speaker": 2}\n'
    doc = read_text(data, input_format="jsonl")
    seg = doc.segments[0]
    assert (seg.start_time, seg.end_time, seg.speaker) == (1.5, 2.25, "2")
    assert doc.text[seg.start:seg.end] == "你好"


def test_malformed_jsonl_names_the_line():
    data = '{"text": "你好", "start": 0, "end": 1}\n\n{"text": "最好", "start": 1,\n'
    with pytest.raises(InputError, match=r"^asr\.jsonl:3: malformed JSONL"):
        read_bytes(data.encode(), path="asr.jsonl", input_format="jsonl")
    with pytest.raises(InputError, match=r"^a\.jsonl:1: field 'start'"):
        read_text('{"text": "x", "start": "soon"}', path="a.jsonl", input_format="jsonl")
    with pytest.raises(InputError, match=r"a\.jsonl:1: malformed JSONL line: not a JSON object"):
        read_text('["x"]', path="a.jsonl", input_format="jsonl")


# --- CSV ---------------------------------------------------------------------------------


def test_csv_text_column_times_and_speakers():
    doc = read_path(SAMPLES / "script.csv")
    assert doc.input_format == "csv" and doc.metadata["text_column"] == "文本"
    assert doc.text == (SAMPLES / "script.csv").read_text(encoding="utf-8")
    cells = texts(doc)
    assert len(cells) == 8
    assert cells[1] == "316不锈钢内胆，保温十二个小时，冬天喝热水很方便"  # quoted, with commas
    assert cells[4] == '大家说它是"最好用"的保温杯，我们自己也天天在用'  # doubled quotes
    assert cells[5] == "想领券的加微信，\n客服一对一发给你"  # a cell over two lines
    quoted = by_index(doc, 1)[0]
    assert doc.text[quoted.start - 1] == '"' and doc.text[quoted.end] == '"'
    third = by_index(doc, 2)[0]
    assert (third.start_time, third.end_time, third.speaker) == (15.0, 22.0, "主播")
    assert by_index(doc, 7)[0].end_time == 60.0


def test_csv_column_choice_and_missing_column():
    doc = read_path(SAMPLES / "script.csv", column="备注")
    assert texts(doc)[0] == "开场" and doc.metadata["text_column"] == "备注"
    with pytest.raises(InputError, match=r"script\.csv: no column '台词'"):
        read_path(SAMPLES / "script.csv", column="台词")


def test_csv_defaults_to_first_column_and_reads_tsv(tmp_path):
    plain = read_text("话术,时长\n全网最低价,3\n", input_format="csv")
    assert texts(plain) == ["全网最低价"] and not plain.timed
    tsv = tmp_path / "lines.tsv"
    tsv.write_text("speaker\tstart\tend\ttext\n主播\t1.5\t3\t最好用, 没有之一\n", encoding="utf-8")
    doc = read_path(tsv)
    assert texts(doc) == ["最好用, 没有之一"]
    assert (doc.segments[0].start_time, doc.segments[0].speaker) == (1.5, "主播")


def test_csv_unclosed_quote_and_bad_time_are_named():
    with pytest.raises(InputError, match=r"^s\.csv:2: malformed CSV: quoted field never closed"):
        read_text('text\n"最好\n用\n', path="s.csv", input_format="csv")
    with pytest.raises(InputError, match=r"^s\.csv:2: column 'start'"):
        read_text("start,text\nabc,最好\n", path="s.csv", input_format="csv")


# --- Word --------------------------------------------------------------------------------


def test_docx_paragraphs_and_table_cells_in_order():
    doc = read_path(SAMPLES / "script.docx")
    assert doc.input_format == "docx" and doc.metadata["synthesized_text"] is True
    cells = texts(doc)
    assert cells[0] == "冬季羽绒服专场直播脚本"
    assert "这款羽绒服是全网最低价，原价999今天只要99。" in cells
    assert cells[-1] == "以上价格以直播间页面显示为准。"
    assert cells.index("卖点") < cells.index("这是我们卖过最好用的一款羽绒服") < cells.index("售后")
    assert "" not in cells  # the empty paragraph gives no segment
    assert doc.text.split("\n")[3] == ""  # but keeps its line


def test_corrupt_docx_is_an_input_error(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes((SAMPLES / "script.docx").read_bytes()[:500])
    with pytest.raises(InputError, match=r"broken\.docx: not a readable \.docx"):
        read_path(broken)
    with pytest.raises(InputError, match="not a readable"):
        read_bytes(b"plain text", path="x.docx", input_format="docx")


# --- encodings ---------------------------------------------------------------------------


def test_gbk_file_is_decoded_as_gb18030():
    doc = read_path(SAMPLES / "script_gbk.txt")
    assert doc.encoding == "gb18030"
    assert "这款空气炸锅是全网最低价" in doc.text
    assert len(doc.segments) == 8


def test_big5_file_is_decoded_as_big5_and_matches_the_utf8_copy():
    big5 = read_path(SAMPLES / "script_big5.txt")
    utf8 = read_path(SAMPLES / "script_traditional.txt")
    assert big5.encoding == "big5" and utf8.encoding == "utf-8"
    assert big5.text == utf8.text
    assert "全網最低價" in big5.text


REALISTIC = [
    "家人们晚上好，第一次来直播间的宝宝点点关注，今天给大家带一款保湿面霜。",
    "原价九百九十九元，今天直播间只要九十九元，库存不多了，喜欢的赶紧拍。",
    "这款洗发水是我们自己工厂生产的，成分表就在这里，大家可以放大看一下。",
    "支持七天无理由退货，运费险已经给大家买好了，收到不满意直接退。",
    "想要小样的宝宝在评论区扣一，我让助理给大家登记一下。",
    "最近天气干燥，大家出门记得涂防晒，晚上回家做好清洁和补水。",
    "这个锅是不粘锅，煎鸡蛋不用放油也不会粘，洗起来特别方便。",
    "给大家看一下尺码，一米六五一百斤左右的穿中码就可以。",
]


@pytest.mark.parametrize("sentence", REALISTIC)
def test_gb18030_big5_ambiguity_resolves_on_realistic_text(sentence):
    import opencc

    traditional = opencc.OpenCC("s2tw").convert(sentence)  # Taiwan forms: all in Big5
    gbk = read_bytes(sentence.encode("gbk"))
    big5 = read_bytes(traditional.encode("big5"))
    assert (gbk.encoding, gbk.text) == ("gb18030", sentence)
    assert (big5.encoding, big5.text) == ("big5", traditional)


def test_utf16_with_bom_and_bom_stripped():
    doc = read_path(SAMPLES / "script_utf16.txt")
    assert doc.encoding == "utf-16-le"
    assert doc.text.startswith("大家好") and "\ufeff" not in doc.text
    assert doc.segments[0].start == 0
    be = read_bytes(b"\xfe\xff" + "最好用\n".encode("utf-16-be"))
    assert (be.encoding, be.text) == ("utf-16-be", "最好用\n")


def test_utf8_bom_is_stripped_and_offsets_follow_the_returned_text():
    doc = read_bytes(b"\xef\xbb\xbf" + "第一行\n全网最低价\n".encode(), input_format="txt")
    assert doc.encoding == "utf-8-sig" and doc.text == "第一行\n全网最低价\n"
    seg = doc.segments[1]
    assert doc.text[seg.start:seg.end] == "全网最低价" and seg.start == 4
    srt = read_bytes(b"\xef\xbb\xbf1\n00:00:00,000 --> 00:00:01,000\n\xe6\x9c\x80\xe5\xa5\xbd\n",
                     input_format="srt")
    assert texts(srt) == ["最好"]


def test_forced_encoding(tmp_path):
    doc = read_path(SAMPLES / "script_gbk.txt", encoding="gbk")
    assert doc.encoding == "gbk" and "全网最低价" in doc.text
    with pytest.raises(InputError, match=r"script_gbk\.txt: cannot decode as utf-8"):
        read_path(SAMPLES / "script_gbk.txt", encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_path(SAMPLES / "script_gbk.txt", encoding="klingon")
    # forcing Big5 on the Big5 file, and a BOM never becomes text
    assert read_path(SAMPLES / "script_big5.txt", encoding="big5").text.startswith("各位")
    assert read_path(SAMPLES / "script_utf16.txt", encoding="utf-16").text.startswith("大家好")


def test_evasion_sample_keeps_invisible_characters():
    doc = read_path(SAMPLES / "evasion.txt")
    assert "最\u200b好" in doc.text and "\u200d" in doc.text
    assert "ＮＯ．１" in doc.text and "加 微 信" in doc.text
    assert len(doc.segments) == 10


# --- errors and empty input --------------------------------------------------------------


def test_binary_file_is_rejected_with_its_name():
    with pytest.raises(InputError, match=r"binary\.bin: binary or undecodable"):
        read_path(SAMPLES / "binary.bin")
    with pytest.raises(InputError, match="binary"):
        read_bytes(b"\x00\x01\x02\x03\x04\x05", path="blob")


@pytest.mark.parametrize("fmt", ["txt", "md", "srt", "vtt", "jsonl", "csv"])
def test_empty_input_is_an_empty_document(fmt):
    doc = read_bytes(b"", path="empty", input_format=fmt)
    assert doc.text == "" and doc.segments == [] and doc.input_format == fmt


def test_empty_sample_file():
    doc = read_path(SAMPLES / "empty.txt")
    assert doc.text == "" and doc.segments == [] and doc.path.endswith("empty.txt")


def test_missing_file_directory_and_unknown_format(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)
    with pytest.raises(InputError, match="unknown input format 'rtf'"):
        read_path(SAMPLES / "stream.srt", input_format="rtf")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permissions are not enforced for root")
def test_permission_denied(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text("最好", encoding="utf-8")
    locked.chmod(0)
    try:
        with pytest.raises(InputError, match=r"locked\.txt: permission denied"):
            read_path(locked)
    finally:
        locked.chmod(0o600)


# --- format choice and discovery ---------------------------------------------------------


def test_format_from_extension_and_override():
    assert read_path(SAMPLES / "stream.srt", input_format="txt").input_format == "txt"
    as_text = read_path(SAMPLES / "stream.srt", input_format="txt")
    assert any("-->" in as_text.text[s.start:s.end] for s in as_text.segments)
    assert set(SUPPORTED_FORMATS) == {"txt", "md", "srt", "vtt", "jsonl", "csv", "docx",
                                      "xlsx", "pdf", "pptx"}
    assert read_path(str(SAMPLES / "stream.srt")).path == str(SAMPLES / "stream.srt")


def test_markdown_segments_skip_layout_marks():
    doc = read_text("# 标题\n\n- 全网最低价\n> 1. 最好用\n", input_format="md")
    assert texts(doc) == ["标题", "全网最低价", "最好用"]


def test_discover_walks_directories_and_reports_missing(tmp_path):
    tree = tmp_path / "in"
    shutil.copytree(SAMPLES, tree)
    (tree / ".git").mkdir()
    (tree / ".git" / "HEAD.txt").write_text("x", encoding="utf-8")
    (tree / "sub").mkdir()
    (tree / "sub" / "more.vtt").write_text("WEBVTT\n", encoding="utf-8")
    files, errors = discover([str(tree), str(tree / "binary.bin"), str(tmp_path / "gone")])
    names = [os.path.relpath(f, tree) for f in files]
    assert names[:-1] == sorted(names[:-1])
    assert "asr.jsonl" in names and "script.docx" in names and "script.csv" in names
    assert os.path.join("sub", "more.vtt") in names
    assert not any(n.startswith(".git") or n.endswith(".py") for n in names)
    assert names[-1] == "binary.bin"  # named explicitly: kept whatever its extension
    assert "make_docx.py" not in names and names.count("binary.bin") == 1
    assert errors == [f"{tmp_path / 'gone'}: no such file or directory"]


# --- properties --------------------------------------------------------------------------

CUE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(cues=st.lists(st.tuples(CUE_TEXT, st.floats(0, 36000)), max_size=8))
def test_srt_segments_always_lie_within_the_text(cues):
    blocks = []
    for i, (body, t) in enumerate(cues):
        stamp = f"{int(t // 3600):02d}:{int(t % 3600 // 60):02d}:{int(t % 60):02d},000"
        blocks.append(f"{i + 1}\n{stamp} --> {stamp}\n{body}\n")
    text = "\n".join(blocks)
    try:
        doc = read_text(text, input_format="srt")
    except InputError:
        return  # a cue body that breaks the layout is reported, never crashes
    for seg in doc.segments:
        assert 0 <= seg.start < seg.end <= len(text)
        assert "-->" not in text[seg.start:seg.end]


SAFE_LINE = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                                           blacklist_characters="<>&{"), max_size=30)


@settings(max_examples=150, deadline=None)
@given(cues=st.lists(SAFE_LINE.filter(lambda s: s.strip() and "-->" not in s
                                      and not s.strip().isdigit()), max_size=8))
def test_srt_plain_cues_round_trip(cues):
    text = "".join(f"{i + 1}\n00:00:0{i},500 --> 00:00:0{i + 1},000\n{c}\n\n"
                   for i, c in enumerate(cues))
    doc = read_text(text, input_format="srt")
    assert texts(doc) == [c.strip() for c in cues]
    assert [s.start_time for s in doc.segments] == [i + 0.5 for i in range(len(cues))]


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.tuples(st.text(max_size=30), st.floats(0, 1e5), st.booleans()),
                     max_size=8),
       ascii_only=st.booleans())
def test_jsonl_segments_always_spell_the_values(rows, ascii_only):
    lines = [json.dumps({"speaker": "主播", "text": value, "start": t,
                         "end_ms": t * 1000 if ms else None},
                        ensure_ascii=ascii_only) for value, t, ms in rows]
    text = "\n".join(lines) + "\n"
    doc = read_text(text, input_format="jsonl")
    kept = [value for value, _, _ in rows if value.strip()]
    assert texts(doc) == kept
    for seg in doc.segments:
        assert 0 <= seg.start <= seg.end <= len(doc.text)
    if not doc.metadata.get("synthesized_text"):
        assert doc.text == text
    starts = [t for value, t, _ in rows if value.strip()]
    assert [s.start_time for s in doc.segments] == starts


def test_formats_with_layout_mark_segments_as_the_only_content():
    assert read_path(SAMPLES / "script.csv").metadata["segments_only"] is True
    assert read_path(SAMPLES / "asr.jsonl").metadata["segments_only"] is True
    assert read_path(SAMPLES / "stream.srt").metadata["segments_only"] is True
    assert "segments_only" not in read_path(SAMPLES / "script_gbk.txt").metadata


def test_windows_line_breaks():
    srt = read_bytes(b"1\r\n00:00:01,000 --> 00:00:02,000\r\n\xe4\xbd\xa0\xe5\xa5\xbd\r\n\r\n",
                     input_format="srt")
    assert texts(srt) == ["你好"]
    vtt = read_text("WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\n<v 主播>最好\r\n", input_format="vtt")
    assert texts(vtt) == ["最好"] and vtt.segments[0].speaker == "主播"
    csv = read_text('text,start\r\n"全网\r\n最低价",1\r\n好,2\r\n', input_format="csv")
    assert texts(csv) == ["全网\r\n最低价", "好"]
    assert [s.start_time for s in csv.segments] == [1.0, 2.0]
    txt = read_text("第一行\r\n\r\n第三行\r\n")
    assert texts(txt) == ["第一行", "第三行"]
