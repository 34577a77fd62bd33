"""Stop a check that ran past its deadline, in the worker thread that runs it.

Python cannot kill a thread, but it can raise an exception in one
(``PyThreadState_SetAsyncExc``): the exception is raised at the thread's next
bytecode, so a check looping in Python code stops within milliseconds and its
worker is free again. The exception is only ever raised while the job's own code
runs (a lock guards the start and the end of the job), and it is cleared when the
job ends, so it can never hit the next job of that thread.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)
_set_async_exc.restype = ctypes.c_int


class CheckCancelled(BaseException):
    """Raised inside a check whose deadline passed (BaseException: no ``except
    Exception`` in the engine swallows it)."""


class Job:
    """One call that can be cancelled while it runs."""

    def __init__(self, fn: Callable[..., T], *args: Any):
        self.fn = fn
        self.args = args
        self._lock = threading.Lock()
        self._thread: int | None = None
        self._done = False
        self.cancelled = False

    def __call__(self) -> Any:
        with self._lock:
            if self.cancelled:
                raise CheckCancelled()
            self._thread = threading.get_ident()
        try:
            return self.fn(*self.args)
        finally:
            with self._lock:
                self._done = True
                if self.cancelled:  # a raise still pending must not reach the next job
                    _set_async_exc(self._thread, ctypes.py_object())  # type: ignore[arg-type]

    def cancel(self) -> bool:
        """Stop the call: before it starts, or by raising in its thread while it runs.
        Returns whether anything was cancelled."""
        with self._lock:
            if self._done or self.cancelled:
                return False
            self.cancelled = True
            if self._thread is not None:
                _set_async_exc(self._thread, ctypes.py_object(CheckCancelled))
            return True
