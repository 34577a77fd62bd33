"""The cyclic garbage collector held off while a document is checked.

A check makes many short-lived containers (hit lists, per-unit tables, token spans); with
the collector on, the collections they set off walk every container the check has made
so far, again and again: about 400 young, 37 middle and 3 full collections per 0.3 MB of
dense Chinese, ≈ 10 % of the check's CPU with the long-lived heap frozen. Almost none of
it is cyclic: reference counting frees it when the check's state goes. So
the collector is paused for the length of one check and resumed as the caller had it,
which leaves the process's policy (thresholds, freezing: rulecheck/heap.py) to the
program; whatever cycles a check leaves are collected after it, outside the check.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # checks under way (threads of a server may check at once)
_resume = False  # whether the collector was on when the first of them began


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off automatic collections inside the block; nested and concurrent blocks
    resume the collector when the last one ends, and only if it was on before."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            if _resume:
                gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
