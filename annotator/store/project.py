"""A project: one SQLite file holding documents, labels, annotations and relations.

Every write is one transaction, committed before the method returns, so anything the UI shows as
saved is on disk (``synchronous=FULL`` in WAL mode survives a crash and a power loss, D4).
The queries live in one mixin per table group (documents, labels, annotations, relations).

Opening is careful (issue #6): a file that is not ours, is newer, damaged or read-only is refused
with a message *before anything is written*; an upgrade runs in one transaction after a backup
copy; the invariants of ``integrity.py`` are checked and their problems kept in ``problems``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from sqlite_utils import Database

from annotator.store import schema
from annotator.store.base import now_iso
from annotator.store.documents import DocumentsMixin, NewDocument
from annotator.store.errors import (
    ProjectDamagedError,
    ProjectError,
    ProjectReadOnlyError,
)
from annotator.store.lock import ProjectLock
from annotator.store.relations import RelationsMixin
from annotator.store.removal import RemovalMixin
from annotator.store.schema_edit import SchemaEditMixin
from annotator.store.search import SearchMixin
from annotator.store.suggestions import SuggestionsMixin

if TYPE_CHECKING:
    from annotator.store.integrity import Problem

APPLICATION_ID = 0x414E4E4F  # "ANNO": marks a SQLite file as an Annotator project
# SQLite primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF)
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 8, 10, 11, 13, 26

# SQLITE_READONLY_CANTINIT, SQLITE_READONLY_DIRECTORY: no -shm file can be made for WAL mode
_NO_SHARED_MEMORY = (_SQLITE_READONLY | 5 << 8, _SQLITE_READONLY | 6 << 8)

__all__ = ["APPLICATION_ID", "NewDocument", "Project", "now_iso"]


class Project(
    DocumentsMixin, RelationsMixin, RemovalMixin, SearchMixin, SchemaEditMixin, SuggestionsMixin
):
    def __init__(self, path: Path, db: Database, *, read_only: bool = False) -> None:
        self.path = path
        self.db = db
        self.journal_mode = ""
        #: Opened with ``mode=ro``: every write raises ProjectReadOnlyError.
        self.read_only = read_only
        #: The writer's lock (None when opened without ``lock=True`` or read-only).
        self.lock: ProjectLock | None = None
        #: Invariant violations found on open (``integrity.find_problems``); never auto-dropped.
        self.problems: list[Problem] = []
        #: Why the last automatic backup failed (None: it worked, or none was due).
        self.backup_error: str | None = None

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = True,
        read_only: bool = False,
        lock: bool = False,
        check: bool = True,
    ) -> Project:
        """Open (or create) a project.

        ``lock=True`` takes the one-writer lock (GUI, CLI import); ``read_only=True`` opens
        with SQLite's ``mode=ro`` and never writes; ``check`` runs the invariant checks.
        """
        path = Path(path)
        _check_path(path, create=create and not read_only)
        held = None if read_only or not lock else ProjectLock.acquire(path)
        try:
            project = cls._connect(path, read_only=read_only)
        except BaseException:
            if held is not None:
                held.release()
            raise
        project.lock = held
        if check:
            from annotator.store.integrity import find_problems

            project.problems = find_problems(project)
        if held is not None:
            from annotator.store.backups import backup_if_due

            backup_if_due(project)
        return project

    @classmethod
    def _connect(cls, path: Path, *, read_only: bool) -> Project:
        try:
            return cls._connect_uri(path, read_only=read_only)
        except ProjectError as exc:
            if not (read_only and _needs_immutable(path, exc.__cause__)):
                raise
        # A WAL project in a folder we cannot write (a read-only share, another user's folder)
        # and no writer (no -wal): SQLite cannot create its -shm file, so read the file as it is.
        return cls._connect_uri(path, read_only=True, immutable=True)

    @classmethod
    def _connect_uri(cls, path: Path, *, read_only: bool, immutable: bool = False) -> Project:
        if read_only:
            uri = f"file:{quote(str(path.resolve()))}?mode=ro" + (
                "&immutable=1" if immutable else ""
            )
        else:
            _check_writable(path)
            uri = f"file:{quote(str(path.resolve()))}?mode=rwc"
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise ProjectError(f"{path} cannot be opened as a project: {exc}.") from exc
        project = cls(path, Database(conn), read_only=read_only)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            # Refuse a foreign, newer or damaged file before anything that writes to it:
            # journal_mode=WAL is persistent (it rewrites the header), so it comes after.
            project._check_compatible()
            if read_only:
                project.journal_mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            else:
                project.journal_mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                conn.execute("PRAGMA synchronous = FULL")
                project._migrate()
            project.watch_document_texts()
        except sqlite3.Error as exc:
            conn.close()
            raise _open_error(path, exc) from exc
        except BaseException:
            conn.close()
            raise
        return project

    def close(self) -> None:
        self.db.conn.close()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_compatible(self) -> None:
        """Raise ProjectError, having written nothing, unless this is our project (or empty)."""
        conn = self.db.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = self.db.table_names()
        if version == 0 and tables:
            raise ProjectError(
                f"{self.path} is a SQLite database but not an Annotator project;"
                " nothing was changed."
            )
        if app_id not in (0, APPLICATION_ID) or (version and app_id != APPLICATION_ID):
            raise ProjectError(f"{self.path} is not an Annotator project; nothing was changed.")
        if version > schema.SCHEMA_VERSION:
            raise ProjectError(
                f"{self.path} was written by a newer Annotator (schema {version}, this version "
                f"reads up to {schema.SCHEMA_VERSION}); please upgrade. Nothing was changed."
            )
        if self.read_only and version < schema.SCHEMA_VERSION:
            raise ProjectReadOnlyError(
                f"{self.path.name} needs an upgrade (schema {version} to"
                f" {schema.SCHEMA_VERSION}), which a read-only opening cannot do. Open it once"
                " normally. Nothing was changed."
            )
        if tables:
            damage = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if damage != "ok":
                raise ProjectDamagedError(_damaged_message(self.path, damage))

    def _migrate(self) -> None:
        conn = self.db.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == schema.SCHEMA_VERSION:
            return
        backup = None
        if version > 0:
            backup = self.path.with_name(f"{self.path.name}.before-v{schema.SCHEMA_VERSION}.bak")
            try:
                self.backup_to(backup)
            except (OSError, sqlite3.Error) as exc:
                raise ProjectError(
                    f"{self.path.name} needs an upgrade, but the backup copy before it could"
                    f" not be written ({exc}); nothing was changed."
                ) from exc
        try:
            with self.transaction():
                for step in schema.MIGRATIONS[version:]:
                    step(self.db)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
        except Exception as exc:
            if backup is None:
                raise
            raise ProjectError(
                f"Upgrading {self.path.name} to schema {schema.SCHEMA_VERSION} failed ({exc});"
                f" the project is unchanged, and a copy from before is at {backup}."
            ) from exc

    def sqlite_integrity_messages(self, limit: int = 100) -> list[str]:
        """SQLite's own ``PRAGMA integrity_check``: ["ok"] for a sound file."""
        rows = self.db.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
        return [str(r[0]) for r in rows]

    def backup_to(self, target: Path) -> None:
        """Copy the whole project with SQLite's online backup API (consistent, WAL included)."""
        dest = sqlite3.connect(target)
        try:
            self.db.conn.backup(dest)
        finally:
            dest.close()

    # ------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action = one transaction, committed (and synced) on exit.

        A failure to write (disk full, read-only file, I/O error) raises ProjectError after
        rolling back: the project keeps exactly what it had before the action.
        """
        if self.read_only:
            raise ProjectReadOnlyError(f"{self.path.name} is open read-only; nothing was saved.")
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise ProjectError(_write_failure(self.path, exc)) from exc
        try:
            yield
        except sqlite3.OperationalError as exc:
            self._rollback()
            raise ProjectError(_write_failure(self.path, exc)) from exc
        except BaseException:
            self._rollback()
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._rollback()
            raise ProjectError(_write_failure(self.path, exc)) from exc

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (e.g. after SQLITE_FULL).
        if self.db.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.db.conn.execute("ROLLBACK")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read in one transaction: every query inside sees the same committed state (WAL)."""
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # pins the snapshot
            yield
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    # ---------------------------------------------------------------- settings
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a preference; a read-only session keeps preferences for itself only."""
        if self.read_only:
            return
        with self.transaction():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )


def _check_path(path: Path, *, create: bool) -> None:
    if path.exists() and path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file.")
    if not path.exists() and not create:
        raise ProjectError(f"No project at {path}.")
    if not path.exists() and not path.parent.is_dir():
        raise ProjectError(f"{path} cannot be opened: the folder {path.parent} does not exist.")
    _check_is_sqlite(path)


def _check_writable(path: Path) -> None:
    target = path if path.exists() else path.parent
    if not os.access(target, os.W_OK) or not os.access(path.parent, os.W_OK):
        what = "file" if path.exists() else "folder"
        raise ProjectReadOnlyError(
            f"{path.name} cannot be written (the {what} is read-only). Open it read-only to"
            " read and export, or copy it somewhere writable. Nothing was changed."
        )


def _check_is_sqlite(path: Path) -> None:
    """Refuse, without touching it, a non-empty file that is not a SQLite database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise ProjectError(f"{path} cannot be read: {exc.strerror}.") from exc
    if header[:16] != b"SQLite format 3\x00":
        raise ProjectError(
            f"{path} is not an Annotator project (not a SQLite database); nothing was changed."
        )
    if len(header) < 100:
        raise ProjectDamagedError(_damaged_message(path, "the file is truncated"))


def _needs_immutable(path: Path, cause: BaseException | None) -> bool:
    """SQLite could not create the shared-memory file of a WAL project that has no -wal."""
    code = int(getattr(cause, "sqlite_errorcode", 0) or 0)
    wal = path.with_name(path.name + "-wal")
    return code in _NO_SHARED_MEMORY and not (wal.exists() and wal.stat().st_size > 0)


def _code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _damaged_message(path: Path, detail: str) -> str:
    return (
        f"{path.name} is damaged ({detail}). Nothing was changed. Restore a backup"
        f" (File → Restore from Backup…, or copy one from {path.name}.backups), or run"
        f" `annotator check {path.name}` for details."
    )


def _open_error(path: Path, exc: sqlite3.Error) -> ProjectError:
    code = _code(exc)
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return ProjectDamagedError(_damaged_message(path, str(exc)))
    if code in (_SQLITE_READONLY, _SQLITE_FULL, _SQLITE_IOERR):
        return ProjectError(_write_failure(path, exc))
    return ProjectError(f"{path} cannot be opened as a project: {exc}.")


def _write_failure(path: Path, exc: sqlite3.Error) -> str:
    code = _code(exc)
    if code == _SQLITE_FULL:
        reason = "the disk is full"
    elif code == _SQLITE_READONLY:
        reason = "the file is read-only"
    elif code == _SQLITE_IOERR:
        reason = f"the disk reported an error ({exc})"
    elif code == 5:  # SQLITE_BUSY
        reason = "another program is writing to it; try again"
    else:
        reason = str(exc)
    return f"Saving to {path.name} failed: {reason}. Nothing was saved; the project is unchanged."
