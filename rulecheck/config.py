"""Project configuration: ``rulecheck.toml`` or ``[tool.rulecheck]`` in ``pyproject.toml``.

The nearest configuration file above a checked file applies to it (ruff's
model), so one repository can hold scripts for several brands with their own
allowlists. Every problem in a file is a ``ConfigError`` whose message is one
line, ``path:line: message``, so the CLI can print it and exit 2.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rulecheck.engine.selection import is_selected, unknown_code, valid_codes
from rulecheck.errors import ConfigError, InputError
from rulecheck.globmatch import GlobError, compile_glob, matches
from rulecheck.lazyre import LazyPattern
from rulecheck.model import PRODUCT_TYPES, SEVERITIES
from rulecheck.readers.files import read_regular
from rulecheck.rulebook.rule import Rule
from rulecheck.safetext import display_name

if TYPE_CHECKING:
    import tomllib


def _toml() -> Any:
    """The TOML parser, imported when a configuration file is read: most checks have
    none, and importing it (with its regexes) costs more than looking for one."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    return tomllib

#: Names looked for in each directory, in this order.
CONFIG_NAMES: tuple[str, ...] = (".rulecheck.toml", "rulecheck.toml", "pyproject.toml")

LANGS: tuple[str, ...] = ("auto", "zh", "en")

#: Every key a configuration may set, with the kind of value it takes.
KEYS: dict[str, str] = {
    "select": "codes",
    "ignore": "codes",
    "extend-select": "codes",
    "severity": "severity table",
    "per-file-ignores": "per-file table",
    "rules": "paths",
    "allowlist": "terms",
    "product-type": "product type",
    "lang": "lang",
    "fail-on": "severity",
    "exclude": "globs",
    "extend-exclude": "globs",
    "respect-gitignore": "switch",
    "force-exclude": "switch",
    "preview": "switch",
}

#: What ``exclude`` is when no configuration sets it: directories of other tools that
#: hold text files nobody wrote as a script (hidden entries are always skipped too).
DEFAULT_EXCLUDE: tuple[str, ...] = ("node_modules", "site-packages", "venv", "__pycache__")


@dataclass
class Settings:
    """One configuration file's settings, paths already resolved against its directory."""

    source: Path | None = None  # the file they came from; None: defaults
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    rules: list[Path] = field(default_factory=list)
    allowlist: list[str] = field(default_factory=list)
    product_type: str | None = None
    lang: str | None = None
    fail_on: str | None = None
    exclude: list[str] | None = None  # None: DEFAULT_EXCLUDE
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool | None = None  # None: true
    force_exclude: bool | None = None  # None: false
    preview: bool | None = None  # None: false; true runs rules whose status is preview
    #: (table, key) -> the line it was written on, for errors found after loading
    lines: dict[tuple[str | None, str], int] = field(default_factory=dict, repr=False)

    def line_of(self, key: str, table: str | None = None) -> int | None:
        return self.lines.get((table, key))

    @property
    def root(self) -> Path:
        """The directory per-file-ignores globs are relative to."""
        return self.source.parent if self.source else Path.cwd()

    def ignores_for(self, path: str) -> list[str]:
        """The codes per-file-ignores turn off for ``path`` (stdin matches nothing)."""
        if path == "-" or not self.per_file_ignores:
            return []
        target = Path(path).resolve()
        try:
            rel = target.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = target.as_posix()
        codes: list[str] = []
        for pattern, pcodes in self.per_file_ignores:
            if glob_match(pattern, rel):
                codes.extend(pcodes)
        return codes


def glob_match(pattern: str, rel_path: str) -> bool:
    """Match a ``/``-separated path against a glob with ``**``; a pattern without ``/``
    also matches the file name alone (``*.srt`` matches ``live/day1.srt``)."""
    states = _compiled(pattern)
    if matches(states, rel_path):
        return True
    if "/" not in pattern.strip("/"):
        return matches(states, rel_path.rsplit("/", 1)[-1])
    return False


_GLOB_CACHE: dict[str, tuple] = {}


def _compiled(pattern: str) -> tuple:
    got = _GLOB_CACHE.get(pattern)
    if got is None:
        got = _GLOB_CACHE[pattern] = compile_glob(pattern)
    return got


# -- finding and reading files -------------------------------------------------

#: The largest configuration file read.
MAX_CONFIG_BYTES = 1_000_000

def _has_tool_section(path: Path) -> bool:
    toml = _toml()
    try:
        data = toml.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, toml.TOMLDecodeError):
        # a broken pyproject.toml is only ours to report when it has our section
        try:
            return "[tool.rulecheck" in path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "rulecheck" in tool


def find_config(start: str | Path) -> Path | None:
    """The nearest configuration file in ``start`` (a file's directory) or above it."""
    here = Path(start).resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for d in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _has_tool_section(candidate):
                return candidate
    return None


def _decode_error_line(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, str]:
    msg = str(exc)
    m = re.search(r"\s*\(at line (\d+), column \d+\)$", msg)
    if m:
        return int(m.group(1)), msg[:m.start()]
    m = re.search(r"\s*\(at end of document\)$", msg)
    if m:
        return max(len(text.splitlines()), 1), msg[:m.start()] + " at end of file"
    return getattr(exc, "lineno", None), msg


_TABLE_HEADER = LazyPattern(r"\s*\[\[?[^\]=]*\]\]?\s*(?:#.*)?$")


class _Locator:
    """Finds the line a key was written on, for one-line error messages."""

    def __init__(self, path: Path, text: str, section: str | None):
        self.path = path
        self.lines = text.splitlines()
        self.section = section

    def _range(self, header: str | None) -> tuple[int, int] | None:
        """Lines of the table ``header`` (None: the top level), header line excluded."""
        if not header:
            end = next((i for i, ln in enumerate(self.lines) if _TABLE_HEADER.match(ln)),
                       len(self.lines))
            return 0, end
        hdr = re.compile(r"\s*\[\s*" + r"\s*\.\s*".join(
            f"(?:{re.escape(h)}|\"{re.escape(h)}\")" for h in header.split("."))
            + r"\s*\]\s*(?:#.*)?$")
        start = next((i + 1 for i, ln in enumerate(self.lines) if hdr.match(ln)), None)
        if start is None:
            return None
        end = next((i for i in range(start, len(self.lines))
                    if _TABLE_HEADER.match(self.lines[i])), len(self.lines))
        return start, end

    def line_of(self, key: str, table: str | None = None) -> int | None:
        """1-based line of ``key`` (inside ``table`` when given), or None."""
        key_re = re.compile(r"(?:^|[{,\s])(?:" + re.escape(key) + "|\"" + re.escape(key)
                            + "\"|'" + re.escape(key) + r"')\s*=")
        header = ".".join(p for p in (self.section, table) if p)
        spans = [self._range(header)]
        if table:  # an inline table: look in the enclosing section instead
            spans.append(self._range(self.section))
        for span in spans:
            if span is None:
                continue
            for i in range(*span):
                if key_re.search(self.lines[i]):
                    return i + 1
        if table:
            return self.line_of(table)
        return None

    def error(self, message: str, key: str | None = None, table: str | None = None
              ) -> ConfigError:
        line = self.line_of(key, table) if key else None
        where = f"{self.path}:{line}" if line else f"{self.path}"
        return ConfigError(f"{where}: {message}")


def load_config(path: str | Path) -> Settings:
    """Read and validate one configuration file (``ConfigError`` on any problem)."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(f"{display_name(str(path))}: no such configuration file")
    try:
        text = read_regular(str(path), MAX_CONFIG_BYTES).decode("utf-8")
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{display_name(str(path))}: not UTF-8 text") from None
    toml = _toml()
    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError as exc:
        line, msg = _decode_error_line(exc, text)
        raise ConfigError(f"{path}:{line}: {msg}" if line else f"{path}: {msg}") from None
    except RecursionError:
        raise ConfigError(f"{path}: values nested too deeply") from None
    section: str | None = None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("rulecheck", {}) if isinstance(tool, dict) else {}
        section = "tool.rulecheck"
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.rulecheck] must be a table")
    return parse_settings(data, path, _Locator(path, text, section))


def parse_settings(data: dict[str, Any], path: Path, loc: _Locator | None = None) -> Settings:
    """Validate the table of one configuration file into ``Settings``."""
    loc = loc or _Locator(path, "", None)
    s = Settings(source=path)
    root = path.parent
    for key, value in data.items():
        kind = KEYS.get(key)
        if kind is None:
            hint = ""
            if key.replace("_", "-") in KEYS:
                hint = f" (did you mean {key.replace('_', '-')!r}?)"
            raise loc.error(f"unknown key {key!r}{hint}; expected one of "
                            f"{', '.join(KEYS)}", key)
        line = loc.line_of(key)
        if line is not None:
            s.lines[(None, key)] = line
        if kind == "codes":
            codes = _str_list(value, key, loc)
            if key == "select":
                s.select = codes
            elif key == "ignore":
                s.ignore = codes
            else:
                s.extend_select = codes
        elif kind == "terms":
            s.allowlist = [t for t in _str_list(value, key, loc) if t.strip()]
        elif kind == "paths":
            for d in _str_list(value, key, loc):
                full = (root / d).resolve()
                if not full.is_dir():
                    raise loc.error(f"rules: no such directory {d!r} "
                                    f"(relative to {root})", key)
                s.rules.append(full)
        elif kind == "severity table":
            if not isinstance(value, dict):
                raise loc.error(f"{key} must be a table of rule id = severity", key)
            for code, sev in value.items():
                if sev not in SEVERITIES:
                    raise loc.error(f"severity of {code!r} must be one of "
                                    f"{', '.join(SEVERITIES)}, not {sev!r}", code, key)
                s.severity[code] = sev
                line = loc.line_of(code, key)
                if line is not None:
                    s.lines[(key, code)] = line
        elif kind == "per-file table":
            if not isinstance(value, dict):
                raise loc.error(f"{key} must be a table of glob = [codes]", key)
            for glob, codes in value.items():
                try:
                    compile_glob(glob)
                except GlobError as exc:
                    raise loc.error(f"per-file-ignores: bad glob {glob!r}: {exc}",
                                    glob, key) from None
                s.per_file_ignores.append((glob, _str_list(codes, glob, loc, key)))
                line = loc.line_of(glob, key)
                if line is not None:
                    s.lines[(key, glob)] = line
        elif kind == "globs":
            globs = [g for g in _str_list(value, key, loc) if g]
            for glob in globs:
                try:
                    compile_glob(glob)
                except GlobError as exc:
                    raise loc.error(f"{key}: bad glob {glob!r}: {exc}", key) from None
            if key == "exclude":
                s.exclude = globs
            else:
                s.extend_exclude = globs
        elif kind == "switch":
            if not isinstance(value, bool):
                raise loc.error(f"{key} must be true or false, not {_kind(value)}", key)
            if key == "respect-gitignore":
                s.respect_gitignore = value
            elif key == "preview":
                s.preview = value
            else:
                s.force_exclude = value
        elif kind == "product type":
            if value not in PRODUCT_TYPES:
                raise loc.error(f"product-type must be one of {', '.join(PRODUCT_TYPES)}, "
                                f"not {value!r}", key)
            s.product_type = value
        elif kind == "lang":
            if value not in LANGS:
                raise loc.error(f"lang must be one of {', '.join(LANGS)}, not {value!r}", key)
            s.lang = value
        elif kind == "severity":
            if value not in SEVERITIES:
                raise loc.error(f"fail-on must be one of {', '.join(SEVERITIES)}, "
                                f"not {value!r}", key)
            s.fail_on = value
    return s


def _str_list(value: Any, key: str, loc: _Locator, table: str | None = None) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise loc.error(f"{key} must be a list of strings, not {_kind(value)}", key, table)
    return [v.strip() for v in value]


def _kind(value: Any) -> str:
    return {str: "a string", int: "a number", float: "a number", bool: "a boolean",
            dict: "a table", list: "a list with non-strings"}.get(type(value),
                                                                   type(value).__name__)


class ConfigFinder:
    """Finds and loads configuration once per directory (many files share one)."""

    def __init__(self, explicit: str | Path | None = None, isolated: bool = False):
        self.isolated = isolated
        self.explicit = load_config(explicit) if explicit else None
        self._by_dir: dict[Path, Settings] = {}
        self._loaded: dict[Path, Settings] = {}

    def for_path(self, path: str) -> Settings:
        """The settings that apply to ``path`` (``-``: found from the working directory)."""
        if self.explicit is not None:
            return self.explicit
        if self.isolated:
            return Settings()
        here = Path.cwd() if path == "-" else Path(path).resolve().parent
        got = self._by_dir.get(here)
        if got is None:
            found = find_config(here)
            if found is None:
                got = Settings()
            else:
                got = self._loaded.get(found)
                if got is None:
                    got = self._loaded[found] = load_config(found)
            self._by_dir[here] = got
        return got


# -- turning settings into a rule set ---------------------------------------------

def _code_matches(rule: Rule, code: str, preview: bool = True) -> bool:
    return is_selected(rule, [code], None, preview)


def resolve_selection(rules: Mapping[str, Rule],
                      layers: Sequence[tuple[list[str] | None, list[str], list[str]]],
                      preview: bool = False) -> set[str]:
    """The rule ids that run, from (select, extend-select, ignore) layers, later winning.

    As in ruff: the first layer is the configuration file, the second the command
    line. A layer's ``select`` replaces the set so far, ``extend-select`` adds to
    it, then its ``ignore`` removes from it; a later layer can re-enable a rule an
    earlier one ignored. A ``preview`` rule joins only by its own id, or with ``preview``.
    """
    active = {rid for rid, r in rules.items() if preview or r.status != "preview"}
    for select, extend, ignore in layers:
        if select is not None:
            active = {rid for rid, r in rules.items()
                      if any(_code_matches(r, c, preview) for c in select)}
        if extend:
            active |= {rid for rid, r in rules.items()
                       if any(_code_matches(r, c, preview) for c in extend)}
        if ignore:
            active -= {rid for rid, r in rules.items() if any(_code_matches(r, c) for c in ignore)}
    return active


def _specificity(code: str) -> tuple[int, int]:
    up = code.upper()
    if up == "ALL":
        return (0, 0)
    if code.lower() == code and "-" not in code:  # a category id
        return (1, 0)
    return (2, len(up.rstrip("-")))


def expand_severity(rules: Mapping[str, Rule], overrides: Mapping[str, str]) -> dict[str, str]:
    """Rule id -> severity from overrides keyed by id, prefix or category (most specific wins)."""
    out: dict[str, str] = {}
    for code in sorted(overrides, key=_specificity):
        for rid, r in rules.items():
            if _code_matches(r, code):
                out[rid] = overrides[code]
    return out


def unknown_codes(rules: Mapping[str, Rule], codes: Iterable[str],
                  valid: Collection[str] | None = None) -> list[str]:
    """Codes that name no category, no rule id or id prefix, and select no loaded rule
    (typos: each is an error). ``valid``: ``valid_codes(rules)``, when already known."""
    known = valid_codes(rules) if valid is None else valid
    return [c for c in codes if unknown_code(c, rules, known)]


def _toml_value(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_toml_value(v)}"
                                for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def describe(s: Settings, target: str, file_ignores: list[str] | None = None) -> str:
    """The resolved settings as TOML (for ``rulecheck config --show``)."""
    lines = [f"# settings for {target}",
             f"# from {s.source}" if s.source else "# from defaults (no configuration file)"]
    values: dict[str, Any] = {
        "select": s.select if s.select is not None else ["ALL"],
        "extend-select": s.extend_select,
        "ignore": s.ignore,
        "severity": s.severity,
        "per-file-ignores": dict(s.per_file_ignores),
        "rules": [str(p) for p in s.rules],
        "allowlist": s.allowlist,
        "product-type": s.product_type or "auto",
        "lang": s.lang or "auto",
        "fail-on": s.fail_on or "warning",
        "exclude": s.exclude if s.exclude is not None else list(DEFAULT_EXCLUDE),
        "extend-exclude": s.extend_exclude,
        "respect-gitignore": s.respect_gitignore is not False,
        "force-exclude": bool(s.force_exclude),
        "preview": bool(s.preview),
    }
    for key, value in values.items():
        lines.append(f"{key} = {_toml_value(value)}")
    if file_ignores is not None:
        lines.append(f"# per-file-ignores for this file: {_toml_value(file_ignores)}")
    return "\n".join(lines)
