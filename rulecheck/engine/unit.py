"""A unit of evaluation: the span of normalized text a rule is judged in.

Tokens and entities are computed lazily, only when a node asks for them, and
cached per span so rules sharing a sentence share the work.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from rulecheck.dsl.nodes import HitIndex, Node, Phrase, reach
from rulecheck.dsl.required import node_need
from rulecheck.engine.scan import Hit
from rulecheck.text.entities import Entity

if TYPE_CHECKING:
    from rulecheck.engine.docstate import DocState

#: Units up to this many characters are tokenized whole (see UnitView._window); sentences
#: are cut at 120 characters of Chinese and 360 of Latin script (text/sentences.py).
WHOLE_UNIT = 400
#: What makes a token count in distances (see text/tokenize.word_tokens).
_WORD_CHAR = re.compile(r"\w")


#: The characters of one jieba block (jieba.re_han_default): jieba cuts each run of them on
#: its own, and every other character is a token by itself (a CR LF pair is one token).
_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")


def joined(left: str, right: str) -> bool:
    """Whether jieba may put a token across the boundary between these two characters."""
    return ((left in _BLOCK_ASCII or "\u4e00" <= left <= "\u9fd5")
            and (right in _BLOCK_ASCII or "\u4e00" <= right <= "\u9fd5")) \
        or (left == "\r" and right == "\n")


def block_span(text: str, a: int, b: int, lo: int, hi: int) -> tuple[int, int]:
    """[a, b) widened to the ends of the jieba blocks it touches, within [lo, hi): jieba
    cuts text[lo:hi] block by block, so it cuts this span's blocks the same way there."""
    while a > lo and joined(text[a - 1], text[a]):
        a -= 1
    while hi > b > lo and joined(text[b - 1], text[b]):
        b += 1
    return a, b


class UnitView:
    def __init__(self, state: DocState, start: int, end: int, lang: str):
        self.state = state
        self.text = state.text
        self.start = start
        self.end = end
        self.lang = lang

    def literal_hits(self, pid: int) -> list[Hit]:
        return self.state.unit_hits(self.start, self.end).get(pid, [])

    def hits_by_pattern(self) -> dict[int, list[Hit]]:
        return self.state.unit_hits(self.start, self.end)

    def phrase_hits(self, node: Phrase) -> list[Hit]:
        return self.state.phrase_hits(id(node), node.pids, self.start, self.end)

    def _window(self, a: int, b: int) -> tuple[int, int]:
        """The span to tokenize to judge text[a:b]: a bounded margin around it, not the
        whole unit, so long sentences cost the tokenizer only near their hits. A short
        unit is tokenized whole, once for all its hits: a window per hit pair would
        tokenize it again for each (the units of unpunctuated talk are all short, and
        dense with hits)."""
        margin = self.state.window_margin
        if margin is None:
            return self.start, self.end
        if self.lang != "en":
            # jieba cuts each block on its own: the blocks the span touches are cut as
            # they would be in the whole unit (unless they run on too far)
            ws, we = block_span(self.text, a, b, self.start, self.end)
            if we - ws <= WHOLE_UNIT:
                return ws, we
        if self.end - self.start <= WHOLE_UNIT:
            return self.start, self.end
        ws, we = max(self.start, a - margin), min(self.end, b + margin)
        if self.lang == "en":  # widen to white space so no English word is cut
            text = self.text
            while ws > self.start and not text[ws - 1].isspace():
                ws -= 1
            while we < self.end and not text[we].isspace():
                we += 1
        return ws, we

    def aligned(self, hit: Hit) -> bool:
        """Whether the hit starts and ends on token boundaries."""
        starts, ends = self.state.boundaries(*self._window(*hit), self.lang)
        return hit[0] in starts and hit[1] in ends

    def token_gap(self, first: Hit, second: Hit, limit: int | None = None) -> int:
        """Word tokens strictly between the end of `first` and the start of `second`.

        With `limit`, spans too far apart to be within `limit` tokens are not
        tokenized at all (a token is never longer than nodes.MAX_TOKEN_CHARS), so a
        document-wide `near` costs nothing for distant pairs.
        """
        if second[0] <= first[1]:
            return 0  # no token lies wholly between (with tokens: see within)
        if limit is not None and second[0] - first[1] > reach(limit):
            return limit + 1
        ws, we = self._window(first[0], second[1])
        starts, ends = self.state.word_positions(ws, we, self.lang)
        if not starts:
            return 0
        after_first = bisect_left(starts, first[1])  # first token starting at/after first's end
        # tokens overlapping first's end count as part of it
        before_second = bisect_right(ends, second[0])  # tokens ending at/before second's start
        return max(before_second - after_first, 0)

    def within(self, first: Hit, second: Hit, limit: int) -> bool:
        """Whether token_gap(first, second, limit) <= limit, tokenizing only when the
        characters between could hold more than `limit` word tokens: each counted token
        lies wholly between and holds a word character, so there are no more of them
        than word characters there."""
        gap = second[0] - first[1]
        if gap <= limit:
            return True
        if gap > reach(limit):
            return False
        if len(_WORD_CHAR.findall(self.text, first[1], second[0])) <= limit:
            return True
        return self.token_gap(first, second, limit) <= limit

    def notes(self) -> list[Hit]:
        """The document's run-sheet notes and stage directions (see context/notes.py)."""
        return self.state.notes

    def index_in(self, node: Node, start: int, end: int) -> HitIndex:
        """The node's hits in another span of the document (a note), computed once."""
        key = (id(node), start, end)
        got = self.state.node_hits.get(key)
        if got is None:
            got = self.state.node_hits[key] = HitIndex(
                node.hits(UnitView(self.state, start, end, self.lang)))
        return got

    def prices(self, start: int, end: int) -> list[float]:
        return [e.value for e in self.state.entities("PRICE", start, end) if e.value]

    def squeezed_spans(self, pattern) -> list[Hit]:
        """A regex's hits in the unit with inserted separators taken out (全-网-最-低-价),
        mapped back; only hits that needed a separator removed, each noted as an evasion."""
        view = self._squeezed_view()
        if view is None:
            return []
        squeezed, kept, removed_before = view
        out: list[Hit] = []
        for s, e in pattern.spans(squeezed, 0, len(squeezed)):
            if e > s and any(removed_before[s + 1:e]):
                hit = (kept[s], kept[e - 1] + 1)
                out.append(hit)
                self.state.evasions.setdefault(hit, "inserted separator")
        return out

    def _squeezed_view(self) -> tuple[str, list[int], list[bool]] | None:
        """The unit's text without its inserted separators, built once per unit for all
        regexes: the squeezed text, each of its characters' offset, and whether a
        separator was removed just before it. None when the unit has no such gap."""
        views = self.state.squeezed_views
        key = (self.start, self.end)
        if key in views:
            return views[key]
        every = self.state.gaps  # sorted: only the unit's own are looked at
        gaps = [g for g in every[bisect_left(every, (self.start,)):bisect_left(every, (self.end,))]
                if g[1] <= self.end]
        if not gaps:
            views[key] = None
            return None
        kept: list[int] = []
        removed_before: list[bool] = []
        pieces: list[str] = []
        text, pos, pending = self.text, self.start, False
        for gs, ge in gaps:
            if gs < pos:
                break  # starts inside a gap already taken out: the rest is kept as it is
            if gs > pos:
                kept.extend(range(pos, gs))
                removed_before.append(pending)
                removed_before.extend([False] * (gs - pos - 1))
                pieces.append(text[pos:gs])
                pending = False
            pos, pending = ge, True
        if pos < self.end:
            kept.extend(range(pos, self.end))
            removed_before.append(pending)
            removed_before.extend([False] * (self.end - pos - 1))
            pieces.append(text[pos:self.end])
        view = views[key] = ("".join(pieces), kept, removed_before)
        return view

    def squeezed(self, hit: Hit) -> bool:
        """Whether the hit was only found once inserted separators were taken out."""
        return hit in self.state.squeezed

    def entities(self, kind: str) -> list[Entity]:
        return self.state.entities(kind, self.start, self.end)

    def index(self, node: Node) -> HitIndex:
        """The node's hits in this unit, computed once per unit for all rules' conditions."""
        key = (id(node), self.start, self.end)
        got = self.state.node_hits.get(key)
        if got is None:
            need = node_need(node)
            if need is not None and not self.state.may_hit(need, self.start, self.end):
                got = self.state.node_hits[key] = HitIndex([])  # a needed piece is missing
            else:
                got = self.state.node_hits[key] = HitIndex(node.hits(self))
        return got
