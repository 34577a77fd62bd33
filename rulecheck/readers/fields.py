"""Which input field holds the text, the times and the speaker (JSONL keys, CSV columns).

A field named in the field map must exist. Otherwise the usual names are tried
in order, so common ASR exports and script tables need no mapping. Times are
in seconds unless the field's name ends in ``_ms``.
"""

from __future__ import annotations

from rulecheck.errors import InputError

FIELDS: tuple[str, ...] = ("text", "start", "end", "speaker")

ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "script", "transcript", "sentence",
             "文本", "内容", "话术", "台词", "文案"),
    "start": ("start", "start_time", "begin", "begin_time", "开始", "开始时间"),
    "end": ("end", "end_time", "stop", "结束", "结束时间"),
    "speaker": ("speaker", "role", "说话人", "角色"),
}


def check_field_map(field_map: dict[str, str] | None, path: str) -> dict[str, str]:
    """The field map, validated: only known fields, each given a name."""
    for key, value in (field_map or {}).items():
        if key not in FIELDS:
            raise InputError(f"{path}: unknown field {key!r} in the field map "
                             f"(expected {', '.join(FIELDS)})")
        if not isinstance(value, str) or not value:
            raise InputError(f"{path}: the field map gives no name for {key!r}")
    return dict(field_map or {})


def candidates(field: str, field_map: dict[str, str]) -> tuple[str, ...]:
    """Names to look for, best first: the mapped name alone, else the usual names."""
    if field in field_map:
        return (field_map[field],)
    names = ALIASES[field]
    if field in ("start", "end"):
        names = names + tuple(n + "_ms" for n in names)
    return names


def is_milliseconds(name: str) -> bool:
    """Times are in seconds unless the field's name says milliseconds (``begin_ms``)."""
    return name.lower().endswith("_ms")
