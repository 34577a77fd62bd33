"""Write script.docx, a live-stream script as brands send it: headings, talk, a table.

Run from anywhere: ``python corpora/samples/make_docx.py`` (needs python-docx).
The .docx is committed too; this script documents and regenerates it.
"""

from __future__ import annotations

from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent

PARAGRAPHS = [
    "开场：家人们晚上好，欢迎来到直播间，今天给大家带来一款羽绒服。",
    "这款羽绒服是全网最低价，原价999今天只要99。",
    "",
    "面料防风防水，九十鸭绒，零下二十度也不怕冷。",
    "想要尺码表的加微信，助理发给你。",
    "最近降温很快，大家注意保暖。",
]

TABLE = [
    ("环节", "话术"),
    ("卖点", "这是我们卖过最好用的一款羽绒服"),
    ("售后", "支持七天无理由退货，运费险已经给大家买好了"),
]


def main() -> None:
    document = docx.Document()
    document.add_heading("冬季羽绒服专场直播脚本", level=1)
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    table = document.add_table(rows=len(TABLE), cols=2)
    for row, cells in zip(table.rows, TABLE, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("以上价格以直播间页面显示为准。")
    document.save(str(HERE / "script.docx"))


if __name__ == "__main__":
    main()
