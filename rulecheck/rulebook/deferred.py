"""Parts of a cached object unpickled only when first read (see `Deferred`)."""

from __future__ import annotations

import pickle
import threading
from typing import Any

#: Guards the first unpickling of a deferred part (see `Deferred`) between threads.
DEFER_LOCK = threading.RLock()


def pack(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class Deferred:
    """Parts of a cached object pickled apart, as bytes inside its pickle, and unpickled
    the first time one is read (`__getattr__` runs only for an attribute not yet set).

    A short check reads few of them: the match of the rules whose anchors occur in its
    text, a handful of lexicons, neither the rules' examples nor the aliases nor the
    pattern table (which the cached scanner already holds). The bytes come from the
    cache file whose HMAC was checked before anything in it was unpickled
    (cachefiles.load), so they are as trusted as the rest of it."""

    #: The deferred attributes in groups: a group is pickled as one and read as one.
    _DEFER: tuple[tuple[str, ...], ...] = ()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        blobs = dict(state.pop("_blobs", None) or {})  # parts still unread stay bytes
        for group in self._DEFER:
            if group[0] in state:
                blobs[group[0]] = pack(tuple(state.pop(name) for name in group))
        state["_blobs"] = blobs
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> Any:
        blobs = self.__dict__.get("_blobs")
        if blobs:
            for group in self._DEFER:
                if name not in group:
                    continue
                with DEFER_LOCK:
                    blob = blobs.get(group[0])
                    if blob is not None:
                        self.__dict__.update(zip(group, pickle.loads(blob), strict=True))
                        del blobs[group[0]]
                return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


def without_class_defaults(cls: type) -> type:
    """Put after ``@dataclass`` on a `Deferred` dataclass: a field's default is also a
    class attribute, which an instance whose value is still deferred would read instead
    of reaching `__getattr__` (the generated ``__init__`` keeps its own copy of it)."""
    for group in cls._DEFER:  # type: ignore[attr-defined]
        for name in group:
            if name in cls.__dict__:
                delattr(cls, name)
    return cls
