"""What a document's findings depend on, rule by rule, so that a re-audit after a
rulebook change re-checks only the documents the change can affect.

A **ruleset** is everything besides a document's bytes that its findings depend on:

* ``base`` — what can change any rule's matches anywhere: the rulecheck and compiler
  versions, the character variants, the words the Chinese tokenizer keeps whole (a new
  one can shift jieba's segmentation of any sentence), the product-cue lexicons, and
  the file's settings (language, product type, per-file ignores, allowlist, read
  options);
* ``rules`` — for each rule that runs, a digest of its compiled definition: the match,
  unless and downgrade trees with their literal terms (lexicons expanded) and evasion
  spellings, scope, category, family, severity after overrides, title, message, law,
  suggestions, fix and product scope. Unanchored rules (evaluated on every sentence)
  are marked with a trailing ``*``.

The fingerprint hashes both. ``recheck_scope`` turns an old and a new ruleset into
what a document needs (see docs/audit.md, "Re-auditing after a rulebook change").
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from rulecheck.dsl.regex import LinearPattern
from rulecheck.engine.product import CUE_PREFIX
from rulecheck.rulebook.compiler import COMPILER_VERSION, CompiledRule, Rulebook
from rulecheck.runner import Profile, ReadOptions, rulebook
from rulecheck.version import __version__

#: Rule fields that reach a finding or decide whether the rule applies.
RULE_FIELDS: tuple[str, ...] = ("id", "category", "family", "severity", "lang", "title",
                                "law", "message", "scope", "applies_to", "exempt_for",
                                "replace", "advice")
UNANCHORED = "*"


@dataclass(frozen=True)
class Ruleset:
    fingerprint: str
    base: str
    rules: Mapping[str, str]  # rule id -> digest (+ "*" when unanchored)


def _sha(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _canon(obj: Any, aliases: Mapping[int, list[list[str]]]) -> Any:
    """A JSON-able form of a compiled tree that names literals, never pattern ids."""
    if isinstance(obj, re.Pattern):
        return ["re", obj.pattern, obj.flags]
    if isinstance(obj, LinearPattern):  # an RE2 program is named by what it was built from
        return ["re2", obj.source, obj.flags]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {"node": type(obj).__name__}
        for f in dataclasses.fields(obj):
            if f.name == "pids":
                out["aliases"] = [aliases.get(pid, []) for pid in obj.pids]
            else:
                out[f.name] = _canon(getattr(obj, f.name), aliases)
        return out
    if isinstance(obj, (list, tuple)):
        return [_canon(x, aliases) for x in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted((_canon(x, aliases) for x in obj), key=repr)
    if isinstance(obj, dict):
        return {str(k): _canon(v, aliases) for k, v in sorted(obj.items(), key=repr)}
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    raise TypeError(f"cannot fingerprint a {type(obj).__name__} in a compiled rule")


def _rule_digest(cr: CompiledRule, aliases: Mapping[int, list[list[str]]]) -> str:
    data = {name: getattr(cr.rule, name) for name in RULE_FIELDS}
    data["replace"] = {kind: [[r.text, r.when.source if r.when else None] for r in entries]
                       for kind, entries in (("safe", cr.rule.replace.safe),
                                             ("unsafe", cr.rule.replace.unsafe))}
    data.update(match=_canon(cr.match, aliases), unless=_canon(cr.unless, aliases),
                downgrade=_canon(cr.downgrade, aliases), scope_parsed=list(cr.scope))
    return _sha(json.dumps(data, ensure_ascii=False, sort_keys=True))


_DIGESTS: dict[str, tuple[str, dict[str, str]]] = {}


def book_digests(book: Rulebook) -> tuple[str, dict[str, str]]:
    """The rulebook-wide part of ``base`` and each rule's digest (cached per rulebook)."""
    got = _DIGESTS.get(book.fingerprint)
    if got is not None:
        return got
    aliases: dict[int, list[list[str]]] = {}
    for literal, pid, kind in sorted(book.aliases):
        aliases.setdefault(pid, []).append([literal, kind])
    unanchored = set(book.unanchored)
    rules = {rid: _rule_digest(cr, aliases) + (UNANCHORED if rid in unanchored else "")
             for rid, cr in book.rules.items()}
    cues = {name: lex.terms for name, lex in book.lexicons.items()
            if name.startswith(CUE_PREFIX)}
    base = _sha(__version__, COMPILER_VERSION,
                json.dumps(sorted(book.char_variants.items()), ensure_ascii=False),
                json.dumps(book.user_words, ensure_ascii=False),
                json.dumps(sorted(cues.items()), ensure_ascii=False))
    got = _DIGESTS[book.fingerprint] = (base, rules)
    return got


def ruleset(profile: Profile, read: ReadOptions) -> Ruleset:
    """The ruleset under which a file with this profile is checked."""
    book_base, digests = book_digests(rulebook(profile.spec.rules_dirs))
    severity = dict(profile.spec.severity)
    active = digests if profile.spec.select is None else profile.spec.select
    rules = {rid: digests[rid] + (f"!{severity[rid]}" if rid in severity else "")
             for rid in sorted(active) if rid in digests}
    # rule directories, selection and severities are accounted for rule by rule above
    settings = replace(profile, spec=replace(profile.spec, rules_dirs=(), select=None,
                                             severity=()), fail_on="")
    base = _sha(book_base, repr(settings), repr(read))
    return Ruleset(_sha(base, json.dumps(rules, sort_keys=True)), base, rules)


def changed_rules(old: Mapping[str, str], new: Mapping[str, str]) -> set[str]:
    """Rules added, removed, edited, switched on or off, or given another severity."""
    return {rid for rid in old.keys() | new.keys() if old.get(rid) != new.get(rid)}


def recheck_scope(old: Ruleset | None, new: Ruleset, candidates: frozenset[str] | None
                  ) -> frozenset[str] | None:
    """What a document recorded under ``old`` needs under ``new``.

    ``candidates`` are the rules whose anchors occurred in it when it was checked.
    None: check it again. Otherwise the rules whose anchors, if they occur in it now,
    make it need a check; an empty set means its findings stand as they are.

    Exact because a rule can only have matched (even a match that lost an overlap to
    another rule's) where one of its anchors occurs: a changed rule that was not a
    candidate then, and whose new anchors do not occur now, has no hit either way.
    """
    if old is None or candidates is None or old.base != new.base:
        return None
    changed = changed_rules(old.rules, new.rules)
    if changed & candidates:
        return None
    if any(UNANCHORED in rules.get(rid, "") for rules in (old.rules, new.rules)
           for rid in changed):
        return None
    return frozenset(rid for rid in changed if rid in new.rules)
