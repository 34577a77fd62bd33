"""Turn audit sources (directories, globs, JSONL manifests) into a list of inputs.

A manifest is a ``.jsonl``/``.ndjson`` file whose first record has a string ``path``
and no ``text`` (an ASR transcript has ``text``); its other keys (anchor, room,
platform, date, product_type, product, ...) become the document's metadata. Paths in
a manifest are relative to the manifest's directory.
"""

from __future__ import annotations

import glob
import json
import os
from dataclasses import dataclass, field
from typing import Any

from rulecheck import readers
from rulecheck.errors import InputError


@dataclass(frozen=True)
class Source:
    """One file to audit, with what the manifest says about it."""

    path: str
    metadata: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


def key(path: str) -> str:
    """The identity of a document in the store: its absolute, normalized path."""
    return os.path.normpath(os.path.abspath(path))


def _first_record(path: str) -> Any:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            for line in fh:
                if line.strip():
                    return json.loads(line)
    except (OSError, ValueError):
        return None
    return None


def is_manifest(path: str) -> bool:
    """Whether a JSONL file lists inputs rather than holding a transcript."""
    if readers.detect_format(path) != "jsonl" or not os.path.isfile(path):
        return False
    rec = _first_record(path)
    return isinstance(rec, dict) and isinstance(rec.get("path"), str) and "text" not in rec


def read_manifest(path: str) -> list[Source]:
    """The inputs a manifest lists; a malformed line is a one-line InputError."""
    base = os.path.dirname(os.path.abspath(path))
    out: list[Source] = []
    with open(path, encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise InputError(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(rec, dict) or not isinstance(rec.get("path"), str):
                raise InputError(f"{path}:{number}: a manifest record needs a string 'path'")
            meta = {k: v for k, v in rec.items() if k != "path"}
            out.append(Source(key(os.path.join(base, rec["path"])), meta))
    return out


def collect(specs: list[str]) -> tuple[list[Source], list[str]]:
    """Every input the sources name, once each (first mention wins), plus the errors
    for sources that name nothing."""
    found: dict[str, Source] = {}
    errors: list[str] = []

    def add(src: Source) -> None:
        found.setdefault(src.path, src)

    for spec in specs:
        if is_manifest(spec):
            for src in read_manifest(spec):
                add(src)
            continue
        if glob.has_magic(spec) and not os.path.exists(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                errors.append(f"{spec}: the pattern matches no file")
            files, _ = readers.discover(matches)
        else:
            files, missing = readers.discover([spec])
            errors.extend(missing)
        for f in files:
            if f == spec or not is_manifest(f):  # a manifest inside a directory is no input
                add(Source(key(f)))
    return list(found.values()), errors
