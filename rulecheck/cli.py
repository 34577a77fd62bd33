"""The `rulecheck` command: a thin typer layer over the library API."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from rulecheck import __version__
from rulecheck.cli_audit import audit_app
from rulecheck.cli_help import Command, Group, problem_lines
from rulecheck.cli_locale import LocaleOpt
from rulecheck.errors import RulecheckError
from rulecheck.model import CATEGORIES, PRODUCT_TYPES, SEVERITIES
from rulecheck.reports import FORMATS
from rulecheck.reports.common import product_types, summarize
from rulecheck.safetext import display_name, for_terminal

app = typer.Typer(cls=Group, no_args_is_help=True,
                  help="Check live-commerce marketing scripts and transcripts against the law.")
rules_app = typer.Typer(cls=Group, no_args_is_help=True,
                        help="List, test and lint the rulebook.")
app.add_typer(rules_app, name="rules")
app.add_typer(audit_app, name="audit")


def _fail(message: str) -> typer.Exit:
    """The error on stderr, one line per problem, with control characters and file
    names that are not UTF-8 escaped."""
    for line in problem_lines(message):
        typer.echo(f"rulecheck: error: {line}", err=True)
    return typer.Exit(2)


def _split_codes(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    out = [c.strip() for v in values for c in v.split(",") if c.strip()]
    return out or None


def _checker(rules_dirs: list[Path] | None, select=None, ignore=None):
    from rulecheck.engine.checker import Checker

    return Checker(rules_dirs=[str(d) for d in rules_dirs or []], select=select, ignore=ignore)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rulecheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    pass


def _completer(choices) -> object:
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
    "--lang", metavar="LANG", help="auto, zh or en.", autocompletion=_completer(
        ("auto", "zh", "en")))]
ProductOpt = Annotated[str | None, typer.Option(
    "--product-type", metavar="TYPE", help=f"Product type: {', '.join(PRODUCT_TYPES)}.",
    autocompletion=_completer(PRODUCT_TYPES))]
UnsafeFixesOpt = Annotated[bool, typer.Option(
    "--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too (review them).")]
ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", metavar="FILE", help="Use this configuration file for every input.")]
IsolatedOpt = Annotated[bool, typer.Option(
    "--isolated", help="Ignore every configuration file.")]
InputFormatOpt = Annotated[str | None, typer.Option(
    "--input-format", metavar="FORMAT",
    help="Read inputs as txt, md, srt, vtt, jsonl, csv, docx, xlsx, pdf or pptx.",
    autocompletion=_completer(("txt", "md", "srt", "vtt", "jsonl", "csv", "docx", "xlsx",
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


def _read_options(input_format: str | None, encoding: str | None, fields: list[str] | None,
                  column: str | None):
    from rulecheck.runner import ReadOptions

    pairs = []
    for item in fields or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise _fail(f"--field takes NAME=FIELD (e.g. text=content), not {item!r}")
        pairs.append((key.strip(), value.strip()))
    return ReadOptions(input_format=input_format, encoding=encoding, field_map=tuple(pairs),
                       column=column)


def _split_globs(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [g.strip() for v in values for g in v.split(",") if g.strip()]


def _overrides(rules, select, extend_select, ignore, lang, product_type, fail_on,
               exclude=None, extend_exclude=None, respect_gitignore=None, force_exclude=None,
               preview=False):
    from rulecheck.globmatch import GlobError, compile_glob
    from rulecheck.runner import Overrides

    if lang is not None and lang not in ("auto", "zh", "en"):
        raise _fail(f"--lang must be auto, zh or en, not {lang!r}")
    if fail_on is not None and fail_on not in SEVERITIES:
        raise _fail(f"--fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    if product_type is not None and product_type not in PRODUCT_TYPES:
        raise _fail(f"--product-type must be one of {', '.join(PRODUCT_TYPES)}")
    globs = {"--exclude": _split_globs(exclude), "--extend-exclude": _split_globs(extend_exclude)}
    for option, patterns in globs.items():
        for g in patterns or []:
            try:
                compile_glob(g)
            except GlobError as exc:
                raise _fail(f"{option}: bad glob {g!r}: {exc}") from None
    return Overrides(select=_split_codes(select), extend_select=_split_codes(extend_select) or [],
                     ignore=_split_codes(ignore) or [],
                     rules_dirs=[str(Path(d).resolve()) for d in rules or []],
                     lang=lang, product_type=product_type, fail_on=fail_on,
                     exclude=globs["--exclude"], extend_exclude=globs["--extend-exclude"] or [],
                     respect_gitignore=respect_gitignore, force_exclude=force_exclude,
                     preview=preview)


def _fail_lines(exc: RulecheckError) -> typer.Exit:
    """A user error as one line per problem (a rule pack can have several)."""
    return _fail(str(exc) or type(exc).__name__)


def _check_codes(book_rules, option_codes: dict[str, list[str] | None]) -> None:
    """Exit 2 with one line for the first code that names no rule, prefix or category
    of ``book_rules`` (rule id -> compiled rule), with a did-you-mean hint."""
    from rulecheck.config import unknown_codes
    from rulecheck.engine.selection import unknown_code_message, valid_codes

    rules = {rid: getattr(cr, "rule", cr) for rid, cr in book_rules.items()}
    valid = valid_codes(rules)
    for option, codes in option_codes.items():
        bad = unknown_codes(rules, codes or [], valid)
        if bad:
            raise _fail(f"{option}: {unknown_code_message(bad[0], valid)}")


def _progress(total: int, quiet: bool):
    """A progress bar on stderr for long runs on a terminal; else nothing."""
    import contextlib

    if quiet or total <= 5 or not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    return Progress("checking", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True, auto_refresh=False)


@app.command(cls=Command)
def check(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH", help="Files, directories or quoted globs to check; - for stdin.")],
    format: Annotated[str, typer.Option(
        "--output-format", "--format", "-f", metavar="FORMAT",
        help=f"Report format: {', '.join(FORMATS)}; docx: a reviewed copy of one .docx "
             "(comments, and with --fix tracked changes) written to --output.",
        autocompletion=_completer((*FORMATS, "docx")))]
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
        "--fail-on", metavar="SEVERITY", autocompletion=_completer(SEVERITIES),
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
        from rulecheck.cli_docx import usage_error

        if (why := usage_error(paths, output, input_format, diff)) is not None:
            raise _fail(why)
    elif format not in reports.FORMATS:
        raise _fail(f"--output-format must be one of {', '.join(reports.FORMATS)}, docx, "
                    f"not {format!r}")
    cli = _overrides(rules, select, extend_select, ignore, lang, product_type, fail_on,
                     exclude, extend_exclude, respect_gitignore, force_exclude, preview)
    read = _read_options(input_format, encoding, field, column)
    if fix and "-" in paths and not diff:
        raise _fail("--fix cannot rewrite stdin; use `rulecheck fix -` to print the fixed text")
    if update_baseline and baseline is None:
        raise _fail("--update-baseline needs --baseline FILE")
    if update_baseline and (fix or diff):
        raise _fail("--update-baseline cannot be combined with --fix or --diff")
    mode = "diff" if diff else "fix" if fix and format != "docx" else "check"
    try:
        planner = Planner(ConfigFinder(config, isolated), cli)
        base = load_baseline(baseline, missing_ok=update_baseline) if baseline else None
        tasks, missing = plan(paths, planner, read, mode,
                              None if update_baseline else base, unsafe_fixes)
        if not tasks and not missing and not planner.force_excluded:
            raise _fail(_nothing_to_check(paths))
        with _progress(len(tasks), quiet) as bar:
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
        raise _fail_lines(exc) from None
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
        from rulecheck.cli_docx import write_review

        try:
            note = write_review(outcomes, output, planner.rules, fix, unsafe_fixes)
        except RulecheckError as exc:
            raise _fail_lines(exc) from None
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
                raise _fail(f"{output}: cannot write report: {exc.strerror}") from None
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


@app.command("fix", cls=Command)
def fix_command(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A file to fix, or - for stdin.")],
    lang: LangOpt = None,
    rules: RulesOpt = None,
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    product_type: ProductOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    input_format: InputFormatOpt = None,
    encoding: EncodingOpt = None,
    field: FieldOpt = None,
    column: ColumnOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")]
    = False,
    unsafe_fixes: UnsafeFixesOpt = False,
) -> None:
    """Print the script with every safe fix applied (the file itself is not changed)."""
    from rulecheck.config import ConfigFinder
    from rulecheck.fix import encode
    from rulecheck.runner import Planner, plan, run_task

    cli = _overrides(rules, select, extend_select, ignore, lang, product_type, None)
    read = _read_options(input_format, encoding, field, column)
    try:
        planner = Planner(ConfigFinder(config, isolated), cli)
        tasks, missing = plan([path], planner, read, "stdout", unsafe_fixes=unsafe_fixes)
        if missing:
            raise _fail_lines(RulecheckError(missing[0].error))
        if len(tasks) != 1:
            raise _fail(f"{path}: give one file (or -), not a directory")
        outcome = run_task(tasks[0])
        if outcome.result.error:
            raise _fail(outcome.result.error)
        doc = outcome.result.document
        data = encode(outcome.fixed_text or "", doc.encoding if doc else None)
    except RulecheckError as exc:
        raise _fail_lines(exc) from None
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    if not quiet:
        for w in planner.warnings:
            typer.echo(w, err=True)
        for u in outcome.unused:
            typer.echo(str(u), err=True)
        typer.echo(f"rulecheck: fixed {outcome.fixed} finding(s); "
                   f"{len(outcome.result.findings)} left without a "
                   f"{'' if unsafe_fixes else 'safe '}fix", err=True)


@app.command("config", cls=Command)
def config_command(
    path: Annotated[str | None, typer.Argument(
        metavar="PATH", help="A file or directory (default: the current directory).")] = None,
    show: Annotated[bool, typer.Option("--show", help="Print the resolved settings.")] = True,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    rules: RulesOpt = None,
) -> None:
    """Show the settings that apply to PATH and the file they come from."""
    from rulecheck.config import ConfigFinder, describe
    from rulecheck.runner import Overrides, Planner

    target = path or "."
    try:
        finder = ConfigFinder(config, isolated)
        probe = str(Path(target) / "_") if Path(target).is_dir() else target
        settings = finder.for_path(probe)
        planner = Planner(finder, Overrides(
            rules_dirs=[str(Path(d).resolve()) for d in rules or []]))
        profile = planner.profile(probe)
    except RulecheckError as exc:
        raise _fail_lines(exc) from None
    enabled = len(profile.spec.select) if profile.spec.select is not None else len(planner.rules)
    typer.echo(describe(settings, target, file_ignores=list(profile.file_ignores)
                        if Path(target).is_file() else None))
    typer.echo(f"# {enabled} of {len(planner.rules)} rules enabled")
    for w in planner.warnings:
        typer.echo(w, err=True)


@rules_app.command("list", cls=Command)
def rules_list(
    rules: RulesOpt = None,
    category: Annotated[str | None, typer.Option(
        metavar="CATEGORY", help="Only this category.",
        autocompletion=_completer(CATEGORIES))] = None,
    lang: Annotated[str | None, typer.Option(metavar="LANG", help="Only zh or en rules.",
                                             autocompletion=_completer(("zh", "en")))]
    = None,
    format: Annotated[str, typer.Option(
        "--output-format", "--format", "-f", metavar="FORMAT", help="text or json.",
        autocompletion=_completer(("text", "json")))] = "text",
) -> None:
    """List the rules: id, severity, category, title, law."""
    if category is not None and category not in CATEGORIES:
        raise _fail(f"--category must be one of {', '.join(CATEGORIES)}")
    checker = _checker(rules)
    chosen = [r for _, r in sorted(checker.rules.items())
              if (category is None or r.category == category) and (lang is None or r.lang == lang)]
    if format == "json":
        typer.echo(json.dumps([{
            "id": r.id, "category": r.category, "family": r.family, "severity": r.severity,
            "lang": r.lang, "title": r.title, "law": r.law, "source": r.source,
        } for r in chosen], ensure_ascii=False, indent=2))
        return
    if format != "text":
        raise _fail("--format must be text or json")
    for r in chosen:
        typer.echo(f"{r.id:<12} {r.severity:<8} {r.category:<19} {r.title}  {r.law}")
    typer.echo(f"{len(chosen)} rules")


@rules_app.command("test", cls=Command)
def rules_test(
    rules: RulesOpt = None,
    select: Annotated[list[str] | None, typer.Option(
        metavar="CODES", help="Only rules matching these ids, prefixes or categories.")]
    = None,
) -> None:
    """Check every rule's examples: each bad one flagged by the rule, no good one."""
    from rulecheck.engine.selection import is_selected
    from rulecheck.ruletest import run_rule_tests

    checker = _checker(rules)
    codes = _split_codes(select)
    _check_codes(checker.rulebook.rules, {"--select": codes})
    ids = [rid for rid, r in sorted(checker.rules.items())
           if is_selected(r, codes, None, preview=True)]
    report = run_rule_tests(checker, ids)
    for failure in report.failures:
        typer.echo(str(failure))
    ok = report.examples - report.failed
    typer.echo(f"{report.rules} rules, {report.examples} examples: "
               f"{ok} passed, {report.failed} failed")
    if report.failures:
        raise typer.Exit(1)


@rules_app.command("schema", cls=Command)
def rules_schema(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write the schema to a file.")] = None,
) -> None:
    """Print the JSON Schema of rule packs (for editors: yaml-language-server)."""
    import json

    from rulecheck.rulebook.packschema import pack_schema

    text = json.dumps(pack_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _fail(f"{output}: cannot write: {exc.strerror}") from None


@rules_app.command("docs", cls=Command)
def rules_docs(
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="DIR", help="Folder of the catalogue.")] = Path("docs/rules"),
    check: Annotated[bool, typer.Option(
        "--check", help="Change nothing; exit 1 when the catalogue is out of date.")] = False,
    rules: RulesOpt = None,
) -> None:
    """Write the rule catalogue: one Markdown page per rule, and an index."""
    from rulecheck import catalogue

    found = {rid: cr.rule for rid, cr in _checker(rules).rulebook.rules.items()}
    if check:
        behind = catalogue.stale(output, found)
        for name in behind:
            typer.echo(f"{output / name}: out of date", err=True)
        if behind:
            typer.echo("rulecheck: run `rulecheck rules docs` to regenerate the catalogue",
                       err=True)
            raise typer.Exit(1)
        typer.echo(f"{output}: {len(found)} rule pages up to date")
        return
    try:
        written = catalogue.write(output, found)
    except OSError as exc:
        raise _fail(f"{output}: cannot write: {exc.strerror}") from None
    typer.echo(f"{output}: wrote {written} pages")


@rules_app.command("lint", cls=Command)
def rules_lint(rules: RulesOpt = None) -> None:
    """Warn about rules without anchors, duplicate matches, thin examples, unused lexicons."""
    from rulecheck.rulebook.lint import lint_rulebook

    checker = _checker(rules)
    issues = lint_rulebook(checker.rulebook)
    for issue in issues:
        typer.echo(str(issue))
    typer.echo(f"{len(checker.rules)} rules, {len(checker.rulebook.lexicons)} lexicons: "
               f"{len(issues)} warning(s)")
    if issues:
        raise typer.Exit(1)


@app.command("watch", cls=Command)
def watch_command(
    source: Annotated[str, typer.Argument(
        metavar="SOURCE", help="ASR segments: a file, or - for stdin.")] = "-",
    follow: Annotated[bool, typer.Option("--follow", "-F",
                                         help="Follow the file as it grows (tail -f).")] = False,
    input_kind: Annotated[str, typer.Option(
        "--input", metavar="KIND", help="auto, jsonl or lines.",
        autocompletion=_completer(("auto", "jsonl", "lines")))] = "auto",
    format: Annotated[str, typer.Option(
        "--output-format", "--format", "-f", metavar="FORMAT", help="jsonl or text.",
        autocompletion=_completer(("jsonl", "text")))] = "jsonl",
    lang: LangOpt = None, product_type: ProductOpt = None, rules: RulesOpt = None,
    select: SelectOpt = None, ignore: IgnoreOpt = None, fields: FieldOpt = None,
    idle_timeout: Annotated[float | None, typer.Option(
        metavar="SECONDS",
        help="With --follow: stop after this many seconds without new text "
             "(default: follow until interrupted with Ctrl-C).")] = None,
) -> None:
    """Check live ASR segments as they arrive and print each finding at once."""
    from rulecheck.watch import watch

    if idle_timeout is not None and not idle_timeout > 0:
        raise _fail(f"--idle-timeout must be a number of seconds above 0, not {idle_timeout}")
    overrides = _overrides(rules, select, None, ignore, lang, product_type, None)
    read = _read_options(None, None, fields, None)
    checker = _checker(rules, overrides.select, overrides.ignore)
    _check_codes(checker.rulebook.rules, {"--select": overrides.select,
                                          "--ignore": overrides.ignore})
    if follow and source == "-":
        raise _fail("--follow needs a file to follow, not stdin")
    stream = None
    if not follow and source != "-":
        try:
            stream = open(source, encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise _fail(f"{source}: cannot read: {exc.strerror}") from None
    try:
        watch(sys.stdin if source == "-" and not follow else stream, sys.stdout, checker,
              input_kind=input_kind, output_format=format, lang=lang or "auto",
              product_type=product_type, follow_path=source if follow else None,
              field_map=dict(read.field_map) or None, idle_timeout=idle_timeout)
    finally:
        if stream is not None:
            stream.close()


@app.command("serve", cls=Command)
def serve_command(
    host: Annotated[str, typer.Option(metavar="ADDRESS",
                                      help="Address to bind (loopback by default).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port to listen on.")] = 8000,
    rules: RulesOpt = None,
    max_body_bytes: Annotated[int, typer.Option(metavar="BYTES",
                                                help="Largest request body.")] = 1_000_000,
    max_segments: Annotated[int, typer.Option(metavar="N",
                                              help="Most segments per request.")] = 500,
    request_timeout: Annotated[float, typer.Option(
        metavar="SECONDS", help="Seconds a check may take.")] = 10.0,
    max_sessions: Annotated[int, typer.Option(
        metavar="N", help="Concurrent WebSocket sessions.")] = 100,
    body_timeout: Annotated[float, typer.Option(
        metavar="SECONDS", help="Seconds a request body may take to arrive.")] = 10.0,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", metavar="HOST",
        help="A host name clients reach the server by (besides the "
             "loopback names and --host); * for any. Repeatable.")] = None,
    allowed_origin: Annotated[list[str] | None, typer.Option(
        "--allowed-origin", metavar="ORIGIN",
        help="A web origin (https://example.com) whose pages may open "
             "the WebSocket. Repeatable.")] = None,
    isolation: Annotated[str, typer.Option(
        metavar="MODE", autocompletion=_completer(("process", "thread")),
        help="Where checks run: process (worker processes, killed at the deadline; no "
             "check can stall the server) or thread (threads of the server process).")]
    = "process",
    workers: Annotated[int, typer.Option(
        metavar="N", help="Checks run at once (worker processes or threads).", min=1)] = 4,
) -> None:
    r"""Serve the HTTP + WebSocket API and the web page (needs rulecheck\[server])."""
    from rulecheck.server import serve
    from rulecheck.server.guard import LOOPBACK_HOSTS

    if isolation not in ("process", "thread"):
        raise _fail(f"--isolation must be process or thread, not {isolation!r}")
    bound = () if host in ("0.0.0.0", "::", "") else (host,)
    serve(host=host, port=port, checker=_checker(rules), max_body_bytes=max_body_bytes,
          max_segments=max_segments, request_timeout_s=request_timeout,
          max_sessions=max_sessions, body_timeout_s=body_timeout,
          allowed_hosts=(*LOOPBACK_HOSTS, *bound, *(allowed_host or ())),
          allowed_origins=tuple(allowed_origin or ()), isolation=isolation, workers=workers)


@app.command("lsp", cls=Command)
def lsp_command(
    tcp: Annotated[bool, typer.Option("--tcp", help="Listen on --host:--port instead of stdio.")]
    = False,
    host: Annotated[str, typer.Option(metavar="ADDRESS", help="Address for --tcp.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port for --tcp.")] = 2087,
    stdio: Annotated[bool, typer.Option("--stdio", help="Talk over stdin/stdout (the default).")]
    = False,
) -> None:
    r"""Run the language server for editors: diagnostics, hover, fixes (needs rulecheck\[lsp])."""
    from rulecheck.lsp import serve

    if tcp and stdio:
        raise _fail("--tcp and --stdio exclude each other")
    try:
        serve(host if tcp else None, port)
    except RulecheckError as exc:
        raise _fail_lines(exc) from None


@app.command(cls=Command)
def explain(rule_id: Annotated[str, typer.Argument(metavar="RULE",
                                                   help="A rule id, e.g. AD-ZH-001.")],
            rules: RulesOpt = None) -> None:
    """Show a rule: what it catches, why, under which article, and how to say it instead."""
    from rulecheck.explain import explain_rule

    checker = _checker(rules)
    rule = checker.rules.get(rule_id.upper())
    if rule is None:
        raise _fail(f"no rule {rule_id!r}; see `rulecheck rules list`")
    typer.echo(explain_rule(rule))


def main() -> None:
    """Console entry point: user errors are one line on stderr and exit code 2."""
    try:
        app()
    except RulecheckError as exc:
        for line in problem_lines(str(exc) or type(exc).__name__):
            typer.echo(f"rulecheck: error: {line}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("rulecheck: interrupted", err=True)
        sys.exit(130)
