"""The `rulecheck` application: the command groups and the console entry point."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rulecheck.cli.audit import audit_app
from rulecheck.cli.help import Group, problem_lines
from rulecheck.errors import RulecheckError
from rulecheck.version import __version__

app = typer.Typer(cls=Group, no_args_is_help=True,
                  help="Check live-commerce marketing scripts and transcripts against the law.")


rules_app = typer.Typer(cls=Group, no_args_is_help=True,
                        help="List, test and lint the rulebook.")
app.add_typer(rules_app, name="rules")
app.add_typer(audit_app, name="audit")


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
