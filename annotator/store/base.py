"""What every part of the store shares: the connection, the transaction, the clock."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator.store.database import Database

Row = dict[str, Any]  # a full table row, column -> value (what an undo writes back as it was)


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The row id an ``INSERT`` just gave (SQLite sets it for every row inserted)."""
    row_id = cursor.lastrowid
    if row_id is None:  # pragma: no cover - not after an INSERT
        raise sqlite3.InterfaceError("the INSERT gave no row id")
    return row_id


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class StoreBase:
    """Typed view of the attributes the store's mixins rely on (set by ``Project``)."""

    path: Path
    db: Database

    def transaction(self) -> AbstractContextManager[None]:  # pragma: no cover - see Project
        raise NotImplementedError

    # Whole rows, for changes that must be undone byte for byte (schema edits, removals).
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = self.db.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _delete_ids(self, table: str, ids: Sequence[int]) -> None:
        if ids:
            self.db.execute(
                f"DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(list(ids))],
            )

    def _insert_rows(self, table: str, rows: Sequence[Row]) -> None:
        for row in rows:
            cols = ", ".join(f'"{c}"' for c in row)
            marks = ", ".join("?" for _ in row)
            self.db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
