"""Engines: where audit jobs are checked. Each is one function of the same shape,
``(jobs, workers, address) -> results as they complete``; the runner plans and stores,
the engine only checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from rulecheck.audit import local_engine, ray_engine
from rulecheck.audit.jobs import Job
from rulecheck.audit.store import Checked

Engine = Callable[[Sequence[Job], int, "str | None"], Iterator[Checked]]

ENGINES: dict[str, Engine] = {
    "local": lambda jobs, workers, _address: local_engine.local_results(jobs, workers),
    "ray": ray_engine.ray_results,
}


def results(jobs: Sequence[Job], workers: int, engine: str = "local",
            address: str | None = None) -> Iterator[Checked]:
    """Check results as they complete, from this machine's processes or from Ray."""
    return ENGINES[engine](jobs, workers, address)
