"""YAML loading that remembers where every value came from (file:line:column)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from rulecheck.errors import RuleError


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
    return yaml.SafeLoader(io_empty()).construct_object(node, deep=True)


def io_empty() -> str:
    return ""


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Parse a YAML file into plain data whose mappings are `Located`."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{name}: cannot read: {exc}") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        m = exc.problem_mark
        where = f"{name}:{m.line + 1}:{m.column + 1}" if m else name
        raise RuleError(f"{where}: YAML syntax error: {exc.problem}") from None
    if node is None:
        return None
    return _convert(name, node)
