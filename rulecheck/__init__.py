"""rulecheck: check live-commerce marketing scripts and transcripts against the law.

The public names are imported when first used (PEP 562), so that importing any
submodule (the CLI, the cache, the readers) does not first import the engine and
its rulebook compiler: a short `rulecheck check` pays only for what it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rulecheck.version import __version__

if TYPE_CHECKING:
    from rulecheck.engine.checker import Checker, check_text
    from rulecheck.model import Document, FileResult, Finding, Segment

__all__ = ["Checker", "Document", "FileResult", "Finding", "Segment", "__version__", "check_text"]

_LAZY = {"Checker": "rulecheck.engine.checker", "check_text": "rulecheck.engine.checker",
         "Document": "rulecheck.model", "FileResult": "rulecheck.model",
         "Finding": "rulecheck.model", "Segment": "rulecheck.model"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rulecheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
