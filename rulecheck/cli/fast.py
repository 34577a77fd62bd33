"""The short path of `rulecheck check`: a plain check parsed without typer.

Building the typer application imports typer, click and pydantic and makes a pydantic
adapter for every option, which cost more than checking a short script. A command
line made only of input paths and the common options below is parsed here and handed
to the same `run_check` that the typer command calls, with the values typer would
have given it. Anything else (help, completion, --locale, a repeated or misspelled
option, a value that needs converting or checking beyond a string) returns None, and
the typer application parses the line as before, with its help and error messages.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

#: option spellings -> (parameter, kind); kinds: "flag" (sets True), "off" (sets False),
#: "str", "path", "list" (repeatable string), "paths" (repeatable path), "jobs" (int >= 1)
_OPTIONS: dict[str, tuple[str, str]] = {
    "--output-format": ("format", "str"), "--format": ("format", "str"), "-f": ("format", "str"),
    "--output": ("output", "path"), "-o": ("output", "path"),
    "--lang": ("lang", "str"),
    "--rules": ("rules", "paths"),
    "--select": ("select", "list"), "--extend-select": ("extend_select", "list"),
    "--ignore": ("ignore", "list"),
    "--fail-on": ("fail_on", "str"), "--exit-zero": ("exit_zero", "flag"),
    "--product-type": ("product_type", "str"),
    "--config": ("config", "path"), "--isolated": ("isolated", "flag"),
    "--input-format": ("input_format", "str"), "--encoding": ("encoding", "str"),
    "--field": ("field", "list"), "--column": ("column", "str"),
    "--exclude": ("exclude", "list"), "--extend-exclude": ("extend_exclude", "list"),
    "--respect-gitignore": ("respect_gitignore", "flag"),
    "--no-respect-gitignore": ("respect_gitignore", "off"),
    "--force-exclude": ("force_exclude", "flag"), "--no-force-exclude": ("force_exclude", "off"),
    "--show-source": ("show_source", "flag"), "--no-show-source": ("show_source", "off"),
    "--statistics": ("statistics", "flag"),
    "--quiet": ("quiet", "flag"), "-q": ("quiet", "flag"),
    "--verbose": ("verbose", "flag"), "-v": ("verbose", "flag"),
    "--baseline": ("baseline", "path"), "--update-baseline": ("update_baseline", "flag"),
    "--fix": ("fix", "flag"), "--diff": ("diff", "flag"),
    "--unsafe-fixes": ("unsafe_fixes", "flag"), "--preview": ("preview", "flag"),
    "--jobs": ("jobs", "jobs"), "-j": ("jobs", "jobs"),
}

#: What typer passes for an option that is not given.
DEFAULTS: dict[str, Any] = {
    "format": "text", "output": None, "lang": None, "locale": None, "rules": None,
    "select": None, "extend_select": None, "ignore": None, "fail_on": None,
    "exit_zero": False, "product_type": None, "config": None, "isolated": False,
    "input_format": None, "encoding": None, "field": None, "column": None, "exclude": None,
    "extend_exclude": None, "respect_gitignore": None, "force_exclude": None,
    "show_source": True, "statistics": False, "quiet": False, "verbose": False,
    "baseline": None, "update_baseline": False, "fix": False, "diff": False,
    "unsafe_fixes": False, "preview": False, "jobs": None,
}


def parse_check(argv: list[str]) -> dict[str, Any] | None:
    """The arguments of `run_check` for `argv` (without the program name), or None when
    the line is not a plain check that this parser reads exactly as typer would."""
    if not argv or argv[0] != "check" or _completing():
        return None
    values = dict(DEFAULTS)
    seen: set[str] = set()
    paths: list[str] = []
    args = argv[1:]
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        name, eq, attached = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        spec = _OPTIONS.get(name)
        if spec is None:
            return None  # --help, --locale, -qv, --, a typo: typer's to answer
        param, kind = spec
        if kind in ("flag", "off"):
            if eq or param in seen:
                return None
            seen.add(param)
            values[param] = kind == "flag"
            continue
        if eq:
            value = attached
        elif i < len(args):
            value = args[i]
            i += 1
        else:
            return None
        if not value or (value.startswith("-") and value != "-"):
            return None
        if kind in ("list", "paths"):
            item: Any = Path(value) if kind == "paths" else value
            values[param] = [*(values[param] or []), item]
            continue
        if param in seen:
            return None
        seen.add(param)
        if kind == "jobs":
            if not (value.isascii() and value.isdigit()) or int(value) < 1:
                return None
            values[param] = int(value)
        else:
            values[param] = Path(value) if kind == "path" else value
    if not paths:
        return None
    values["paths"] = paths
    return values


def _completing() -> bool:
    """Shell completion asks through an environment variable named after the program."""
    return any(key.startswith("_") and key.endswith("_COMPLETE") for key in os.environ)


def run(argv: list[str]) -> bool:
    """Run a plain check and exit as the typer application would; False (nothing done)
    when `argv` is not one. The process ends here with the check's exit code."""
    import errno
    import sys

    values = parse_check(argv)
    if values is None:
        return False
    from rulecheck.heap import pause_for_start, resume_after_start

    pause_for_start()  # until the files are about to be checked (run_check)
    try:
        from rulecheck.cli.checkrun import run_check

        run_check(**values)
    except KeyboardInterrupt:
        sys.exit(130)  # what typer's main does with an interrupt
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout = _Pacified(sys.stdout)  # type: ignore[assignment]
        sys.stderr = _Pacified(sys.stderr)  # type: ignore[assignment]
        sys.exit(1)
    finally:
        resume_after_start()  # when the check ended before it (a usage error)
    sys.exit(0)


class _Pacified:
    """A stream whose flush ignores a closed pipe, as click wraps them after EPIPE."""

    def __init__(self, wrapped: Any) -> None:
        self._wrapped = wrapped

    def flush(self) -> None:
        try:
            self._wrapped.flush()
        except OSError as exc:
            import errno

            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wrapped, name)
