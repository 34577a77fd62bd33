"""The Checker: one compiled rulebook, applied to documents.

Flow per document: normalize -> split sentences -> ONE anchor scan -> candidate
(rule, unit) pairs -> evaluate each candidate once -> map hits back to the
original text -> resolve overlaps between categories.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import replace
from operator import itemgetter
from pathlib import Path

from rulecheck.context.notes import note_pattern, note_spans
from rulecheck.context.product import ProductReader, ProductType
from rulecheck.engine.claims import OwnWords
from rulecheck.engine.collect import collector_paused
from rulecheck.engine.docstate import WINDOW_MARGIN, DocState
from rulecheck.engine.evasion import leet_hits, squeezed_hits
from rulecheck.engine.excerpt import excerpt
from rulecheck.engine.fixes import span_fix, suggestions
from rulecheck.engine.judge import ContextJudge
from rulecheck.engine.locate import LineIndex, SegmentIndex
from rulecheck.engine.pieces import HUGE, PieceMap, check_in_pieces
from rulecheck.engine.prepare import Prepared, prepare
from rulecheck.engine.product import (
    CATEGORY_PRODUCTS,
    CUE_PREFIX,
    marked_product,
    route_category,
    rule_applies,
)
from rulecheck.engine.resolve import resolve_overlaps, with_second_wrongs
from rulecheck.engine.scan import Scanner
from rulecheck.engine.selection import is_selected
from rulecheck.engine.stream import StreamSession
from rulecheck.engine.unit import UnitView
from rulecheck.model import Document, Finding
from rulecheck.rulebook.compiler import CompiledRule, Rulebook, load_rulebook, scanner_of
from rulecheck.rulebook.rule import Rule
from rulecheck.safetext import has_surrogates, scrub
from rulecheck.text.lang import detect_langs, has_han
from rulecheck.text.normalize import Normalized, normalize
from rulecheck.text.sentences import SentenceIndex, cut_long_sentences, split_sentences
from rulecheck.text.tokenize import ChineseTokenizer, EnglishTokenizer

_LOWER = {"error": "warning", "warning": "info", "info": "info"}


class Checker:
    """Holds a compiled rulebook; reuse one Checker for many documents."""

    def __init__(self, rules_dirs: Sequence[str | Path] = (), select: Iterable[str] | None = None,
                 ignore: Iterable[str] | None = None, *, bundled: bool = True,
                 rulebook: Rulebook | None = None,
                 severity_overrides: dict[str, str] | None = None, evasion: bool = True,
                 window_margin: int | None = WINDOW_MARGIN, exhaustive: bool = False,
                 context: bool = True):
        self.rulebook = rulebook or load_rulebook(list(rules_dirs), bundled=bundled)
        self.select = list(select) if select else None
        self.ignore = list(ignore) if ignore else None
        self.severity_overrides = dict(severity_overrides or {})
        self.window_margin = window_margin  # None: tokenize whole units (reference path)
        # exhaustive=True evaluates every rule on every sentence, not only where its anchors
        # occur: the reference the anchored fast path is compared with
        self.exhaustive = exhaustive
        # evasion=False turns off variant, pinyin and separator handling (for comparisons)
        self.evasion = evasion
        self.context = context
        chars = self.rulebook.char_variants if evasion else {}
        self._scanner = _scanner_for(self.rulebook, evasion)
        self._rule_map: dict[str, Rule] | None = None
        # folded words' windows -> their scans (evasion.leet_hits), for text seen again
        self._leet_memo: dict[str, dict[int, list[tuple[int, int]]]] = {}
        self._char_fold = str.maketrans(chars) if chars else None
        self._char_re = re.compile("[" + re.escape("".join(chars)) + "]") if chars else None
        self._zh = ChineseTokenizer(self.rulebook.user_words)
        self._en = EnglishTokenizer()
        self._active = {rid for rid, cr in self.rulebook.rules.items()
                        if is_selected(cr.rule, self.select, self.ignore)}
        # rules that some product type keeps from applying (engine/product.py, rule_applies)
        self._by_product = frozenset(
            rid for rid, cr in self.rulebook.rules.items()
            if cr.rule.applies_to or cr.rule.exempt_for
            or cr.rule.category in CATEGORY_PRODUCTS)
        context = self.rulebook.context
        # context=False judges every hit as a claim (for comparisons, like evasion=False)
        self._context = context if context is not None and self.context else None
        self._notes = note_pattern(context.stage_labels) if self._context else None
        self._own = OwnWords(normalize(t).text for name in ("negators", "ctx_negators")
                             if name in self.rulebook.lexicons
                             for t in self.rulebook.lexicons[name].terms)
        lexicons = self.rulebook.lexicons  # by name first: a cached one is read when used
        self._cues = {
            name[len(CUE_PREFIX):]: tuple(normalize(t).text for t in lexicons[name].terms)
            for name in lexicons if name.startswith(CUE_PREFIX)
        }

    def build_automata(self) -> None:
        """Build the scanner's automaton now (engine/scan.py), for a long run."""
        self._scanner.build_automaton()

    def forget_memos(self) -> None:
        """Drop memoized tokenizations, so that a measured run starts from none."""
        self._zh.forget()
        self._en.forget()

    @property
    def rules(self) -> dict[str, Rule]:
        return {rid: cr.rule for rid, cr in self.rulebook.rules.items()}

    # -- public API ---------------------------------------------------------
    def check_text(self, text: str, lang: str = "auto", product_type: str | None = None,
                   path: str = "-") -> list[Finding]:
        return self.check_document(Document(text=text, path=path), lang, product_type)

    def check_document(self, doc: Document, lang: str = "auto",
                       product_type: str | None = None,
                       only: Iterable[str] | None = None,
                       map_pieces: PieceMap | None = None) -> list[Finding]:
        """Findings in `doc`. A very long document is checked in pieces
        (engine/pieces.py); `map_pieces` may check those on other processes, with a
        checker equal to this one."""
        if has_surrogates(doc.text):  # unencodable; U+FFFD one for one keeps the offsets
            doc = replace(doc, text=scrub(doc.text))
        if len(doc.text) > HUGE:
            return check_in_pieces(
                doc, lambda piece: self.check_document(piece, lang, product_type, only),
                map_pieces)
        with collector_paused():  # a piece of a long document is one check too
            prepared = prepare(doc)
            return self._check_prepared(doc, prepared, lang, product_type,
                                        set(only) if only is not None else None)

    def check_tail(self, doc: Document, lang: str = "auto", product_type: str | None = None,
                   normalized: dict[str, Normalized] | None = None) -> list[Finding]:
        """The findings of `doc` whose words reach into its last segment, as check_document
        gives them; findings wholly before it may be missing. Units that end before the
        last segment are evaluated only where they reach the words found in it, so a
        stream window judges each of its earlier segments' units once, not once a feed.
        `normalized`: the segments' normalized texts, kept between calls (prepare.py)."""
        if has_surrogates(doc.text):
            doc = replace(doc, text=scrub(doc.text))
        if len(doc.text) > HUGE:
            return self.check_document(doc, lang, product_type)
        with collector_paused():
            prepared = prepare(doc, normalized)
            last = max(doc.segments, key=lambda s: s.start, default=None)
            spans = prepared.segment_spans
            if last is None or not spans or spans[-1][0] != last.index:
                return self._check_prepared(doc, prepared, lang, product_type, None)
            return self._check_prepared(doc, prepared, lang, product_type, None,
                                        after=last.start)

    def stream(self, lang: str = "auto", product_type: str | None = None, path: str = "-",
               window: int = 2) -> StreamSession:
        """A session that checks live segments one by one (see engine/stream.py)."""
        return StreamSession(self, lang, product_type, path, window)

    def check_document_text_only(self, text: str, lang: str, rule_id: str) -> bool:
        """Whether one rule (selected or not) flags `text`: the primitive of `rules test`."""
        saved = self._active
        self._active = {rule_id}
        try:
            return any(f.rule == rule_id for f in self.check_text(text, lang=lang))
        finally:
            self._active = saved

    # -- internals ----------------------------------------------------------
    def _tokenize(self, text: str, lang: str) -> list[tuple[int, int]]:
        return (self._en if lang == "en" else self._zh).tokens(text)

    def _check_prepared(self, doc: Document, prep: Prepared, lang: str,
                        product_type: str | None, only: set[str] | None,
                        after: int | None = None) -> list[Finding]:
        """Findings of the prepared document; with `after` (an offset in doc.text), those
        whose words reach past it, the others only where they touch those."""
        text = prep.text
        if not text.strip():
            return []
        book = self.rulebook
        evasions: dict[tuple[int, int], str] = {}
        if self._char_re is not None and self._char_re.search(text):
            for m in self._char_re.finditer(text):
                evasions[m.span()] = "variant spelling"
            text = text.translate(self._char_fold)  # one to one: offsets unchanged
        # ONE pass: the anchors select the candidate units, every hit (anchors and
        # condition words) tells which pieces each unit holds
        hits, every = self._scanner.scan_all(text, evasions)
        extra, gaps = squeezed_hits(text, self._scanner) if self.evasion else ({}, [])
        evasive = self._scanner.evasive
        # separated spellings of the other anchors (words inside regexes, which the regex
        # finds across separators itself) only select where the rule is evaluated
        spelled = {pid: more for pid, more in extra.items() if pid not in evasive}
        extra = {pid: more for pid, more in extra.items() if pid in evasive}
        added: list[tuple[int, int, int]] = []
        for pid, more in extra.items():
            hits.setdefault(pid, []).extend(more)
            hits[pid].sort()
            added.extend((s, e, pid) for s, e in more)
            for h in more:
                evasions.setdefault(h, "inserted separator")
        for pid, more in (leet_hits(text, self._scanner, self._leet_memo) if self.evasion
                          else {}).items():
            if pid not in evasive:
                continue
            got = hits.setdefault(pid, [])
            new = [h for h in more if h not in got]
            got.extend(new)
            got.sort()
            added.extend((s, e, pid) for s, e in new)
            for h in more:
                evasions.setdefault(h, "letters spelled with digits or symbols")
        if added:
            every.extend(added)
            every.sort()
        state = DocState(text, hits, self._tokenize, self._scanner, self.window_margin, every)
        state.squeezed = {h for more in extra.values() for h in more}
        state.gaps = gaps
        state.evasions = evasions
        if self._notes is not None:
            state.notes = note_spans(text, self._notes)
        sentences = cut_long_sentences(split_sentences(text), prep.joins)
        sindex = SentenceIndex(sentences)
        mark = ProductType(product_type, product_type, "given") if product_type else \
            marked_product(text, self._cues)
        products = self._product_reader(state, text, sentences, sindex, mark)
        active = self._active if only is None else self._active & only

        # candidate (rule, first sentence, last sentence)
        candidates: set[tuple[str, int, int]] = set()
        for pid, plist in (hits.items() if not spelled else
                           [*hits.items(), *spelled.items()]):
            rids = book.rules_by_pattern.get(pid)
            if not rids:
                continue
            rids = [r for r in rids if r in active]
            if not rids:
                continue
            for s, e in plist:
                cov = sindex.covering(s, e)
                if cov is None:
                    continue
                for rid in rids:
                    candidates.add((rid, cov[0], cov[1]))
        everywhere = active if self.exhaustive else active.intersection(book.unanchored)
        for rid in everywhere:
            for i in range(len(sentences)):
                candidates.add((rid, i, i))

        langs_cache: dict[int, frozenset[str]] = {}

        def speaks(i: int, rule_lang: str) -> bool:
            """Whether sentence i is in the rule's language (see text/lang.py)."""
            if lang in ("zh", "en"):
                return rule_lang == lang
            got = langs_cache.get(i)
            if got is None:
                s, e = sentences[i]
                if rule_lang == "zh" and has_han(text[s:e]):
                    return True  # a sentence with Han characters is Chinese, whatever else
                got = langs_cache[i] = detect_langs(text[s:e])
            return rule_lang in got

        # hits found, before the judge: (place in `order`, hit, unit, product or False)
        found: list[tuple[int, tuple[int, int], UnitView, ProductType | None | bool]] = []
        evaluated: set[tuple[str, int, ...]] = set()
        by_product = self._by_product
        order, spans = self._viable(candidates, state, sentences, prep, text)

        def evaluate(batch: Iterable[int]) -> None:
            """Find the hits of the candidates at these places of `order`."""
            for at in batch:
                rid, first, last = order[at]
                cr = book.rules[rid]
                rule = cr.rule
                span = spans[at]
                # a window reports what lies in its centre sentence, so that each hit is
                # judged in the window around it (windows at the edges can be alike)
                centred = cr.scope[0] == "window"
                key = (rid, *span, first, last) if centred else (rid, *span)
                if key in evaluated:
                    continue
                if not any(speaks(i, rule.lang) for i in range(first, last + 1)):
                    continue
                # the product type is read (for the whole document, on first use) only for
                # a rule whose reach depends on it, or for a finding, which records it
                product: ProductType | None | bool = False
                if rid in by_product:
                    product = products.at(first) if products is not None else mark
                    if not rule_applies(rule.applies_to, rule.exempt_for,
                                        product.type if product else None, rule.category):
                        continue
                evaluated.add(key)
                unit = UnitView(state, span[0], span[1], rule.lang)
                for h in cr.match.hits(unit):
                    if first != last and sindex.find(h[0]) == sindex.find(h[1] - 1):
                        continue  # a bridge unit only reports what crosses the boundary
                    if centred:
                        cov = sindex.covering(h[0], h[1])
                        if cov is None or not cov[0] <= first <= cov[1]:
                            continue
                    if cr.unless is not None and cr.unless.holds(unit, h):
                        continue
                    found.append((at, h, unit, product))

        offsets = prep.offsets
        if after is None:
            evaluate(range(len(order)))
        else:
            # only findings that reach past `after` (an original offset) are wanted: the
            # units that reach there are evaluated, then, until no hit joins them, those
            # that reach the start of a hit wanted or overlapping one, since such a
            # finding can fold a wanted one or merge with it (resolve.py), and a hit judged
            # no claim cancels the findings of its rule that start inside it. Compared in
            # the original text's offsets, where findings overlap.
            ends = [offsets.end(end) for _, end in spans]
            done = [False] * len(order)
            words: list[tuple[int, int]] = []  # the hits' words so far
            reach = after
            while True:
                batch = [at for at, end in enumerate(ends) if not done[at] and end >= reach]
                if not batch:
                    break
                for at in batch:
                    done[at] = True
                seen = len(found)
                evaluate(batch)
                words.extend((offsets.start(f[1][0]), offsets.end(f[1][1]))
                             for f in found[seen:])
                # the last words first: once one ends before the reach, all after it do
                for start, end in sorted(words, key=itemgetter(1), reverse=True):
                    if end <= reach:
                        break
                    reach = min(reach, start)
            # the hits that end before all of those are neither wanted nor touch one: they
            # are not judged
            found = [f for f in found if offsets.end(f[1][1]) > reach]
            found.sort(key=itemgetter(0))  # as the whole evaluation orders them

        raw: list[tuple[CompiledRule, int, int, str, tuple[int, int], ProductType | None]] = []
        judge: ContextJudge | None = None
        dismissed: dict[str, list[tuple[int, int]]] = {}  # rule -> hits that are no claim
        for at, h, unit, product in found:
            rid, first, last = order[at]
            cr = book.rules[rid]
            rule = cr.rule
            if self._context is not None:
                if judge is None:
                    judge = ContextJudge(self._context, state, sentences, sindex.find)
                if judge.why_not(h, rule.lang, frozenset(rule.context_off),
                                 self._own.of(cr)):
                    dismissed.setdefault(rid, []).append(h)
                    continue
            severity = self.severity_overrides.get(rid, rule.severity)
            if cr.downgrade is not None and cr.downgrade.holds(unit, h):
                severity = _LOWER[severity]
            sent = sindex.covering(h[0], h[1]) or (first, last)
            if product is False:
                product = products.at(first) if products is not None else mark
            raw.append((cr, h[0], h[1], severity, sent, product))
        if dismissed:  # a cut of words starting inside words judged no claim is none either
            raw = [r for r in raw if not any(s <= r[1] < e
                                             for s, e in dismissed.get(r[0].rule.id, ()))]
        return self._to_findings(doc, prep, raw, sentences, evasions, after)

    def _product_reader(self, state: DocState, text: str, sentences: list[tuple[int, int]],
                        sindex: SentenceIndex, mark: ProductType | None
                        ) -> ProductReader | None:
        """Product types read from each sentence's nouns; None without the context layer."""
        model = self._context
        if model is None or not model.product_nouns:
            return None
        whole: list[UnitView] = []

        def hits_of(node):
            if not whole:
                whole.append(UnitView(state, 0, len(text), "zh"))
            return whole[0].index(node).hits

        return ProductReader(text, sentences, sindex.find, hits_of, model.product_nouns,
                             model.product_foils, mark, state.notes)

    def _viable(self, candidates: set[tuple[str, int, int]], state: DocState,
                sentences: list[tuple[int, int]], prep: Prepared, text: str
                ) -> tuple[list[tuple[str, int, int]], list[tuple[int, int]]]:
        """The candidates whose rule's necessary condition (CompiledRule.need) holds in
        their unit, in order, and their units' spans: on text with few violations about
        three in four candidates lack some piece every match needs, and are dropped here,
        before they are sorted or looked at again. The reference path
        (`exhaustive=True`) drops none."""
        book_rules = self.rulebook.rules
        unit_span = self._unit_span
        prune = not self.exhaustive
        kept: list[tuple[tuple[str, int, int], tuple[int, int]]] = []
        tested: dict[tuple[str, int, int], bool] = {}  # (rule, unit span) -> whether it may hit
        for cand in candidates:
            rid, first, last = cand
            cr = book_rules[rid]
            span = unit_span(cr, first, last, sentences, prep, text)
            need = cr.need
            if prune and need is not None:
                key = (rid, *span)
                ok = tested.get(key)
                if ok is None:
                    ok = tested[key] = state.may_hit(need, span[0], span[1])
                if not ok:
                    continue  # some piece every match needs is missing from the unit
            kept.append((cand, span))
        kept.sort(key=itemgetter(0))
        return [c for c, _ in kept], [span for _, span in kept]

    def _unit_span(self, cr: CompiledRule, first: int, last: int,
                   sentences: list[tuple[int, int]], prep: Prepared, text: str
                   ) -> tuple[int, int]:
        kind, n = cr.scope
        if kind == "document":
            return 0, len(text)
        if kind == "window":
            a = max(first - n, 0)
            b = min(last + n, len(sentences) - 1)
            return sentences[a][0], sentences[b][1]
        if kind == "segment":
            s0, e0 = sentences[first][0], sentences[last][1]
            if prep.segment_spans:
                inside = [(s, e) for _, s, e in prep.segment_spans if s < e0 and e > s0]
                if inside:
                    return min(s for s, _ in inside), max(e for _, e in inside)
                return s0, e0
            start = text.rfind("\n", 0, s0) + 1
            end = text.find("\n", e0)
            return start, len(text) if end < 0 else end
        return sentences[first][0], sentences[last][1]

    def _to_findings(self, doc: Document, prep: Prepared,
                     raw: list[tuple[CompiledRule, int, int, str, tuple[int, int],
                                     ProductType | None]],
                     sentences: list[tuple[int, int]],
                     evasions: dict[tuple[int, int], str],
                     after: int | None = None) -> list[Finding]:
        """Findings of the raw hits, overlaps resolved; with `after`, only those that
        reach past it. What only a reader needs (message, excerpt, place, replacements)
        is filled in for the findings returned alone."""
        if not raw:
            return []
        out: list[Finding] = []
        spans: dict[int, tuple[CompiledRule, int, int, int, int]] = {}  # id -> its hit
        seen: set[tuple[str, int, int]] = set()
        for cr, ns, ne, severity, (first, last), product in raw:
            start, end = prep.offsets.span(ns, ne)
            if end <= start or (cr.rule.id, start, end) in seen:
                continue
            seen.add((cr.rule.id, start, end))
            rule = cr.rule
            f = Finding(
                path=doc.path, rule=rule.id, category=rule.category, family=rule.family,
                severity=severity, title=rule.title, message="", law=rule.law,
                start=start, end=end, line=0, column=0, end_line=0, end_column=0, text="",
                context="", product=product.to_dict() if product else None)
            route_category(f, rule, product)
            out.append(f)
            spans[id(f)] = (cr, ns, ne, first, last)
        out = resolve_overlaps(out)
        if after is not None:
            out = [f for f in out if f.end > after]
        if not out:
            return []
        lines = LineIndex(doc.text)
        notes = _Evasions(evasions)
        segs = SegmentIndex(doc) if doc.segments else None
        for f in out:
            cr, ns, ne, first, last = spans[id(f)]
            rule = cr.rule
            start, end = f.start, f.end
            matched = doc.text[start:end]
            shown = _display(doc, prep, ns, ne)
            f.message = rule.message.replace("{match}", shown)
            f.line, f.column = lines.position(start)
            f.end_line, f.end_column = lines.position(end)
            f.text = matched
            f.context = excerpt(doc.text, prep, ns, ne, sentences[first][0],
                                sentences[last][1]).strip()
            f.suggestions = suggestions(rule.replace, matched)
            f.advice = list(rule.advice)
            f.fix = span_fix(rule.replace, start, end, matched, doc.text) \
                if shown == matched else None
            f.segment = segs.ref(start, end) if segs else None
            f.notes = notes.notes(ns, ne)
        if self._rule_map is None:  # built once: the rulebook does not change
            self._rule_map = self.rules
        return with_second_wrongs(out, self._rule_map)


def _display(doc: Document, prep: Prepared, start: int, end: int) -> str:
    """The matched words as spoken: the segments' own text, without what lies between
    them in the file (timing lines, JSON) when a match spans two segments."""
    return "".join(doc.text[a:b] for a, b in prep.offsets.pieces(start, end))


class _Evasions:
    """The evasions found in a document, sorted once, so that each finding looks only at
    those near it for its notes."""

    def __init__(self, evasions: dict[tuple[int, int], str]):
        self.items = sorted((s, e, k) for (s, e), k in evasions.items())
        self.starts = [s for s, _, _ in self.items]
        self.longest = max((e - s for s, e, _ in self.items), default=0)

    def notes(self, start: int, end: int) -> list[str]:
        """One note per kind of evasion overlapping [start, end)."""
        if not self.items:
            return []
        near = self.items[bisect_left(self.starts, start - self.longest):
                          bisect_left(self.starts, end)]
        kinds = sorted({k for s, e, k in near if s < end and start < e})
        return [f"evasion: {k}" for k in kinds]


#: id(rulebook) -> (rulebook, {evasion: scanner}): the automata depend on the rulebook and
#: the evasion switch only, so checkers over one rulebook with other selections (the
#: server's per-request views) share them instead of building them again.
_SCANNERS: dict[int, tuple[Rulebook, dict[bool, Scanner]]] = {}
_SCANNERS_LOCK = threading.Lock()


def _scanner_for(book: Rulebook, evasion: bool) -> Scanner:
    with _SCANNERS_LOCK:
        entry = _SCANNERS.get(id(book))
        if entry is None or entry[0] is not book:
            entry = _SCANNERS[id(book)] = (book, {})
        got = entry[1].get(evasion)
        if got is None:
            got = book.scanner if evasion and book.scanner is not None else \
                scanner_of(book, evasion)
            entry[1][evasion] = got
        return got


_default: Checker | None = None


def default_checker() -> Checker:
    """A process-wide Checker over the bundled rulebook, built on first use."""
    global _default
    if _default is None:
        _default = Checker()
    return _default


def check_text(text: str, lang: str = "auto", product_type: str | None = None,
               select: Iterable[str] | None = None,
               ignore: Iterable[str] | None = None) -> list[Finding]:
    """Check a string with the bundled rulebook."""
    checker = default_checker() if not select and not ignore else Checker(select=select,
                                                                           ignore=ignore)
    return checker.check_text(text, lang=lang, product_type=product_type)
