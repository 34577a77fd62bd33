"""The Word round trip: a checked .docx back with a comment on each finding and, on
request, the fixes as tracked changes a reviewer accepts or rejects."""

from rulecheck.reports.docx.review import Review, review_docx

__all__ = ["Review", "review_docx"]
