"""Files cached between runs (compiled rulebook, normalizer tables, parser, dictionary),
kept so that nobody else can make rulecheck run their code.

A pickle runs code when it is loaded, so a cache file is trusted only when it is
ours beyond doubt:

- the cache directory must be owned by the user and writable by nobody else;
  otherwise one warning line goes to stderr and the run goes on without a cache;
- every pickle carries an HMAC-SHA256 keyed by a random per-user key, kept in a
  0600 file in the directory; a file whose HMAC does not check out is never
  unpickled: it is ignored and rebuilt;
- files are read without following symlinks (O_NOFOLLOW) and must be regular
  files owned by the user;
- files are written under unpredictable temporary names (tempfile) in the same
  directory and put in place with os.replace, so readers see whole files only.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any

MAGIC = b"rulecheck-cache-1\n"
KEY_FILE = "hmac.key"
KEY_BYTES = 32
_DIGEST = hashlib.sha256().digest_size
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

_warned: set[str] = set()
#: Set by a program that freezes its heap (rulecheck.heap.freeze_loaded_caches): what a
#: cache file holds lives as long as the process, so it goes straight out of the
#: collector's view instead of being walked by the next collections of every generation.
freeze_loaded = False


def _warn(message: str) -> None:
    """One line on stderr, once per process for each problem."""
    if message not in _warned:
        _warned.add(message)
        print(f"rulecheck: warning: {message}; running without a cache", file=sys.stderr)


def _uid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def _unsafe(st: os.stat_result) -> str | None:
    """Why a directory or file with this status must not be trusted, if it must not."""
    uid = _uid()
    if uid is not None and st.st_uid != uid:
        return "is owned by another user"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "is writable by other users"
    return None


def configured_dir() -> Path | None:
    """The cache directory the environment names (None: caching is off), unchecked."""
    if os.environ.get("RULECHECK_NO_CACHE"):
        return None
    base = os.environ.get("RULECHECK_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "rulecheck"


def cache_dir() -> Path | None:
    """The cache directory when caching is on and the directory is safe, else None."""
    path = configured_dir()
    if path is None:
        return None
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        return None
    why = _unsafe(st)
    if why is not None:
        _warn(f"cache directory {path} {why}")
        return None
    return path if os.access(path, os.W_OK) else None


def _open_own(path: Path) -> int | None:
    """A descriptor for reading `path` if it is a regular file of ours (no symlink)."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except OSError:  # missing, or a symlink (ELOOP)
        return None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or _unsafe(st) is not None:
        os.close(fd)
        return None
    return fd


def _read_own(path: Path) -> bytes | None:
    fd = _open_own(path)
    if fd is None:
        return None
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def _write_atomic(folder: Path, name: str, data: bytes, mode: int = 0o600) -> bool:
    """Write folder/name whole or not at all, under a temporary name nobody can guess."""
    import tempfile  # here: a run that only reads its caches never imports it

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, folder / name)  # replaces a symlink itself, never its target
        return True
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return False


def _key(folder: Path) -> bytes | None:
    """The per-user HMAC key, created on first use; None (warned) if the file is unsafe."""
    path = folder / KEY_FILE
    for _ in range(2):
        fd = _open_key(path)
        if fd == -1:
            return None
        if fd is not None:
            with os.fdopen(fd, "rb") as fh:
                key = fh.read()
            if len(key) == KEY_BYTES:
                return key
            _warn(f"cache key {path} is damaged")
            return None
        _create_key(folder, path)
    return None


def _open_key(path: Path) -> int | None:
    """A descriptor for the key file; None if there is none; -1 if it is unsafe."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError:
        _warn(f"cache key {path} is not a regular file")
        return -1
    st = os.fstat(fd)
    uid = _uid()
    if not stat.S_ISREG(st.st_mode) or (uid is not None and st.st_uid != uid) \
            or st.st_mode & 0o077:
        os.close(fd)
        _warn(f"cache key {path} must be a file of yours with mode 0600")
        return -1
    return fd


def _create_key(folder: Path, path: Path) -> None:
    """Publish a new key with link(), which fails if another process was first."""
    import secrets
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=".key.", suffix=".tmp", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(KEY_BYTES))
        os.link(tmp, path)
    except OSError:
        pass
    finally:
        Path(tmp).unlink(missing_ok=True)


def _mac(key: bytes, name: str, payload: bytes | memoryview) -> bytes:
    # the name is signed too, so a valid file cannot be passed off under another name
    mac = hmac.new(key, name.encode() + b"\0", hashlib.sha256)
    mac.update(payload)  # as one message with the name: no copy of a payload of MBs
    return mac.digest()


def _verified(name: str) -> memoryview | None:
    """The content of cache file `name`, a view into the file's bytes once its HMAC
    checks out (no copy: the rulebook is several MB); None if missing, unsafe or
    tampered."""
    folder = cache_dir()
    if folder is None:
        return None
    data = _read_own(folder / name)
    if data is None or not data.startswith(MAGIC):
        return None
    key = _key(folder)
    if key is None:
        return None
    mac = data[len(MAGIC):len(MAGIC) + _DIGEST]
    payload = memoryview(data)[len(MAGIC) + _DIGEST:]
    if not hmac.compare_digest(mac, _mac(key, name, payload)):
        return None
    return payload


def load_bytes(name: str) -> bytes | None:
    """The verified content of cache file `name`, or None (missing, unsafe or tampered)."""
    payload = _verified(name)
    return None if payload is None else payload.tobytes()


def store_bytes(name: str, payload: bytes) -> bool:
    """Write cache file `name` with its HMAC; False when there is no usable cache."""
    folder = cache_dir()
    if folder is None:
        return False
    key = _key(folder)
    if key is None:
        return False
    return _write_atomic(folder, name, MAGIC + _mac(key, name, payload) + payload)


def load(name: str) -> Any | None:
    """The object pickled in cache file `name`, unpickled only once its HMAC checks out."""
    payload = _verified(name)
    if payload is None:
        return None
    # the collector is held off while the objects are made: unpickling the rulebook
    # makes about 190,000 containers, and the collections they set off (several walking
    # all of them) cost about as much as the unpickling itself
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(payload)
    except Exception:  # ours, but from an incompatible version: rebuilt
        return None
    finally:
        if freeze_loaded:
            gc.freeze()
        if enabled:
            gc.enable()


def store(name: str, obj: Any) -> bool:
    try:
        payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return False
    return store_bytes(name, payload)


def own_file(name: str) -> Path | None:
    """Path of cache file `name` if it is a regular file of ours, for readers that open
    it themselves (SQLite); None if missing or not to be trusted."""
    folder = cache_dir()
    if folder is None:
        return None
    fd = _open_own(folder / name)
    if fd is None:
        return None
    os.close(fd)
    return folder / name


def temp_file(name: str) -> Path | None:
    """A new empty file with an unpredictable name beside cache file `name`, for writers
    that build a file in place (SQLite) before `publish` puts it under its name."""
    import tempfile

    folder = cache_dir()
    if folder is None:
        return None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError:
        return None
    os.close(fd)
    return Path(tmp)


def publish(tmp: Path, name: str) -> bool:
    try:
        os.replace(tmp, tmp.parent / name)
        return True
    except OSError:
        tmp.unlink(missing_ok=True)
        return False


def prune(folder: Path, prefix: str, keep: int = 4) -> None:
    """Delete all but the `keep` newest cache files starting with `prefix`: every rule
    edit makes a new compiled rulebook and dictionary, and old ones are never read."""
    try:
        files = sorted((p for p in folder.glob(f"{prefix}*")
                        if stat.S_ISREG(p.lstat().st_mode)),
                       key=lambda p: p.lstat().st_mtime, reverse=True)
    except OSError:
        return
    stems: list[str] = []
    for path in files:
        stem = path.name.split(".")[0]
        if stem not in stems:
            stems.append(stem)
        if stems.index(stem) >= keep:
            path.unlink(missing_ok=True)
