"""Options and helpers every command shares: one definition of each flag, its help
and its checks, so `check`, `fix`, `watch` and `audit` cannot drift apart."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rulecheck.cli.common import (  # noqa: F401 - the commands import them from here
    check_codes,
    emit,
    fail,
    fail_lines,
    make_checker,
    overrides,
    progress,
    read_options,
    split_codes,
    split_globs,
)
from rulecheck.model import PRODUCT_TYPES


def completer(choices) -> object:
    """Shell completion of an option's fixed values."""
    return lambda incomplete: [c for c in choices if c.startswith(incomplete)]


RulesOpt = Annotated[list[Path] | None, typer.Option(
    "--rules", metavar="DIR", help="Extra rule directory (packs + lexicons/); repeatable.")]


SelectOpt = Annotated[list[str] | None, typer.Option(
    "--select", metavar="CODES",
    help="Only these rule ids, id prefixes or categories (comma-separated).")]


ExtendSelectOpt = Annotated[list[str] | None, typer.Option(
    "--extend-select", metavar="CODES",
    help="Add these rule ids, prefixes or categories to the selection.")]


IgnoreOpt = Annotated[list[str] | None, typer.Option(
    "--ignore", metavar="CODES", help="Skip these rule ids, id prefixes or categories.")]


LangOpt = Annotated[str | None, typer.Option(
    "--lang", metavar="LANG", help="auto, zh or en.", autocompletion=completer(
        ("auto", "zh", "en")))]


ProductOpt = Annotated[str | None, typer.Option(
    "--product-type", metavar="TYPE", help=f"Product type: {', '.join(PRODUCT_TYPES)}.",
    autocompletion=completer(PRODUCT_TYPES))]


UnsafeFixesOpt = Annotated[bool, typer.Option(
    "--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too (review them).")]


ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", metavar="FILE", help="Use this configuration file for every input.")]


IsolatedOpt = Annotated[bool, typer.Option(
    "--isolated", help="Ignore every configuration file.")]


InputFormatOpt = Annotated[str | None, typer.Option(
    "--input-format", metavar="FORMAT",
    help="Read inputs as txt, md, srt, vtt, jsonl, csv, docx, xlsx, pdf or pptx.",
    autocompletion=completer(("txt", "md", "srt", "vtt", "jsonl", "csv", "docx", "xlsx",
                               "pdf", "pptx")))]


EncodingOpt = Annotated[str | None, typer.Option(
    "--encoding", metavar="NAME", help="Force an input encoding.")]


FieldOpt = Annotated[list[str] | None, typer.Option(
    "--field", metavar="NAME=FIELD",
    help="JSONL/CSV field map, e.g. text=content or start=begin_ms; repeatable.")]


ColumnOpt = Annotated[str | None, typer.Option(
    "--column", metavar="NAME",
    help="CSV or .xlsx column (its header) holding the script text.")]


ExcludeOpt = Annotated[list[str] | None, typer.Option(
    "--exclude", metavar="GLOBS",
    help="Skip these files and directories when walking a directory, instead of the "
         "configured or default exclude (comma-separated globs).")]


ExtendExcludeOpt = Annotated[list[str] | None, typer.Option(
    "--extend-exclude", metavar="GLOBS",
    help="Skip these files and directories too (comma-separated globs).")]


GitignoreOpt = Annotated[bool | None, typer.Option(
    "--respect-gitignore/--no-respect-gitignore",
    help="Skip what .gitignore ignores when walking a directory (default: respect).",
    show_default=False)]


ForceExcludeOpt = Annotated[bool | None, typer.Option(
    "--force-exclude/--no-force-exclude",
    help="Apply exclude and extend-exclude to files named on the command line too "
         "(for pre-commit).", show_default=False)]


