"""Check many files on several cores: coarse chunks in a process pool, results in order.

Each worker builds its Checker once (the compiled rulebook comes from the disk
cache, so that is cheap) and keeps it for every chunk it receives. Few inputs
are checked in this process: starting workers would cost more than it saves, and
so would importing the pool (multiprocessing, sockets, subprocess), which is
imported only when a pool starts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Below this many inputs a pool is not worth starting.
MIN_PARALLEL = 4
#: Chunks per worker: enough to balance uneven files, few enough to keep overhead low.
CHUNKS_PER_JOB = 4


def default_jobs() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def chunks(items: Sequence[T], jobs: int) -> list[list[T]]:
    """Contiguous chunks, about ``CHUNKS_PER_JOB`` per job."""
    n = max(1, -(-len(items) // (jobs * CHUNKS_PER_JOB)))
    return [list(items[i:i + n]) for i in range(0, len(items), n)]


def _run_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(item) for item in chunk]


def map_ordered(fn: Callable[[T], R], items: Sequence[T], jobs: int = 1,
                progress: Callable[[int], None] | None = None) -> list[R]:
    """``[fn(x) for x in items]``, maybe on ``jobs`` processes; ``progress(n)`` after each n."""
    jobs = max(1, min(jobs, len(items)))
    if jobs == 1 or len(items) < MIN_PARALLEL:
        out = []
        for item in items:
            out.append(fn(item))
            if progress:
                progress(1)
        return out
    from concurrent.futures import ProcessPoolExecutor, as_completed

    parts = chunks(items, jobs)
    results: list[list[R] | None] = [None] * len(parts)
    with ProcessPoolExecutor(max_workers=min(jobs, len(parts))) as pool:
        futures = {pool.submit(_run_chunk, fn, part): i for i, part in enumerate(parts)}
        for fut in as_completed(futures):
            i = futures[fut]
            results[i] = fut.result()
            if progress:
                progress(len(parts[i]))
    return [r for part in results for r in part or []]
