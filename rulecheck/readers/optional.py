"""Libraries of the ``office`` extra, imported only when such a file is read.

Most users check text and subtitles; .xlsx, .pdf and .pptx need libraries they
may not have installed, so a missing one is a one-line hint naming the extra,
not an ImportError.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from rulecheck.errors import InputError

OFFICE_EXTRA = 'pip install "rulecheck[office]"'


def require(module: str, package: str, path: str, what: str) -> ModuleType:
    """``module`` imported, or an InputError that says which extra provides it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(f"{path}: reading {what} needs the {package} package; "
                         f"install it with: {OFFICE_EXTRA}") from None
