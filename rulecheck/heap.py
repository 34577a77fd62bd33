"""Keep the objects a process lives on out of the garbage collector's full scans.

Checking allocates many short-lived objects, so CPython's cyclic collector runs often,
and each full collection walks every object of the compiled rulebook and the loaded
tokenizers although they live as long as the process. `gc.freeze()` moves the objects
that exist now out of the collector's view: checking 1.5 MB of Chinese is about 1.25x
faster, 10 MB about 1.1x (the token memo then dominates what the collector walks), and
`rulecheck check` of 120 files about 1.15x (benchmarks/gc_freeze.py, RESULTS.md).
Freezing is a process-wide choice, so the programs call this (the CLI and audit runner
after each file, the server after a check), never the `Checker` itself: a library must
not change how its host collects garbage.
"""

from __future__ import annotations

import gc
import sys

from rulecheck import cachefiles

_modules_frozen = -1
_paused_for_start = False


def freeze_loaded_caches() -> None:
    """Freeze what each cache file brings (the rulebook, jieba's dictionary) as soon as
    it is unpickled. A program's choice, like `freeze_long_lived`: the young rulebook
    would otherwise be walked by the next collection of each generation before the
    first file is done, three passes that cost as much as unpickling it again."""
    cachefiles.freeze_loaded = True


def freeze_long_lived() -> bool:
    """Freeze the heap when modules were imported since the last freeze.

    An import (the rulebook, jieba, spaCy, all loaded lazily) is what brings a batch
    of long-lived objects; between imports the call costs one `len`. No collection runs
    first: it would cost about 65 ms, and after loading the rulebook and both tokenizers
    it finds under 300 unreachable objects, which freezing keeps. Returns whether it
    froze.
    """
    global _modules_frozen
    loaded = len(sys.modules)
    if loaded == _modules_frozen:
        return False
    gc.freeze()
    _modules_frozen = loaded
    return True


def pause_for_start() -> None:
    """No automatic collections while a one-shot command imports its modules and reads
    the rulebook (`resume_after_start` ends the pause): about 25 young-generation
    collections, ~15 ms of a cold check, walk import-time objects that all live as
    long as the process."""
    global _paused_for_start
    if gc.isenabled():
        gc.disable()
        _paused_for_start = True


def resume_after_start(one_shot: bool = False) -> None:
    """End `pause_for_start` (a no-op without one): freeze what the start-up built, as
    `freeze_long_lived` would after the first file, and collect as usual from here.

    `one_shot`: what is left is one input's check, which holds the collector off anyway
    (engine/collect.py), and the process ends after it. Collections then stay off: the
    first one after that check would only walk what it loaded for good (its rules'
    parts, jieba's tables; ~15 ms of a cold check) and find next to nothing to free."""
    global _paused_for_start
    if _paused_for_start and not one_shot:
        _paused_for_start = False
        freeze_long_lived()
        gc.enable()


def thaw() -> None:
    """Undo `freeze_long_lived`, so tests and benchmarks can compare both states."""
    global _modules_frozen
    gc.unfreeze()
    _modules_frozen = -1
    cachefiles.freeze_loaded = False
