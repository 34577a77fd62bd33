"""`rulecheck lsp`, driven over stdio by pygls's own client as an editor would drive it.

One server process serves the whole session (starting one costs about two seconds):
diagnostics with UTF-16 ranges after an emoji, hover, quick fixes and fix-all applied
to the text with pygls's own position codec, inline suppression, the configuration
file's select/ignore and its reload, editor settings, subtitles and a broken input.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402
from pygls.workspace import TextDocument  # noqa: E402

from rulecheck.lsp.positions import PositionMap, code_units  # noqa: E402

#: AD-ZH-901 顶级 (error, safe fix 优质, a link), AD-ZH-902 秒杀全网 (warning, unsafe fix),
#: AD-ZH-903 第一 (info); at a fixed path so their compiled rulebook is cached.
RULES = Path(__file__).resolve().parent / "data" / "lsp_rules"
LAW = "《广告法》第九条第（三）项"
LINK = "https://example.org/rules/AD-ZH-901"
TIMEOUT_S = 60.0


def write_project(root: Path, ignore: str = '["AD-ZH-903"]') -> None:
    """A project whose configuration runs the test rules only, minus ``ignore``."""
    (root / "rulecheck.toml").write_text(
        f'rules = ["{RULES.as_posix()}"]\n'
        'select = ["AD-ZH-901", "AD-ZH-902", "AD-ZH-903"]\n'
        f"ignore = {ignore}\n", encoding="utf-8")


class Editor(LanguageClient):
    """A client that keeps every diagnostics notification, in order."""

    def __init__(self) -> None:
        super().__init__("rulecheck-test", "1")
        self.published: list[types.PublishDiagnosticsParams] = []
        self.messages: list[str] = []

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.append(params)

        @self.feature(types.WINDOW_SHOW_MESSAGE)
        def on_message(params: types.ShowMessageParams) -> None:
            self.messages.append(params.message)

    async def diagnostics(self, uri: str, after: int = 0,
                          until: Callable[[list[types.Diagnostic]], bool] = lambda d: True,
                          version: int | None = None) -> list[types.Diagnostic]:
        """The first diagnostics for ``uri`` published after the ``after``-th
        notification that satisfy ``until`` (and carry ``version``)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + TIMEOUT_S
        while loop.time() < deadline:
            for p in self.published[after:]:
                if p.uri == uri and (version is None or p.version == version) \
                        and until(list(p.diagnostics)):
                    return list(p.diagnostics)
            await asyncio.sleep(0.02)
        raise AssertionError(f"no such diagnostics for {uri}: {self.published[after:]}")

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="plaintext",
                                                 version=version, text=text)))

    def change(self, uri: str, text: str, version: int) -> None:
        self.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    async def actions(self, uri: str, line: int, character: int,
                      only: list[str] | None = None) -> list[types.CodeAction]:
        at = types.Position(line, character)
        got = await self.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(at, at),
            context=types.CodeActionContext(diagnostics=[], only=only)))
        return [a for a in got or [] if isinstance(a, types.CodeAction)]


def apply(text: str, uri: str, edit: types.WorkspaceEdit) -> str:
    """Apply a workspace edit the way an editor would: pygls's own UTF-16 codec, last
    edit first."""
    doc = TextDocument(uri, text)
    edits = (edit.changes or {})[uri]
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                    reverse=True):
        doc.apply_change(types.TextDocumentContentChangePartial(range=e.range,
                                                                text=e.new_text))
    return doc.source


def utf16(text: str) -> int:
    """Independent of the server's conversion: the length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def span(d: types.Diagnostic) -> tuple[int, int, int, int]:
    r = d.range
    return r.start.line, r.start.character, r.end.line, r.end.character


async def session(root: Path) -> None:
    editor = Editor()
    await editor.start_io(sys.executable, "-m", "rulecheck", "lsp")
    try:
        await editor.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=from_fs_path(str(root))))
        editor.initialized(types.InitializedParams())
        await _script(editor, root)
        await _subtitles(editor, root)
        await editor.shutdown_async(None)
        editor.exit(None)
    except BaseException:
        editor._server.kill()  # a failed session leaves no server behind
        raise
    finally:
        await asyncio.wait_for(editor.stop(), 10)


async def _script(editor: Editor, root: Path) -> None:
    uri = from_fs_path(str(root / "s.txt"))
    text = "😀今天这款是顶级面料，秒杀全网，销量第一！\n第二行👍顶级做工\n"
    editor.open(uri, text)
    found = await editor.diagnostics(uri, version=1)
    assert sorted(str(d.code) for d in found) == ["AD-ZH-901", "AD-ZH-901", "AD-ZH-902"], \
        "select and ignore of rulecheck.toml apply (AD-ZH-903 and bundled rules are off)"
    first, second = sorted((d for d in found if d.code == "AD-ZH-901"), key=span)
    col = utf16("😀今天这款是")
    assert span(first) == (0, col, 0, col + 2), "the emoji is two UTF-16 units"
    col = utf16("第二行👍")
    assert span(second) == (1, col, 1, col + 2)
    assert first.severity == types.DiagnosticSeverity.Error and first.source == "rulecheck"
    assert LAW in first.message
    assert first.code_description is not None and first.code_description.href == LINK
    [unsafe] = [d for d in found if d.code == "AD-ZH-902"]
    assert unsafe.severity == types.DiagnosticSeverity.Warning
    assert unsafe.data["fix"]["applicability"] == "unsafe"

    hover = await editor.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(0, first.range.start.character + 1)))
    assert hover is not None
    assert LAW in hover.contents.value and "顶级与最高级同义" in hover.contents.value
    assert "优质" in hover.contents.value
    assert await editor.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(0, 1))) is None, "no hover away from a finding"

    quick = await editor.actions(uri, 0, first.range.start.character)
    [preferred] = [a for a in quick if a.is_preferred]
    assert apply(text, uri, preferred.edit) == text.replace("顶级", "优质", 1)
    [ignore] = [a for a in quick if a.title.startswith("Ignore AD-ZH-901")]
    ignored = apply(text, uri, ignore.edit)
    assert ignored.splitlines()[0].endswith("# rulecheck: ignore[AD-ZH-901]")
    risky = await editor.actions(uri, 0, unsafe.range.start.character + 1)
    [replace_unsafe] = [a for a in risky if "AD-ZH-902" in a.title and "超值好价" in a.title]
    assert not replace_unsafe.is_preferred, "an unsafe fix is never preferred"

    [fix_all] = await editor.actions(uri, 0, 0, only=[types.CodeActionKind.SourceFixAll])
    assert fix_all.kind == "source.fixAll.rulecheck"
    assert apply(text, uri, fix_all.edit) == text.replace("顶级", "优质"), \
        "every safe fix, and no unsafe one"

    mark = len(editor.published)
    editor.change(uri, ignored, 2)
    found = await editor.diagnostics(uri, mark, version=2)
    assert sorted((str(d.code), d.range.start.line) for d in found) == [
        ("AD-ZH-901", 1), ("AD-ZH-902", 0)], "the inline suppression hides line 1's finding"

    mark = len(editor.published)
    editor.change(uri, "今天这款是优质面料，超值好价，销量第一！\n", 3)
    assert await editor.diagnostics(uri, mark, version=3) == [], "fixed: diagnostics cleared"

    mark = len(editor.published)
    write_project(root, ignore="[]")
    editor.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=from_fs_path(str(root /
                                                                       "rulecheck.toml")))))
    found = await editor.diagnostics(uri, mark, version=3)
    assert [str(d.code) for d in found] == ["AD-ZH-903"], "an edited config is read again"

    mark = len(editor.published)
    editor.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"rulecheck": {"ignore": ["AD-ZH-903"]}}))
    assert await editor.diagnostics(uri, mark, version=3) == [], "editor settings win"

    mark = len(editor.published)
    editor.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"rulecheck": {"select": ["XX-ZH-777"], "lang": "fr"}}))
    found = await editor.diagnostics(uri, mark, version=3)
    assert [str(d.code) for d in found] == ["AD-ZH-903"], "bad settings: the file decides"
    assert any("lang" in m for m in editor.messages), editor.messages
    assert any("'XX-ZH-777' is not a rule id" in m for m in editor.messages), editor.messages


async def _subtitles(editor: Editor, root: Path) -> None:
    uri = from_fs_path(str(root / "live.srt"))
    text = "1\n00:00:01,000 --> 00:00:02,000\n🎉顶级好货\n"
    editor.open(uri, text)
    [found] = await editor.diagnostics(uri, version=1)
    assert span(found) == (2, 2, 2, 4)
    quick = await editor.actions(uri, 2, 2)
    assert quick and not [a for a in quick if a.title.startswith("Ignore")], \
        "a subtitle has no comment to suppress with"
    mark = len(editor.published)
    editor.change(uri, text + "\n2\n00:00:0\n好\n", 2)
    [broken] = await editor.diagnostics(uri, mark, version=2)
    assert broken.code == "input-error" and broken.range.start.line == 5
    assert "malformed SRT" in broken.message


def test_language_server_session(tmp_path: Path) -> None:
    write_project(tmp_path)
    asyncio.run(session(tmp_path))


@pytest.mark.parametrize(("encoding", "char"), [("utf-16", 3), ("utf-8", 7), ("utf-32", 2)])
def test_positions_count_the_negotiated_code_units(encoding: str, char: int) -> None:
    text = "第一行\r\n😀好顶级\rx"
    pm = PositionMap(text, encoding)
    offset = text.index("顶级")
    assert pm.position(offset) == (1, char)
    assert pm.offset(1, char) == offset
    assert pm.position(len(text)) == (2, 1), "a lone \\r ends a line too"
    assert pm.offset(0, 99) == text.index("\r"), "past the end of a line is its end"
    assert pm.offset(9, 0) == len(text)


def test_the_negotiated_encoding_may_come_as_the_protocol_enum() -> None:
    pm = PositionMap("😀好", types.PositionEncodingKind.Utf8)
    assert pm.encoding == "utf-8" and pm.position(1) == (0, 4)


def test_a_position_inside_a_surrogate_pair_is_its_code_point() -> None:
    pm = PositionMap("😀好")
    assert pm.offset(0, 1) == 0 and pm.offset(0, 2) == 1
    assert code_units("😀好") == utf16("😀好") == 3


def test_missing_pygls_is_a_one_line_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_cli import invoke

    monkeypatch.setitem(sys.modules, "pygls", None)
    out = invoke("lsp")
    assert out.exit_code == 2
    assert out.stderr == ('rulecheck: error: the language server needs pygls: '
                          'pip install "rulecheck[lsp]"\n')
