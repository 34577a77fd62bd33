"""The helpers of the command line that need no typer: error lines, exit codes and the
checks of option values, shared by every command and by the short path of a plain
`rulecheck check` (cli/fast.py), which parses its few flags without building the typer
application."""

from __future__ import annotations

import sys
from pathlib import Path

from rulecheck.errors import RulecheckError
from rulecheck.model import PRODUCT_TYPES, SEVERITIES
from rulecheck.safetext import display_name


class Exit(SystemExit):
    """Leave with an exit code, as typer.Exit does in the application's standalone mode
    (there it becomes `sys.exit(code)`), without importing typer."""

    def __init__(self, code: int = 0) -> None:
        super().__init__(code)
        self.exit_code = code


def echo(message: str, err: bool = False) -> None:
    """A line on stdout or stderr, as `typer.echo` writes it: plain text to a UTF-8
    stream is written here; anything else (ANSI codes it would strip, other encodings
    it would work around) goes through typer's own echo."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if "\x1b" in message or encoding != "utf8":
        import typer

        typer.echo(message, err=err)
        return
    stream.write(message + "\n")
    stream.flush()


def problem_lines(message: str) -> list[str]:
    """One line per problem: a rule pack's message quotes the expression and puts a
    caret under the error on indented lines; the first line already names
    file:line:column, so those are dropped. Names are made safe to print."""
    lines = [ln for ln in message.splitlines() if ln.strip() and not ln[:1].isspace()]
    return [display_name(ln) for ln in lines] or [display_name(message.strip())]


def fail(message: str) -> Exit:
    """The error on stderr, one line per problem, with control characters and file
    names that are not UTF-8 escaped."""
    for line in problem_lines(message):
        echo(f"rulecheck: error: {line}", err=True)
    return Exit(2)


def split_codes(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    out = [c.strip() for v in values for c in v.split(",") if c.strip()]
    return out or None


def make_checker(rules_dirs: list[Path] | None, select=None, ignore=None):
    from rulecheck.engine.checker import Checker

    return Checker(rules_dirs=[str(d) for d in rules_dirs or []], select=select, ignore=ignore)


def read_options(input_format: str | None, encoding: str | None, fields: list[str] | None,
                  column: str | None):
    from rulecheck.runner import ReadOptions

    pairs = []
    for item in fields or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise fail(f"--field takes NAME=FIELD (e.g. text=content), not {item!r}")
        pairs.append((key.strip(), value.strip()))
    return ReadOptions(input_format=input_format, encoding=encoding, field_map=tuple(pairs),
                       column=column)


def split_globs(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [g.strip() for v in values for g in v.split(",") if g.strip()]


def overrides(rules, select, extend_select, ignore, lang, product_type, fail_on,
               exclude=None, extend_exclude=None, respect_gitignore=None, force_exclude=None,
               preview=False):
    from rulecheck.globmatch import GlobError, compile_glob
    from rulecheck.runner import Overrides

    if lang is not None and lang not in ("auto", "zh", "en"):
        raise fail(f"--lang must be auto, zh or en, not {lang!r}")
    if fail_on is not None and fail_on not in SEVERITIES:
        raise fail(f"--fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    if product_type is not None and product_type not in PRODUCT_TYPES:
        raise fail(f"--product-type must be one of {', '.join(PRODUCT_TYPES)}")
    globs = {"--exclude": split_globs(exclude), "--extend-exclude": split_globs(extend_exclude)}
    for option, patterns in globs.items():
        for g in patterns or []:
            try:
                compile_glob(g)
            except GlobError as exc:
                raise fail(f"{option}: bad glob {g!r}: {exc}") from None
    return Overrides(select=split_codes(select), extend_select=split_codes(extend_select) or [],
                     ignore=split_codes(ignore) or [],
                     rules_dirs=[str(Path(d).resolve()) for d in rules or []],
                     lang=lang, product_type=product_type, fail_on=fail_on,
                     exclude=globs["--exclude"], extend_exclude=globs["--extend-exclude"] or [],
                     respect_gitignore=respect_gitignore, force_exclude=force_exclude,
                     preview=preview)


def fail_lines(exc: RulecheckError) -> Exit:
    """A user error as one line per problem (a rule pack can have several)."""
    return fail(str(exc) or type(exc).__name__)


def check_codes(book_rules, option_codes: dict[str, list[str] | None]) -> None:
    """Exit 2 with one line for the first code that names no rule, prefix or category
    of ``book_rules`` (rule id -> compiled rule), with a did-you-mean hint."""
    from rulecheck.config import unknown_codes
    from rulecheck.engine.selection import unknown_code_message, valid_codes

    rules = {rid: getattr(cr, "rule", cr) for rid, cr in book_rules.items()}
    valid = valid_codes(rules)
    for option, codes in option_codes.items():
        bad = unknown_codes(rules, codes or [], valid)
        if bad:
            raise fail(f"{option}: {unknown_code_message(bad[0], valid)}")


def progress(total: int, quiet: bool):
    """A progress bar on stderr for long runs on a terminal; else nothing."""
    import contextlib

    if quiet or total <= 5 or not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    return Progress("checking", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True, auto_refresh=False)


def emit(text: str, output: Path | None, what: str = "report") -> None:
    """``text`` on stdout, or into ``output`` (one error line when it cannot be written)."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"{output}: cannot write {what}: {exc.strerror}") from None

