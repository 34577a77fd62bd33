"""Check many inputs: discover files, read each, check it, never stop at a bad one."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from rulecheck.engine.checker import Checker
from rulecheck.errors import InputError
from rulecheck.model import FileResult


@dataclass
class ReadOptions:
    input_format: str | None = None
    encoding: str | None = None
    field_map: dict[str, str] = field(default_factory=dict)
    column: str | None = None


def check_one(path: str, checker: Checker, read: ReadOptions, lang: str = "auto",
              product_type: str | None = None) -> FileResult:
    from rulecheck import readers

    try:
        if path == "-":
            doc = readers.read_bytes(sys.stdin.buffer.read(), path="-",
                                     input_format=read.input_format or "txt",
                                     encoding=read.encoding, field_map=read.field_map or None,
                                     column=read.column)
        else:
            doc = readers.read_path(path, input_format=read.input_format,
                                    encoding=read.encoding, field_map=read.field_map or None,
                                    column=read.column)
    except InputError as exc:
        return FileResult(path=path, error=str(exc))
    findings = checker.check_document(doc, lang=lang, product_type=product_type)
    return FileResult(path=path, document=doc, findings=findings)


def expand_inputs(paths: Iterable[str]) -> tuple[list[str], list[FileResult]]:
    """Files to check, plus results for inputs that do not exist (reported, not dropped)."""
    from rulecheck import readers

    plain = [p for p in paths if p != "-"]
    files, errors = readers.discover(plain)
    ordered = (["-"] if "-" in paths else []) + files
    return ordered, [FileResult(path="", error=e) for e in errors]


def check_paths(paths: Iterable[str], checker: Checker, read: ReadOptions | None = None,
                lang: str = "auto", product_type: str | None = None) -> list[FileResult]:
    read = read or ReadOptions()
    files, missing = expand_inputs(list(paths))
    results = [check_one(p, checker, read, lang, product_type) for p in files]
    return results + missing
