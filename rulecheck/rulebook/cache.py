"""Where compiled artefacts are cached between runs (parser tables, compiled rulebooks)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """$RULECHECK_CACHE_DIR, else the XDG cache dir; None when caching is off or impossible."""
    if os.environ.get("RULECHECK_NO_CACHE"):
        return None
    base = os.environ.get("RULECHECK_CACHE_DIR")
    if base:
        path = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        path = Path(xdg) / "rulecheck"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK) else None
