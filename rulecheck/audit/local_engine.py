"""The local engine: audit jobs checked in this machine's processes."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence

from rulecheck.audit.jobs import Job, check_job, init_worker
from rulecheck.audit.store import Checked


def local_results(jobs: Sequence[Job], workers: int) -> Iterator[Checked]:
    """Check results as they complete; a pool of warm workers when more than one."""
    if workers <= 1 or len(jobs) < 2:
        for job in jobs:
            yield check_job(job)
        return
    specs = sorted({j.task.profile.spec for j in jobs}, key=repr)
    chunk = max(1, min(16, len(jobs) // (workers * 8)))
    pool = multiprocessing.get_context("fork").Pool(workers, init_worker, (specs,))
    try:
        yield from pool.imap_unordered(check_job, jobs, chunksize=chunk)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
