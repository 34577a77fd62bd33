"""Check an editor's text as ``rulecheck check`` would check the file on disk.

Settings come from the runner's ``Planner`` (the nearest configuration file, then the
editor's settings in the place of the command line) and the check is the runner's
``run_task``, so per-file ignores, the allowlist and inline suppressions apply exactly
as on the command line. The text checked is the editor's, not the file's: it is
handed to the runner as UTF-8 bytes with the format the URI's extension implies.

Everything here runs on one worker thread; the lock only guards a settings change
made from the server's event loop.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rulecheck import fix as fixing
from rulecheck.config import ConfigFinder, find_config
from rulecheck.errors import RulecheckError
from rulecheck.lsp import settings as client_settings
from rulecheck.model import Finding
from rulecheck.readers import EXTENSIONS
from rulecheck.rulebook.rule import Rule
from rulecheck.runner import Overrides, Planner, Profile, ReadOptions, Task, checker_for, run_task
from rulecheck.safetext import scrub

#: Editors' language ids -> input format, for a URI whose extension names none.
LANGUAGE_FORMATS: dict[str, str] = {
    "markdown": "md", "srt": "srt", "subtitles": "srt", "vtt": "vtt", "webvtt": "vtt",
    "jsonl": "jsonl", "csv": "csv", "tsv": "csv",
}

_WHERE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): ")


@dataclass
class Checked:
    """One version of a document and what checking it found."""

    uri: str
    text: str
    input_format: str = "txt"
    findings: list[Finding] = field(default_factory=list)
    rules: Mapping[str, Rule] = field(default_factory=dict)
    path: str = "-"
    profile: Profile | None = None
    #: why the text could not be checked (a configuration or input error), if so
    error: str | None = None
    error_kind: str = "input"  # input | config
    error_line: int | None = None  # 0-based line of the document the error is on
    #: the configuration file and 0-based line a config error points at
    error_source: tuple[str, int] | None = None
    fixed: str | None = None  # the text with every safe fix applied, once asked for


def uri_path(uri: str, root: str | None) -> str:
    """The file a URI names; a document that is not a file (an unsaved buffer) is
    checked as if it lay in the workspace root, so the project's configuration applies."""
    from pygls.uris import to_fs_path, uri_scheme

    if uri_scheme(uri) == "file":
        path = to_fs_path(uri)
        if path:
            return path
    return os.path.join(root, "untitled") if root else "-"


def input_format(uri: str, language_id: str | None = None) -> str | None:
    """The format to read a document as: its extension's, else its language id's,
    else plain text; None for .docx, whose text no editor sends."""
    suffix = os.path.splitext(uri.split("?", 1)[0].split("#", 1)[0])[1].lower()
    fmt = EXTENSIONS.get(suffix)
    if fmt == "docx":
        return None
    return fmt or LANGUAGE_FORMATS.get((language_id or "").lower(), "txt")


class Project:
    """Configuration and checks for every document of one editor session."""

    def __init__(self, root: str | None = None):
        self.root = root
        self._lock = threading.RLock()
        self._overrides = Overrides()
        self._planner: Planner | None = None
        self._stamps: dict[Path, tuple[str, int, int] | None] = {}
        self._validated = False
        #: one-line problems for the editor to show once (bad settings, unknown codes)
        self.notices: list[str] = []

    # -- settings --------------------------------------------------------------

    def configure(self, raw: Any) -> None:
        """Take the editor's settings (None leaves them as they were)."""
        if client_settings.section(raw) is None:
            return
        got, problems = client_settings.overrides(raw, self.root)
        with self._lock:
            self._overrides = got
            self.notices.extend(problems)
            self.reset()

    def reset(self) -> None:
        """Forget every configuration read, so the next check reads them again."""
        with self._lock:
            self._planner = None
            self._stamps.clear()
            self._validated = False

    def _planner_for(self, path: str) -> Planner:
        """The planner, made afresh when the configuration that applies to ``path`` was
        created, changed or deleted since it was read."""
        here = Path.cwd() if path == "-" else Path(path).resolve().parent
        found = find_config(here)
        stamp = None
        if found is not None:
            try:
                st = found.stat()
                stamp = (str(found), st.st_mtime_ns, st.st_size)
            except OSError:
                pass
        if here in self._stamps and self._stamps[here] != stamp:
            self.reset()
        self._stamps[here] = stamp
        if self._planner is None:
            self._planner = Planner(ConfigFinder(), self._overrides)
        return self._planner

    def _profile(self, planner: Planner, path: str) -> Profile:
        """The profile of ``path``. Editor settings naming a rule that no rulebook in
        use has are reported once and left out, so the configuration file decides."""
        profile = planner.profile(path)
        if not self._validated:
            self._validated = True
            try:
                planner.check_cli_codes()
            except RulecheckError as exc:
                self.notices.append(f"rulecheck settings: {str(exc).removeprefix('--')} "
                                    "(select, extendSelect and ignore left out)")
                self._overrides = replace(self._overrides, select=None, extend_select=[],
                                          ignore=[])
                self._planner = planner = Planner(ConfigFinder(), self._overrides)
                profile = planner.profile(path)
        self.notices.extend(planner.warnings)
        planner.warnings.clear()
        return profile

    # -- checking --------------------------------------------------------------

    def check(self, uri: str, text: str, language_id: str | None = None) -> Checked | None:
        """Check one document's text; None when its format is not text (.docx)."""
        fmt = input_format(uri, language_id)
        if fmt is None:
            return None
        path = uri_path(uri, self.root)
        with self._lock:
            planner = self._planner_for(path)
            try:
                profile = self._profile(planner, path)
            except RulecheckError as exc:
                return _config_error(uri, text, path, str(exc))
            rules = checker_for(profile.spec).rules
        checked = Checked(uri, text, fmt, rules=rules, path=path, profile=profile)
        try:
            checked.findings, checked.input_format = self._findings(path, profile, text, fmt)
        except RulecheckError as exc:
            checked.error = str(exc)
            m = _WHERE.match(checked.error)
            if m and m.group("path") == path:
                checked.error_line = int(m.group("line")) - 1
        return checked

    def _findings(self, path: str, profile: Profile, text: str, fmt: str
                  ) -> tuple[list[Finding], str]:
        """The findings in ``text`` (offsets into it) and the format they were read as.

        A format whose checked text is not the text itself (JSONL with escapes) is
        read as plain text instead, so every offset is one the editor can show."""
        body, shift = (text[1:], 1) if text.startswith("\ufeff") else (text, 0)
        body = scrub(body)
        for attempt in dict.fromkeys((fmt, "txt")):
            outcome = run_task(Task(path=path, profile=profile,
                                    read=ReadOptions(input_format=attempt, encoding="utf-8"),
                                    data=body.encode("utf-8")))
            if outcome.result.error:
                raise RulecheckError(outcome.result.error)
            doc = outcome.result.document
            if doc is not None and doc.text == body:
                return [_moved(f, shift) for f in outcome.result.findings], attempt
        return [], fmt

    def fix_all(self, checked: Checked, unsafe: bool = False) -> str:
        """``checked.text`` with every applicable fix applied, checking again after each
        pass as ``rulecheck fix`` does."""
        if checked.fixed is not None and not unsafe:
            return checked.fixed
        if checked.profile is None or not fixing.choose(checked.findings,
                                                        checked.input_format, unsafe):
            return checked.text
        profile, fmt = checked.profile, checked.input_format

        def check(text: str) -> list[Finding]:
            return self._findings(checked.path, profile, text, fmt)[0]

        fixed = fixing.fix_text(checked.text, check, fmt, unsafe=unsafe).text
        if not unsafe:
            checked.fixed = fixed
        return fixed


def _moved(f: Finding, delta: int) -> Finding:
    if not delta:
        return f
    return replace(f, start=f.start + delta, end=f.end + delta,
                   fix=f.fix.moved(delta) if f.fix else None)


def _config_error(uri: str, text: str, path: str, message: str) -> Checked:
    checked = Checked(uri, text, path=path, error=message, error_kind="config", error_line=0)
    m = _WHERE.match(message)
    if m and os.path.isfile(m.group("path")):
        checked.error_source = (os.path.abspath(m.group("path")), int(m.group("line")) - 1)
    return checked
