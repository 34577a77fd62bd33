"""The rule-pack format as a published JSON Schema, and validation against it.

One schema serves editors (``rulecheck rules schema`` > rule-pack.schema.json, then
``# yaml-language-server: $schema=...`` at the top of a pack) and the compiler, which
turns each schema error into a ``file:line:column`` message at the offending key.
What a schema cannot say (balanced ``[[...]]`` markers) is checked after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from rulecheck.context.kinds import KINDS
from rulecheck.model import CATEGORIES, PRODUCT_TYPES, SEVERITIES
from rulecheck.rulebook.markers import MarkerError, parse_marked
from rulecheck.rulebook.schema import CATEGORY_PREFIX, LANGS

SCHEMA_ID = "urn:rulecheck:rule-pack:1"
STATUSES: tuple[str, ...] = ("stable", "preview", "deprecated")
REQUIRED: tuple[str, ...] = ("id", "category", "family", "severity", "lang", "title", "law",
                             "message", "match", "examples")
#: Keys a pack's ``- defaults: {...}`` item may give every rule of the pack.
DEFAULTABLE: tuple[str, ...] = ("category", "family", "severity", "lang", "law", "law_version",
                                "scope", "applies_to", "exempt_for", "status", "context_off")

_TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
_STRINGS = {"type": "array", "items": {"type": "string"}}
_PHRASES = {"type": "array", "items": {"anyOf": [
    {"type": "string"},
    {"type": "object", "required": ["delete"], "additionalProperties": False,
     "properties": {"delete": {"const": "clause", "description": "delete the clause the "
                               "flagged words stand in, with its closing punctuation"},
                    "when": {"type": "string", "minLength": 1}}},
    {"type": "object", "required": ["with", "when"], "additionalProperties": False,
     "properties": {"with": {"type": "string", "description": "the drop-in; \\1… are the "
                                                            "groups of when"},
                    "when": {"type": "string", "minLength": 1,
                             "description": "an RE2 pattern the whole flagged text must "
                                            "match for this entry to apply"}}}]}}


def _rule_properties() -> dict[str, Any]:
    bad_item = {"anyOf": [
        _TEXT,
        {"type": "object", "required": ["text"], "additionalProperties": False,
         "properties": {"text": _TEXT, "fixed": {"type": "string"}}},
    ]}
    return {
        "id": {"type": "string", "pattern": r"^[A-Z]{2}-[A-Z0-9]+(?:-[A-Z0-9]+)*$",
               "description": "Stable, unique id; prefix by category (AD-ZH-001).",
               "x-message": "id {value!r} must look like AD-ZH-001"},
        "category": {"enum": list(CATEGORIES)},
        "family": _TEXT,
        "severity": {"enum": list(SEVERITIES),
                     "x-message": "severity must be one of " + ", ".join(SEVERITIES)},
        "lang": {"enum": list(LANGS), "x-message": "lang must be one of " + ", ".join(LANGS)},
        "title": _TEXT, "law": _TEXT, "message": _TEXT, "match": _TEXT,
        "law_version": {"type": "string",
                        "description": "Version of the law cited, e.g. 2021-04-29 amendment."},
        "status": {"enum": list(STATUSES), "description": "stable runs by default; preview "
                   "only with --preview; deprecated runs and is due to go."},
        "aliases": {"type": "array", "items": {"type": "string"},
                    "description": "Former ids of this rule, still accepted in --select, "
                                   "--ignore, configs and suppression comments."},
        "description": {"type": "string"},
        "unless": {"type": "string"}, "downgrade_if": {"type": "string"},
        "scope": {"type": "string",
                  "pattern": r"^\s*(sentence|segment|document|window\(\d+\))\s*$",
                  "x-message": "scope must be sentence, segment, window(N) or document"},
        "applies_to": {"type": "array", "items": {"enum": list(PRODUCT_TYPES)},
                       "x-message": "{key} must be a list of product types "
                                    "(unknown product type {value!r})"},
        "exempt_for": {"type": "array", "items": {"enum": list(PRODUCT_TYPES)},
                       "x-message": "{key} must be a list of product types "
                                    "(unknown product type {value!r})"},
        "replace": {"type": "object", "minProperties": 1, "additionalProperties": False,
                    "properties": {"safe": _PHRASES, "unsafe": _PHRASES},
                    "x-message": "replace must be a mapping with safe and/or unsafe lists "
                                 "of phrases or {with, when} mappings",
                    "description": "Drop-in phrases for the flagged words: safe ones keep "
                                   "the meaning and satisfy the law (--fix applies them); "
                                   "unsafe ones need a human look (--unsafe-fixes)."},
        "advice": _STRINGS | {"x-message": "advice must be a list of strings"},
        "suggest": _STRINGS | {"deprecated": True, "x-message": "suggest must be a list "
                               "of strings", "description": "Former name of advice."},
        "fix": {"type": "string", "deprecated": True,
                "description": "Former one-string safe replacement; use replace."},
        "link": {"type": "string"},
        "context_off": {"type": "array", "items": {"enum": list(KINDS)},
                        "x-message": "unknown context kind {value!r} in context_off "
                                     "(one of " + ", ".join(KINDS) + ")"},
        "also": {"type": "object", "required": ["category", "law"],
                 "additionalProperties": False,
                 "properties": {"category": {"enum": list(CATEGORIES)}, "law": _TEXT},
                 "x-message": "also must be {category: <one of the seven>, law: <article>}"},
        "examples": {"type": "object", "required": ["bad", "good"],
                     "additionalProperties": False,
                     "properties": {
                         "bad": {"type": "array", "minItems": 1, "items": bad_item,
                                 "x-message": "examples.bad must be a non-empty list of "
                                              "strings or {text, fixed} mappings"},
                         "good": {"type": "array", "minItems": 1, "items": _TEXT,
                                  "x-message": "examples.good must be a non-empty list "
                                               "of strings"}},
                     "x-message": "examples must be a mapping with bad and good lists"},
    }


def _prefix_checks() -> list[dict[str, Any]]:
    return [{"if": {"properties": {"category": {"const": cat}}, "required": ["category"]},
             "then": {"properties": {"id": {
                 "pattern": f"^{prefix}-",
                 "x-message": f"id {{value!r}} must start with {prefix}- for category {cat}"}}}}
            for cat, prefix in CATEGORY_PREFIX.items()]


@lru_cache(maxsize=1)
def pack_schema() -> dict[str, Any]:
    """The JSON Schema of a rule pack: a list of rules, definitions and defaults."""
    props = _rule_properties()
    rule = {"type": "object", "required": list(REQUIRED), "additionalProperties": False,
            "properties": props, "allOf": _prefix_checks()}
    definition = {"type": "object", "required": ["define", "match"],
                  "additionalProperties": False,
                  "properties": {"define": {"type": "string",
                                            "pattern": r"^[A-Za-z_][A-Za-z0-9_]*$"},
                                 "match": _TEXT, "description": {"type": "string"}},
                  "description": "A named expression, used by rules as $name."}
    defaults = {"type": "object", "required": ["defaults"], "additionalProperties": False,
                "properties": {"defaults": {
                    "type": "object", "additionalProperties": False,
                    "properties": {k: props[k] for k in DEFAULTABLE}}},
                "description": "Values every rule of this pack takes unless it gives its own."}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "rulecheck rule pack",
        "type": "array",
        "items": {"if": {"type": "object", "required": ["define"]},
                  "then": {"$ref": "#/$defs/definition"},
                  "else": {"if": {"type": "object", "required": ["defaults"]},
                           "then": {"$ref": "#/$defs/defaults"},
                           "else": {"$ref": "#/$defs/rule"}}},
        "$defs": {"rule": rule, "definition": definition, "defaults": defaults},
    }


@lru_cache(maxsize=1)
def _rule_validator() -> Any:
    from jsonschema import Draft202012Validator  # only when a pack is compiled

    schema = pack_schema()
    return Draft202012Validator({**schema["$defs"]["rule"], "$defs": schema["$defs"]})


def validate_rule(data: Any) -> list[tuple[str, str]]:
    """Problems of one rule mapping as (key, message); key names the field to point at."""
    if not isinstance(data, dict):
        return [("", "a rule must be a mapping")]
    problems: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for error in sorted(_rule_validator().iter_errors(data), key=lambda e: list(e.path)):
        for problem in _describe(error, data):
            if problem not in seen:
                seen.add(problem)
                problems.append(problem)
    if not problems:
        problems.extend(_marker_problems(data["examples"]))
    return problems


def _describe(error: Any, data: dict) -> Iterable[tuple[str, str]]:
    path = list(error.path)
    key = str(path[0]) if path else ""
    if error.validator == "required":
        for name in error.validator_value:
            if name not in error.instance:
                where = "" if not path else key
                yield (where, f"missing required key {name!r}" if not path
                       else f"{'.'.join(map(str, path))}: missing required key {name!r}")
        return
    if error.validator == "additionalProperties" and not path:
        allowed = set(error.schema.get("properties", {}))
        for name in error.instance:
            if name not in allowed:
                yield (name, f"unknown key {name!r}")
        return
    value = data.get(key) if key else data
    message = _message_for(error, key)
    if message is not None:
        offending = error.instance if len(path) > 1 else value
        yield (key, message.replace("{key}", key).replace("{value!r}", repr(offending)))
        return
    if error.validator == "enum" and key:
        yield (key, f"{key} {value!r} is not one of {', '.join(map(str, error.validator_value))}")
    elif error.validator in ("type", "minLength", "pattern") and key:
        yield (key, f"{key} must be a non-empty string")
    else:
        yield (key, f"{'.'.join(map(str, path)) or 'rule'}: {error.message}")


def _message_for(error: Any, key: str) -> str | None:
    """The ``x-message`` of the failing keyword, else the deepest one on the error's path."""
    message = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if message or not key:
        return message
    node: Any = {"properties": pack_schema()["$defs"]["rule"]["properties"]}
    for step in error.path:
        if not isinstance(step, str) or step not in node.get("properties", {}):
            break
        node = node["properties"][step]
        message = node.get("x-message", message)
    return message


def _marker_problems(examples: dict) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for kind in ("bad", "good"):
        for item in examples.get(kind, []):
            text = item["text"] if isinstance(item, dict) else item
            try:
                _, spans = parse_marked(text)
            except MarkerError as exc:
                problems.append(("examples", str(exc)))
                continue
            if spans and kind == "good":
                problems.append(("examples", f"a good example marks nothing: {text!r}"))
    return problems
