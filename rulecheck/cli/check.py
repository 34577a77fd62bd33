"""`rulecheck check`: check inputs, report, fix or diff."""

from __future__ import annotations

import os
import sys
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
    fail,
    fail_lines,
    overrides,
    progress,
    read_options,
)
from rulecheck.errors import RulecheckError
from rulecheck.model import SEVERITIES
from rulecheck.reports import FORMATS
from rulecheck.reports.common import product_types, summarize
from rulecheck.safetext import display_name, for_terminal
from rulecheck.version import __version__


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
    from rulecheck import reports
    from rulecheck.baseline import load as load_baseline
    from rulecheck.config import ConfigFinder
    from rulecheck.parallel import default_jobs
    from rulecheck.runner import Planner, failed, plan, record_baseline, run_tasks

    if format == "docx":
        from rulecheck.cli.docx import usage_error

        if (why := usage_error(paths, output, input_format, diff)) is not None:
            raise fail(why)
    elif format not in reports.FORMATS:
        raise fail(f"--output-format must be one of {', '.join(reports.FORMATS)}, docx, "
                    f"not {format!r}")
    cli = overrides(rules, select, extend_select, ignore, lang, product_type, fail_on,
                     exclude, extend_exclude, respect_gitignore, force_exclude, preview)
    read = read_options(input_format, encoding, field, column)
    if fix and "-" in paths and not diff:
        raise fail("--fix cannot rewrite stdin; use `rulecheck fix -` to print the fixed text")
    if update_baseline and baseline is None:
        raise fail("--update-baseline needs --baseline FILE")
    if update_baseline and (fix or diff):
        raise fail("--update-baseline cannot be combined with --fix or --diff")
    mode = "diff" if diff else "fix" if fix and format != "docx" else "check"
    try:
        planner = Planner(ConfigFinder(config, isolated), cli)
        base = load_baseline(baseline, missing_ok=update_baseline) if baseline else None
        tasks, missing = plan(paths, planner, read, mode,
                              None if update_baseline else base, unsafe_fixes)
        if not tasks and not missing and not planner.force_excluded:
            raise fail(_nothing_to_check(paths))
        with progress(len(tasks), quiet) as bar:
            tick = None
            if bar is not None:
                job = bar.add_task("checking", total=len(tasks))

                def tick(n: int) -> None:
                    bar.advance(job, n)
                    bar.refresh()
            outcomes = run_tasks(tasks, jobs or default_jobs(), tick)
        if update_baseline and base is not None:
            recorded = record_baseline(base, outcomes)
            if not quiet:
                typer.echo(f"rulecheck: recorded {recorded} finding(s) in {baseline}", err=True)
    except RulecheckError as exc:
        raise fail_lines(exc) from None
    results = [o.result for o in outcomes] + missing
    _stderr_notes(planner, outcomes, results, quiet, verbose, base is not None
                  and not update_baseline, mode)
    if mode == "diff":
        patch = "".join(o.diff for o in outcomes)
        if patch:
            sys.stdout.write(patch)
        if any(r.error for r in results):
            raise typer.Exit(2)
        raise typer.Exit(1 if patch and not exit_zero else 0)
    if format == "docx" and output is not None:  # the input is never changed
        from rulecheck.cli.docx import write_review

        try:
            note = write_review(outcomes, output, planner.rules, fix, unsafe_fixes)
        except RulecheckError as exc:
            raise fail_lines(exc) from None
        if note and not quiet:
            typer.echo(note, err=True)
    elif quiet and statistics:
        _print_statistics(results, planner.rules)
    elif not quiet:
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        # a text report on stdout sits beside stderr, where each unreadable input has
        # its one line already: do not repeat it in the report
        shown = [r for r in results if not r.error] \
            if format == "text" and output is None else results
        rendered = reports.render(format, shown, planner.rules, color=color,
                                  show_source=show_source, statistics=statistics,
                                  tool_version=__version__, locale=locale)
        if output is not None:
            try:
                output.write_text(rendered, encoding="utf-8")
            except OSError as exc:
                raise fail(f"{output}: cannot write report: {exc.strerror}") from None
        else:
            sys.stdout.write(rendered if rendered.endswith("\n") or not rendered
                             else rendered + "\n")
    if any(r.error for r in results):
        raise typer.Exit(2)
    if failed(outcomes) and not exit_zero:
        raise typer.Exit(1)


def _nothing_to_check(paths: list[str]) -> str:
    from rulecheck.readers import EXTENSIONS

    where = ", ".join(paths) if len(paths) <= 3 else f"{', '.join(paths[:3])}, ..."
    return (f"no files to check in {where} (none ends in {', '.join(EXTENSIONS)}, "
            "or every one is hidden, excluded or git-ignored)")


def _print_statistics(results, rules) -> None:
    """The count per rule alone, most frequent first (``--statistics --quiet``)."""
    for rid, n in sorted(summarize(results)["by_rule"].items(), key=lambda kv: (-kv[1], kv[0])):
        rule = rules.get(rid)
        line = f"{n:>6}  {rid:<12} {rule.category if rule else '':<19} " \
               f"{rule.title if rule else ''}"
        typer.echo(for_terminal(line.rstrip()))


def _stderr_notes(planner, outcomes, results, quiet: bool, verbose: bool, used_baseline: bool,
                  mode: str) -> None:
    """Errors always; warnings, unused suppressions and counts unless --quiet."""
    for r in results:
        if r.error:
            typer.echo(f"rulecheck: error: {display_name(r.error)}", err=True)
    if quiet:
        return
    for w in planner.warnings:
        typer.echo(w, err=True)
    for o in outcomes:
        doc = o.result.document
        if verbose and doc is not None:
            cfg = getattr(planner.profile(o.result.path), "config", None)
            kinds = ", ".join(f"{p['type']} ({p['evidence']}, {p['source']})"
                              for p in product_types(o.result.findings)) or "not known"
            typer.echo(f"{o.result.path}: format={doc.input_format} "
                       f"encoding={doc.encoding or 'n/a'} config={cfg or 'none'} "
                       f"product={kinds}", err=True)
        if o.notice:
            typer.echo(f"rulecheck: warning: {o.notice}", err=True)
        for u in o.unused:
            typer.echo(str(u), err=True)
    if used_baseline:
        hidden = sum(o.hidden for o in outcomes)
        typer.echo(f"rulecheck: the baseline hid {hidden} finding(s)", err=True)
    if mode == "fix":
        fixed = sum(o.fixed for o in outcomes)
        files = sum(1 for o in outcomes if o.fixed)
        typer.echo(f"rulecheck: fixed {fixed} finding(s) in {files} file(s)", err=True)
