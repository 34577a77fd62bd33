"""The ``--locale`` option of the commands that write HTML reports (check, audit report)."""

from __future__ import annotations

from typing import Annotated

import typer

from rulecheck.reports.locale import LOCALES


def _valid(value: str | None) -> str | None:
    """Checked as the options are parsed, before any input is read; one line, exit 2."""
    if value is not None and value not in LOCALES:
        typer.echo(f"rulecheck: error: --locale must be one of {', '.join(LOCALES)}, "
                   f"not {value!r}", err=True)
        raise typer.Exit(2)
    return value


LocaleOpt = Annotated[str | None, typer.Option(
    "--locale", metavar="LOCALE", callback=_valid,
    autocompletion=lambda incomplete: [c for c in LOCALES if c.startswith(incomplete)],
    help="Language of the HTML report: zh or en (default: zh when LC_ALL/LANG is "
         "Chinese, else the language most of the input is written in).")]
