"""Read a file only when it is a regular file of bounded size.

A FIFO among the inputs blocks ``open`` until a writer comes (forever, in a batch
run), and a link to ``/dev/zero`` never ends; both must be refused before anything is
read. The file is opened non-blocking and checked with ``fstat`` on the open
descriptor, so it cannot be swapped for a FIFO between the check and the read.
"""

from __future__ import annotations

import os
import stat

from rulecheck.errors import InputError
from rulecheck.safetext import display_name

#: The largest input file read (the engine checks text, not archives).
MAX_FILE_BYTES = 256 * 1024 * 1024

_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a directory"))


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def is_regular(path: str) -> bool:
    """Whether ``path`` (after symlinks) is a regular file; False when it cannot be seen."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_regular(path: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``InputError`` otherwise."""
    name = display_name(os.fspath(path))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{name}: cannot read ({getattr(exc, 'strerror', None) or exc})"
                         ) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{name}: is a directory, not a file")
        if not stat.S_ISREG(mode):
            raise InputError(f"{name}: skipped ({kind_of(mode)}, not a regular file)")
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise InputError(f"{name}: larger than {limit} bytes; not read")
    return data
