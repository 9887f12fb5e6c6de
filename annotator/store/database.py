"""The one place the store imports sqlite-utils (the product card's SQLite layer).

``sqlite_utils.db`` imports pandas and numpy at import time when they are installed, only to
accept DataFrames and numpy scalars in ``insert``, which the store never uses. In the window
that cost about 70 MB of memory and 0.3 s at start (issue #11), so sqlite-utils is imported
here with those two hidden for the duration of its import: it then works without them, and
pandas and numpy stay importable for everything else in the process. If either is already
imported (a notebook), nothing is hidden.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import TYPE_CHECKING

_OPTIONAL = ("pandas", "numpy")


def _import_sqlite_utils() -> ModuleType:
    hidden = [name for name in _OPTIONAL if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        return importlib.import_module("sqlite_utils")
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]


if TYPE_CHECKING:
    from sqlite_utils import Database
else:
    Database = _import_sqlite_utils().Database

__all__ = ["Database"]


def sqlite_version() -> str:
    """The SQLite library's version (About, the log's first line)."""
    import sqlite3

    return sqlite3.sqlite_version
