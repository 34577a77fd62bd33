"""What every route of one app shares: the checkers, the worker threads, the limits."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import HTTPConnection

from rulecheck.server.checkers import CheckerPool
from rulecheck.server.limits import CheckRunner, SessionGate


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
    runner: CheckRunner
    gate: SessionGate
    limits: Limits
    page: str


def state_of(conn: HTTPConnection) -> ServerState:
    return conn.app.state.rulecheck
