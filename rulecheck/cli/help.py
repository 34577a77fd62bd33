"""Shared pieces of the command line: help placeholders and one-line error messages.

Typer's help names an option's Python type (``<bool>``, ``<list[str]>``). The
commands of ``rulecheck`` name what to type instead, as ruff and most tools do:
``--select CODES``, ``--jobs N``, ``PATH...``, and nothing after a flag.
"""

from __future__ import annotations

import click
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from rulecheck.cli.common import problem_lines  # noqa: F401 - named here before


class _Argument(TyperArgument):
    def _placeholder(self) -> str:
        name = self.metavar or (self.name or "").upper()
        return name + ("..." if self.nargs != 1 else "")

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return None

    def _rich_display_name(self) -> str:
        return self._placeholder()

    def _usage_display_name(self) -> str:
        name = self._placeholder()
        return name if self.required else f"[{name}]"


class _Option(TyperOption):
    def display_type_rich(self, ctx: click.Context) -> str | None:
        if self.is_flag or self.count:
            return None
        if self.metavar is not None:
            return self.metavar
        return (self.name or "value").upper().replace("_", "-")


def _own_params(params: list[click.Parameter]) -> None:
    for p in params:
        if type(p) is TyperArgument:
            p.__class__ = _Argument
        elif type(p) is TyperOption:
            p.__class__ = _Option


class Command(TyperCommand):
    """A command whose help shows placeholders, not Python types."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)  # --help and the completion options included
        _own_params(params)
        return params


class Group(TyperGroup):
    """A command group whose own options are shown like a Command's."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        _own_params(params)
        return params
