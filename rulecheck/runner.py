"""Check many inputs: discover files, resolve each one's settings, check, filter, fix.

The parent plans one ``Task`` per input (its settings come from the nearest
configuration file plus the command line); ``run_task`` does everything for one
input and can run in a worker process (see parallel.py). Per input, findings
pass through: per-file ignores -> allowlist -> inline suppressions -> baseline.
A bad input never stops the others: it becomes a ``FileResult`` with an error.

Inputs are found as ruff finds them: a directory is walked for the extensions the
readers know, skipping hidden entries, what ``exclude`` / ``extend-exclude`` match
and (by default) what ``.gitignore`` ignores; a file named on the command line is
always checked unless ``force-exclude`` is on.
"""

from __future__ import annotations

import glob
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rulecheck import allowlist, suppress
from rulecheck.config import (
    DEFAULT_EXCLUDE,
    ConfigFinder,
    Settings,
    expand_severity,
    glob_match,
    resolve_selection,
    unknown_codes,
)
from rulecheck.engine.checker import Checker
from rulecheck.engine.pieces import PieceMap
from rulecheck.engine.selection import is_selected, unknown_code_message, valid_codes
from rulecheck.errors import ConfigError, InputError
from rulecheck.heap import freeze_long_lived
from rulecheck.model import Document, FileResult, Finding, severity_rank
from rulecheck.readers import not_regular_message
from rulecheck.readers import walk as walk_dir
from rulecheck.rulebook.compiler import Rulebook, load_rulebook
from rulecheck.rulebook.rule import Rule

if TYPE_CHECKING:  # the baseline module is imported only by a run that has a baseline
    from rulecheck.baseline import Baseline, Key

MODES = ("check", "fix", "diff", "stdout")


@dataclass(frozen=True)
class ReadOptions:
    input_format: str | None = None
    encoding: str | None = None
    field_map: tuple[tuple[str, str], ...] = ()
    column: str | None = None

    def kwargs(self) -> dict:
        return {"encoding": self.encoding, "field_map": dict(self.field_map) or None,
                "column": self.column}


@dataclass
class Overrides:
    """What the command line says; None / empty means "not given", so config applies."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    rules_dirs: list[str] = field(default_factory=list)
    lang: str | None = None
    product_type: str | None = None
    fail_on: str | None = None
    exclude: list[str] | None = None  # replaces the configured exclude (globs, from cwd)
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool | None = None
    force_exclude: bool | None = None
    preview: bool = False  # --preview


@dataclass(frozen=True)
class CheckerSpec:
    """Everything needed to build a Checker; hashable so each process builds it once."""

    rules_dirs: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None  # exact rule ids; None: all
    severity: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Profile:
    """The resolved settings for one input."""

    spec: CheckerSpec
    lang: str = "auto"
    product_type: str | None = None
    fail_on: str = "warning"
    file_ignores: tuple[str, ...] = ()
    allowlist: tuple[str, ...] = ()
    config: str | None = None


@dataclass
class Task:
    path: str
    profile: Profile
    read: ReadOptions = ReadOptions()
    mode: str = "check"
    baseline: Counter[Key] | None = None
    baseline_base: str | None = None
    data: bytes | None = None  # stdin, read by the parent
    piece_jobs: int = 1  # processes for the pieces of a very long document (engine/pieces.py)
    unsafe_fixes: bool = False  # fix modes apply unsafe fixes too


@dataclass
class Outcome:
    result: FileResult
    fail_on: str = "warning"
    unused: list[suppress.Unused] = field(default_factory=list)
    hidden: int = 0  # findings the baseline hid
    unfiltered: list[Finding] = field(default_factory=list)  # before the baseline
    fixed: int = 0
    fixed_text: str | None = None
    diff: str = ""
    notice: str | None = None  # e.g. why a file was not fixed


# -- checkers and rulebooks, cached per process ---------------------------------------

_BOOKS: dict[tuple[str, ...], Rulebook] = {}
_CHECKERS: dict[CheckerSpec, Checker] = {}


def rulebook(rules_dirs: Sequence[str]) -> Rulebook:
    key = tuple(rules_dirs)
    book = _BOOKS.get(key)
    if book is None:
        book = _BOOKS[key] = load_rulebook(list(key))
    return book


def checker_for(spec: CheckerSpec) -> Checker:
    got = _CHECKERS.get(spec)
    if got is None:
        select = list(spec.select) if spec.select is not None else None
        ignore = ["ALL"] if select == [] else None  # an empty selection runs nothing
        got = _CHECKERS[spec] = Checker(rulebook=rulebook(spec.rules_dirs),
                                        select=select or None, ignore=ignore,
                                        severity_overrides=dict(spec.severity))
    return got


# -- planning (parent process) ------------------------------------------------------

class Planner:
    """Resolves the Profile of each input from its configuration and the command line."""

    def __init__(self, finder: ConfigFinder, cli: Overrides):
        self.finder = finder
        self.cli = cli
        self.warnings: list[str] = []
        self._bases: dict[int, Profile] = {}
        self._exclusions: dict[int, _Exclusion] = {}
        #: files named on the command line that force-exclude left out
        self.force_excluded: list[str] = []
        self.rules: dict[str, Rule] = {}

    def settings(self, path: str) -> Settings:
        return self.finder.for_path(path)

    def profile(self, path: str) -> Profile:
        s = self.settings(path)
        base = self._bases.get(id(s))
        if base is None:
            base = self._bases[id(s)] = self._base_profile(s)
        ignores = tuple(s.ignores_for(path))
        return replace(base, file_ignores=ignores) if ignores else base

    def _check_config_codes(self, s: Settings, rules: dict[str, Rule]) -> None:
        """A ``ConfigError`` (``file:line: key: ...``) for the first code in ``s`` that
        names no category, rule id or prefix of the rules it runs with."""
        if s.source is None:
            return
        valid = valid_codes(rules)
        checks: list[tuple[str, str | None, str, Iterable[str]]] = [
            ("select", None, "select", s.select or []),
            ("extend-select", None, "extend-select", s.extend_select),
            ("ignore", None, "ignore", s.ignore),
            *((code, "severity", "severity", [code]) for code in s.severity),
            *((g, "per-file-ignores", "per-file-ignores", codes)
              for g, codes in s.per_file_ignores),
        ]
        for key, table, what, codes in checks:
            bad = unknown_codes(rules, codes, valid)
            if bad:
                line = s.line_of(key, table)
                where = f"{s.source}:{line}" if line else str(s.source)
                raise ConfigError(f"{where}: {what}: {unknown_code_message(bad[0], valid)}")

    def check_cli_codes(self) -> None:
        """A ``ConfigError`` for the first --select/--extend-select/--ignore code that
        names nothing in any rulebook in use (all profiles planned so far, else the
        bundled rules and --rules)."""
        cli = self.cli
        if not (cli.select or cli.extend_select or cli.ignore):
            return
        rules = self.rules or {rid: cr.rule
                               for rid, cr in rulebook(tuple(cli.rules_dirs)).rules.items()}
        valid = valid_codes(rules)
        for what, codes in (("--select", cli.select or []),
                            ("--extend-select", cli.extend_select),
                            ("--ignore", cli.ignore)):
            bad = unknown_codes(rules, codes, valid)
            if bad:
                raise ConfigError(f"{what}: {unknown_code_message(bad[0], valid)}")

    def _base_profile(self, s: Settings) -> Profile:
        cli = self.cli
        dirs = tuple(str(d) for d in s.rules) + tuple(cli.rules_dirs)
        book = rulebook(dirs)
        rules = {rid: cr.rule for rid, cr in book.rules.items()}
        self.rules.update(rules)
        src = str(s.source) if s.source else None
        self._check_config_codes(s, rules)
        active = resolve_selection(rules, [(s.select, s.extend_select, s.ignore),
                                           (cli.select, cli.extend_select, cli.ignore)],
                                   preview=bool(cli.preview or s.preview))
        select = None if active == set(rules) else tuple(sorted(active))
        severity = tuple(sorted(expand_severity(rules, s.severity).items()))
        return Profile(
            spec=CheckerSpec(dirs, select, severity),
            lang=cli.lang or s.lang or "auto",
            product_type=cli.product_type or s.product_type,
            fail_on=cli.fail_on or s.fail_on or "warning",
            allowlist=tuple(s.allowlist),
            config=src,
        )

    def exclusion(self, path: Path) -> _Exclusion:
        """The exclusion settings for an entry at ``path`` (those of its directory)."""
        s = self.settings(str(path))
        got = self._exclusions.get(id(s))
        if got is None:
            got = self._exclusions[id(s)] = _Exclusion.of(s, self.cli)
        return got


# -- finding the inputs (parent process) ----------------------------------------------

@dataclass
class _Exclusion:
    """What one configuration (and the command line) exclude from a walk."""

    patterns: list[tuple[str, Path]]  # glob, the directory it is relative to
    respect_gitignore: bool = True
    force_exclude: bool = False

    @classmethod
    def of(cls, s: Settings, cli: Overrides) -> _Exclusion:
        cwd = Path.cwd().resolve()
        if cli.exclude is not None:
            base = [(p, cwd) for p in cli.exclude]
        elif s.exclude is not None:
            base = [(p, s.root.resolve()) for p in s.exclude]
        else:
            base = [(p, cwd) for p in DEFAULT_EXCLUDE]
        patterns = (base + [(p, s.root.resolve()) for p in s.extend_exclude]
                    + [(p, cwd) for p in cli.extend_exclude])
        respect = (cli.respect_gitignore if cli.respect_gitignore is not None
                   else s.respect_gitignore is not False)
        force = cli.force_exclude if cli.force_exclude is not None else bool(s.force_exclude)
        return cls(patterns, respect, force)

    def matches(self, path: Path, is_dir: bool) -> bool:
        """Whether an exclude or extend-exclude glob matches ``path`` (resolved)."""
        for pattern, root in self.patterns:
            try:
                rel = path.relative_to(root).as_posix()
            except ValueError:
                rel = path.name  # outside the root: only a pattern of a name can match
            if glob_match(pattern, rel) or (is_dir and glob_match(pattern, rel + "/")):
                return True
        return False

    def matches_named(self, path: Path) -> bool:
        """Whether a file named on the command line is excluded (``force-exclude``):
        the file, or a directory above it inside a pattern's root, matches."""
        if self.matches(path, False):
            return True
        for pattern, root in self.patterns:
            for d in path.parents:
                if d == root or root not in d.parents:
                    break
                rel = d.relative_to(root).as_posix()
                if glob_match(pattern, rel) or glob_match(pattern, rel + "/"):
                    return True
        return False


class _GitIgnores:
    """``.gitignore`` files (and ``.git/info/exclude``) of the git repositories that
    walked paths are in, with git's precedence: a deeper file overrides a shallower
    one, and the last matching pattern of a file decides (``!`` re-includes)."""

    MAX_BYTES = 1_000_000

    def __init__(self) -> None:
        self._roots: dict[Path, Path | None] = {}
        self._specs: dict[Path, object | None] = {}

    def _root(self, d: Path) -> Path | None:
        if d in self._roots:
            return self._roots[d]
        root = d if (d / ".git").exists() else (
            None if d.parent == d else self._root(d.parent))
        self._roots[d] = root
        return root

    def _spec(self, path: Path):
        if path not in self._specs:
            self._specs[path] = _read_spec(path, self.MAX_BYTES)
        return self._specs[path]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Whether git would ignore ``path`` (resolved); False outside a repository."""
        root = self._root(path.parent)
        if root is None:
            return False
        dirs = [root]
        for part in path.parent.relative_to(root).parts:
            dirs.append(dirs[-1] / part)
        sources = [(root, root / ".git" / "info" / "exclude")]
        sources += [(d, d / ".gitignore") for d in dirs]
        decision: bool | None = None
        for base, file in sources:
            spec = self._spec(file)
            if spec is None:
                continue
            rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            include = spec.check_file(rel).include
            if include is not None:
                decision = include
        return bool(decision)


def _read_spec(path: Path, limit: int):
    """The patterns of one ignore file, or None when there is none to read."""
    from rulecheck.readers.files import is_regular, read_regular

    if not is_regular(str(path)):
        return None
    try:
        lines = read_regular(str(path), limit).decode("utf-8", "replace").splitlines()
    except InputError:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


class _Finder:
    """Expands the paths given into the files to check, in order, each once."""

    def __init__(self, planner: Planner | None):
        self.planner = planner
        self.default = _Exclusion([(p, Path.cwd().resolve()) for p in DEFAULT_EXCLUDE])
        self.gitignores = _GitIgnores()
        self.files: list[str] = []
        self.errors: list[str] = []
        self.force_excluded: list[str] = []  # named files that force-exclude skipped
        self._seen: set[str] = set()

    def _rules(self, real: Path) -> _Exclusion:
        return self.planner.exclusion(real) if self.planner is not None else self.default

    def _skipped(self, real: Path, is_dir: bool) -> bool:
        ex = self._rules(real)
        return ex.matches(real, is_dir) or (ex.respect_gitignore
                                            and self.gitignores.ignored(real, is_dir))

    def _add(self, p: str) -> None:
        from rulecheck.readers.files import is_regular

        if not is_regular(p):
            self.errors.append(not_regular_message(p))
            return
        self._keep(p)

    def _keep(self, p: str) -> None:
        key = os.path.normpath(p)
        if key not in self._seen:
            self._seen.add(key)
            self.files.append(p)

    def walk(self, top: str) -> None:
        """Every checkable file under the directory ``top`` that is not excluded, sorted."""
        files, not_regular = walk_dir(top, self._skipped)
        for f in files:
            self._keep(f)
        self.errors.extend(not_regular)

    def named(self, p: str) -> None:
        """A path given on the command line."""
        from rulecheck.safetext import display_name

        if os.path.isdir(p):
            self.walk(p)
        elif os.path.lexists(p) and not os.path.exists(p):
            self.errors.append(f"{display_name(p)}: broken symbolic link")
        elif os.path.exists(p):
            real = Path(p).resolve()
            ex = self._rules(real)
            if ex.force_exclude and ex.matches_named(real):
                self.force_excluded.append(p)
            else:
                self._add(p)
        elif glob.has_magic(p):
            self.pattern(p)
        else:
            self.errors.append(f"{display_name(p)}: no such file or directory")

    def pattern(self, p: str) -> None:
        """A glob the shell did not expand (quoted, or on Windows): what it matches is
        taken as a directory's contents would be."""
        from rulecheck.readers import EXTENSIONS
        from rulecheck.safetext import display_name

        matches = sorted(glob.glob(p, recursive=True))
        if not matches:
            self.errors.append(f"{display_name(p)}: no file or directory matches this pattern")
            return
        for m in matches:
            if os.path.isdir(m):
                if not self._skipped(Path(m).resolve(), True):
                    self.walk(m)
            elif (Path(m).suffix.lower() in EXTENSIONS
                  and not self._skipped(Path(m).resolve(), False)):
                self._add(m)


def expand_inputs(paths: Iterable[str], planner: Planner | None = None
                  ) -> tuple[list[str], list[FileResult]]:
    """Files to check, plus results for inputs that do not exist (reported, not dropped).

    Exclusions come from ``planner`` (each entry's configuration and the command
    line); without one, only the default exclusions and ``.gitignore`` apply."""
    paths = list(paths)
    finder = _Finder(planner)
    for p in paths:
        if p != "-":
            finder.named(os.fspath(p))
    ordered = (["-"] if "-" in paths else []) + finder.files
    if planner is not None:
        planner.force_excluded.extend(finder.force_excluded)
    return ordered, [FileResult(path=e.rsplit(": ", 1)[0], error=e) for e in finder.errors]


def plan(paths: Iterable[str], planner: Planner, read: ReadOptions, mode: str = "check",
         baseline: Baseline | None = None, unsafe_fixes: bool = False
         ) -> tuple[list[Task], list[FileResult]]:
    """One Task per input file (stdin read here, since workers cannot read it).

    A command-line code that names no rule is a ``ConfigError``, raised before
    stdin is read."""
    files, missing = expand_inputs(paths, planner)
    profiles = [planner.profile(p) for p in files]
    planner.check_cli_codes()
    tasks = []
    for p, profile in zip(files, profiles, strict=True):
        data = sys.stdin.buffer.read() if p == "-" else None
        tasks.append(Task(
            path=p, profile=profile, read=read, mode=mode, data=data, unsafe_fixes=unsafe_fixes,
            baseline=baseline.for_file(p) if baseline is not None else None,
            baseline_base=str(baseline.base) if baseline is not None else None))
    return tasks, missing


# -- one input, start to end (worker-safe) --------------------------------------------

def read_input(task: Task) -> Document:
    from rulecheck import readers

    if task.data is not None:
        return readers.read_bytes(task.data, path=task.path,
                                  input_format=task.read.input_format or "txt",
                                  **task.read.kwargs())
    return readers.read_path(task.path, input_format=task.read.input_format,
                             **task.read.kwargs())


def _filter(doc: Document, findings: list[Finding], profile: Profile, checker: Checker
            ) -> tuple[list[Finding], list[suppress.Unused]]:
    rules = checker.rules
    if profile.file_ignores:
        findings = [f for f in findings
                    if f.rule not in rules or not is_selected(rules[f.rule], profile.file_ignores,
                                                              None)]
    findings = allowlist.apply(doc.text, findings, profile.allowlist)
    active = set(profile.spec.select) if profile.spec.select is not None else set(rules)

    def runs(code: str) -> bool:
        return any(is_selected(rules[rid], [code], None) for rid in active if rid in rules)

    return suppress.apply(doc.path, doc.text, findings, rules, runs)


def run_task(task: Task) -> Outcome:
    """Read, check and filter one input; fix it when the mode says so."""
    try:
        return _run_task(task)
    finally:
        freeze_long_lived()  # what the check loaded stays; keep it out of the gc's scans


def _run_task(task: Task) -> Outcome:
    from rulecheck import fix as fixing
    from rulecheck import readers

    profile = task.profile
    try:
        doc = read_input(task)
    except InputError as exc:
        return Outcome(FileResult(path=task.path, error=str(exc)), profile.fail_on)
    checker = checker_for(profile.spec)
    base = Path(task.baseline_base) if task.baseline_base else Path.cwd()
    state: dict = {}

    map_pieces = _piece_mapper(profile, task.piece_jobs) if task.piece_jobs > 1 else None

    def evaluate(d: Document) -> list[Finding]:
        found = checker.check_document(d, lang=profile.lang, product_type=profile.product_type,
                                       map_pieces=map_pieces)
        found, unused = _filter(d, found, profile, checker)
        hidden = 0
        state["unfiltered"] = found
        if task.baseline is not None:
            from rulecheck.baseline import filter_findings

            found, hidden = filter_findings(found, task.baseline, base)
        state.update(doc=d, unused=unused, hidden=hidden)
        return found

    why = fixing.fixable(doc) if task.mode != "check" else None
    if task.mode == "check" or (why and task.mode in ("fix", "diff")):
        findings = evaluate(doc)
        notice = why.replace(": cannot fix", ": not fixed: cannot fix", 1) \
            if why and findings else None
        return Outcome(FileResult(task.path, doc, findings), profile.fail_on, state["unused"],
                       state["hidden"], state["unfiltered"], notice=notice)
    if why:
        return Outcome(FileResult(task.path, error=why), profile.fail_on)

    def check_text(text: str) -> list[Finding]:
        d = doc if text == doc.text else readers.read_text(
            text, path=doc.path, input_format=doc.input_format, encoding=doc.encoding,
            field_map=dict(task.read.field_map) or None, column=task.read.column)
        return evaluate(d)

    outcome = fixing.fix_text(doc.text, check_text, doc.input_format,
                              unsafe=task.unsafe_fixes)
    final: Document = state["doc"]
    result = FileResult(task.path, final, outcome.remaining)
    out = Outcome(result, profile.fail_on, state["unused"], state["hidden"],
                  state["unfiltered"], fixed=outcome.applied)
    if task.mode == "diff":
        out.diff = fixing.unified_diff(task.path, outcome.original, outcome.text)
    elif task.mode == "stdout":
        out.fixed_text = outcome.text
    elif outcome.changed:
        try:
            fixing.write_in_place(task.path, outcome.text, doc.encoding)
        except InputError as exc:
            return Outcome(FileResult(task.path, error=str(exc)), profile.fail_on)
    return out


def _check_piece(spec: CheckerSpec, lang: str, product_type: str | None,
                 piece: Document) -> list[Finding]:
    """One piece of a very long document, on a worker with the task's checker."""
    return checker_for(spec).check_document(piece, lang=lang, product_type=product_type)


def _piece_mapper(profile: Profile, jobs: int) -> PieceMap:
    """Check the pieces of one very long document on `jobs` processes, in order."""
    from rulecheck.parallel import map_ordered

    check = partial(_check_piece, profile.spec, profile.lang, profile.product_type)
    return lambda pieces: map_ordered(check, pieces, jobs)


def run_tasks(tasks: Sequence[Task], jobs: int = 1,
              progress: Callable[[int], None] | None = None) -> list[Outcome]:
    """Run every task, in a process pool when there are enough; results in input order.

    When the tasks are too few for a pool of their own, the cores go to the pieces of
    any very long document among them instead (a 5 MB transcript is one task)."""
    from rulecheck.parallel import MIN_PARALLEL, map_ordered

    if jobs > 1 and len(tasks) < MIN_PARALLEL:
        tasks = [replace(t, piece_jobs=jobs) for t in tasks]
    return map_ordered(run_task, tasks, jobs, progress)


def record_baseline(base: Baseline, outcomes: Sequence[Outcome]) -> int:
    """Write the current findings to the baseline, then hide them as a later run would.

    Returns how many findings were recorded for the inputs checked.
    """
    recorded = base.update([FileResult(o.result.path, findings=o.unfiltered,
                                       error=o.result.error) for o in outcomes])
    base.save()
    from rulecheck.baseline import filter_findings

    for o in outcomes:
        o.result.findings, o.hidden = filter_findings(o.unfiltered,
                                                      base.for_file(o.result.path), base.base)
    return recorded


def failed(outcomes: Iterable[Outcome]) -> bool:
    """Whether any input has a finding at or above its --fail-on severity."""
    return any(severity_rank(f.severity) >= severity_rank(o.fail_on)
               for o in outcomes for f in o.result.findings)
