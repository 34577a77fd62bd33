"""`rulecheck config`: the settings that apply to a path, and where they come from."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rulecheck.cli.app import app
from rulecheck.cli.help import Command
from rulecheck.cli.options import (
    ConfigOpt,
    IsolatedOpt,
    RulesOpt,
    fail_lines,
)
from rulecheck.errors import RulecheckError


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
        raise fail_lines(exc) from None
    enabled = len(profile.spec.select) if profile.spec.select is not None else len(planner.rules)
    typer.echo(describe(settings, target, file_ignores=list(profile.file_ignores)
                        if Path(target).is_file() else None))
    typer.echo(f"# {enabled} of {len(planner.rules)} rules enabled")
    for w in planner.warnings:
        typer.echo(w, err=True)
