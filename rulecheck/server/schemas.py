"""Request and response models of the HTTP API; they are also its OpenAPI schema."""

from __future__ import annotations

import dataclasses
from typing import Any, Literal, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from rulecheck.model import CATEGORIES, PRODUCT_TYPES, SEVERITIES, Edit, Finding, Fix, SegmentRef

Lang = Literal["auto", "zh", "en"]
ProductType = Literal[PRODUCT_TYPES]  # type: ignore[valid-type]
Category = Literal[CATEGORIES]  # type: ignore[valid-type]
Severity = Literal[SEVERITIES]  # type: ignore[valid-type]
TextFormat = Literal["txt", "md", "srt", "vtt", "jsonl", "csv"]

Code = Field(min_length=1, max_length=64)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class CheckOptions(_Strict):
    """How to check: language, product context and which rules."""

    lang: Lang = Field("auto", description="auto, zh or en")
    product_type: ProductType | None = Field(
        None, description="Product context; detected from the text when absent.")
    select: list[str] | None = Field(
        None, max_length=50,
        description="Only these rule ids, id prefixes (AD, PR-ZH) or category ids.")
    ignore: list[str] | None = Field(
        None, max_length=50, description="Skip these rule ids, id prefixes or category ids.")


class SegmentIn(_Strict):
    """One ASR segment or script line."""

    text: str
    start: float | None = Field(None, ge=0, description="start time in seconds")
    end: float | None = Field(None, ge=0, description="end time in seconds")
    speaker: str | None = Field(None, max_length=200)


class CheckRequest(CheckOptions):
    """Either `text` (a script, read as `format`) or `segments` (a transcript)."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={
        "oneOf": [{"required": ["text"]}, {"required": ["segments"]}]})

    # null is not part of the schema: leave a field out instead
    text: str | SkipJsonSchema[None] = Field(None, description="The script to check.")
    segments: list[SegmentIn] | SkipJsonSchema[None] = Field(
        None, description="Transcript segments, checked in order; phrases split across "
                          "consecutive segments are found.")
    format: TextFormat = Field("txt", description="How to read `text` (srt, vtt, jsonl and "
                                                  "csv are checked by their segments only).")
    path: str = Field("-", max_length=255, description="A name reported in each finding; "
                                                        "never opened.")

    @field_validator("text", "segments", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("null is not allowed here; leave the field out")
        return value

    @model_validator(mode="after")
    def _one_input(self) -> CheckRequest:
        if (self.text is None) == (self.segments is None):
            raise ValueError("give exactly one of 'text' or 'segments'")
        return self


class CheckFileRequest(CheckOptions):
    """An uploaded file, base64-encoded; read exactly as `rulecheck check` reads files."""

    filename: str = Field(min_length=1, max_length=255,
                          description="The file's name; its extension picks the reader.")
    content_base64: str = Field(description="The file's bytes, base64-encoded.")
    input_format: Literal["txt", "md", "srt", "vtt", "jsonl", "csv", "docx", "xlsx", "pdf",
                          "pptx"] | None = None
    encoding: str | None = Field(None, max_length=40,
                                    description="Force a text encoding (default: detected).")


class ReviewDocxRequest(CheckOptions):
    """A Word script to send back reviewed, base64-encoded like an upload to check-file."""

    filename: str = Field(min_length=1, max_length=255, description="The file's name (.docx).")
    content_base64: str = Field(description="The .docx file's bytes, base64-encoded.")
    fix: bool = Field(False, description="Write the safe fixes into the copy as tracked "
                                         "changes, for the reviewer to accept or reject.")
    unsafe_fixes: bool = Field(False, description="With `fix`, the unsafe fixes too.")


class FixRequest(CheckOptions):
    """A script to rewrite with the rules' safe fixes."""

    text: str
    format: TextFormat = Field("txt", description="How to read `text`; fixes never change "
                                                 "a subtitle's or a table's shape.")
    rules: list[str] | None = Field(
        None, max_length=200, description="Only apply fixes of these rule ids.")
    unsafe_fixes: bool = Field(False, description="Apply unsafe fixes too (they need a "
                                                  "human look), not only safe ones.")


def _from_dataclass(name: str, cls: type, overrides: dict[str, Any], doc: str) -> type[BaseModel]:
    """A response model with exactly the fields of a model dataclass, so the API cannot
    drift from ``Finding`` (a field added there appears here); ``overrides`` narrows
    types for the schema (the category enum, nested response models)."""
    hints = get_type_hints(cls)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        kind = overrides.get(f.name, hints[f.name])
        if f.default is not dataclasses.MISSING:
            fields[f.name] = (kind, f.default)
        elif f.default_factory is not dataclasses.MISSING:
            fields[f.name] = (kind, Field(default_factory=f.default_factory))
        else:
            fields[f.name] = (kind, ...)
    model = create_model(name, __doc__=doc, **fields)
    return model


SegmentRefOut = _from_dataclass(
    "SegmentRefOut", SegmentRef, {}, "The segment(s) a finding falls in.")
EditOut = _from_dataclass("EditOut", Edit, {}, "Replace `original[start:end]` with `content`.")
FixOut = _from_dataclass(
    "FixOut", Fix, {"applicability": Literal["safe", "unsafe"], "edits": list[EditOut]},
    "Edits plus how far they can be trusted: `safe` ones `--fix` applies unattended.")
FindingOut = _from_dataclass(
    "FindingOut", Finding,
    {"category": Category, "severity": Severity, "fix": FixOut | None,
     "segment": SegmentRefOut | None},
    "One violation; `text == original[start:end]` (Python string offsets).")


class Summary(BaseModel):
    """As in `--format json` (categories and severities that occur), plus size and time."""

    files: int
    files_with_findings: int
    errors: int
    findings: int
    by_severity: dict[str, int]
    by_category: dict[str, int]
    by_rule: dict[str, int]
    characters: int
    segments: int
    elapsed_ms: float


class CheckResponse(BaseModel):
    version: str
    summary: Summary
    findings: list[FindingOut]


class DocumentOut(BaseModel):
    """What was read from an upload, so a client can show and re-check it."""

    path: str
    text: str
    input_format: str
    encoding: str | None
    segments: int
    synthesized_text: bool
    check_format: TextFormat = Field(description="The `format` to send with `text` to "
                                                 "/v1/check to check this text again.")


class CheckFileResponse(CheckResponse):
    document: DocumentOut


class AppliedFix(BaseModel):
    step: int = Field(description="the pass that applied it (1, 2, ...): a fix can reveal "
                                  "another finding, so fixing repeats until nothing is left")
    rule: str
    start: int = Field(description="offset in the text the pass started from")
    end: int
    old: str
    new: str
    applicability: Literal["safe", "unsafe"] = "safe"


class FixResponse(BaseModel):
    version: str
    text: str
    applied: list[AppliedFix]
    summary: Summary
    findings: list[FindingOut] = Field(description="What remains in the fixed text.")


class ExamplesOut(BaseModel):
    bad: list[str]
    good: list[str]


class ReplacementOut(BaseModel):
    text: str = Field(description="the drop-in; \\1… are groups of `when`")
    when: str | None = Field(None, description="an RE2 pattern the whole flagged text must "
                                               "match for this entry to apply")


class ReplaceOut(BaseModel):
    safe: list[ReplacementOut]
    unsafe: list[ReplacementOut]


class RuleOut(BaseModel):
    id: str
    category: Category
    family: str
    severity: Severity
    lang: str
    title: str
    law: str
    message: str
    description: str
    scope: str
    applies_to: list[str]
    exempt_for: list[str]
    replace: ReplaceOut
    advice: list[str]
    link: str | None
    match: str
    unless: str | None
    examples: ExamplesOut


class RulesResponse(BaseModel):
    version: str
    count: int
    rules: list[RuleOut]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    rules: int
    sessions: int
    max_sessions: int


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[Any] | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody
