"""A project: one SQLite file holding documents, labels and annotations.

Every write is one transaction, committed before the method returns, so anything the UI shows as
saved is on disk (``synchronous=FULL`` in WAL mode survives a crash and a power loss, D4).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotator.core.document import Document, DocumentSummary, text_sha256
from annotator.core.labels import Label
from annotator.core.spans import Annotation, check_span
from annotator.core.styled_text import StyledText, StyleRange
from annotator.store import schema
from annotator.store.errors import ProjectError

APPLICATION_ID = 0x414E4E4F  # "ANNO": marks a SQLite file as an Annotator project


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(slots=True)
class NewDocument:
    """A document about to be stored, as an importer produced it."""

    title: str
    styled: StyledText
    source_name: str = ""
    source_bytes: bytes = b""
    renderer: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


_ANNOTATION_SELECT = """
SELECT a.id, a.document_id, a.start, a."end", l.name, a.text, a.author, a.created, a.updated
FROM annotations a JOIN labels l ON l.id = a.label_id
"""


def _annotation(row: tuple[Any, ...]) -> Annotation:
    return Annotation(*row)


class Project:
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

    # --------------------------------------------------------------- documents
    def add_document(self, doc: NewDocument) -> int:
        doc.styled.validate()
        stamp = now_iso()
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO documents (title, text, sha256, styles, meta, source_name,"
                " source_bytes, renderer, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    doc.title,
                    doc.styled.text,
                    text_sha256(doc.styled.text),
                    json.dumps([s.to_json() for s in doc.styled.styles], ensure_ascii=False),
                    json.dumps(doc.meta, ensure_ascii=False),
                    doc.source_name,
                    doc.source_bytes,
                    doc.renderer,
                    stamp,
                    stamp,
                ],
            )
        return int(cursor.lastrowid)

    def find_document_by_sha256(self, sha256: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM documents WHERE sha256 = ? LIMIT 1", [sha256]
        ).fetchone()
        return row[0] if row else None

    def document(self, document_id: int) -> Document:
        row = self.db.execute(
            "SELECT id, title, text, styles, meta, sha256, source_name, renderer"
            " FROM documents WHERE id = ?",
            [document_id],
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return Document(
            id=row[0],
            title=row[1],
            text=row[2],
            styles=[StyleRange.from_json(s) for s in json.loads(row[3] or "[]")],
            meta=json.loads(row[4] or "{}"),
            sha256=row[5],
            source_name=row[6],
            renderer=row[7],
        )

    def source_bytes(self, document_id: int) -> bytes:
        row = self.db.execute(
            "SELECT source_bytes FROM documents WHERE id = ?", [document_id]
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return bytes(row[0] or b"")

    def document_ids(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY id")]

    def documents(self) -> list[DocumentSummary]:
        counts: dict[int, dict[str, int]] = {}
        for doc_id, label, n in self.db.execute(
            "SELECT a.document_id, l.name, count(*) FROM annotations a"
            " JOIN labels l ON l.id = a.label_id GROUP BY a.document_id, l.name"
        ):
            counts.setdefault(doc_id, {})[label] = n
        rows = self.db.execute(
            "SELECT id, title, source_name, length(text) FROM documents ORDER BY id"
        ).fetchall()
        return [
            DocumentSummary(
                id=r[0],
                title=r[1],
                source_name=r[2],
                length=r[3],
                annotation_count=sum(counts.get(r[0], {}).values()),
                counts_by_label=counts.get(r[0], {}),
            )
            for r in rows
        ]

    # ------------------------------------------------------------------ labels
    def labels(self) -> list[Label]:
        return [
            Label(
                name=r[1],
                color=r[2],
                keys=tuple(json.loads(r[3] or "[]")),
                id=r[0],
                position=r[4],
            )
            for r in self.db.execute(
                "SELECT id, name, color, keys, position FROM labels ORDER BY position, id"
            )
        ]

    def _label_id(self, name: str) -> int:
        row = self.db.execute("SELECT id FROM labels WHERE name = ?", [name]).fetchone()
        if row is None:
            raise ProjectError(f"There is no label called {name!r} in this project.")
        return int(row[0])

    # ------------------------------------------------------------- annotations
    def annotations(self, document_id: int) -> list[Annotation]:
        return [
            _annotation(r)
            for r in self.db.execute(
                _ANNOTATION_SELECT + ' WHERE a.document_id = ? ORDER BY a.start, a."end", a.id',
                [document_id],
            )
        ]

    def annotation(self, annotation_id: int) -> Annotation:
        row = self.db.execute(_ANNOTATION_SELECT + " WHERE a.id = ?", [annotation_id]).fetchone()
        if row is None:
            raise KeyError(f"no annotation {annotation_id}")
        return _annotation(row)

    def add_annotation(
        self, document_id: int, start: int, end: int, label: str, *, author: str = ""
    ) -> Annotation:
        """Store one span; returns it once committed."""
        text = self._document_text(document_id)
        check_span(text, start, end)
        stamp = now_iso()
        with self.transaction():
            cursor = self.db.execute(
                'INSERT INTO annotations (document_id, start, "end", label_id, text, author,'
                " created, updated) VALUES (?,?,?,?,?,?,?,?)",
                [
                    document_id,
                    start,
                    end,
                    self._label_id(label),
                    text[start:end],
                    author,
                    stamp,
                    stamp,
                ],
            )
        return Annotation(
            int(cursor.lastrowid),
            document_id,
            start,
            end,
            label,
            text[start:end],
            author,
            stamp,
            stamp,
        )

    def restore_annotation(self, ann: Annotation) -> Annotation:
        """Put back a deleted annotation with its id and timestamps (undo of a delete)."""
        with self.transaction():
            self.db.execute(
                'INSERT INTO annotations (id, document_id, start, "end", label_id, text, author,'
                " created, updated) VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    ann.id,
                    ann.document_id,
                    ann.start,
                    ann.end,
                    self._label_id(ann.label),
                    ann.text,
                    ann.author,
                    ann.created,
                    ann.updated,
                ],
            )
        return ann

    def delete_annotation(self, annotation_id: int) -> Annotation:
        ann = self.annotation(annotation_id)
        with self.transaction():
            self.db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])
        return ann

    def _document_text(self, document_id: int) -> str:
        row = self.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None:
            raise ProjectError(f"There is no document {document_id} in this project.")
        return str(row[0])

    def iter_annotations(self) -> Iterator[Annotation]:
        """All annotations, ordered by document then start (for exports)."""
        cursor = self.db.execute(
            _ANNOTATION_SELECT + ' ORDER BY a.document_id, a.start, a."end", a.id'
        )
        for row in cursor:
            yield _annotation(row)

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
