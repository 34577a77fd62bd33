"""Validation of rule mappings read from YAML packs: one message per problem."""

from __future__ import annotations

import re
from typing import Any

from rulecheck import categories as _categories
from rulecheck.context.kinds import KINDS
from rulecheck.model import CATEGORIES, PRODUCT_TYPES, SEVERITIES
from rulecheck.rulebook.markers import MarkerError, parse_marked
from rulecheck.rulebook.yamlsource import Located

CATEGORY_PREFIX: dict[str, str] = _categories.CATEGORY_PREFIX
LANGS = ("zh", "en")
REQUIRED = ("id", "category", "family", "severity", "lang", "title", "law", "message",
            "match", "examples")
OPTIONAL = ("description", "unless", "downgrade_if", "scope", "applies_to", "exempt_for",
            "replace", "advice", "suggest", "fix", "link", "context_off", "also")
#: Older keys still read: ``suggest`` as advice, ``fix`` as one safe replacement.
DEPRECATED = {"suggest": "advice", "fix": "replace: {safe: [...]}"}
_ID = re.compile(r"^[A-Z]{2}-[A-Z0-9]+(?:-[A-Z0-9]+)*$")
_SCOPE = re.compile(r"^(sentence|segment|document|window\((\d+)\))$")


def parse_scope(value: str) -> tuple[str, int]:
    m = _SCOPE.match(value.strip())
    if not m:
        raise ValueError(value)
    return ("window", int(m.group(2))) if m.group(2) else (m.group(1), 0)


def validate_rule(data: Any) -> list[tuple[str, str]]:
    """Problems as (key, message); key names the field whose position to report."""
    if not isinstance(data, Located):
        return [("", "a rule must be a mapping")]
    problems: list[tuple[str, str]] = []
    for key in data:
        if key not in REQUIRED and key not in OPTIONAL:
            problems.append((key, f"unknown key {key!r}"))
    for key in REQUIRED:
        if key not in data:
            problems.append(("", f"missing required key {key!r}"))
    for key in ("id", "title", "law", "message", "match", "family"):
        if key in data and (not isinstance(data[key], str) or not data[key].strip()):
            problems.append((key, f"{key} must be a non-empty string"))
    for key in ("description", "unless", "downgrade_if", "fix", "link"):
        if key in data and not isinstance(data[key], str):
            problems.append((key, f"{key} must be a string"))
    rule_id = data.get("id")
    category = data.get("category")
    if "category" in data and (not isinstance(category, str) or category not in CATEGORIES):
        problems.append(("category",
                         f"category {category!r} is not one of {', '.join(CATEGORIES)}"))
    if isinstance(rule_id, str):
        if not _ID.match(rule_id):
            problems.append(("id", f"id {rule_id!r} must look like AD-ZH-001"))
        elif isinstance(category, str) and category in CATEGORY_PREFIX \
                and not rule_id.startswith(CATEGORY_PREFIX[category] + "-"):
            problems.append(("id", f"id {rule_id!r} must start with {CATEGORY_PREFIX[category]}- "
                                   f"for category {category}"))
    if "severity" in data and data["severity"] not in SEVERITIES:
        problems.append(("severity", f"severity must be one of {', '.join(SEVERITIES)}"))
    if "lang" in data and data["lang"] not in LANGS:
        problems.append(("lang", f"lang must be one of {', '.join(LANGS)}"))
    if "scope" in data:
        try:
            parse_scope(str(data["scope"]))
        except ValueError:
            problems.append(("scope", "scope must be sentence, segment, window(N) or document"))
    if "also" in data:
        also = data["also"]
        if not isinstance(also, dict) or set(also) != {"category", "law"} \
                or also.get("category") not in CATEGORIES or not isinstance(also.get("law"), str):
            problems.append(("also", "also must be {category: <one of the seven>, law: <article>}"))
    if "context_off" in data:
        kinds = data["context_off"]
        if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
            problems.append(("context_off", "context_off must be a list of context kinds"))
        else:
            for k in kinds:
                if k not in KINDS:
                    problems.append(("context_off", f"unknown context kind {k!r} in context_off "
                                                    f"(one of {', '.join(KINDS)})"))
    for key in ("applies_to", "exempt_for"):
        if key in data:
            value = data[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append((key, f"{key} must be a list of product types"))
            else:
                for v in value:
                    if v not in PRODUCT_TYPES:
                        problems.append((key, f"unknown product type {v!r} in {key}"))
    for key in ("advice", "suggest"):
        if key in data and not _strings(data[key]):
            problems.append((key, f"{key} must be a list of strings"))
    if "replace" in data:
        problems.extend(_replace_problems(data["replace"]))
    ex = data.get("examples")
    if "examples" in data:
        if not isinstance(ex, dict):
            problems.append(("examples", "examples must be a mapping with bad and good lists"))
        else:
            for key in ex:
                if key not in ("bad", "good"):
                    problems.append(("examples", f"unknown examples key {key!r}"))
            for key in ("bad", "good"):
                value = ex.get(key)
                if not isinstance(value, list) or not value \
                        or not all(_example_ok(v, key) for v in value):
                    what = "strings or {text, fixed} mappings" if key == "bad" else "strings"
                    problems.append(("examples",
                                     f"examples.{key} must be a non-empty list of {what}"))
                else:
                    problems.extend(_marker_problems(value, key))
    return problems


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _replace_problems(value: Any) -> list[tuple[str, str]]:
    if not isinstance(value, dict) or not value or set(value) - {"safe", "unsafe"}:
        return [("replace", "replace must be a mapping with safe and/or unsafe lists")]
    return [("replace", f"replace.{k} must be a list of strings")
            for k, v in value.items() if not _strings(v)]


def _example_ok(value: Any, kind: str) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return kind == "bad" and isinstance(value, dict) and set(value) <= {"text", "fixed"} \
        and isinstance(value.get("text"), str) and bool(value["text"].strip()) \
        and isinstance(value.get("fixed", ""), str)


def _marker_problems(values: list[Any], kind: str) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for v in values:
        text = v["text"] if isinstance(v, dict) else v
        try:
            _, spans = parse_marked(text)
        except MarkerError as exc:
            problems.append(("examples", str(exc)))
            continue
        if spans and kind == "good":
            problems.append(("examples", f"a good example marks nothing: {text!r}"))
    return problems
