"""The `rulecheck` command: a thin typer layer over the library API.

``app`` holds the command groups; each module below registers its commands on it. The
application is built when first asked for: `main` runs a plain `rulecheck check` through
the short path of cli/fast.py, which needs neither typer nor its pydantic adapters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

__all__ = ["app", "main"]


def _application() -> typer.Typer:
    from rulecheck.cli import check, configcmd, fix, rules, serve  # noqa: F401 - they register
    from rulecheck.cli.app import app

    # importing rulecheck.cli.app bound the package's name `app` to that module
    globals()["app"] = app
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return _application()
    raise AttributeError(f"module 'rulecheck.cli' has no attribute {name!r}")


def main() -> None:
    """Console entry point: a plain check on the short path, anything else through typer
    (user errors are one line on stderr and exit code 2 either way)."""
    import sys

    from rulecheck.errors import RulecheckError

    try:
        from rulecheck.cli.fast import run

        run(sys.argv[1:])  # exits when it ran the check
    except RulecheckError as exc:
        from rulecheck.cli.common import echo, problem_lines

        for line in problem_lines(str(exc) or type(exc).__name__):
            echo(f"rulecheck: error: {line}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        from rulecheck.cli.common import echo

        echo("rulecheck: interrupted", err=True)
        sys.exit(130)
    _application()
    from rulecheck.cli.app import main as typer_main

    typer_main()
