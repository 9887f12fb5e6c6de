"""A project: one SQLite file holding documents, labels, annotations and relations.

Every write is one transaction, committed before the method returns, so anything the UI shows as
saved is on disk (``synchronous=FULL`` in WAL mode survives a crash and a power loss, D4).
The queries live in one mixin per table group (documents, labels, annotations, relations).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from annotator.store import schema
from annotator.store.base import now_iso
from annotator.store.documents import DocumentsMixin, NewDocument
from annotator.store.errors import ProjectError
from annotator.store.relations import RelationsMixin
from annotator.store.schema_edit import SchemaEditMixin

APPLICATION_ID = 0x414E4E4F  # "ANNO": marks a SQLite file as an Annotator project

__all__ = ["APPLICATION_ID", "NewDocument", "Project", "now_iso"]


class Project(DocumentsMixin, RelationsMixin, SchemaEditMixin):
    def __init__(self, path: Path, db: Database) -> None:
        self.path = path
        self.db = db
        self.journal_mode = ""

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Project:
        path = Path(path)
        if not path.exists() and not create:
            raise ProjectError(f"No project at {path}.")
        if path.exists() and path.is_dir():
            raise ProjectError(f"{path} is a folder, not a project file.")
        _check_is_sqlite(path)
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{path} cannot be opened as a project: {exc}.") from exc
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            project = cls(path, Database(conn))
            # Refuse a foreign or newer file before anything that writes to it: journal_mode=WAL
            # is persistent (it rewrites the header), so it must come after this check.
            project._check_compatible()
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            conn.execute("PRAGMA synchronous = FULL")
            project._migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise ProjectError(f"{path} cannot be opened as a project: {exc}.") from exc
        except BaseException:
            conn.close()
            raise
        project.journal_mode = mode
        return project

    def close(self) -> None:
        self.db.conn.close()

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

    def _migrate(self) -> None:
        conn = self.db.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == schema.SCHEMA_VERSION:
            return
        if version > 0:
            self.backup_to(
                self.path.with_name(f"{self.path.name}.before-v{schema.SCHEMA_VERSION}.bak")
            )
        with self.transaction():
            for step in schema.MIGRATIONS[version:]:
                step(self.db)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")

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
        """One user action = one transaction, committed (and synced) on exit."""
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise ProjectError(f"The project {self.path.name} cannot be written: {exc}.") from exc
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise ProjectError(
                f"Saving to {self.path.name} failed, nothing was saved: {exc}."
            ) from exc

    # ---------------------------------------------------------------- settings
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )


def _check_is_sqlite(path: Path) -> None:
    """Refuse, without touching it, a non-empty file that is not a SQLite database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise ProjectError(f"{path} cannot be read: {exc.strerror}.") from exc
    if header != b"SQLite format 3\x00":
        raise ProjectError(
            f"{path} is not an Annotator project (not a SQLite database); nothing was changed."
        )
