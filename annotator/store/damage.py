"""Damage inside a SQLite file that queries trip over, found without tripping (issue #17, item 12).

A flipped byte in a text ("Could not decode to UTF-8") or an index that no longer matches its
table ("database disk image is malformed") passes ``quick_check``, so a project opens and then
fails in the middle of a read. ``annotator check`` uses this module to say what is damaged where,
to repair what is certain (an index is rebuilt from its table: ``REINDEX``) and to offer recovery
for the rest: the newest backup, or SQLite's ``.recover`` when the ``sqlite3`` tool is installed.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

#: Tables whose text columns are read as ``str`` (and so fail on invalid UTF-8).
TEXT_TABLES = ("documents", "labels", "annotations", "relation_types", "relations", "settings")
_INDEX_ONLY = re.compile(
    r"^(row \d+ missing from index|wrong # of entries in index|non-unique entry in index) (\S+)"
)


def is_damage(exc: BaseException) -> bool:
    """An sqlite3 error that comes from the file's content, not from how it was used."""
    if not isinstance(exc, sqlite3.Error):
        return False
    code = int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    return code in (11, 26) or "decode" in str(exc).lower() or "malformed" in str(exc).lower()


def undecodable(conn: sqlite3.Connection) -> list[str]:
    """One line per stored text that is not valid UTF-8 (read as bytes, never through indexes)."""
    found = []
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in TEXT_TABLES if tables else ():
        if table not in tables:
            continue
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[2] == "TEXT"]
        for column in columns:
            sql = f'SELECT rowid, CAST("{column}" AS BLOB) FROM {table} NOT INDEXED'
            for rowid, data in conn.execute(sql):
                try:
                    (data or b"").decode("utf-8")
                except UnicodeDecodeError as exc:
                    found.append(
                        f"{table} row {rowid}: its {column} has a damaged byte at {exc.start}"
                        " (not valid UTF-8)"
                    )
    return found


def damaged_indexes(messages: list[str]) -> set[str] | None:
    """The indexes named by ``integrity_check`` if those are its only complaints, else None."""
    names = set()
    for message in messages:
        if message == "ok":
            continue
        match = _INDEX_ONLY.match(message)
        if not match:
            return None
        names.add(match.group(2))
    return names


def reindex(conn: sqlite3.Connection, names: set[str]) -> list[str]:
    """Rebuild each index from its table (inside the caller's transaction)."""
    done = []
    for name in sorted(names):
        conn.execute(f'REINDEX "{name.replace(chr(34), chr(34) * 2)}"')
        done.append(f"index {name}: rebuilt from its table (REINDEX)")
    return done


def find_damage(conn: sqlite3.Connection, messages: list[str]) -> list[str]:
    """Readable lines for what ``integrity_check`` and the text scan found."""
    lines = [m for m in messages if m != "ok"]
    try:
        lines += undecodable(conn)
    except sqlite3.Error as exc:
        lines.append(f"the tables cannot be read through: {exc}")
    return lines


def is_sound(conn: sqlite3.Connection) -> bool:
    """Full ``integrity_check`` and every text decodes: good enough to keep as a backup."""
    try:
        ok = conn.execute("PRAGMA integrity_check(1)").fetchone()[0] == "ok"
        return ok and not undecodable(conn)
    except sqlite3.Error:
        return False


def recovery_hints(path: Path) -> list[str]:
    """How the user can get their data back when a repair is not certain."""
    hints = [
        f"restore the newest good backup (File → Restore from Backup…, or copy one from"
        f" {path.name}.backups)"
    ]
    if shutil.which("sqlite3"):
        hints.append(
            f"or salvage what SQLite can read into a new file: sqlite3 {path.name} .recover"
            f" | sqlite3 {path.stem}-recovered.annotator"
        )
    return hints
