"""What every route of one app shares: the checkers, the check runner, the limits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from starlette.requests import HTTPConnection

from rulecheck.server.checkers import CheckerPool
from rulecheck.server.limits import SessionGate


class Runner(Protocol):
    """Runs jobs (jobs.py) under a deadline: ``CheckRunner`` in threads of this
    process, ``ProcessRunner`` in worker processes (workers.py)."""

    mode: str
    workers: int
    timeout_s: float

    async def start(self, timeout_s: float = 120.0) -> int: ...

    async def call(self, job: Any) -> Any: ...

    def shutdown(self) -> None: ...


@dataclass
class Limits:
    max_body_bytes: int = 1_000_000
    max_segments: int = 500
    request_timeout_s: float = 10.0
    max_sessions: int = 100
    session_idle_s: float = 300.0
    workers: int = 4


@dataclass
class ServerState:
    pool: CheckerPool
    runner: Runner
    gate: SessionGate
    limits: Limits
    page: str


def state_of(conn: HTTPConnection) -> ServerState:
    return conn.app.state.rulecheck
