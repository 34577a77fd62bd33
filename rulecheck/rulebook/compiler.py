"""From YAML packs to a compiled rulebook: validated rules, compiled matches, anchors.

Compiling runs the Lark parser over every match expression; the result is pickled
in the cache keyed by the hash of the rule files, so later runs skip it.
"""

from __future__ import annotations

import pickle
import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rulecheck import cachefiles
from rulecheck.context.model import ContextModel, compile_context
from rulecheck.dsl import nodes as n
from rulecheck.dsl.patterns import PatternTable
from rulecheck.dsl.regex import RegexSyntaxError, compile_pattern
from rulecheck.dsl.required import TRUE, Need, hits_need
from rulecheck.engine.scan import Scanner
from rulecheck.errors import RuleError
from rulecheck.rulebook import deferred
from rulecheck.rulebook.deferred import DEFER_LOCK, Deferred, without_class_defaults
from rulecheck.rulebook.lexicons import Lexicon
from rulecheck.rulebook.rule import BadCase, Examples, Replacement, Replacements, Rule
from rulecheck.rulebook.sources import RuleSources, bundled_rules_dir, find_sources

if TYPE_CHECKING:
    from rulecheck.rulebook.yamlsource import Located, Mark

COMPILER_VERSION = "23"
#: A lexicon of compounds the Chinese tokenizer must keep whole (好评返现, 化妆品界 ...).
TOKENIZER_LEXICON = "tokenizer_words"


@without_class_defaults
@dataclass
class CompiledRule(Deferred):
    rule: Rule
    match: n.Node
    unless: n.Node | None
    downgrade: n.Node | None
    anchors: frozenset[int] | None
    scope: tuple[str, int]
    #: What every unit the match hits in contains (dsl/required.py): the engine evaluates
    #: the rule only where its pieces are all present.
    need: Need | None = None

    #: The compiled expressions, read only where the rule's anchors and pieces occur; its
    #: pieces, only where its anchors do; its anchors, by a scanner made anew.
    _DEFER = (("match", "unless", "downgrade"), ("need",), ("anchors",))


class Lexicons(Mapping[str, Lexicon]):
    """The lexicons by name, each pickled apart and unpickled when first looked up: a
    check reads a few of the rulebook's thousand (negators, product cues)."""

    def __init__(self, lexicons: Mapping[str, Lexicon] | None = None):
        self._loaded: dict[str, Lexicon] = dict(lexicons or {})
        self._blobs: dict[str, bytes] = {}
        self._names: list[str] = list(self._loaded)

    def __getitem__(self, name: str) -> Lexicon:
        got = self._loaded.get(name)
        if got is None:
            with DEFER_LOCK:
                blob = self._blobs.get(name)
                if blob is None:
                    got = self._loaded.get(name)
                    if got is None:
                        raise KeyError(name)
                    return got
                got = self._loaded[name] = pickle.loads(blob)
                del self._blobs[name]
        return got

    def __contains__(self, name: object) -> bool:
        return name in self._loaded or name in self._blobs

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"Lexicons({self._names!r})"

    def __getstate__(self) -> tuple:
        blobs = dict(self._blobs)
        blobs.update((name, deferred.pack(lex)) for name, lex in self._loaded.items())
        return self._names, blobs

    def __setstate__(self, state: tuple) -> None:
        self._names, self._blobs = state
        self._loaded = {}


class Aliases(Sequence[tuple[str, int, str]]):
    """(spelling, pattern id, kind) of every evasive spelling, held as three columns: tens
    of thousands of 3-tuples, each with its own int after unpickling, cost several MB."""

    __slots__ = ("_words", "_pids", "_kinds")

    def __init__(self, items: Iterable[tuple[str, int, str]] = ()):
        rows = list(items)
        self._words = [w for w, _, _ in rows]
        self._pids = array("i", [p for _, p, _ in rows])
        self._kinds = [sys.intern(k) for _, _, k in rows]  # a few kinds, each stored once

    def __len__(self) -> int:
        return len(self._words)

    def __getitem__(self, i: int) -> tuple[str, int, str]:  # type: ignore[override]
        return self._words[i], self._pids[i], self._kinds[i]

    def __iter__(self) -> Iterator[tuple[str, int, str]]:
        return zip(self._words, self._pids, self._kinds, strict=True)

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def __getstate__(self) -> tuple:
        return self._words, self._pids, self._kinds

    def __setstate__(self, state: tuple) -> None:
        self._words, self._pids, self._kinds = state


@without_class_defaults
@dataclass
class Rulebook(Deferred):
    rules: dict[str, CompiledRule]
    patterns: PatternTable
    lexicons: dict[str, Lexicon]
    fingerprint: str
    sources: tuple[str, ...] = ()
    rules_by_pattern: dict[int, tuple[str, ...]] = field(default_factory=dict)
    unanchored: tuple[str, ...] = ()
    aliases: Aliases = field(default_factory=lambda: Aliases())
    char_variants: dict[str, str] = field(default_factory=dict)
    context: ContextModel | None = None
    #: Anchors whose separated and variant spellings the scan finds (see compile_sources).
    evasive: frozenset[int] | None = None
    #: Words of regexes that no rule is anchored on: never scanned.
    skipped: frozenset[int] = frozenset()
    #: The scanner with evasions on, its tables derived at compile time and cached with
    #: the rulebook, so that a short check does not derive them again (see scanner_of).
    scanner: Scanner | None = None
    #: `user_words`, listed at compile time and cached with the rulebook: sorting the
    #: word() literals costs more than the rest of a short check's set-up.
    tokenizer_words: tuple[str, ...] | None = None

    #: What a check does not read: the table and the aliases are in the cached scanner.
    _DEFER = (("patterns",), ("aliases",))

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        if not isinstance(state.get("lexicons"), Lexicons):
            state["lexicons"] = Lexicons(state["lexicons"])
        return state

    @property
    def user_words(self) -> list[str]:
        """Words the Chinese tokenizer must keep whole: every word() literal with Han text."""
        if self.tokenizer_words is not None:
            return list(self.tokenizer_words)
        return self._user_words()

    def _user_words(self) -> list[str]:
        words = set(self.patterns.token_exact)
        extra = self.lexicons.get(TOKENIZER_LEXICON)
        if extra is not None:
            words.update(extra.terms)
        return sorted(w for w in words
                      if any("\u4e00" <= c <= "\u9fff" for c in w) and len(w) > 1)


def _dsl_error_lines(exc: Exception, data: Located, key: str, source: str) -> str:
    mark: Mark = data.value_marks[key]
    style = data.value_styles.get(key)
    expr_lines = source.splitlines() or [""]
    if style in ("|", ">"):
        line = mark.line + exc.line  # block scalars start on the next line
        column = exc.column  # indentation unknown here; column within the expression
    else:
        line = mark.line + exc.line - 1
        column = (mark.column + (1 if style in ("'", '"') else 0) + exc.column - 1
                  if exc.line == 1 else exc.column)
    src_line = expr_lines[min(exc.line, len(expr_lines)) - 1]
    caret = " " * (exc.column - 1) + "^"
    return (f"{mark.path}:{line}:{column}: {key}: {exc.message}\n"
            f"    {src_line}\n    {caret}")


def _examples(ex: Located) -> Examples:
    from rulecheck.rulebook.markers import parse_marked

    cases: list[BadCase] = []
    for item in ex["bad"]:
        raw, fixed = (item["text"], item.get("fixed")) if isinstance(item, dict) else (item, None)
        text, spans = parse_marked(raw)
        cases.append(BadCase(text, spans, fixed))
    return Examples([c.text for c in cases], list(ex["good"]), cases)


def _replacements(data: Located) -> Replacements:
    """``replace:`` entries: a phrase, or ``{with: 很\\1, when: "最(.+)"}`` whose RE2 pattern
    must match the whole flagged text; RegexSyntaxError for a bad pattern."""
    given = data.get("replace") or {}

    def entry(item: str | dict) -> Replacement:
        if isinstance(item, str):
            return Replacement(item)
        when = compile_pattern(item["when"]) if "when" in item else None
        if item.get("delete") == "clause":
            return Replacement("", when, clause=True)
        return Replacement(item["with"], when)

    safe = [entry(i) for i in given.get("safe", [])]
    if isinstance(data.get("fix"), str) and all(r.text != data["fix"] for r in safe):
        safe.append(Replacement(data["fix"]))  # the older one-string form
    return Replacements(safe=safe, unsafe=[entry(i) for i in given.get("unsafe", [])])


def _build_rule(data: Located, pack: Path) -> Rule:
    ex = data["examples"]
    scope = str(data.get("scope", "sentence")).strip()
    return Rule(
        id=data["id"], category=data["category"], family=data["family"],
        severity=data["severity"], lang=data["lang"], title=data["title"].strip(),
        law=data["law"].strip(), message=data["message"].strip(), match=data["match"],
        examples=_examples(ex),
        description=(data.get("description") or "").strip(), unless=data.get("unless"),
        downgrade_if=data.get("downgrade_if"), scope=scope,
        applies_to=list(data.get("applies_to", [])), exempt_for=list(data.get("exempt_for", [])),
        replace=_replacements(data), advice=list(data.get("advice", data.get("suggest", []))),
        link=data.get("link"),
        context_off=list(data.get("context_off", [])),
        also=dict(data["also"]) if isinstance(data.get("also"), dict) else None,
        status=str(data.get("status", "stable")), aliases=list(data.get("aliases", [])),
        law_version=str(data.get("law_version", "")),
        source=f"{pack}:{data.mark.line}",
    )


def compile_sources(sources: RuleSources, fingerprint: str) -> Rulebook:
    # what only a compile needs (YAML, Lark, the schema, the frequencies) is imported
    # here, so that a run that loads the rulebook from the cache never imports it
    from rulecheck.dsl.parser import DslError, compile_expression
    from rulecheck.rulebook.defaults import is_defaults, pack_defaults, with_defaults
    from rulecheck.rulebook.definitions import collect_definitions, is_definition
    from rulecheck.rulebook.frequency import literal_frequencies
    from rulecheck.rulebook.lexicons import load_lexicon, resolve_includes
    from rulecheck.rulebook.packschema import validate_rule
    from rulecheck.rulebook.schema import parse_scope
    from rulecheck.rulebook.variants import VARIANTS_FILE, Variants, build_aliases, load_variants
    from rulecheck.rulebook.yamlsource import Located, Mark, load_yaml
    from rulecheck.text.lemmas import inflections

    problems: list[str] = []
    lexicons: dict[str, Lexicon] = {}
    variants = Variants()
    for path in sources.lexicons:
        if path.name == VARIANTS_FILE:
            try:
                more = load_variants(path)
            except RuleError as exc:
                problems.append(str(exc))
                continue
            variants.chars.update(more.chars)
            variants.phrases.update(more.phrases)
            continue
        try:
            lex = load_lexicon(path)
        except RuleError as exc:
            problems.append(str(exc))
            continue
        if lex.name in lexicons and Path(lexicons[lex.name].source).parent == path.parent:
            problems.append(f"{path}:1:1: lexicon {lex.name!r} is also defined in "
                            f"{lexicons[lex.name].source}")
        lexicons[lex.name] = lex
    resolve_includes(lexicons, problems)
    terms = {name: lex.terms for name, lex in lexicons.items()}
    table = PatternTable()
    rules: dict[str, CompiledRule] = {}
    loaded: list[tuple[Path, list]] = []
    for pack in sources.packs:
        try:
            data = load_yaml(pack)
        except RuleError as exc:
            problems.append(str(exc))
            continue
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(f"{pack}:1:1: a rule pack must be a YAML list of rules")
            continue
        loaded.append((pack, data))
    definitions = collect_definitions(loaded, problems)
    for pack, data in loaded:
        defaults = pack_defaults(data, problems)
        for item in data:
            if is_definition(item) or is_defaults(item):
                continue
            with_defaults(item, defaults)
            issues = validate_rule(item)
            if issues:
                for key, message in issues:
                    mark = item.key_marks.get(key, item.mark) if isinstance(item, Located) and key \
                        else getattr(item, "mark", Mark(str(pack), 1, 1))
                    problems.append(f"{mark}: {message}")
                continue
            try:
                rule = _build_rule(item, pack)
            except RegexSyntaxError as exc:
                problems.append(f"{item.key_marks['replace']}: replace: {exc}")
                continue
            if rule.id in rules:
                problems.append(f"{item.key_marks['id']}: duplicate rule id {rule.id} "
                                f"(first defined at {rules[rule.id].rule.source})")
                continue
            compiled: dict[str, n.Node | None] = {}
            ok = True
            for key in ("match", "unless", "downgrade_if"):
                source = item.get(key)
                if source is None:
                    compiled[key] = None
                    continue
                try:
                    compiled[key] = compile_expression(source, terms, table, inflections,
                                                       definitions)
                except DslError as exc:
                    problems.append(_dsl_error_lines(exc, item, key, source))
                    ok = False
            if not ok:
                continue
            match = compiled["match"]
            assert match is not None
            if match.is_condition:
                problems.append(f"{item.value_marks['match']}: match: the expression has only "
                                f"conditions (not/after/before/negated/quoted); it needs a matcher")
                continue
            rules[rule.id] = CompiledRule(rule, match, compiled["unless"], compiled["downgrade_if"],
                                          None, parse_scope(rule.scope))
    if problems:
        raise RuleError("\n".join(problems))
    context = compile_context(
        lambda expr: compile_expression(expr, terms, table, inflections, definitions), terms)
    regexes = _regex_pieces(rules.values())
    freq = literal_frequencies([*table.literals,
                                *(w for _, sets in regexes for ws in sets for w in ws)])
    cost = _anchor_cost(table, freq)
    # the words anchored on before regexes had anchors of their own: the scan keeps
    # finding their separated and variant spellings (engine/evasion.py), so what counts
    # as an evasion does not depend on which words a rule is anchored on
    evasive = frozenset(pid for cr in rules.values()
                        for pid in cr.match.anchors(_scope_cost(cr, cost)) or ())
    known = len(table.literals)
    _anchor_regexes(regexes, table, freq)
    cost = _anchor_cost(table, freq)
    alike: dict = {}
    for cr in rules.values():
        cr.anchors = _interned(cr.match.anchors(_scope_cost(cr, cost)), alike)
        need = hits_need(cr.match)
        cr.need = None if need == TRUE else _interned(need, alike)
    used = {pid for cr in rules.values() for pid in cr.anchors or ()}
    skipped = frozenset(range(known, len(table.literals))) - used
    by_pattern: dict[int, list[str]] = {}
    unanchored = []
    for rid, cr in rules.items():
        if cr.anchors is None:
            unanchored.append(rid)
            continue
        for pid in cr.anchors:
            by_pattern.setdefault(pid, []).append(rid)
    rule_literals = table.literals[:known]  # the words of regexes only anchor
    han_terms = {lit for lit in rule_literals if any("\u4e00" <= c <= "\u9fff" for c in lit)}
    aliases = build_aliases(rule_literals, table.token_exact, variants, han_terms)
    return Rulebook(rules, table, lexicons, fingerprint,
                    tuple(str(p) for p in sources.packs),
                    {k: tuple(v) for k, v in by_pattern.items()}, tuple(unanchored),
                    Aliases((a.literal, a.target, a.kind) for a in aliases), dict(variants.chars),
                    context, evasive, skipped)


def _interned(value: Any, alike: dict) -> Any:
    """`value` with each tuple and frozenset in it replaced by the first equal one seen:
    rules built from the same lexicons have the same anchors and conditions, and a
    pickle stores an object that several rules share once."""
    if isinstance(value, tuple):
        value = tuple(_interned(v, alike) for v in value)
    elif not isinstance(value, frozenset):
        return value
    return alike.setdefault(value, value)


def _fingerprint(sources: RuleSources, salt: str, use_cache: bool) -> str:
    """The hash of every rule file's bytes, without reading them when none has changed.

    The files' paths, sizes, inodes and modification and change times (ctime, which no
    program can set back) name a small cached note of the hash they had; any edit,
    copy or checkout changes ctime and so misses it, and the files are read again."""
    if not use_cache:
        return sources.fingerprint(salt)
    import hashlib
    import os

    stamp = hashlib.sha256(salt.encode())
    lines: list[str] = []
    try:
        for path in (*sources.pack_names, *sources.lexicon_names):
            st = os.stat(path)
            lines.append(f"{path}\0{st.st_size}\0{st.st_ino}\0{st.st_mtime_ns}\0"
                         f"{st.st_ctime_ns}\n")
    except OSError:
        return sources.fingerprint(salt)
    stamp.update("".join(lines).encode())
    name = f"sources-{stamp.hexdigest()[:24]}"
    got = cachefiles.load_bytes(name)
    if got is not None:
        return got.decode("ascii", "replace")
    fingerprint = sources.fingerprint(salt)
    if cachefiles.store_bytes(name, fingerprint.encode("ascii")):
        folder = cachefiles.cache_dir()
        if folder is not None:
            cachefiles.prune(folder, "sources-")
    return fingerprint


def scanner_of(book: Rulebook, evasion: bool = True) -> Scanner:
    """The anchor scanner of a rulebook: every anchor in the one pass, with the variant and
    separated spellings of the `evasive` ones when `evasion` is on."""
    anchors = {pid for cr in book.rules.values() if cr.anchors for pid in cr.anchors}
    evasive = anchors if book.evasive is None else book.evasive
    return Scanner(book.patterns.literals, book.aliases if evasion else [],
                   anchors | evasive, evasive, book.skipped)


def _scope_cost(cr: CompiledRule, cost: n.AnchorCost) -> n.AnchorCost | None:
    """A window is centred on the sentence of the anchor, so a window rule keeps the
    anchors of the words it reports; elsewhere the unit does not depend on it."""
    return None if cr.scope[0] == "window" else cost


def _anchor_cost(table: PatternTable, freq: dict[str, float]) -> n.AnchorCost:
    """Expected occurrences of a set of patterns, from each literal's estimated frequency."""
    from rulecheck.rulebook.frequency import UNKNOWN

    by_pid = [freq.get(lit, UNKNOWN) for lit in table.literals]

    def cost(pids: frozenset[int]) -> float:
        return sum(by_pid[p] for p in pids)

    return cost


def _regex_pieces(rules: Iterable[CompiledRule]
                  ) -> list[tuple[n.Regex, tuple[frozenset[str], ...]]]:
    """Each regex node of the rules' matches with the word sets its matches require.

    Words that start or end with an ASCII letter or digit are left out (the scan finds
    those only at word boundaries, and a regex may match them inside a word), and so are
    words that normalization would change (the regex sees normalized text)."""
    from rulecheck.dsl.required import required_sets
    from rulecheck.text.normalize import normalize

    out: list[tuple[n.Regex, tuple[frozenset[str], ...]]] = []
    seen: set[int] = set()
    for cr in rules:
        for node in n.walk(cr.match):
            if isinstance(node, n.Regex) and id(node) not in seen:
                seen.add(id(node))
                sets = tuple(
                    ws for ws in required_sets(node.pattern.source, node.pattern.flags)
                    if not any(_is_word_char(w[0]) or _is_word_char(w[-1])
                               or normalize(w).text != w for w in ws))
                if sets:
                    out.append((node, sets))
    return out


def _anchor_regexes(pieces: list[tuple[n.Regex, tuple[frozenset[str], ...]]],
                    table: PatternTable, freq: dict[str, float]) -> None:
    """Give each regex node its rarest required word set as its own anchors."""
    from rulecheck.rulebook.frequency import UNKNOWN

    for node, sets in pieces:
        best = min(sets, key=lambda ws: (sum(freq.get(w, UNKNOWN) for w in ws), sorted(ws)))
        node.pids = tuple(table.add(w) for w in sorted(best))


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def load_rulebook(extra_dirs: list[str | Path] = (), *, bundled: bool = True,
                  use_cache: bool = True) -> Rulebook:
    """The compiled rulebook for the bundled rules plus `extra_dirs`, from cache when fresh."""
    dirs = ([bundled_rules_dir()] if bundled else []) + [Path(d) for d in extra_dirs]
    sources = find_sources(dirs)
    from rulecheck.version import __version__

    fingerprint = _fingerprint(sources, f"{__version__}/{COMPILER_VERSION}", use_cache)
    name = f"rulebook-{fingerprint}.pickle"
    if use_cache:
        # the rulebook of these very files, loaded before in this process: a program
        # that makes a second Checker does not hold (and unpickle) a second copy
        key = (fingerprint, str(cachefiles.configured_dir()))
        book = _LOADED.get(key)
        if book is not None:
            return book
        book = cachefiles.load(name)  # unpickled only once its HMAC checks out
        if isinstance(book, Rulebook) and book.fingerprint == fingerprint:
            _remember(key, book)
            return book
    book = compile_sources(sources, fingerprint)
    book.scanner = scanner_of(book).derive()
    book.tokenizer_words = tuple(book._user_words())
    if use_cache:
        _remember(key, book)
        if cachefiles.store(name, book):  # no cache: still a rulebook
            folder = cachefiles.cache_dir()
            if folder is not None:
                cachefiles.prune(folder, "rulebook-")
    return book


#: The last rulebook `load_rulebook` returned, by fingerprint and cache directory.
_LOADED: dict[tuple[str, str], Rulebook] = {}


def _remember(key: tuple[str, str], book: Rulebook) -> None:
    _LOADED.clear()  # one at a time: a rule edit makes the old one garbage
    _LOADED[key] = book
