"""`rulecheck watch`, `serve` and `lsp`: rulecheck as a live process."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rulecheck.cli.app import app
from rulecheck.cli.help import Command
from rulecheck.cli.options import (
    FieldOpt,
    IgnoreOpt,
    LangOpt,
    ProductOpt,
    RulesOpt,
    SelectOpt,
    check_codes,
    completer,
    fail,
    fail_lines,
    make_checker,
    overrides,
    read_options,
)
from rulecheck.errors import RulecheckError


@app.command("watch", cls=Command)
def watch_command(
    source: Annotated[str, typer.Argument(
        metavar="SOURCE", help="ASR segments: a file, or - for stdin.")] = "-",
    follow: Annotated[bool, typer.Option("--follow", "-F",
                                         help="Follow the file as it grows (tail -f).")] = False,
    input_kind: Annotated[str, typer.Option(
        "--input", metavar="KIND", help="auto, jsonl or lines.",
        autocompletion=completer(("auto", "jsonl", "lines")))] = "auto",
    format: Annotated[str, typer.Option(
        "--output-format", "--format", "-f", metavar="FORMAT", help="jsonl or text.",
        autocompletion=completer(("jsonl", "text")))] = "jsonl",
    lang: LangOpt = None, product_type: ProductOpt = None, rules: RulesOpt = None,
    select: SelectOpt = None, ignore: IgnoreOpt = None, fields: FieldOpt = None,
    idle_timeout: Annotated[float | None, typer.Option(
        metavar="SECONDS",
        help="With --follow: stop after this many seconds without new text "
             "(default: follow until interrupted with Ctrl-C).")] = None,
) -> None:
    """Check live ASR segments as they arrive and print each finding at once."""
    from rulecheck.watch import watch

    if idle_timeout is not None and not idle_timeout > 0:
        raise fail(f"--idle-timeout must be a number of seconds above 0, not {idle_timeout}")
    chosen = overrides(rules, select, None, ignore, lang, product_type, None)
    read = read_options(None, None, fields, None)
    checker = make_checker(rules, chosen.select, chosen.ignore)
    check_codes(checker.rulebook.rules, {"--select": chosen.select,
                                          "--ignore": chosen.ignore})
    if follow and source == "-":
        raise fail("--follow needs a file to follow, not stdin")
    stream = None
    if not follow and source != "-":
        try:
            stream = open(source, encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise fail(f"{source}: cannot read: {exc.strerror}") from None
    try:
        watch(sys.stdin if source == "-" and not follow else stream, sys.stdout, checker,
              input_kind=input_kind, output_format=format, lang=lang or "auto",
              product_type=product_type, follow_path=source if follow else None,
              field_map=dict(read.field_map) or None, idle_timeout=idle_timeout)
    finally:
        if stream is not None:
            stream.close()


@app.command("serve", cls=Command)
def serve_command(
    host: Annotated[str, typer.Option(metavar="ADDRESS",
                                      help="Address to bind (loopback by default).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port to listen on.")] = 8000,
    rules: RulesOpt = None,
    max_body_bytes: Annotated[int, typer.Option(metavar="BYTES",
                                                help="Largest request body.")] = 1_000_000,
    max_segments: Annotated[int, typer.Option(metavar="N",
                                              help="Most segments per request.")] = 500,
    request_timeout: Annotated[float, typer.Option(
        metavar="SECONDS", help="Seconds a check may take.")] = 10.0,
    max_sessions: Annotated[int, typer.Option(
        metavar="N", help="Concurrent WebSocket sessions.")] = 100,
    body_timeout: Annotated[float, typer.Option(
        metavar="SECONDS", help="Seconds a request body may take to arrive.")] = 10.0,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", metavar="HOST",
        help="A host name clients reach the server by (besides the "
             "loopback names and --host); * for any. Repeatable.")] = None,
    allowed_origin: Annotated[list[str] | None, typer.Option(
        "--allowed-origin", metavar="ORIGIN",
        help="A web origin (https://example.com) whose pages may open "
             "the WebSocket. Repeatable.")] = None,
    isolation: Annotated[str, typer.Option(
        metavar="MODE", autocompletion=completer(("process", "thread")),
        help="Where checks run: process (worker processes, killed at the deadline; no "
             "check can stall the server) or thread (threads of the server process).")]
    = "process",
    workers: Annotated[int, typer.Option(
        metavar="N", help="Checks run at once (worker processes or threads).", min=1)] = 4,
) -> None:
    r"""Serve the HTTP + WebSocket API and the web page (needs rulecheck\[server])."""
    from rulecheck.server import serve
    from rulecheck.server.guard import LOOPBACK_HOSTS

    if isolation not in ("process", "thread"):
        raise fail(f"--isolation must be process or thread, not {isolation!r}")
    bound = () if host in ("0.0.0.0", "::", "") else (host,)
    serve(host=host, port=port, checker=make_checker(rules), max_body_bytes=max_body_bytes,
          max_segments=max_segments, request_timeout_s=request_timeout,
          max_sessions=max_sessions, body_timeout_s=body_timeout,
          allowed_hosts=(*LOOPBACK_HOSTS, *bound, *(allowed_host or ())),
          allowed_origins=tuple(allowed_origin or ()), isolation=isolation, workers=workers)


@app.command("lsp", cls=Command)
def lsp_command(
    tcp: Annotated[bool, typer.Option("--tcp", help="Listen on --host:--port instead of stdio.")]
    = False,
    host: Annotated[str, typer.Option(metavar="ADDRESS", help="Address for --tcp.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port for --tcp.")] = 2087,
    stdio: Annotated[bool, typer.Option("--stdio", help="Talk over stdin/stdout (the default).")]
    = False,
) -> None:
    r"""Run the language server for editors: diagnostics, hover, fixes (needs rulecheck\[lsp])."""
    from rulecheck.lsp import serve

    if tcp and stdio:
        raise fail("--tcp and --stdio exclude each other")
    try:
        serve(host if tcp else None, port)
    except RulecheckError as exc:
        raise fail_lines(exc) from None
