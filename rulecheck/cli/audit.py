"""`rulecheck audit`: batch-audit an archive into SQLite, then report or export from it.

`rulecheck audit SOURCES... --db F` runs an audit (the `run` subcommand is implied when
the first argument is not `run`, `report` or `export`); `rulecheck audit report` and
`rulecheck audit export` read the store.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

import click
import typer

from rulecheck.cli.help import Command, Group, problem_lines
from rulecheck.cli.locale import LocaleOpt
from rulecheck.cli.options import emit, overrides
from rulecheck.errors import RulecheckError


class _DefaultRun(Group):
    """`audit X ...` means `audit run X ...` unless X names a subcommand or asks for help."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


audit_app = typer.Typer(cls=_DefaultRun, no_args_is_help=True, help=(
    "Audit an archive of transcripts into SQLite (resumable), then report or export. "
    "`rulecheck audit SOURCES... --db F` runs an audit."))

DbOpt = Annotated[Path, typer.Option("--db", metavar="FILE",
                                     help="The audit database (SQLite).")]


def _fail(message: str) -> typer.Exit:
    """One line per problem on stderr (a rule pack's message can hold several)."""
    for line in problem_lines(message):
        typer.echo(f"rulecheck: error: {line}", err=True)
    return typer.Exit(2)


def _open(db: Path, create: bool):
    from rulecheck.audit.store import Store, StoreError

    try:
        return Store(str(db), create=create)
    except StoreError as exc:
        raise _fail(str(exc)) from None


@audit_app.command("run", cls=Command)
def run_command(
    sources: Annotated[list[str], typer.Argument(
        metavar="SOURCE",
        help="Directories, globs or JSONL manifests (path + anchor, room, date, ...).")],
    db: DbOpt,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, metavar="N",
        help="Worker processes, or Ray actors with --engine ray "
        "(default: the number of cores, or the cluster's CPUs with Ray).")] = None,
    full: Annotated[bool, typer.Option(
        "--full", help="Check every document again, even those already recorded.")] = False,
    retry_failed: Annotated[bool, typer.Option(
        "--retry-failed", help="Check again the documents whose check failed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]
    = False,
    lang: Annotated[str | None, typer.Option("--lang", metavar="LANG",
                                             help="auto, zh or en.")] = None,
    rules: Annotated[list[Path] | None, typer.Option(
        "--rules", metavar="DIR", help="Extra rule directory; repeatable.")] = None,
    select: Annotated[list[str] | None, typer.Option(
        "--select", metavar="CODES",
        help="Only these rule ids, id prefixes or categories (comma-separated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="CODES",
        help="Skip these rule ids, id prefixes or categories.")] = None,
    product_type: Annotated[str | None, typer.Option(
        "--product-type", metavar="TYPE", help="The product type of every input.")] = None,
    config: Annotated[Path | None, typer.Option(
        "--config", metavar="FILE", help="Use this configuration file for every input.")]
    = None,
    isolated: Annotated[bool, typer.Option("--isolated",
                                           help="Ignore every configuration file.")] = False,
    engine: Annotated[str, typer.Option(
        "--engine", metavar="ENGINE", help="local (this machine's processes) or ray (a Ray "
        'cluster; pip install "rulecheck\\[ray]").')] = "local",
    address: Annotated[str | None, typer.Option(
        "--address", metavar="ADDRESS",
        help="Ray cluster to join (e.g. auto, ray://head:10001); default: "
        "start a private local instance.")] = None,
) -> None:
    """Check every source into --db; a re-run skips what is already recorded.

    Exit 0 when every document was checked and stored, 1 when some failed or could not
    be stored (they are listed), 2 on usage errors, 130 when interrupted.
    """
    from rulecheck.audit import runner
    from rulecheck.audit.progress import progress_bar
    from rulecheck.audit.sources import collect
    from rulecheck.config import ConfigFinder
    from rulecheck.parallel import default_jobs
    from rulecheck.runner import Planner, ReadOptions

    if engine not in runner.ENGINES:
        raise _fail(f"--engine must be one of {', '.join(runner.ENGINES)}, not {engine!r}")
    if address is not None and engine != "ray":
        raise _fail("--address needs --engine ray")
    cli = overrides(rules, select, None, ignore, lang, product_type, None)
    try:
        if engine == "ray":
            from rulecheck.audit.ray_engine import require

            require()
        found, errors = collect(sources)
        planner = Planner(ConfigFinder(config, isolated), cli)
    except RulecheckError as exc:
        raise _fail(str(exc)) from None
    for line in errors:
        typer.echo(f"rulecheck: error: {line}", err=True)
    if not found:
        raise _fail("no input to audit")
    store = _open(db, create=True)
    options = {"jobs": jobs, "full": full, "retry_failed": retry_failed, "lang": lang,
               "rules": rules, "select": select, "ignore": ignore,
               "product_type": product_type, "config": config, "isolated": isolated,
               "engine": engine, "address": address}
    workers = jobs if engine == "ray" else jobs or default_jobs()
    try:
        work = runner.prepare(store, found, planner, ReadOptions(), full, retry_failed)
        planner.check_cli_codes()
        with progress_bar(len(work.jobs), work.total_bytes, not quiet) as tick:
            totals = runner.audit(store, work, planner, jobs=workers,
                                  config=runner.config_summary(sources, options),
                                  progress=tick, engine=engine, address=address)
    except RulecheckError as exc:
        raise _fail(str(exc)) from None
    except sqlite3.Error as exc:
        raise _fail(f"{db}: cannot record the run: {exc}") from None
    finally:
        store.close()
    for line in totals.failures + totals.unstored:
        typer.echo(f"rulecheck: error: {line}", err=True)
    if not quiet:
        kept = f" ({totals.kept} unaffected by the rule changes)" if totals.kept else ""
        typer.echo(f"rulecheck: audited {totals.checked} document(s), {totals.findings} "
                   f"finding(s); {totals.skipped} already recorded{kept}, "
                   f"{totals.failed} failed"
                   + (f", {len(totals.unstored)} not stored" if totals.unstored else "")
                   + f" -> {db}", err=True)
    if totals.aborted:
        typer.echo(f"rulecheck: error: {totals.aborted}; run the same command again to "
                   "resume", err=True)
        raise typer.Exit(2)
    if totals.interrupted:
        typer.echo("rulecheck: interrupted; run the same command again to resume", err=True)
        raise typer.Exit(130)
    if totals.failed or totals.unstored or errors:
        raise typer.Exit(1)


@audit_app.command("report", cls=Command)
def report_command(
    db: DbOpt,
    format: Annotated[str, typer.Option("--output-format", "--format", "-f", metavar="FORMAT",
                                        help="text, json, csv or html.")]
    = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                   help="Write the report to a file.")] = None,
    limit: Annotated[int, typer.Option(
        "--limit", min=1, metavar="N", help="HTML: findings listed per statistic.")] = 100,
    locale: LocaleOpt = None,
) -> None:
    """Statistics, risk scores and cross-transcript patterns from the audit database."""
    from rulecheck.audit.report import FORMATS, render

    if format not in FORMATS:
        raise _fail(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
    store = _open(db, create=False)
    try:
        text = render(format, store, limit, locale)
    except sqlite3.Error as exc:  # tables missing or damaged: not one of ours, or corrupt
        raise _fail(f"{db}: not a readable audit database ({exc})") from None
    finally:
        store.close()
    emit(text, output)


@audit_app.command("export", cls=Command)
def export_command(
    db: DbOpt,
    parquet: Annotated[Path, typer.Option("--parquet", metavar="FILE",
                                          help="Write findings to this file.")],
) -> None:
    """Export every stored finding, with its document's metadata, to Parquet."""
    from rulecheck.audit.export import to_parquet

    store = _open(db, create=False)
    try:
        n = to_parquet(store, parquet)
    except RulecheckError as exc:
        raise _fail(str(exc)) from None
    except sqlite3.Error as exc:
        raise _fail(f"{db}: not a readable audit database ({exc})") from None
    finally:
        store.close()
    typer.echo(f"rulecheck: exported {n} finding(s) to {parquet}", err=True)
