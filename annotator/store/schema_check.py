"""The schema objects a project may hold, and what is foreign (issue #17, item 13).

A crafted file can carry our ``application_id`` and extra triggers (say, one that deletes every
span as it is inserted), views or tables. On open we compare ``sqlite_master`` with the objects
our own migrations create for the file's schema version: tables and indexes by name, triggers
and views by name *and* SQL (they are what runs). Anything else is refused on open; ``annotator
check --repair`` removes it after a backup.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache

from annotator.store import schema
from annotator.store.database import Database

_RUNS = ("trigger", "view")  # compared by SQL as well as by name
_SQLITE_OWN = ("sqlite_stat1", "sqlite_stat4", "sqlite_sequence")  # ANALYZE, AUTOINCREMENT


@dataclass(frozen=True, slots=True)
class SchemaObject:
    type: str
    name: str
    sql: str

    def describe(self) -> str:
        return f"{self.type} {self.name!r}"


def _normal(sql: str | None) -> str:
    return " ".join((sql or "").split())


@cache
def expected_objects(version: int) -> dict[tuple[str, str], str]:
    """(type, name) → normalised SQL of what migrations 1..version create."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = Database(conn)
        for step in schema.MIGRATIONS[:version]:
            step(db)
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    finally:
        conn.close()
    return {(kind, name): _normal(sql) for kind, name, sql in rows}


def foreign_objects(conn: sqlite3.Connection, version: int) -> list[SchemaObject]:
    """Objects in the file that our schema ``version`` does not have (or has differently)."""
    expected = expected_objects(version)
    found = []
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name"):
        ours = expected.get((kind, name))
        if name in _SQLITE_OWN:
            continue
        if ours is None or (kind in _RUNS and ours != _normal(sql)):
            found.append(SchemaObject(kind, name, sql or ""))
    return found


def strip_foreign(conn: sqlite3.Connection, objects: list[SchemaObject], version: int) -> list[str]:
    """Drop the foreign objects (restoring our own trigger/view where one was altered); run
    inside the caller's transaction. Returns one line per change."""
    expected = expected_objects(version)
    done = []
    for obj in objects:
        if obj.type not in ("table", "index", "trigger", "view"):
            continue
        quoted = '"' + obj.name.replace('"', '""') + '"'
        conn.execute(f"DROP {obj.type.upper()} IF EXISTS {quoted}")
        ours = expected.get((obj.type, obj.name))
        if ours:
            conn.execute(ours)
            done.append(f"{obj.describe()}: replaced by Annotator's own definition")
        else:
            done.append(f"{obj.describe()}: removed (Annotator did not create it)")
    return done
