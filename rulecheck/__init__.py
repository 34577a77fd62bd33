"""rulecheck: check live-commerce marketing scripts and transcripts against the law."""

from __future__ import annotations

__version__ = "0.1.0"

from rulecheck.engine.checker import Checker, check_text  # noqa: E402
from rulecheck.model import Document, FileResult, Finding, Segment  # noqa: E402

__all__ = ["Checker", "Document", "FileResult", "Finding", "Segment", "__version__", "check_text"]
