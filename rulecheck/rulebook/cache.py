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


def prune(folder: Path, prefix: str, keep: int = 4) -> None:
    """Delete all but the `keep` newest cache files starting with `prefix`: every rule
    edit makes a new compiled rulebook and dictionary, and old ones are never read."""
    try:
        files = sorted((p for p in folder.glob(f"{prefix}*") if p.is_file()),
                       key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    stems: list[str] = []
    for path in files:
        stem = path.name.split(".")[0]
        if stem not in stems:
            stems.append(stem)
        if stems.index(stem) >= keep:
            path.unlink(missing_ok=True)
