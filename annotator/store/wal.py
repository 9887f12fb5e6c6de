"""The write-ahead log beside an open project (``NAME.annotator-wal``), watched and folded back.

While a project is open for writing, every commit lands in its ``-wal`` file first; SQLite copies
it into the project file at a checkpoint. Two things follow (issue #17):

* If another program deletes or replaces the ``-wal`` while we write, SQLite keeps writing into
  the unlinked file and everything not yet checkpointed is lost at the next crash. ``WalWatch``
  remembers which file it was when the project was opened and, before each commit, checks that it
  is still there: if not, the commit is rolled back, what the connection still holds is folded
  into the project file, and the user is told, instead of "saved".
* After a write failed because the disk was full, the first write that succeeds again (space
  has returned) folds the log back, so the data does not stay in ``-wal`` until close.
* On close we fold the log back (``wal_checkpoint(TRUNCATE)``) and, if nobody else has the
  project open, go back to a self-contained file (``journal_mode=DELETE``), so a closed project
  is one file that read-only commands can read without creating ``-wal``/``-shm`` beside it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from annotator.store.errors import ProjectError

SQLITE_FULL = 13


def wal_path(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + "-wal")


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


class WalWatch:
    """Which ``-wal`` file the connection writes to; ``verify()`` before each commit."""

    def __init__(self, project_path: Path, conn: sqlite3.Connection) -> None:
        self.path = wal_path(project_path)
        self.conn = conn
        self.seen = _file_id(self.path)
        self.lost = ""  # the message, once the log went missing
        self.fold_when_saved = False  # a write failed for want of space: fold at the next save

    def write_failed(self, exc: sqlite3.Error) -> None:
        """A commit failed; after a full disk the log may hold what the file does not."""
        if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == SQLITE_FULL:
            self.fold_when_saved = True

    def saved(self) -> None:
        """A commit went through: if the disk was full before, space has returned, so fold the
        log into the project file now rather than leave the data in ``-wal`` until close."""
        if self.fold_when_saved and checkpoint(self.conn):
            self.fold_when_saved = False

    def verify(self) -> None:
        """Raise ProjectError (after saving what can be saved) if the log vanished or changed."""
        if self.lost:
            raise ProjectError(self.lost)
        if self.seen is None:
            self.seen = _file_id(self.path)  # first write of a session opened before the log
            return
        if _file_id(self.path) == self.seen:
            return
        self.conn.execute("ROLLBACK")
        self.lost = self._message(salvaged=checkpoint(self.conn))
        raise ProjectError(self.lost)

    def _message(self, *, salvaged: bool) -> str:
        name = self.path.name
        before = (
            "Everything saved before it has been written into the project file"
            if salvaged
            else "Changes saved since the last checkpoint may be lost"
        )
        return (
            f"Another program deleted or replaced {name}, the project's journal, while it was"
            f" open. This change was NOT saved. {before}; close and reopen the project before"
            " going on (nothing more can be saved safely in this session)."
        )


def checkpoint(conn: sqlite3.Connection) -> bool:
    """Fold the whole log into the project file; True if every frame was copied."""
    try:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error:
        return False
    return bool(busy == 0)


def fold_back_on_close(conn: sqlite3.Connection) -> None:
    """Checkpoint without waiting for other readers, then leave WAL mode if we are alone."""
    with contextlib.suppress(sqlite3.Error):
        conn.execute("PRAGMA busy_timeout = 0")
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if checkpoint(conn):
            conn.execute("PRAGMA journal_mode = DELETE")  # fails (busy) if others have it open
