"""The `rulecheck` command: a thin typer layer over the library API."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from rulecheck import __version__
from rulecheck.errors import RulecheckError
from rulecheck.model import CATEGORIES, PRODUCT_TYPES, SEVERITIES, severity_rank

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Check live-commerce marketing scripts and transcripts against the law.")
rules_app = typer.Typer(no_args_is_help=True, help="List, test and lint the rulebook.")
app.add_typer(rules_app, name="rules")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"rulecheck: error: {message}", err=True)
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
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    pass


RulesOpt = Annotated[Optional[list[Path]], typer.Option(
    "--rules", help="Extra rule directory (packs + lexicons/); repeatable.")]


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or directories to check; - for stdin.")],
    format: Annotated[str, typer.Option("--format", "-f", help="Output format.")] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o",
                                                   help="Write the report to a file.")] = None,
    lang: Annotated[str, typer.Option(help="auto, zh or en.")] = "auto",
    rules: RulesOpt = None,
    select: Annotated[Optional[list[str]], typer.Option(
        help="Only these rule ids, id prefixes or categories (comma-separated).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(
        help="Skip these rule ids, id prefixes or categories.")] = None,
    fail_on: Annotated[str, typer.Option(help="Lowest severity that makes the exit code 1.")]
    = "warning",
    product_type: Annotated[Optional[str], typer.Option(
        help=f"Product type: {', '.join(PRODUCT_TYPES)}.")] = None,
    input_format: Annotated[Optional[str], typer.Option(
        help="Read inputs as txt, md, srt, vtt, jsonl, csv or docx.")] = None,
    encoding: Annotated[Optional[str], typer.Option(help="Force an input encoding.")] = None,
    show_source: Annotated[bool, typer.Option("--show-source/--no-show-source")] = True,
    statistics: Annotated[bool, typer.Option(help="Print a count per rule.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q",
                                        help="Print nothing; only the exit code.")] = False,
) -> None:
    """Check scripts and transcripts; exit 1 when findings reach --fail-on, 2 on errors."""
    from rulecheck import reports
    from rulecheck.runner import ReadOptions, check_paths

    if lang not in ("auto", "zh", "en"):
        raise _fail(f"--lang must be auto, zh or en, not {lang!r}")
    if fail_on not in SEVERITIES:
        raise _fail(f"--fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    if format not in reports.FORMATS:
        raise _fail(f"--format must be one of {', '.join(reports.FORMATS)}, not {format!r}")
    if product_type is not None and product_type not in PRODUCT_TYPES:
        raise _fail(f"--product-type must be one of {', '.join(PRODUCT_TYPES)}")
    checker = _checker(rules, _split_codes(select), _split_codes(ignore))
    results = check_paths(paths, checker, ReadOptions(input_format=input_format,
                                                      encoding=encoding),
                          lang=lang, product_type=product_type)
    for r in results:
        if r.error:
            typer.echo(f"rulecheck: error: {r.error}", err=True)
    if not quiet:
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        rendered = reports.render(format, results, checker.rules, color=color,
                                  show_source=show_source, statistics=statistics,
                                  tool_version=__version__)
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
    threshold = severity_rank(fail_on)
    if any(severity_rank(f.severity) >= threshold for r in results for f in r.findings):
        raise typer.Exit(1)


@rules_app.command("list")
def rules_list(
    rules: RulesOpt = None,
    category: Annotated[Optional[str], typer.Option(help="Only this category.")] = None,
    lang: Annotated[Optional[str], typer.Option(help="Only zh or en rules.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
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


@rules_app.command("test")
def rules_test(
    rules: RulesOpt = None,
    select: Annotated[Optional[list[str]], typer.Option(
        help="Only rules matching these ids, prefixes or categories.")] = None,
) -> None:
    """Check every rule's examples: each bad one flagged by the rule, no good one."""
    from rulecheck.engine.selection import is_selected
    from rulecheck.rulebook.testing import test_rules

    checker = _checker(rules)
    codes = _split_codes(select)
    ids = [rid for rid, r in sorted(checker.rules.items()) if is_selected(r, codes, None)]
    report = test_rules(checker, ids)
    for failure in report.failures:
        typer.echo(str(failure))
    ok = report.examples - len(report.failures)
    typer.echo(f"{report.rules} rules, {report.examples} examples: "
               f"{ok} passed, {len(report.failures)} failed")
    if report.failures:
        raise typer.Exit(1)


@rules_app.command("lint")
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


@app.command()
def explain(rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. AD-ZH-001.")],
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
        typer.echo(f"rulecheck: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("rulecheck: interrupted", err=True)
        sys.exit(130)
