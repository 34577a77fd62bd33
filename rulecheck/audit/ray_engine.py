"""Check audit jobs on Ray (``rulecheck audit --engine ray``), for archives one machine
cannot finish in time.

The driver does everything else exactly as the local engine: it expands the sources,
plans against the store (so a Ray run resumes a local one and the other way round) and
writes each result through the same batched writer. Ray Data carries the planned jobs
to a pool of actors; each actor builds its checkers once (the compiled rulebook comes
from the on-disk cache, or is compiled once per actor) and runs the same ``check_job``
as a local worker, so both engines store the same documents and findings. Files and
extra rule directories must be readable at the same paths on every node.

Ray is optional: ``pip install "rulecheck[ray]"``.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterator, Sequence
from typing import Any

from rulecheck.audit.jobs import Job, check_job, warm
from rulecheck.audit.store import Checked
from rulecheck.errors import RulecheckError
from rulecheck.runner import CheckerSpec

#: Documents handed to an actor per call: enough to amortize a call, few enough to
#: keep every actor busy until the end.
BATCH = 16


class EngineError(RulecheckError):
    """Ray is missing or cannot be reached."""


def require() -> None:
    """Fail early, with one line, when Ray is not installed."""
    try:
        import ray  # noqa: F401
        import ray.data  # noqa: F401
    except ImportError:
        raise EngineError('--engine ray needs Ray: pip install "rulecheck[ray]"') from None


class CheckActor:
    """One Ray actor: warm checkers, then check batches of pickled jobs."""

    specs: tuple[CheckerSpec, ...] = ()

    def __init__(self) -> None:
        warm(self.specs)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        return {"record": [pickle.dumps(check_job(pickle.loads(blob)))
                           for blob in batch["job"]]}


def _actor_for(specs: Sequence[CheckerSpec]) -> type[CheckActor]:
    """The actor class with its checker specs built in (shipped with the class, so
    Ray can restart a lost actor without constructor arguments)."""
    return type("CheckActor", (CheckActor,), {"specs": tuple(specs)})


def _connect(address: str | None, workers: int | None) -> bool:
    """Join the cluster at ``address`` or start a private local one; True if started here.

    A local instance listens on 127.0.0.1 only and runs no dashboard.
    """
    import ray

    if ray.is_initialized():
        return False
    quiet: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                             "logging_level": logging.ERROR}
    try:
        if address is None:
            ray.init(address="local", num_cpus=workers or os.cpu_count() or 1,
                     _node_ip_address="127.0.0.1", **quiet)
        else:
            ray.init(address=address, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise EngineError(f"cannot start or reach Ray at {address or 'local'}: {exc}") \
            from None
    return True


def ray_results(jobs: Sequence[Job], workers: int | None, address: str | None = None
                ) -> Iterator[Checked]:
    """Results of ``jobs`` as Ray's actors finish them; ``workers`` actors (default: one
    per CPU of the cluster)."""
    require()
    if not jobs:
        return iter(())
    started = _connect(address, workers)
    return _stream(jobs, workers, started)


def _stream(jobs: Sequence[Job], workers: int | None, started: bool) -> Iterator[Checked]:
    import ray
    import ray.data

    try:
        ctx = ray.data.DataContext.get_current()
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        ctx.enable_progress_bars = False  # the audit draws its own
        ctx.print_on_execution_start = False
        size = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        specs = sorted({j.task.profile.spec for j in jobs}, key=repr)
        items = [{"job": pickle.dumps(job)} for job in jobs]
        ds = ray.data.from_items(items).map_batches(
            _actor_for(specs), batch_size=BATCH, num_cpus=1,
            compute=ray.data.ActorPoolStrategy(size=min(size, len(jobs))))
        try:
            for batch in ds.iter_batches(batch_size=BATCH, batch_format="numpy"):
                for blob in batch["record"]:
                    yield pickle.loads(blob)
        except ray.exceptions.RayError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise EngineError(f"Ray failed: {type(exc).__name__}: {first}") from None
    finally:
        if started:
            ray.shutdown()
