"""`rulecheck rules ...` and `rulecheck explain`: the rulebook itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from rulecheck.cli.app import app, rules_app
from rulecheck.cli.help import Command
from rulecheck.cli.options import (
    RulesOpt,
    check_codes,
    completer,
    emit,
    fail,
    make_checker,
    split_codes,
)
from rulecheck.model import CATEGORIES


@rules_app.command("list", cls=Command)
def rules_list(
    rules: RulesOpt = None,
    category: Annotated[str | None, typer.Option(
        metavar="CATEGORY", help="Only this category.",
        autocompletion=completer(CATEGORIES))] = None,
    lang: Annotated[str | None, typer.Option(metavar="LANG", help="Only zh or en rules.",
                                             autocompletion=completer(("zh", "en")))]
    = None,
    format: Annotated[str, typer.Option(
        "--output-format", "--format", "-f", metavar="FORMAT", help="text or json.",
        autocompletion=completer(("text", "json")))] = "text",
) -> None:
    """List the rules: id, severity, category, title, law."""
    if category is not None and category not in CATEGORIES:
        raise fail(f"--category must be one of {', '.join(CATEGORIES)}")
    checker = make_checker(rules)
    chosen = [r for _, r in sorted(checker.rules.items())
              if (category is None or r.category == category) and (lang is None or r.lang == lang)]
    if format == "json":
        typer.echo(json.dumps([{
            "id": r.id, "category": r.category, "family": r.family, "severity": r.severity,
            "lang": r.lang, "title": r.title, "law": r.law, "source": r.source,
        } for r in chosen], ensure_ascii=False, indent=2))
        return
    if format != "text":
        raise fail("--format must be text or json")
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

    checker = make_checker(rules)
    codes = split_codes(select)
    check_codes(checker.rulebook.rules, {"--select": codes})
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

    emit(json.dumps(pack_schema(), ensure_ascii=False, indent=2) + "\n", output, "schema")


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

    found = {rid: cr.rule for rid, cr in make_checker(rules).rulebook.rules.items()}
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
        raise fail(f"{output}: cannot write: {exc.strerror}") from None
    typer.echo(f"{output}: wrote {written} pages")


@rules_app.command("lint", cls=Command)
def rules_lint(rules: RulesOpt = None) -> None:
    """Warn about rules without anchors, duplicate matches, thin examples, unused lexicons."""
    from rulecheck.rulebook.lint import lint_rulebook

    checker = make_checker(rules)
    issues = lint_rulebook(checker.rulebook)
    for issue in issues:
        typer.echo(str(issue))
    typer.echo(f"{len(checker.rules)} rules, {len(checker.rulebook.lexicons)} lexicons: "
               f"{len(issues)} warning(s)")
    if issues:
        raise typer.Exit(1)


@app.command(cls=Command)
def explain(rule_id: Annotated[str, typer.Argument(metavar="RULE",
                                                   help="A rule id, e.g. AD-ZH-001.")],
            rules: RulesOpt = None) -> None:
    """Show a rule: what it catches, why, under which article, and how to say it instead."""
    from rulecheck.explain import explain_rule

    checker = make_checker(rules)
    rule = checker.rules.get(rule_id.upper())
    if rule is None:
        raise fail(f"no rule {rule_id!r}; see `rulecheck rules list`")
    typer.echo(explain_rule(rule))
