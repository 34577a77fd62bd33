"""Check many inputs: discover files, resolve each one's settings, check, filter, fix.

The parent plans one ``Task`` per input (its settings come from the nearest
configuration file plus the command line); ``run_task`` does everything for one
input and can run in a worker process (see parallel.py). Per input, findings
pass through: per-file ignores -> allowlist -> inline suppressions -> baseline.
A bad input never stops the others: it becomes a ``FileResult`` with an error.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from rulecheck import allowlist, suppress
from rulecheck.baseline import Baseline, Key, filter_findings
from rulecheck.config import (
    ConfigFinder,
    Settings,
    expand_severity,
    resolve_selection,
    unknown_codes,
)
from rulecheck.engine.checker import Checker
from rulecheck.engine.pieces import PieceMap
from rulecheck.engine.selection import is_selected
from rulecheck.errors import InputError
from rulecheck.heap import freeze_long_lived
from rulecheck.model import Document, FileResult, Finding, severity_rank
from rulecheck.rulebook.compiler import Rulebook, load_rulebook
from rulecheck.rulebook.rule import Rule

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
        self._warned: set[tuple[str | None, str]] = set()
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

    def _warn_unknown(self, rules: Mapping[str, Rule], where: str | None, what: str,
                      codes: Iterable[str]) -> None:
        for code in unknown_codes(rules, codes):
            if (where, f"{what}:{code}") in self._warned:
                continue
            self._warned.add((where, f"{what}:{code}"))
            prefix = f"{where}: warning" if where else "rulecheck: warning"
            self.warnings.append(f"{prefix}: {what} {code!r} matches no rule")

    def _base_profile(self, s: Settings) -> Profile:
        cli = self.cli
        dirs = tuple(str(d) for d in s.rules) + tuple(cli.rules_dirs)
        book = rulebook(dirs)
        rules = {rid: cr.rule for rid, cr in book.rules.items()}
        self.rules.update(rules)
        src = str(s.source) if s.source else None
        self._warn_unknown(rules, src, "select", s.select or [])
        self._warn_unknown(rules, src, "extend-select", s.extend_select)
        self._warn_unknown(rules, src, "ignore", s.ignore)
        self._warn_unknown(rules, src, "severity", s.severity)
        for _, codes in s.per_file_ignores:
            self._warn_unknown(rules, src, "per-file-ignores", codes)
        self._warn_unknown(rules, None, "--select", cli.select or [])
        self._warn_unknown(rules, None, "--extend-select", cli.extend_select)
        self._warn_unknown(rules, None, "--ignore", cli.ignore)
        active = resolve_selection(rules, [(s.select, s.extend_select, s.ignore),
                                           (cli.select, cli.extend_select, cli.ignore)])
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


def expand_inputs(paths: Iterable[str]) -> tuple[list[str], list[FileResult]]:
    """Files to check, plus results for inputs that do not exist (reported, not dropped)."""
    from rulecheck import readers

    paths = list(paths)
    plain = [p for p in paths if p != "-"]
    files, errors = readers.discover(plain)
    ordered = (["-"] if "-" in paths else []) + files
    return ordered, [FileResult(path=e.rsplit(": ", 1)[0], error=e) for e in errors]


def plan(paths: Iterable[str], planner: Planner, read: ReadOptions, mode: str = "check",
         baseline: Baseline | None = None) -> tuple[list[Task], list[FileResult]]:
    """One Task per input file (stdin read here, since workers cannot read it)."""
    files, missing = expand_inputs(paths)
    tasks = []
    for p in files:
        data = sys.stdin.buffer.read() if p == "-" else None
        tasks.append(Task(
            path=p, profile=planner.profile(p), read=read, mode=mode, data=data,
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

    outcome = fixing.fix_text(doc.text, check_text, doc.input_format)
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
    for o in outcomes:
        o.result.findings, o.hidden = filter_findings(o.unfiltered,
                                                      base.for_file(o.result.path), base.base)
    return recorded


def failed(outcomes: Iterable[Outcome]) -> bool:
    """Whether any input has a finding at or above its --fail-on severity."""
    return any(severity_rank(f.severity) >= severity_rank(o.fail_on)
               for o in outcomes for f in o.result.findings)
