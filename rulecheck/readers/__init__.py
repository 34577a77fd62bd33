"""Input readers: bytes or files in, a ``Document`` (original text + segments) out.

Every reader keeps ``Document.text`` equal to the decoded input whenever the
checked text is written verbatim in it, so offsets, lines and columns computed
on it refer to the file. .docx, .xlsx, .pdf, .pptx and JSONL with escaped strings
synthesize their text; they say so with ``metadata["synthesized_text"] = True``, and
the segments of run sheets, PDFs and decks carry their ``location`` in the source.
Subtitles, JSONL and CSV also hold text that must never be checked (cue
numbers, timings, JSON keys, other columns): their documents carry
``metadata["segments_only"] = True``, meaning only the segment spans are content.
Every failure is an ``InputError`` whose one-line message names the input.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from rulecheck.errors import InputError
from rulecheck.model import Document
from rulecheck.readers.encoding import decode
from rulecheck.readers.files import is_regular, kind_of, read_regular
from rulecheck.safetext import display_name, scrub

SUPPORTED_FORMATS: tuple[str, ...] = ("txt", "md", "srt", "vtt", "jsonl", "csv", "docx",
                                      "xlsx", "pdf", "pptx")
#: Formats read from bytes by a library, never decoded as text.
BINARY_FORMATS = frozenset({"docx", "xlsx", "pdf", "pptx"})

#: File extension -> input format; anything else named explicitly is read as text.
EXTENSIONS: dict[str, str] = {
    ".txt": "txt", ".text": "txt",
    ".md": "md", ".markdown": "md",
    ".srt": "srt",
    ".vtt": "vtt",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".docx": "docx",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".pdf": "pdf",
    ".pptx": "pptx",
}

#: Extensions of binary formats people pass by mistake -> what they are. Named on the
#: command line they are refused in one line, instead of read as undecodable text.
UNSUPPORTED: dict[str, str] = {
    ".doc": "Word 97-2003 (.doc)", ".rtf": "RTF", ".odt": "OpenDocument text",
    ".pages": "Pages", ".xls": "Excel 97-2003 (.xls)", ".ppt": "PowerPoint 97-2003 (.ppt)",
    ".epub": "EPUB", ".zip": "ZIP", ".gz": "gzip", ".7z": "7z",
    ".rar": "RAR", ".png": "PNG image", ".jpg": "JPEG image", ".jpeg": "JPEG image",
    ".gif": "GIF image", ".webp": "WebP image", ".mp3": "MP3 audio", ".wav": "WAV audio",
    ".m4a": "M4A audio", ".aac": "AAC audio", ".flac": "FLAC audio", ".mp4": "MP4 video",
    ".mov": "QuickTime video", ".mkv": "Matroska video", ".webm": "WebM video",
    ".flv": "Flash video",
}

#: Formats whose text around the segments is layout or data, not words to check.
_SEGMENTS_ONLY = frozenset({"srt", "vtt", "jsonl", "csv"})

__all__ = ["EXTENSIONS", "SUPPORTED_FORMATS", "UNSUPPORTED", "detect_format", "discover",
           "read_bytes", "read_path", "read_text"]


def detect_format(path: str | os.PathLike[str]) -> str:
    """The input format a file's extension implies (``txt`` when it implies none)."""
    return EXTENSIONS.get(Path(path).suffix.lower(), "txt")


def _check_format(input_format: str, path: str) -> str:
    fmt = input_format.lower().lstrip(".")
    fmt = EXTENSIONS.get("." + fmt, fmt)  # accept "markdown", "ndjson", "tsv"
    if fmt not in SUPPORTED_FORMATS:
        raise InputError(f"{path}: unknown input format {input_format!r} "
                         f"(expected one of {', '.join(SUPPORTED_FORMATS)})")
    return fmt


def read_text(text: str, *, path: str = "-", input_format: str = "txt",
              encoding: str | None = None, field_map: dict[str, str] | None = None,
              column: str | None = None) -> Document:
    """Read text that is already decoded (``encoding`` is only recorded)."""
    fmt = _check_format(input_format, path)
    if text.startswith("\ufeff"):
        text = text[1:]
    text = scrub(text)  # lone surrogates cannot be encoded by anything downstream
    if fmt in BINARY_FORMATS:
        raise InputError(f"{path}: a .{fmt} file must be read as bytes, not text")
    # each reader is imported when a file of its format comes (the PDF reader alone
    # imports logging and zipfile): a check of a text script pays for none of the others
    if fmt in ("txt", "md"):
        from rulecheck.readers import txt

        doc = txt.read(text, path, markdown=fmt == "md")
    elif fmt == "srt":
        from rulecheck.readers import srt

        doc = srt.read(text, path)
    elif fmt == "vtt":
        from rulecheck.readers import vtt

        doc = vtt.read(text, path)
    elif fmt == "jsonl":
        from rulecheck.readers import jsonl

        doc = jsonl.read(text, path, field_map)
    else:
        from rulecheck.readers import table

        delimiter = "\t" if str(path).lower().endswith(".tsv") else None
        doc = table.read(text, path, column=column, field_map=field_map, delimiter=delimiter)
    doc.encoding = encoding
    if fmt in _SEGMENTS_ONLY:
        doc.metadata["segments_only"] = True
    return doc


def read_bytes(data: bytes, *, path: str = "-", input_format: str = "txt",
               encoding: str | None = None, field_map: dict[str, str] | None = None,
               column: str | None = None) -> Document:
    """Read raw input (stdin, an upload): decode it, then parse it as ``input_format``."""
    fmt = _check_format(input_format, path)
    if fmt == "docx":
        from rulecheck.readers import word

        return word.read(data, path)
    if fmt == "xlsx":
        from rulecheck.readers import xlsx

        return xlsx.read(data, path, column=column, field_map=field_map)
    if fmt == "pdf":
        from rulecheck.readers import pdf

        return pdf.read(data, path)
    if fmt == "pptx":
        from rulecheck.readers import pptx

        return pptx.read(data, path)
    decoded = decode(data, path, encoding)
    return read_text(decoded.text, path=path, input_format=fmt, encoding=decoded.encoding,
                     field_map=field_map, column=column)


def read_path(path: str | os.PathLike[str], *, input_format: str | None = None,
              encoding: str | None = None, field_map: dict[str, str] | None = None,
              column: str | None = None) -> Document:
    """Read a file; the format comes from its extension unless ``input_format`` is given."""
    name = os.fspath(path)
    kind = UNSUPPORTED.get(Path(name).suffix.lower()) if input_format is None else None
    if kind is not None:
        raise InputError(f"{name}: {kind} is not a supported input format "
                         f"(supported: {', '.join(SUPPORTED_FORMATS)})")
    data = read_regular(name)
    return read_bytes(data, path=name, input_format=input_format or detect_format(name),
                      encoding=encoding, field_map=field_map, column=column)


def discover(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """Expand directories into their readable files; name the paths that do not exist.

    Directories are walked recursively in sorted order, skipping hidden entries
    (.git, .venv, .DS_Store) and files without a known extension. A file named
    explicitly is kept whatever its extension. Each file appears once. What is not a
    regular file (a FIFO, a link to a device) is never read: it is named in the
    errors, so the other inputs are still checked.
    """
    files: list[str] = []
    errors: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.normpath(p)
        if key not in seen:
            seen.add(key)
            files.append(p)

    for p in paths:
        p = os.fspath(p)
        if os.path.isdir(p):
            found, not_regular = walk(p)
            for f in found:
                add(f)
            errors.extend(not_regular)
        elif os.path.lexists(p) and not os.path.exists(p):
            errors.append(f"{display_name(p)}: broken symbolic link")
        elif os.path.exists(p):
            if is_regular(p):
                add(p)
            else:
                errors.append(not_regular_message(p))
        else:
            errors.append(f"{display_name(p)}: no such file or directory")
    return files, errors


def walk(top: str, skip: Callable[[Path, bool], bool] | None = None
         ) -> tuple[list[str], list[str]]:
    """The checkable files under the directory ``top``, sorted, and a message for each one
    that is not a regular file. Hidden entries and unknown extensions are passed over, and
    so is what ``skip(resolved path, is a directory)`` says to leave out."""
    real_top = Path(top).resolve() if skip is not None else None
    found: list[str] = []
    for root, dirs, names in os.walk(top):
        real_dir = real_top / os.path.relpath(root, top) if real_top is not None else None
        dirs[:] = [d for d in dirs if not d.startswith(".")
                   and not (skip is not None and skip(real_dir / d, True))]
        found.extend(os.path.join(root, n) for n in names
                     if not n.startswith(".") and Path(n).suffix.lower() in EXTENSIONS
                     and not (skip is not None and skip(real_dir / n, False)))
    files: list[str] = []
    errors: list[str] = []
    for f in sorted(found):
        if is_regular(f):
            files.append(f)
        else:
            errors.append(not_regular_message(f))
    return files, errors


def not_regular_message(path: str) -> str:
    """The one line that says an input was skipped because it is a FIFO, device, folder…"""
    try:
        what = kind_of(os.stat(path).st_mode)
    except OSError:
        what = "unreadable"
    return f"{display_name(path)}: skipped ({what}, not a regular file)"
