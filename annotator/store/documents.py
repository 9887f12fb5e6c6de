"""Documents in the project: canonical text, hash, styles, metadata, original bytes."""

from __future__ import annotations

import json
from typing import Any

from annotator.core.document import Document, DocumentSummary, NewDocument, text_sha256
from annotator.core.styled_text import StyleRange
from annotator.store.base import StoreBase, inserted_id, now_iso
from annotator.store.errors import ProjectError
from annotator.store.integrity import Problem, hash_problem

_FORGET_TEXTS = "annotator_forget_texts"


class DocumentsMixin(StoreBase):
    _text_cache: tuple[int, str] | None = None
    problems: list[Problem]

    def add_document(self, doc: NewDocument) -> int:
        with self.transaction():
            return self._insert_document(doc, now_iso())

    def add_documents(self, docs: list[NewDocument]) -> list[int]:
        """Store many documents in ONE transaction (bulk import); all or none are saved."""
        for doc in docs:
            doc.styled.validate()
        stamp = now_iso()
        with self.transaction():
            return [self._insert_document(doc, stamp) for doc in docs]

    def _insert_document(self, doc: NewDocument, stamp: str) -> int:
        doc.styled.validate()
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
        return inserted_id(cursor)

    def document_hashes(self) -> dict[str, int]:
        """SHA-256 of every document's text -> its (first) id, for duplicate detection."""
        rows = self.db.execute("SELECT sha256, min(id) FROM documents GROUP BY sha256")
        return {r[0]: int(r[1]) for r in rows}

    def find_document_by_sha256(self, sha256: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM documents WHERE sha256 = ? LIMIT 1", [sha256]
        ).fetchone()
        return row[0] if row else None

    def document(self, document_id: int) -> Document:
        row = self.db.execute(
            "SELECT id, title, styles, meta, sha256, source_name, renderer"
            " FROM documents WHERE id = ?",
            [document_id],
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return Document(
            id=row[0],
            title=row[1],
            text=self._document_text(document_id),  # one shared copy (a text can be 25 MB)
            styles=[StyleRange.from_json(s) for s in json.loads(row[2] or "[]")],
            meta=json.loads(row[3] or "{}"),
            sha256=row[4],
            source_name=row[5],
            renderer=row[6],
        )

    def update_document_meta(self, document_id: int, title: str, meta: dict[str, Any]) -> None:
        with self.transaction():
            cursor = self.db.execute(
                "UPDATE documents SET title = ?, meta = ?, updated = ? WHERE id = ?",
                [title, json.dumps(meta, ensure_ascii=False), now_iso(), document_id],
            )
            if cursor.rowcount != 1:
                raise ProjectError(f"There is no document {document_id} in this project.")

    def source_bytes(self, document_id: int) -> bytes:
        row = self.db.execute(
            "SELECT source_bytes FROM documents WHERE id = ?", [document_id]
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return bytes(row[0] or b"")

    def document_sha256s(self) -> dict[int, str]:
        """Every document's id -> the SHA-256 of its text (reads no text): a dataset split
        orders documents by content, not by the order they were imported in."""
        return {int(r[0]): str(r[1]) for r in self.db.execute("SELECT id, sha256 FROM documents")}

    def document_ids(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY id")]

    def document_titles(self, ids: list[int]) -> dict[int, str]:
        """These documents' titles (one query, no other column read)."""
        rows = self.db.execute(
            "SELECT id, title FROM documents WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        )
        return {int(r[0]): str(r[1]) for r in rows}

    def document_length(self, document_id: int) -> int:
        """A document's length in code points (reads its text: one document, on demand)."""
        row = self.db.execute(
            "SELECT length(text) FROM documents WHERE id = ?", [document_id]
        ).fetchone()
        return 0 if row is None else int(row[0] or 0)

    def documents(self, *, lengths: bool = True) -> list[DocumentSummary]:
        """Every document's list row, counts from one grouped query. ``lengths=False`` skips
        ``length(text)``, which reads every text (100,000 articles: 500 MB)."""
        counts = self.counts_by_document()
        sql = "SELECT id, length(text) FROM documents"
        length: dict[int, int] = dict(self.db.execute(sql).fetchall()) if lengths else {}
        return [
            DocumentSummary(
                id=doc_id,
                title=title,
                source_name=source_name,
                length=length.get(doc_id, 0),
                annotation_count=sum(counts.get(doc_id, {}).values()),
                counts_by_label=counts.get(doc_id, {}),
                source=source,
                date=date,
                status=status,
            )
            for doc_id, title, source_name, source, date, status in self.document_rows()
        ]

    def document_rows(self) -> list[tuple[int, str, str, str, str, str]]:
        """(id, title, source_name, meta source, meta date, status) of every document in id order:
        what the document list shows, in one query that reads no text."""
        return self.db.execute(
            "SELECT d.id, d.title, d.source_name,"
            " coalesce(CAST(CASE WHEN json_valid(d.meta) THEN json_extract(d.meta, '$.source')"
            " END AS TEXT), ''),"
            " coalesce(CAST(CASE WHEN json_valid(d.meta) THEN json_extract(d.meta, '$.date')"
            " END AS TEXT), ''), coalesce(s.status, 'new')"
            " FROM documents d LEFT JOIN document_status s ON s.document_id = d.id ORDER BY d.id"
        ).fetchall()

    def counts_by_document(self) -> dict[int, dict[str, int]]:
        """Annotations per document and label (one grouped query; annotated documents only)."""
        counts: dict[int, dict[str, int]] = {}
        for doc_id, label, n in self.db.execute(
            "SELECT a.document_id, l.name, count(*) FROM annotations a"
            " JOIN labels l ON l.id = a.label_id GROUP BY a.document_id, l.name"
        ):
            counts.setdefault(doc_id, {})[label] = n
        return counts

    def _document_text(self, document_id: int) -> str:
        """The canonical text, cached for the last document (reading 5 MB per tag would cost
        tens of milliseconds). The cache cannot go stale: a removed document's id can be
        reused by the next import, so every delete or text change on this connection drops it
        (``watch_document_texts``), and so does a restore that replaces the whole file."""
        cached = self._text_cache
        if cached is not None and cached[0] == document_id:
            return cached[1]
        row = self.db.execute(
            "SELECT text, sha256 FROM documents WHERE id = ?", [document_id]
        ).fetchone()
        if row is None:
            raise ProjectError(f"There is no document {document_id} in this project.")
        self._text_cache = (document_id, str(row[0]))
        self._check_hash(document_id, self._text_cache[1], row[1])
        return self._text_cache[1]

    def _check_hash(self, document_id: int, text: str, sha256: str) -> None:
        """The hash check opening a project skips (it would read every text): a mismatch joins
        ``problems`` (shown to the user like those found on open), once."""
        known = {(p.kind, p.row_id) for p in self.problems}
        for problem in hash_problem(document_id, text, sha256):
            if (problem.kind, problem.row_id) not in known:
                self.problems.append(problem)

    def forget_document_texts(self) -> None:
        """Drop the cached text (the database was replaced, or a document removed)."""
        self._text_cache = None

    def watch_document_texts(self) -> None:
        """Forget the cached text whenever a document row is deleted or its text rewritten,
        by whatever code: temporary triggers, on this connection only (never in the file)."""
        conn = self.db.conn
        conn.create_function(_FORGET_TEXTS, 0, lambda: self.forget_document_texts())
        for name, event in (("deleted", "DELETE"), ("rewritten", "UPDATE OF text")):
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS annotator_text_{name} AFTER {event}"
                f" ON main.documents BEGIN SELECT {_FORGET_TEXTS}(); END"
            )
