"""`rulecheck fix`: print one script with its fixes applied."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rulecheck.cli.app import app
from rulecheck.cli.help import Command
from rulecheck.cli.options import (
    ColumnOpt,
    ConfigOpt,
    EncodingOpt,
    ExtendSelectOpt,
    FieldOpt,
    IgnoreOpt,
    InputFormatOpt,
    IsolatedOpt,
    LangOpt,
    ProductOpt,
    RulesOpt,
    SelectOpt,
    UnsafeFixesOpt,
    fail,
    fail_lines,
    overrides,
    read_options,
)
from rulecheck.errors import RulecheckError


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

    cli = overrides(rules, select, extend_select, ignore, lang, product_type, None)
    read = read_options(input_format, encoding, field, column)
    try:
        planner = Planner(ConfigFinder(config, isolated), cli)
        tasks, missing = plan([path], planner, read, "stdout", unsafe_fixes=unsafe_fixes)
        if missing:
            raise fail_lines(RulecheckError(missing[0].error))
        if len(tasks) != 1:
            raise fail(f"{path}: give one file (or -), not a directory")
        outcome = run_task(tasks[0])
        if outcome.result.error:
            raise fail(outcome.result.error)
        doc = outcome.result.document
        data = encode(outcome.fixed_text or "", doc.encoding if doc else None)
    except RulecheckError as exc:
        raise fail_lines(exc) from None
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
