"""Errors a user can cause; the CLI prints them as one line and exits 2."""

from __future__ import annotations


class RulecheckError(Exception):
    """Base class: the message is complete and meant for the user."""


class InputError(RulecheckError):
    """An input file cannot be read or decoded."""


class RuleError(RulecheckError):
    """A rule pack or lexicon is invalid (message names file:line:column)."""


class ConfigError(RulecheckError):
    """A configuration file or option is invalid."""
