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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.document import NewDocument
from annotator.store import schema
from annotator.store.actors import ActorsMixin
from annotator.store.base import now_iso
from annotator.store.damage import is_damage
from annotator.store.database import Database
from annotator.store.documents import DocumentsMixin
from annotator.store.errors import (
    ProjectDamagedError,
    ProjectError,
    ProjectNeedsUpgradeError,
    ProjectReadOnlyError,
)
from annotator.store.lock import ProjectLock
from annotator.store.opening import (
    APPLICATION_ID,
    check_path,
    check_writable,
    connect_uri,
    damaged_message,
)
from annotator.store.relations import RelationsMixin
from annotator.store.removal import RemovalMixin
from annotator.store.schema_check import SchemaObject, foreign_objects
from annotator.store.schema_edit import SchemaEditMixin
from annotator.store.search import SearchMixin
from annotator.store.statistics import ClaimsReadMixin, StatisticsMixin, TrainingCountsMixin
from annotator.store.status import StatusMixin
from annotator.store.suggestions import SuggestionsMixin
from annotator.store.wal import WalWatch, fold_back_on_close

if TYPE_CHECKING:
    from annotator.store.integrity import Problem

# SQLite primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF)
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 8, 10, 11, 13, 26

__all__ = ["APPLICATION_ID", "NewDocument", "Project", "now_iso"]


class Project(
    DocumentsMixin, RelationsMixin, RemovalMixin, SearchMixin, SchemaEditMixin,
    SuggestionsMixin, ActorsMixin, StatusMixin, StatisticsMixin, ClaimsReadMixin,
    TrainingCountsMixin,
):  # fmt: skip
    def __init__(self, path: Path, db: Database, *, read_only: bool = False) -> None:
        self.path = path
        self.db = db
        self.journal_mode = ""
        #: Opened with ``mode=ro``: every write raises ProjectReadOnlyError.
        self.read_only = read_only
        #: The writer's lock (None when opened without ``lock=True`` or read-only).
        self.lock: ProjectLock | None = None
        #: Invariant violations found on open (``integrity.find_problems``) or, for a text's hash,
        #: when that document is read; never auto-dropped.
        self.problems: list[Problem] = []
        #: Why the last automatic backup failed (None: it worked, or none was due).
        self.backup_error: str | None = None
        #: Triggers, views, tables or indexes Annotator did not create (``schema_check``);
        #: only kept (not refused) when opened with ``allow_foreign=True`` (``annotator check``).
        self.foreign: list[SchemaObject] = []
        self.allow_foreign = False
        self._wal: WalWatch | None = None

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
        allow_foreign: bool = False,
    ) -> Project:
        """Open (or create) a project.

        ``lock=True`` takes the one-writer lock (GUI, CLI import); ``read_only=True`` opens
        with SQLite's ``mode=ro`` and never writes (every read-only command opens this way);
        ``check`` runs the invariant checks; ``allow_foreign`` keeps foreign schema objects in
        ``foreign`` instead of refusing the file (for ``annotator check``).
        """
        path = Path(path)
        check_path(path, create=create and not read_only)
        held = None if read_only or not lock else ProjectLock.acquire(path)
        try:
            project = cls._connect(path, read_only=read_only, allow_foreign=allow_foreign)
        except BaseException:
            if held is not None:
                held.release()
            raise
        project.lock = held
        if check:
            project._find_problems_or_refuse()
        if held is not None:
            from annotator.store.backups import backup_if_due

            backup_if_due(project)
        return project

    def _find_problems_or_refuse(self) -> None:
        """Run the invariant checks; a file too damaged to read them is refused, not crashed on."""
        from annotator.store.integrity import find_problems

        try:
            self.problems = find_problems(self, hashes=False)  # each on reading it
        except sqlite3.Error as exc:
            self.close()
            if not is_damage(exc):
                raise ProjectError(f"{self.path} cannot be read: {exc}.") from exc
            raise ProjectDamagedError(damaged_message(self.path, str(exc))) from exc

    @classmethod
    def _connect(cls, path: Path, *, read_only: bool, allow_foreign: bool = False) -> Project:
        if not read_only:
            check_writable(path)
        try:
            conn = sqlite3.connect(
                connect_uri(path, read_only=read_only), uri=True, isolation_level=None,
                check_same_thread=False,
            )  # fmt: skip
        except sqlite3.Error as exc:
            raise ProjectError(f"{path} cannot be opened as a project: {exc}.") from exc
        project = cls(path, Database(conn), read_only=read_only)
        project.allow_foreign = allow_foreign
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
                project._wal = WalWatch(path, conn)
            project.watch_document_texts()
        except sqlite3.Error as exc:
            conn.close()
            raise _open_error(path, exc) from exc
        except BaseException:
            conn.close()
            raise
        return project

    def close(self) -> None:
        """Close; a writer first folds its journal back into the file (``store/wal.py``)."""
        if not self.read_only and (self._wal is None or not self._wal.lost):
            fold_back_on_close(self.db.conn)
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
            raise ProjectNeedsUpgradeError(
                f"{self.path.name} needs an upgrade (schema {version} to"
                f" {schema.SCHEMA_VERSION}), which a read-only opening cannot do. Open it once"
                " normally. Nothing was changed."
            )
        if tables:
            damage = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if damage != "ok":
                raise ProjectDamagedError(damaged_message(self.path, damage))
        if version:
            self._check_foreign(version)

    def _check_foreign(self, version: int) -> None:
        """Refuse a file whose schema holds objects we did not create (they would run)."""
        self.foreign = foreign_objects(self.db.conn, version)
        if self.foreign and not self.allow_foreign:
            names = ", ".join(obj.describe() for obj in self.foreign[:5])
            more = f" and {len(self.foreign) - 5} more" if len(self.foreign) > 5 else ""
            raise ProjectError(
                f"{self.path.name} contains database objects Annotator did not create ({names}"
                f"{more}); they could run on every change, so it was not opened. Nothing was"
                f" changed. `annotator check --repair {self.path.name}` removes them after a"
                " backup copy."
            )

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

    def save_copy(self, target: Path) -> None:
        """File → Save a Copy As…: the whole project, copied with the backup API between two
        transactions (never while a write is half done), into a temporary file first and then
        renamed, so a failed copy leaves ``target`` as it was."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise ProjectError(f"{target.name} is the open project; choose another name.")
        if self.db.conn.in_transaction:
            raise ProjectError("A change is being saved; try again in a moment.")
        if target.with_name(f"{target.name}-wal").exists():  # its journal would be replayed
            raise ProjectError(f"{target.name} is open or was not closed; choose another name.")
        partial = target.with_name(f".{target.name}.partial")
        try:
            self.backup_to(partial)
            os.replace(partial, target)
        except (OSError, sqlite3.Error) as exc:
            partial.unlink(missing_ok=True)
            raise ProjectError(f"The copy could not be written to {target} ({exc}).") from exc

    # ------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action = one transaction, committed (and synced) on exit.

        A failure to write (disk full, read-only file, I/O error) raises ProjectError after
        rolling back: the project keeps exactly what it had before the action. Inside another
        ``transaction()`` it is part of that one: an action made of several store calls (a tag
        that also links an actor and starts the document) is still one commit, all or nothing.
        """
        if self.read_only:
            raise ProjectReadOnlyError(f"{self.path.name} is open read-only; nothing was saved.")
        if self._in_action:
            yield  # the enclosing action commits, or rolls back, everything
            return
        self._in_action = True
        try:
            with self._one_transaction():
                yield
        finally:
            self._in_action = False

    _in_action = False  # inside transaction(): nested ones join it

    @contextmanager
    def _one_transaction(self) -> Iterator[None]:
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise ProjectError(_write_failure(self.path, exc)) from exc
        try:
            yield
        except sqlite3.OperationalError as exc:
            raise self._write_failed(exc) from exc
        except BaseException:
            self._rollback()
            raise
        try:
            if self._wal is not None:
                self._wal.verify()  # raises, rolled back, if the journal vanished
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise self._write_failed(exc) from exc
        if self._wal is not None:
            self._wal.saved()

    def _write_failed(self, exc: sqlite3.Error) -> ProjectError:
        self._rollback()
        if self._wal is not None:
            self._wal.write_failed(exc)
        return ProjectError(_write_failure(self.path, exc))

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
        self.set_settings({key: value})

    def set_settings(self, items: Mapping[str, str]) -> None:
        """Store several preferences in one transaction (one synced commit, not one each)."""
        if self.read_only or not items:
            return
        with self.transaction():
            for key, value in items.items():
                self.db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )


def _code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _open_error(path: Path, exc: sqlite3.Error) -> ProjectError:
    code = _code(exc)
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return ProjectDamagedError(damaged_message(path, str(exc)))
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
