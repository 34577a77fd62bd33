"""Checks in worker processes that can be killed (``isolation="process"``).

Why processes: a check of adversarial text is CPU work, much of it in C code that
holds the GIL, so checks in threads of the server stall its event loop (/healthz
waited up to seconds, benchmarks/RESULTS.md). In a worker process a check holds
only its own GIL, and a check past its deadline is stopped by killing its worker;
pebble's ``ProcessPool`` starts a fresh one in its place.

- **Jobs** (jobs.py) are plain data and run with the worker's own checkers; the
  answer comes back as encoded JSON, so the server process only moves bytes.
- **The checker** of a worker is rebuilt from a :class:`CheckerRecipe`: the
  compiled rulebook (pickled, 3.6 MB for the bundled rules) and the Checker's
  settings. Only a plain ``Checker`` can be rebuilt; a subclass may change what a
  check does, so ``recipe_for`` refuses it and the app runs checks in threads.
- **Start method**: ``forkserver`` where the platform has it, else ``spawn``; never
  ``fork``, since the server forks from a process with running threads (the event
  loop's executor, pebble's own), whose locks a forked child could inherit held.
  The fork server preloads this module, so a new worker starts without importing
  the engine again.
- **Priority**: workers run ``nice`` steps below the server process (5 by
  default), so the event loop gets a core first when checks saturate the machine.
- **Queueing**: at most ``workers`` jobs are handed to the pool at once; the rest
  wait in the server, where a deadline cancels them for free. pebble sends a job
  to the workers' pipe as soon as it is scheduled, and cancelling one that a
  worker then picks up kills that worker; so a job whose deadline passes before a
  worker took it (all were busy, or one was being replaced) is not cancelled: it
  carries its deadline and the worker returns None at once.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import multiprocessing
import os
import pickle
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rulecheck.engine.checker import Checker
from rulecheck.heap import freeze_long_lived
from rulecheck.server.checkers import CheckerPool
from rulecheck.server.errors import ApiError
from rulecheck.server.jobs import PidJob, WarmJob

if TYPE_CHECKING:
    from pebble import ProcessPool

log = logging.getLogger("rulecheck.server")

#: Nice steps between the server process and its check workers.
WORKER_NICE = 5
#: pebble's own deadline for a running job, past the server's: a backstop only.
KILL_GRACE_S = 2.0


@dataclass(frozen=True)
class CheckerRecipe:
    """What a worker needs to build a checker equal to the server's."""

    rulebook: bytes  # the compiled Rulebook, pickled
    settings: dict[str, Any] = field(default_factory=dict)  # Checker keyword arguments

    def build(self) -> Checker:
        return Checker(rulebook=pickle.loads(self.rulebook), **self.settings)


def recipe_for(checker: Checker) -> CheckerRecipe | None:
    """The recipe of ``checker``, or None when a worker cannot rebuild it (a subclass:
    its overrides live in code the recipe does not carry)."""
    if type(checker) is not Checker:
        return None
    settings = {"select": checker.select, "ignore": checker.ignore,
                "severity_overrides": checker.severity_overrides,
                "evasion": checker.evasion, "window_margin": checker.window_margin,
                "exhaustive": checker.exhaustive, "context": checker.context}
    return CheckerRecipe(pickle.dumps(checker.rulebook, protocol=pickle.HIGHEST_PROTOCOL),
                         settings)


def process_support() -> str | None:
    """Why worker processes cannot run here (None: they can)."""
    try:
        import pebble  # noqa: F401
    except ImportError:
        return "pebble is not installed (pip install 'rulecheck[server]')"
    try:
        multiprocessing.get_context(default_start_method()).Lock()
    except (ImportError, OSError, ValueError) as exc:  # no sem_open, e.g. some sandboxes
        return f"this platform cannot start worker processes: {exc}"
    return None


def default_start_method() -> str:
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() \
        else "spawn"


# -- inside a worker ---------------------------------------------------------------

_POOL: CheckerPool | None = None


def init_worker(recipe: CheckerRecipe, nice: int) -> None:
    """Build this worker's checker once and load its tokenizers (pebble's initializer)."""
    global _POOL
    if nice:
        try:
            os.nice(nice)
        except OSError:
            pass
    _POOL = CheckerPool(recipe.build())
    WarmJob().run(_POOL)
    freeze_long_lived()


def run_in_worker(job: Any, deadline: float) -> Any:
    """Run one job with this worker's checkers (the function pebble calls); None without
    running it when its deadline (``time.time()``) passed while it waited for a worker:
    nobody waits for its answer, and the server does not kill a worker for it."""
    assert _POOL is not None, "init_worker did not run"
    if time.time() > deadline:
        return None
    try:
        return job.run(_POOL)
    finally:
        freeze_long_lived()


# -- in the server -----------------------------------------------------------------

def timeout_error(timeout_s: float) -> ApiError:
    return ApiError(503, "timeout", f"the check did not finish within {timeout_s:g} s; "
                                    "send less text")


class ProcessRunner:
    """Runs jobs in a pool of worker processes, each under a deadline; a job past it
    is answered 503 and its worker killed and replaced."""

    mode = "process"

    def __init__(self, recipe: CheckerRecipe, timeout_s: float, workers: int = 4, *,
                 start_method: str | None = None, nice: int = WORKER_NICE):
        self.recipe = recipe
        self.timeout_s = timeout_s
        self.workers = max(1, workers)
        self.start_method = start_method or default_start_method()
        self.nice = nice
        self._pool: ProcessPool | None = None
        self._slots: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
        self.started_s: float | None = None  # seconds until every worker answered

    def _executor(self) -> ProcessPool:
        # created on demand, and again after the pool broke (a worker that could not start)
        if self._pool is not None and not self._pool.active:
            log.error("the worker pool stopped; starting a new one")
            self._discard(wait=False)
        if self._pool is None:
            from pebble import ProcessPool

            ctx = multiprocessing.get_context(self.start_method)
            if self.start_method == "forkserver":
                ctx.set_forkserver_preload(["rulecheck.server.workers"])
            self._pool = ProcessPool(max_workers=self.workers, initializer=init_worker,
                                     initargs=(self.recipe, self.nice), context=ctx)
        return self._pool

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, asyncio.Semaphore(self.workers))
        return self._slots[1]

    async def start(self, timeout_s: float = 120.0) -> int:
        """Start the workers and wait until each has built its checker: the number of
        workers that answered within ``timeout_s``."""
        loop = asyncio.get_running_loop()
        began = loop.time()
        seen: set[int] = set()
        while len(seen) < self.workers and loop.time() - began < timeout_s:
            # one short job per worker at a time: a worker still starting takes none
            try:
                pool = self._executor()
                futures = [asyncio.wrap_future(pool.schedule(_pid_after, args=(0.2,)))
                           for _ in range(self.workers)]
            except RuntimeError as exc:  # BrokenProcessPool included
                self._discard(wait=False)
                raise RuntimeError(
                    f"the check worker processes cannot start ({exc or type(exc).__name__});"
                    " see the log above, or run with isolation='thread'") from exc
            done, _ = await asyncio.wait(futures, timeout=max(timeout_s - (loop.time() - began),
                                                              0.1))
            failed = [f.exception() for f in done if f.exception() is not None]
            if failed:  # e.g. every worker died building its checker
                self._discard(wait=False)
                raise RuntimeError(f"the check worker processes cannot start ({failed[0]}); "
                                   "see the log above, or run with isolation='thread'")
            seen.update(f.result() for f in done)
            if len(done) < len(futures):
                break
        self.started_s = loop.time() - began
        return len(seen)

    async def call(self, job: Any) -> Any:
        """``job.run(pool)`` in a worker; 503 past the deadline (queueing included)."""
        from pebble import ProcessExpired

        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        wall_deadline = time.time() + self.timeout_s
        slots = self._semaphore()
        try:
            await asyncio.wait_for(slots.acquire(), self.timeout_s)
        except asyncio.TimeoutError:
            raise timeout_error(self.timeout_s) from None
        try:
            try:
                left = max(deadline - loop.time(), 0.0)
                future = self._executor().schedule(run_in_worker, args=(job, wall_deadline),
                                                   timeout=left + KILL_GRACE_S)
            except RuntimeError as exc:  # the pool broke: start afresh for the next job
                log.error("the worker pool cannot take jobs: %s", exc)
                self._discard(wait=False)
                raise ApiError(500, "internal_error",
                               "internal error; see the server log") from None
            waiting = asyncio.wrap_future(future)
            waiting.add_done_callback(_retrieve)
            try:
                # asyncio.wait, not wait_for: on timeout it leaves the future alone, and
                # what happens to the job is decided below
                await asyncio.wait({waiting}, timeout=max(deadline - loop.time(), 0.0))
            except asyncio.CancelledError:  # nobody waits for the answer any more
                _abandon(future)
                raise
            if not waiting.done():
                _abandon(future)
                raise timeout_error(self.timeout_s)
            try:
                result = waiting.result()
            except concurrent.futures.TimeoutError:  # pebble's backstop killed it
                raise timeout_error(self.timeout_s) from None
            except ProcessExpired as exc:
                log.error("a check worker ended unexpectedly (exit code %s)", exc.exitcode)
                raise ApiError(500, "internal_error",
                               "internal error; see the server log") from None
            if result is None:  # the worker found the deadline passed (clocks differ a bit)
                raise timeout_error(self.timeout_s)
            return result
        finally:
            slots.release()

    async def pid(self) -> int:
        """The process id of a worker (tests check that a killed worker was replaced)."""
        return int(await self.call(PidJob()))

    def _discard(self, wait: bool = True) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        pool.stop()
        if wait:
            _join(pool)
        else:  # never block the event loop on workers being stopped
            threading.Thread(target=_join, args=(pool,), daemon=True).start()

    def shutdown(self) -> None:
        """Stop the workers (running checks are killed)."""
        self._discard()


def _abandon(future: concurrent.futures.Future[Any]) -> None:
    """Stop a job whose answer nobody waits for. A running job is cancelled, which kills
    its worker (pebble starts another in its place); a job still waiting for a worker
    (one being replaced) is left alone: it sees its deadline passed and returns at
    once, where cancelling it would kill the worker that picks it up."""
    if future.running():
        future.cancel()


def _retrieve(waiting: asyncio.Future[Any]) -> None:
    """Read the outcome of an abandoned job, so asyncio does not log it as lost."""
    if not waiting.cancelled():
        waiting.exception()


def _pid_after(seconds: float) -> int:
    """This worker's id, after a pause long enough that the other warm-up jobs go to
    the other workers."""
    time.sleep(seconds)
    return os.getpid()


def _join(pool: ProcessPool) -> None:
    try:
        pool.join(10)
    except (TimeoutError, RuntimeError) as exc:
        log.warning("check workers did not stop: %s", exc)
