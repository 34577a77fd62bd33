"""What `rulecheck check` does once its options are parsed, kept apart from their typer
declaration (cli/check.py) so that the short path of a plain check (cli/fast.py) runs
the same code without importing typer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rulecheck.cli.common import Exit, echo, fail, fail_lines, overrides, progress, read_options
from rulecheck.errors import RulecheckError
from rulecheck.reports.common import product_types, summarize
from rulecheck.safetext import display_name, for_terminal
from rulecheck.version import __version__


def run_check(paths: list[str], format: str = "text", output: Path | None = None,
              lang: str | None = None, locale: str | None = None,
              rules: list[Path] | None = None, select: list[str] | None = None,
              extend_select: list[str] | None = None, ignore: list[str] | None = None,
              fail_on: str | None = None, exit_zero: bool = False,
              product_type: str | None = None, config: Path | None = None,
              isolated: bool = False, input_format: str | None = None,
              encoding: str | None = None, field: list[str] | None = None,
              column: str | None = None, exclude: list[str] | None = None,
              extend_exclude: list[str] | None = None, respect_gitignore: bool | None = None,
              force_exclude: bool | None = None, show_source: bool = True,
              statistics: bool = False, quiet: bool = False, verbose: bool = False,
              baseline: Path | None = None, update_baseline: bool = False, fix: bool = False,
              diff: bool = False, unsafe_fixes: bool = False, preview: bool = False,
              jobs: int | None = None) -> None:
    """Check scripts and transcripts; exit 1 when findings reach --fail-on, 2 on errors
    (raised as `Exit`, which ends the process with that code)."""
    from rulecheck import reports
    from rulecheck.config import ConfigFinder
    from rulecheck.heap import freeze_loaded_caches, resume_after_start
    from rulecheck.parallel import default_jobs
    from rulecheck.runner import Planner, failed, plan, record_baseline, run_tasks

    freeze_loaded_caches()  # as the runner freezes after each file, from the start

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
        base = None
        if baseline:
            from rulecheck.baseline import load as load_baseline

            base = load_baseline(baseline, missing_ok=update_baseline)
        tasks, missing = plan(paths, planner, read, mode,
                              None if update_baseline else base, unsafe_fixes)
        if not tasks and not missing and not planner.force_excluded:
            raise fail(_nothing_to_check(paths))
        # the start-up's objects frozen, collections on again (but for one input)
        resume_after_start(one_shot=len(tasks) == 1 and not update_baseline)
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
                echo(f"rulecheck: recorded {recorded} finding(s) in {baseline}", err=True)
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
            raise Exit(2)
        raise Exit(1 if patch and not exit_zero else 0)
    if format == "docx" and output is not None:  # the input is never changed
        from rulecheck.cli.docx import write_review

        try:
            note = write_review(outcomes, output, planner.rules, fix, unsafe_fixes)
        except RulecheckError as exc:
            raise fail_lines(exc) from None
        if note and not quiet:
            echo(note, err=True)
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
        raise Exit(2)
    if failed(outcomes) and not exit_zero:
        raise Exit(1)


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
        echo(for_terminal(line.rstrip()))


def _stderr_notes(planner, outcomes, results, quiet: bool, verbose: bool, used_baseline: bool,
                  mode: str) -> None:
    """Errors always; warnings, unused suppressions and counts unless --quiet."""
    for r in results:
        if r.error:
            echo(f"rulecheck: error: {display_name(r.error)}", err=True)
    if quiet:
        return
    for w in planner.warnings:
        echo(w, err=True)
    for o in outcomes:
        doc = o.result.document
        if verbose and doc is not None:
            cfg = getattr(planner.profile(o.result.path), "config", None)
            kinds = ", ".join(f"{p['type']} ({p['evidence']}, {p['source']})"
                              for p in product_types(o.result.findings)) or "not known"
            echo(f"{o.result.path}: format={doc.input_format} "
                       f"encoding={doc.encoding or 'n/a'} config={cfg or 'none'} "
                       f"product={kinds}", err=True)
        if o.notice:
            echo(f"rulecheck: warning: {o.notice}", err=True)
        for u in o.unused:
            echo(str(u), err=True)
    if used_baseline:
        hidden = sum(o.hidden for o in outcomes)
        echo(f"rulecheck: the baseline hid {hidden} finding(s)", err=True)
    if mode == "fix":
        fixed = sum(o.fixed for o in outcomes)
        files = sum(1 for o in outcomes if o.fixed)
        echo(f"rulecheck: fixed {fixed} finding(s) in {files} file(s)", err=True)
