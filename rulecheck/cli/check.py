"""`rulecheck check`: check inputs, report, fix or diff."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rulecheck.cli.app import app
from rulecheck.cli.help import Command
from rulecheck.cli.locale import LocaleOpt
from rulecheck.cli.options import (
    ColumnOpt,
    ConfigOpt,
    EncodingOpt,
    ExcludeOpt,
    ExtendExcludeOpt,
    ExtendSelectOpt,
    FieldOpt,
    ForceExcludeOpt,
    GitignoreOpt,
    IgnoreOpt,
    InputFormatOpt,
    IsolatedOpt,
    LangOpt,
    ProductOpt,
    RulesOpt,
    SelectOpt,
    UnsafeFixesOpt,
    completer,
)
from rulecheck.model import SEVERITIES
from rulecheck.reports import FORMATS


@app.command(cls=Command)
def check(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH", help="Files, directories or quoted globs to check; - for stdin.")],
    format: Annotated[str, typer.Option(
        "--output-format", "--format", "-f", metavar="FORMAT",
        help=f"Report format: {', '.join(FORMATS)}; docx: a reviewed copy of one .docx "
             "(comments, and with --fix tracked changes) written to --output.",
        autocompletion=completer((*FORMATS, "docx")))]
    = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                   help="Write the report to a file.")] = None,
    lang: LangOpt = None,
    locale: LocaleOpt = None,
    rules: RulesOpt = None,
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", metavar="SEVERITY", autocompletion=completer(SEVERITIES),
        help=f"Lowest severity that makes the exit code 1: {', '.join(SEVERITIES)} "
             "(default warning).")]
    = None,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 even when there are findings (errors still exit 2).")]
    = False,
    product_type: ProductOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    input_format: InputFormatOpt = None,
    encoding: EncodingOpt = None,
    field: FieldOpt = None,
    column: ColumnOpt = None,
    exclude: ExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    respect_gitignore: GitignoreOpt = None,
    force_exclude: ForceExcludeOpt = None,
    show_source: Annotated[bool, typer.Option(
        "--show-source/--no-show-source",
        help="Quote the sentence under each finding (text report).")] = True,
    statistics: Annotated[bool, typer.Option(
        "--statistics", help="Print a count per rule (also with --quiet).")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Print no report, only errors (and --statistics).")]
    = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Print each input's format, encoding and config on stderr.")]
    = False,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", metavar="FILE",
        help="Hide the findings recorded in this baseline file.")] = None,
    update_baseline: Annotated[bool, typer.Option(
        "--update-baseline", help="Record the current findings in the --baseline file.")]
    = False,
    fix: Annotated[bool, typer.Option(
        "--fix", help="Apply safe fixes to the files in place (--unsafe-fixes: all); with "
                      "--format docx, write them as tracked changes into the copy.")]
    = False,
    diff: Annotated[bool, typer.Option(
        "--diff", help="Print the fixes as a unified diff; change nothing.")] = False,
    unsafe_fixes: UnsafeFixesOpt = False,
    preview: Annotated[bool, typer.Option(
        "--preview", help="Also run rules whose status is preview.")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, metavar="N",
        help="Worker processes (default: the number of cores).")] = None,
) -> None:
    """Check scripts and transcripts; exit 1 when findings reach --fail-on, 2 on errors."""
    given = dict(locals())
    from rulecheck.cli.checkrun import run_check

    run_check(**given)
