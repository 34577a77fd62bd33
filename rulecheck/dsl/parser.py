"""Parse a match expression with the Lark grammar and build its compiled nodes.

Literals are normalized like the text they will be matched against, lexicon
references are expanded, and every literal gets a pattern id in the shared
pattern table, so the whole rulebook is searched in one Aho-Corasick pass.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, VisitError

from rulecheck.dsl import nodes as n
from rulecheck.dsl.patterns import PatternTable
from rulecheck.dsl.regex import RegexSyntaxError, compile_pattern
from rulecheck.text.lang import has_han
from rulecheck.text.normalize import normalize

GRAMMAR_PATH = Path(__file__).with_name("grammar.lark")


class DslError(Exception):
    """A match expression is invalid; line/column are 1-based within the expression."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@lru_cache(maxsize=1)
def _parser() -> Lark:
    """The LALR parser, from the verified cache when it holds one for this grammar (Lark's
    own cache would unpickle whatever file lay at its path)."""
    import lark

    from rulecheck import cachefiles

    grammar = GRAMMAR_PATH.read_text(encoding="utf-8")
    key = hashlib.sha256(f"{lark.__version__}\n{grammar}".encode()).hexdigest()[:16]
    name = f"grammar-{key}.lark"
    saved = cachefiles.load_bytes(name)
    if saved is not None:
        try:
            return Lark.load(io.BytesIO(saved))
        except Exception:  # ours, but not loadable by this Lark: rebuilt
            pass
    parser = Lark(grammar, parser="lalr", propagate_positions=True)
    buf = io.BytesIO()
    parser.save(buf)
    if cachefiles.store_bytes(name, buf.getvalue()):
        folder = cachefiles.cache_dir()
        if folder is not None:
            cachefiles.prune(folder, "grammar-", keep=2)
    return parser


def _unquote(token: str) -> str:
    body = token[1:-1]
    return re.sub(r"\\(.)", r"\1", body)


ENTITIES = ("NUM", "PRICE", "PERCENT", "DATE")
#: Deepest nesting of an expression: deeper trees overflow the stack when evaluated or
#: cached. `or`/`and` chains do not count: they are built as balanced trees.
MAX_DEPTH = 100


def _balanced(cls: Callable[[n.Node, n.Node], n.Node], items: list[n.Node]) -> n.Node:
    """`a or b or c ...` as a tree of depth log2(n), not n: a list of 400 phrases must not
    nest 400 deep. Both operators are associative (`and` keeps the hits of its first
    matcher and the conditions of all), so the grouping does not change the result."""
    if len(items) == 1:
        return items[0]
    mid = len(items) // 2
    return cls(_balanced(cls, items[:mid]), _balanced(cls, items[mid:]))


def _depth(tree: object) -> int:
    """Nesting depth of a parse tree, without recursion (the tree may be very deep)."""
    deepest = 0
    todo = [(tree, 1)]
    while todo:
        node, depth = todo.pop()
        deepest = max(deepest, depth)
        kids = getattr(node, "children", None)
        if kids:
            step = 0 if getattr(node, "data", None) in ("or_expr", "and_expr") else 1
            todo.extend((k, depth + step) for k in kids)
    return deepest


class _Builder(Transformer):
    def __init__(self, lexicons: Mapping[str, tuple[str, ...]], table: PatternTable,
                 lemma_forms: Callable[[str], tuple[str, ...]],
                 definitions: Mapping[str, str] | None = None,
                 expanding: tuple[str, ...] = ()):
        super().__init__()
        self.lexicons = lexicons
        self.table = table
        self.lemma_forms = lemma_forms
        self.definitions = definitions or {}
        self.expanding = expanding  # names being expanded, to report a cycle

    # --- helpers -----------------------------------------------------------
    def _phrase(self, literals, lexicon=None, token_exact=False) -> n.Phrase:
        normed = []
        for lit in literals:
            text = normalize(lit).text.strip()
            if text:
                normed.append(text)
        normed = tuple(dict.fromkeys(normed))
        key = ("phrase", normed, lexicon, token_exact)
        shared = self.table.shared.get(key)
        if shared is not None:
            return shared
        pids = tuple(self.table.add(t) for t in normed)
        if token_exact:
            self.table.token_exact.update(normed)
        node = self.table.shared[key] = n.Phrase(normed, lexicon, token_exact, pids)
        return node

    def _lexicon_terms(self, token: Token) -> tuple[str, ...]:
        name = str(token)[1:]
        if name not in self.lexicons:
            raise DslError(f"unknown lexicon @{name}", token.line, token.column)
        return self.lexicons[name]

    # --- grammar rules -----------------------------------------------------
    def phrase(self, items):
        (tok,) = items
        text = _unquote(str(tok))
        if not text.strip():
            raise DslError("empty phrase", tok.line, tok.column)
        return self._phrase([text])

    def regex(self, items):
        (tok,) = items
        raw = str(tok)
        end = raw.rfind("/")
        body, flags = raw[1:end], raw[end + 1:]
        try:
            return n.Regex(compile_pattern(body.replace("\\/", "/"), flags))
        except RegexSyntaxError as exc:
            column = tok.column if exc.offset is None else tok.column + 1 + exc.offset
            raise DslError(exc.message, tok.line, column) from None

    def lexicon(self, items):
        (tok,) = items
        return self._phrase(self._lexicon_terms(tok), lexicon=str(tok)[1:])

    def definition(self, items):
        """$name: a named expression defined once (`define:` in a pack), compiled once and
        shared by every rule that uses it."""
        (tok,) = items
        name = str(tok)[1:]
        if name not in self.definitions:
            raise DslError(f"unknown definition ${name}", tok.line, tok.column)
        if name in self.expanding:
            chain = " -> ".join(f"${x}" for x in (*self.expanding, name))
            raise DslError(f"definitions refer to each other in a cycle: {chain}",
                           tok.line, tok.column)
        key = ("definition", name)
        node = self.table.shared.get(key)
        if node is None:
            try:
                node = compile_expression(self.definitions[name], self.lexicons, self.table,
                                          self.lemma_forms, self.definitions,
                                          (*self.expanding, name))
            except DslError as exc:
                raise DslError(f"in ${name}: {exc.message}", tok.line, tok.column) from None
            self.table.shared[key] = node
        return node

    def entity(self, items):
        return n.EntityMatch(str(items[0]))

    def number(self, items):
        return float(items[0])

    def operator(self, items):
        return str(items[0])

    def arglist(self, items):
        return list(items)

    def or_expr(self, items):
        return _balanced(n.Or, items)

    def and_expr(self, items):
        return _balanced(n.And, items)

    def not_(self, items):
        return n.Not(items[0])

    def prox(self, items):
        node = items[0]
        for i in range(1, len(items), 3):
            op, dist, right = items[i], int(items[i + 1]), items[i + 2]
            for side in (node, right):
                if side.is_condition:
                    raise DslError(f"`{op}` needs matchers on both sides, not conditions",
                                   op.line, op.column)
            node = n.Near(node, right, dist, ordered=str(op) == "then")
        return node

    @v_args(meta=True)
    def call(self, meta, items):
        name_tok, args = items[0], items[1] or []
        name = str(name_tok)
        line, col = name_tok.line, name_tok.column
        handler = getattr(self, f"_fn_{name}", None)
        if handler is None:
            raise DslError(f"unknown function {name}()", line, col)
        try:
            return handler(args)
        except DslError as exc:
            raise DslError(f"{name}(): {exc.message}", line, col) from None

    # --- functions ---------------------------------------------------------
    def _strings(self, args, what: str) -> list[str]:
        out: list[str] = []
        for a in args:
            if isinstance(a, n.Phrase):
                out.extend(a.literals)
            else:
                raise DslError(f"takes {what}")
        if not out:
            raise DslError(f"takes at least one of {what}")
        return out

    def _fn_word(self, args):
        terms = self._strings(args, "phrases or @lexicons")
        lexicon = next((a.lexicon for a in args if a.lexicon), None)
        return self._phrase(terms, lexicon=lexicon, token_exact=True)

    def _fn_lemma(self, args):
        forms: list[str] = []
        for lemma in self._strings(args, "English lemmas"):
            forms.extend(self.lemma_forms(lemma))
        names = [a.lexicon for a in args if isinstance(a, n.Phrase) and a.lexicon]
        # a single lexicon keeps its name, so that lint knows it is used
        return self._phrase(forms, lexicon=names[0] if len(names) == len(args) == 1 else None)

    def _fn_value(self, args):
        if len(args) != 3 or not isinstance(args[0], n.EntityMatch) \
                or not isinstance(args[1], n.Phrase) and not isinstance(args[1], str) \
                or not isinstance(args[2], float):
            raise DslError('usage: value(PRICE, ">", 50000)')
        op = args[1] if isinstance(args[1], str) else args[1].literals[0]
        if op not in n._COMPARE:
            raise DslError(f"unknown comparison {op!r}")
        return n.EntityMatch(args[0].kind, op, args[2])

    def _fn_price_ratio(self, args):
        if len(args) != 1 or not isinstance(args[0], float) or args[0] <= 0:
            raise DslError("usage: price_ratio(10)")
        return n.PriceRatio(args[0])

    def _context(self, args, side: str):
        if len(args) not in (1, 2) or not isinstance(args[0], n.Node) \
                or (len(args) == 2 and not isinstance(args[1], float)):
            raise DslError("usage: after(EXPR, N)")
        if args[0].is_condition:
            raise DslError("its first argument must be a matcher")
        distance = int(args[1]) if len(args) == 2 else 3
        return n.Context(args[0], distance, side)

    def _fn_after(self, args):
        return self._context(args, "before_hit")

    _fn_preceded_by = _fn_after

    def _fn_before(self, args):
        return self._context(args, "after_hit")

    _fn_followed_by = _fn_before

    def _negators(self) -> n.Node:
        """@negators as a matcher that does not depend on how a word is segmented.

        jieba fuses a Chinese negator into the verb after it (不刷, 咱不卖, 从来不), so
        Chinese negators are matched inside words, except inside the lexicalised words
        of @negation_exceptions (不错, 非常, 特别 ...) that negate nothing. Latin-script
        negators keep word boundaries (no inside know).
        """
        if "negators" not in self.lexicons:
            raise DslError("needs the lexicon @negators")
        shared = self.table.shared.get("negators")
        if shared is None:
            shared = self.table.shared["negators"] = self._build_negators()
        return shared

    def _build_negators(self) -> n.Node:
        terms = self.lexicons["negators"]
        han = [t for t in terms if has_han(t)]
        latin = [t for t in terms if not has_han(t)]
        node: n.Node | None = None
        if han:
            node = self._phrase(han, lexicon="negators")
            if "negation_exceptions" in self.lexicons:
                exceptions = self._phrase(self.lexicons["negation_exceptions"],
                                          lexicon="negation_exceptions")
                node = n.And(node, n.Not(n.Overlapping(exceptions)))
        if latin:
            words = self._phrase(latin, lexicon="negators", token_exact=True)
            node = words if node is None else n.Or(node, words)
        if node is None:
            raise DslError("the lexicon @negators is empty")
        return node

    def _fn_negated(self, args):
        if len(args) > 1 or (args and not isinstance(args[0], float)):
            raise DslError("usage: negated() or negated(N)")
        distance = int(args[0]) if args else 3
        return n.Context(self._negators(), distance, "before_hit")

    def _fn_quoted(self, args):
        if args:
            raise DslError("takes no arguments")
        if "meta_talk" not in self.lexicons:
            raise DslError("needs the lexicon @meta_talk")
        meta = self._phrase(self.lexicons["meta_talk"], lexicon="meta_talk")
        return n.Quoted(n.Context(meta, 3, "before_hit"))

    def _fn_contradicted(self, args):
        if args:
            raise DslError("takes no arguments")
        actual = self._phrase(self.lexicons["ctx_actual_cues"], lexicon="ctx_actual_cues") \
            if "ctx_actual_cues" in self.lexicons else None
        return n.Contradicted(self._negators(), actual)

    def _fn_overlapping(self, args):
        if len(args) != 1 or not isinstance(args[0], n.Node) or args[0].is_condition:
            raise DslError("usage: overlapping(EXPR)")
        return n.Overlapping(args[0])


def compile_expression(source: str, lexicons: Mapping[str, tuple[str, ...]],
                       table: PatternTable,
                       lemma_forms: Callable[[str], tuple[str, ...]],
                       definitions: Mapping[str, str] | None = None,
                       expanding: tuple[str, ...] = ()) -> n.Node:
    """Parse and compile one expression; raises DslError with a position.

    `definitions` are the named expressions that `$name` refers to.
    """
    try:
        tree = _parser().parse(source)
    except UnexpectedCharacters as exc:
        raise DslError(f"unexpected character {source[exc.pos_in_stream]!r}",
                       exc.line, exc.column) from None
    except UnexpectedEOF as exc:
        raise DslError("unexpected end of expression", exc.line if exc.line > 0 else 1,
                       len(source.splitlines()[-1]) + 1 if source else 1) from None
    except UnexpectedInput as exc:
        token = getattr(exc, "token", None)
        if token is not None and token.type == "$END":
            lines = source.splitlines() or [""]
            raise DslError("unexpected end of expression", len(lines),
                           len(lines[-1]) + 1) from None
        what = f"unexpected {str(token)!r}" if token is not None and str(token) else \
            "unexpected end of expression"
        raise DslError(what, max(exc.line, 1), max(exc.column, 1)) from None
    except RecursionError:
        raise DslError("expression nested too deeply") from None
    if _depth(tree) > MAX_DEPTH:
        raise DslError(f"expression nested more than {MAX_DEPTH} deep")
    try:
        node = _Builder(lexicons, table, lemma_forms, definitions, expanding).transform(tree)
    except VisitError as exc:
        if isinstance(exc.orig_exc, DslError):
            raise exc.orig_exc from None
        if isinstance(exc.orig_exc, (ValueError, OverflowError, RecursionError)):
            raise DslError(f"cannot compile: {exc.orig_exc}") from None
        raise
    except RecursionError:
        raise DslError("expression nested too deeply") from None
    if isinstance(node, (float, str)):
        raise DslError("expected a match expression")
    return node
