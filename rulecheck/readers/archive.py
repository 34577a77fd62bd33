"""Office files are zips of XML: refuse archive bombs before a library unpacks them.

openpyxl and python-pptx inflate the parts they need in full, so a small file
that declares gigabytes of XML is refused on its declared sizes (zipfile never
inflates a member past its declared size, so those sizes bind).
"""

from __future__ import annotations

import io
import zipfile

from rulecheck.errors import InputError

#: Bounds on what an office file may unpack to; a long run sheet or deck is a few MB.
MAX_EXPANDED_BYTES = 200_000_000
MAX_PARTS = 10_000


def check_zip(data: bytes, path: str, kind: str, max_bytes: int | None = None,
              max_parts: int | None = None) -> None:
    """InputError unless ``data`` is a zip within the bounds (zipfile never inflates a
    member past its declared size, so the declared sizes are what to bound); the bounds
    default to this module's, read when called."""
    max_bytes = MAX_EXPANDED_BYTES if max_bytes is None else max_bytes
    max_parts = MAX_PARTS if max_parts is None else max_parts
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except Exception:  # BadZipFile, EOFError, NotImplementedError (odd versions), ...
        raise InputError(f"{path}: not a readable {kind} file (not a zip archive; "
                         "damaged or truncated?)") from None
    if len(infos) > max_parts:
        raise InputError(f"{path}: not read: {len(infos)} parts in the archive; "
                         f"the limit is {max_parts}")
    expanded = sum(i.file_size for i in infos)
    if expanded > max_bytes:
        raise InputError(f"{path}: not read: it expands to {expanded} bytes; "
                         f"the limit is {max_bytes}")


def failure(path: str, kind: str, exc: BaseException) -> InputError:
    """The one-line error for a file the library could not parse."""
    if isinstance(exc, RecursionError):
        return InputError(f"{path}: not a readable {kind} file (nested too deeply)")
    first = str(exc).strip().splitlines()[0][:80] if str(exc).strip() else ""
    return InputError(f"{path}: not a readable {kind} file ({first or type(exc).__name__})")
