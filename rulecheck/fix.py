"""Apply findings' fixes: each is edits plus an applicability, as in ruff.

A rule's ``replace: {safe: [...], unsafe: [...]}`` gives each finding a fix that puts
the first phrase in place of the matched words. ``--fix`` applies safe fixes only;
``--unsafe-fixes`` applies the unsafe ones too. Fixes are applied from the end of the
text to the start so earlier offsets stay valid, overlapping ones are left for the next
pass, and passes repeat (at most ``MAX_PASSES``) until no applicable fix is left,
because one replacement can reveal or remove another finding.
"""

from __future__ import annotations

import codecs
import difflib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rulecheck.errors import InputError
from rulecheck.model import Document, Finding

MAX_PASSES = 5

#: Formats whose Document.text is the file's own text, so offsets are file offsets.
FIXABLE_FORMATS: frozenset[str] = frozenset({"txt", "md", "srt", "vtt", "csv"})

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass
class FixOutcome:
    """The fixed text, what was applied, and the findings left after the last pass."""

    original: str
    text: str
    applied: int = 0
    passes: int = 0
    remaining: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.original


def fixable(doc: Document) -> str | None:
    """Why ``doc`` cannot be rewritten in place, or None when it can."""
    if doc.metadata.get("synthesized_text") or doc.input_format not in FIXABLE_FORMATS:
        return (f"{doc.path}: cannot fix a {doc.input_format} file in place "
                "(its checked text is not the file's text); apply the suggestions by hand")
    return None


def applicable(f: Finding, doc_format: str = "txt", unsafe: bool = False) -> bool:
    """Whether ``f``'s fix may be applied to a file of ``doc_format`` unattended."""
    fix = f.fix
    if fix is None or not fix.edits or (fix.applicability != "safe" and not unsafe):
        return False
    if all(f.text == e.content for e in fix.edits):
        return False
    for e in fix.edits:
        if doc_format == "csv" and any(c in e.content for c in ',"\t\r\n'):
            return False  # would change the table's shape
        if doc_format in ("srt", "vtt") and "\n" in e.content:
            return False  # a blank line would end the cue
    return True


def _span(f: Finding) -> tuple[int, int]:
    edits = f.fix.edits if f.fix else []
    return (min(e.start for e in edits), max(e.end for e in edits)) if edits \
        else (f.start, f.end)


def choose(findings: Sequence[Finding], doc_format: str = "txt", unsafe: bool = False
           ) -> list[Finding]:
    """Non-overlapping applicable fixes, earliest first (the rest wait for a later pass)."""
    chosen: list[Finding] = []
    last_end = -1
    ordered = sorted(findings, key=lambda f: (_span(f)[0], -(_span(f)[1] - _span(f)[0]),
                                               f.fix.applicability if f.fix else "", f.rule))
    for f in ordered:
        if not applicable(f, doc_format, unsafe):
            continue
        start, end = _span(f)
        if start >= last_end:
            chosen.append(f)
            last_end = max(end, start + 1)
    return chosen


def apply_edits(text: str, findings: Sequence[Finding]) -> str:
    """Every edit of the given (non-overlapping) findings' fixes, from the end backwards."""
    edits = sorted((e for f in findings if f.fix for e in f.fix.edits),
                   key=lambda e: (e.start, e.end))
    for e in reversed(edits):
        text = text[:e.start] + e.content + text[e.end:]
    return text


def apply_fixes(text: str, findings: Sequence[Finding], doc_format: str = "txt",
                unsafe: bool = False) -> tuple[str, int]:
    """Apply one pass of fixes, from the end to the start; returns (text, count)."""
    chosen = choose(findings, doc_format, unsafe)
    for f in chosen:
        if text[f.start:f.end] != f.text:
            raise ValueError(f"finding {f.rule} at {f.start} does not match the text")
    return apply_edits(text, chosen), len(chosen)


def fix_text(text: str, check: Callable[[str], list[Finding]], doc_format: str = "txt",
             max_passes: int = MAX_PASSES, unsafe: bool = False) -> FixOutcome:
    """Check, fix, re-check until nothing fixable remains or ``max_passes`` is reached."""
    out = FixOutcome(original=text, text=text)
    findings = check(text)
    while out.passes < max_passes:
        new_text, n = apply_fixes(out.text, findings, doc_format, unsafe)
        if n == 0 or new_text == out.text:
            break
        out.text, out.applied, out.passes = new_text, out.applied + n, out.passes + 1
        findings = check(out.text)
    out.remaining = findings
    return out


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``git diff``-style patch of one file (empty when nothing changes)."""
    lines = difflib.unified_diff(before.splitlines(keepends=True),
                                 after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def encode(text: str, encoding: str | None, original: bytes = b"") -> bytes:
    """Encode like the original file: same codec, same byte-order mark."""
    bom = b""
    for mark, _codec in _BOMS:
        if original.startswith(mark):
            bom = mark
            break
    codec = (encoding or "utf-8").lower()
    if codec in ("utf-8-sig", "utf_8_sig"):
        codec = "utf-8"
        bom = bom or codecs.BOM_UTF8
    try:
        return bom + text.encode(codec)
    except (UnicodeEncodeError, LookupError) as exc:
        raise InputError(f"cannot write the fixed text as {encoding}: {exc}") from None


def write_in_place(path: str, text: str, encoding: str | None) -> None:
    """Replace ``path`` atomically: write a temporary file beside it, then rename."""
    import tempfile  # here: a plain check reads this module but never writes a file

    target = Path(path)
    try:
        original = target.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    data = encode(text, encoding, original)
    try:
        mode = target.stat().st_mode
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".rulecheck",
                                   dir=target.parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
