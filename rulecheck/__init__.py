"""rulecheck: check live-commerce marketing scripts and transcripts against the law."""

from __future__ import annotations

from rulecheck.engine.checker import Checker, check_text
from rulecheck.model import Document, FileResult, Finding, Segment
from rulecheck.version import __version__

__all__ = ["Checker", "Document", "FileResult", "Finding", "Segment", "__version__", "check_text"]
