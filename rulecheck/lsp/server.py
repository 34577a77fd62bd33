"""The language server: diagnostics as the text changes, hover, code actions.

Checks run on one worker thread, off the event loop, so the server keeps reading
messages while a long document is checked; typing is debounced (``DEBOUNCE_S``) and
a result is published only if the text it was computed from is still the text open
in the editor. The last result per document is kept for hover and code actions.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from concurrent.futures import ThreadPoolExecutor

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from rulecheck.config import CONFIG_NAMES
from rulecheck.lsp import actions, convert
from rulecheck.lsp.positions import PositionMap
from rulecheck.lsp.project import Checked, Project
from rulecheck.version import __version__

DEBOUNCE_S = 0.3

logger = logging.getLogger(__name__)


class RulecheckServer(LanguageServer):
    """A pygls server that owns the project state and the check worker."""

    def __init__(self, debounce_s: float = DEBOUNCE_S) -> None:
        super().__init__("rulecheck", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.project = Project()
        self.debounce_s = debounce_s
        self.results: dict[str, Checked] = {}
        self._pending: dict[str, asyncio.Task] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rulecheck-check")
        self._shown: set[str] = set()

    # -- checking ----------------------------------------------------------------

    def positions(self, text: str) -> PositionMap:
        return PositionMap(text, self.workspace.position_encoding or "utf-16")

    async def current(self, uri: str) -> Checked | None:
        """The result for the document's text as it is now (checked again if stale)."""
        doc = self.workspace.get_text_document(uri)
        text = doc.source
        cached = self.results.get(uri)
        if cached is not None and cached.text == text:
            return cached
        loop = asyncio.get_running_loop()
        checked = await loop.run_in_executor(self._worker, self.project.check, uri, text,
                                             doc.language_id)
        self._show_notices()
        if checked is not None and uri in self.workspace.text_documents \
                and self.workspace.get_text_document(uri).source == text:
            self.results[uri] = checked
        return checked

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Check the document after ``delay`` seconds, replacing a check not yet begun."""
        old = self._pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self._pending[uri] = asyncio.ensure_future(self._check_and_publish(uri, delay))

    def recheck_all(self) -> None:
        self.results.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri)

    async def _check_and_publish(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        try:
            await self._publish(uri)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug must not end the session
            logger.exception("checking %s failed", uri)
            self.window_log_message(types.LogMessageParams(
                type=types.MessageType.Error, message=f"rulecheck: checking {uri} failed: {exc}"))

    async def _publish(self, uri: str) -> None:
        if uri not in self.workspace.text_documents:
            return
        doc = self.workspace.get_text_document(uri)
        text, version = doc.source, doc.version
        checked = await self.current(uri)
        if uri not in self.workspace.text_documents:
            return
        doc = self.workspace.get_text_document(uri)
        if doc.source != text:
            return  # typed over meanwhile: that change has its own check coming
        diagnostics = convert.diagnostics(checked, self.positions(text)) if checked else []
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=version))

    def forget(self, uri: str) -> None:
        task = self._pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.results.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri,
                                                                              diagnostics=[]))

    def _show_notices(self) -> None:
        while self.project.notices:
            message = self.project.notices.pop(0)
            if message not in self._shown:
                self._shown.add(message)
                self.window_show_message(types.ShowMessageParams(
                    type=types.MessageType.Warning, message=message))

    # -- configuration -------------------------------------------------------------

    async def pull_settings(self) -> None:
        """Ask the client for the ``rulecheck`` section, if it can answer."""
        workspace = self.client_capabilities.workspace
        if workspace is None or not workspace.configuration:
            return
        try:
            got = await self.workspace_configuration_async(types.ConfigurationParams(
                items=[types.ConfigurationItem(section="rulecheck")]))
        except Exception:  # noqa: BLE001 - a client that cannot answer keeps the old settings
            return
        if got:
            self.project.configure({"rulecheck": got[0]})


def create_server(debounce_s: float = DEBOUNCE_S) -> RulecheckServer:
    """A server with every feature registered."""
    server = RulecheckServer(debounce_s)

    @server.feature(types.INITIALIZE)
    def initialize(ls: RulecheckServer, params: types.InitializeParams) -> None:
        root = ls.workspace.root_path
        if root is None and params.workspace_folders:
            from pygls.uris import to_fs_path

            root = to_fs_path(params.workspace_folders[0].uri)
        ls.project.root = root
        ls.project.configure(params.initialization_options)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: RulecheckServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: RulecheckServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce_s)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: RulecheckServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri.rstrip("/").rsplit("/", 1)[-1] in CONFIG_NAMES:
            ls.project.reset()
            ls.recheck_all()
        else:
            ls.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RulecheckServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: RulecheckServer,
                                       params: types.DidChangeConfigurationParams) -> None:
        from rulecheck.lsp.settings import section

        if section(params.settings) is not None:
            ls.project.configure(params.settings)
        else:
            await ls.pull_settings()
        ls.project.reset()
        ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: RulecheckServer, params: types.HoverParams) -> types.Hover | None:
        checked = await ls.current(params.text_document.uri)
        if checked is None or not checked.findings:
            return None
        pm = ls.positions(checked.text)
        offset = pm.offset(params.position.line, params.position.character)
        found = convert.at(checked.findings, offset)
        if not found:
            return None
        start, end = min(f.start for f in found), max(f.end for f in found)
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                         value=convert.hover_markdown(found, checked.rules)),
            range=convert.lsp_range(pm, start, end))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=list(actions.KINDS)))
    async def code_action(ls: RulecheckServer, params: types.CodeActionParams
                          ) -> list[types.CodeAction] | None:
        checked = await ls.current(params.text_document.uri)
        if checked is None or not checked.findings:
            return None
        only = params.context.only
        pm = ls.positions(checked.text)
        out: list[types.CodeAction] = []
        if actions.wanted(types.CodeActionKind.QuickFix, only):
            r = params.range
            start = pm.offset(r.start.line, r.start.character)
            end = pm.offset(r.end.line, r.end.character)
            for f in actions.overlapping(checked.findings, start, end):
                out.extend(actions.quick_fixes(checked, pm, f))
        if actions.wanted(actions.FIX_ALL, only):
            loop = asyncio.get_running_loop()
            fixed = await loop.run_in_executor(ls._worker, ls.project.fix_all, checked)
            action = actions.fix_all_action(checked, pm, fixed)
            if action is not None:
                out.append(action)
        return out or None

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: RulecheckServer, *args: object) -> None:
        for task in ls._pending.values():
            task.cancel()
        ls._worker.shutdown(wait=False, cancel_futures=True)

    return server


def serve(host: str | None = None, port: int = 2087) -> None:
    """Serve one client over stdio, or over TCP when ``host`` is given."""
    server = create_server()
    if host is not None:
        # pygls ends a TCP session on `exit` with SystemExit inside the connection
        # callback, which asyncio would log as a crash; it is the normal way out
        logging.getLogger("asyncio").addFilter(_not_an_exit)
        server.start_tcp(host, port)
        return
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol stream
    server.start_io(sys.stdin.buffer, out)


def _not_an_exit(record: logging.LogRecord) -> bool:
    exc = record.exc_info[1] if record.exc_info else None
    return not isinstance(exc, SystemExit)
