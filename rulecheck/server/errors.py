"""The API's error answer, ``{"error": {"code", "message", "details"?}}``.

Kept apart from the ASGI code (limits.py) so that check workers, which raise and
render these errors, do not import the web framework.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error answered as ``{"error": {"code", "message"}}`` with an HTTP status."""

    def __init__(self, status: int, code: str, message: str, details: list[Any] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt from all four fields when it crosses a process boundary
        return (type(self), (self.status, self.code, self.message, self.details))


def error_body(code: str, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return {"error": body}
