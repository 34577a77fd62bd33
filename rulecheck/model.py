"""Plain data shared by every layer: documents in, findings out.

Kept free of behaviour so readers, the engine, reporters, the server and the
audit runner can all exchange them without importing each other.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from rulecheck import categories as _categories

#: The seven categories in taxonomy order, and most specific first (legal taxonomy
#: §1.4: when findings of two categories cover the same words, the earlier category
#: is the primary one); both come from the one table in rulecheck/categories.py.
CATEGORIES: tuple[str, ...] = _categories.CATEGORIES
CATEGORY_PRECEDENCE: tuple[str, ...] = _categories.CATEGORY_PRECEDENCE

SEVERITIES: tuple[str, ...] = ("info", "warning", "error")

PRODUCT_TYPES: tuple[str, ...] = (
    "cosmetics",
    "special_cosmetics",
    "food",
    "health_food",
    "infant_food",
    "drug",
    "medical_device",
    "apparel",
    "jewelry",
    "electronics",
    "household",
    "general",
)


def severity_rank(severity: str) -> int:
    """info < warning < error, for --fail-on and sorting."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Segment:
    """A timed piece of a transcript (an SRT cue, an ASR result) or a line of a script."""

    index: int
    start: int  # character offset into Document.text
    end: int
    start_time: float | None = None  # seconds
    end_time: float | None = None
    speaker: str | None = None
    # where the segment sits in a structured source: {"sheet", "row", "column"} of a
    # spreadsheet cell, {"page"} of a PDF, {"slide"} of a deck; None for running text
    location: dict[str, Any] | None = field(default=None, compare=False, hash=False)


@dataclass
class Document:
    """What a reader produces: the original text and where its segments lie in it."""

    text: str
    path: str = "-"
    segments: list[Segment] = field(default_factory=list)
    encoding: str | None = None
    input_format: str = "txt"
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def timed(self) -> bool:
        return any(s.start_time is not None for s in self.segments)


@dataclass
class SegmentRef:
    """The segment(s) a finding falls in; a match spanning two ASR segments spans both."""

    index: int
    start_time: float | None
    end_time: float | None
    speaker: str | None
    end_index: int | None = None  # set when the match spans several segments
    location: dict[str, Any] | None = None  # the first segment's Segment.location


APPLICABILITIES: tuple[str, ...] = ("safe", "unsafe")


@dataclass
class Edit:
    """Replace ``original[start:end]`` with ``content`` (offsets into the original text)."""

    start: int
    end: int
    content: str


@dataclass
class Fix:
    """A rewrite of a finding, as ruff's Fix: edits plus how far they can be trusted.

    ``safe``: the meaning is kept, the law is satisfied and the grammar intact, so
    ``--fix`` applies it unattended. ``unsafe``: a drop-in that needs a human look
    (``--unsafe-fixes``).
    """

    applicability: str
    message: str
    edits: list[Edit] = field(default_factory=list)

    def moved(self, delta: int) -> Fix:
        """The same fix for the finding's text moved by ``delta`` characters."""
        return Fix(self.applicability, self.message,
                   [Edit(e.start + delta, e.end + delta, e.content) for e in self.edits])


@dataclass
class Finding:
    """One violation, located by offsets into the ORIGINAL text (text == original[start:end])."""

    path: str
    rule: str
    category: str
    family: str
    severity: str
    title: str
    message: str
    law: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    context: str
    # drop-in replacements for ``text``, safe ones first (the report's suggestion chips)
    suggestions: list[str] = field(default_factory=list)
    fix: Fix | None = None
    segment: SegmentRef | None = None
    notes: list[str] = field(default_factory=list)
    related: list[dict[str, str]] = field(default_factory=list)
    # the product type the finding was judged for: {"type", "evidence", "source"}
    product: dict[str, str] | None = None
    # guidance that is not a drop-in replacement ("state the source and year of the rank")
    advice: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FileResult:
    """The outcome of checking one input: its findings, or the error that stopped it."""

    path: str
    document: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
