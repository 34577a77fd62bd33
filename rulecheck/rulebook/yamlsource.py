"""YAML loading that remembers where every value came from (file:line:column)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from rulecheck.errors import InputError, RuleError
from rulecheck.readers.files import read_regular
from rulecheck.safetext import display_name

#: The largest rule pack or lexicon file read.
MAX_PACK_BYTES = 16_000_000


@dataclass(frozen=True)
class Mark:
    path: str
    line: int  # 1-based
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Located(dict):
    """A mapping that also knows the position of itself, its keys and its values."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]
    value_styles: dict[str, str | None]


def _mark(path: str, node: yaml.Node) -> Mark:
    return Mark(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(path: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = Located()
        out.mark = _mark(path, node)
        out.key_marks, out.value_marks, out.value_styles = {}, {}, {}
        for key_node, value_node in node.value:
            key = _convert(path, key_node)
            if not isinstance(key, str):
                raise RuleError(f"{_mark(path, key_node)}: keys must be strings")
            if key in out:
                raise RuleError(f"{_mark(path, key_node)}: duplicate key {key!r}")
            out[key] = _convert(path, value_node)
            out.key_marks[key] = _mark(path, key_node)
            out.value_marks[key] = _mark(path, value_node)
            out.value_styles[key] = getattr(value_node, "style", None)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(path, item) for item in node.value]
    try:
        return yaml.SafeLoader(io_empty()).construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:  # e.g. an unknown !tag
        raise RuleError(f"{_mark(path, node)}: {exc.problem or 'cannot read this value'}"
                        ) from None
    except (ValueError, OverflowError) as exc:  # e.g. a timestamp out of range
        raise RuleError(f"{_mark(path, node)}: bad value: {exc}") from None


#: libyaml's parser when PyYAML was built with it (ten times faster on the packs, with
#: the same node marks); the pure-Python one otherwise.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def io_empty() -> str:
    return ""


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Parse a YAML file into plain data whose mappings are `Located`."""
    name = display_name(display or str(path))
    try:
        text = read_regular(str(path), MAX_PACK_BYTES).decode("utf-8")
    except InputError as exc:
        raise RuleError(f"cannot read: {exc}") from None
    except UnicodeDecodeError as exc:
        raise RuleError(f"{name}: cannot read: {exc}") from None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        m = exc.problem_mark
        where = f"{name}:{m.line + 1}:{m.column + 1}" if m else name
        if "nesting depth" in str(exc.problem):  # libyaml's own bound
            raise RuleError(f"{where}: YAML nested too deeply") from None
        raise RuleError(f"{where}: YAML syntax error: {exc.problem}") from None
    except yaml.reader.ReaderError as exc:  # a control character, a surrogate
        line, column = _position(text, exc.position)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise RuleError(f"{name}:{line}:{column}: YAML syntax error: character "
                        f"U+{char:04X} is not allowed") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{name}: YAML syntax error: {str(exc).splitlines()[0]}") from None
    except RecursionError:
        raise RuleError(f"{name}: YAML nested too deeply") from None
    if node is None:
        return None
    try:
        return _convert(name, node)
    except RecursionError:
        raise RuleError(f"{name}: YAML nested too deeply") from None


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
