"""Where compiled artefacts are cached between runs: the safe cache of cachefiles.py,
under the names its importers know."""

from __future__ import annotations

from rulecheck.cachefiles import cache_dir, prune

__all__ = ["cache_dir", "prune"]
