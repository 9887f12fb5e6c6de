"""The project's SQLite connection, on the standard library's ``sqlite3`` alone.

The store used to wrap its connection in ``sqlite_utils.Database``, of which it used only
``execute``, ``table_names`` and ``columns_dict``. Importing ``sqlite_utils`` imports pandas and
numpy when they are installed (about 70 MB of memory in the window, issue #11), so the store
keeps to this small class; the schema is written out as SQL in ``schema.py``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any


class Table:
    """What the store asks of one table: its columns, by name (declared type as value)."""

    def __init__(self, conn: sqlite3.Connection, name: str) -> None:
        self.conn = conn
        self.name = name

    @property
    def columns_dict(self) -> dict[str, str]:
        quoted = self.name.replace('"', '""')
        rows = self.conn.execute(f'PRAGMA table_info("{quoted}")').fetchall()
        return {row[1]: row[2] for row in rows}


class Database:
    """A ``sqlite3.Connection`` with the three helpers the store uses."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def table_names(self) -> list[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return [row[0] for row in rows]

    def __getitem__(self, name: str) -> Table:
        return Table(self.conn, name)
