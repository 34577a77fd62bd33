"""The `rulecheck` command: a thin typer layer over the library API.

``app`` holds the command groups; each module below registers its commands on it.
"""

from __future__ import annotations

from rulecheck.cli import check, configcmd, fix, rules, serve  # noqa: F401 - they register
from rulecheck.cli.app import app, main

__all__ = ["app", "main"]
