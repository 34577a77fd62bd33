"""GitHub Actions workflow commands: each finding becomes an annotation on the diff."""

from __future__ import annotations

from collections.abc import Sequence

from rulecheck.model import FileResult, Finding

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """The message part: %, CR and LF are percent-encoded (as @actions/core does)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value: as data, plus `:` and `,` which delimit properties."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, props: dict[str, object], message: str) -> str:
    body = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{kind} {body}::{escape_data(message)}" if body else \
        f"::{kind}::{escape_data(message)}"


def _annotation(f: Finding) -> str:
    props: dict[str, object] = {}
    if f.path != "-":
        props["file"] = f.path
    props.update(line=f.line, col=f.column, endLine=f.end_line, endColumn=f.end_column,
                 title=f.rule)
    message = f"{f.message} ({f.law})" if f.law else f.message
    return _command(_COMMAND.get(f.severity, "warning"), props, message)


def render_github(results: Sequence[FileResult]) -> str:
    lines: list[str] = []
    for r in results:
        lines.extend(_annotation(f) for f in r.findings)
        if r.error:
            props = {"file": r.path, "title": "rulecheck"} if r.path != "-" else \
                {"title": "rulecheck"}
            lines.append(_command("error", props, r.error))
    return "".join(line + "\n" for line in lines)
