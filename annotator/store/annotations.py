"""Annotations: spans with a label, attributes and a note, in code points of their document."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from annotator.core.spans import Annotation, check_span
from annotator.store.base import inserted_id, now_iso
from annotator.store.errors import ProjectError
from annotator.store.labels import LabelsMixin

_SELECT = """
SELECT a.id, a.document_id, a.start, a."end", l.name, a.text, a.author, a.created, a.updated,
       a.attributes, a.note, a.fragments, a.actor_id, a.updated_by
FROM annotations a JOIN labels l ON l.id = a.label_id
"""
_SELECT_VIEW = """
SELECT a.id, a.document_id, a.start, a."end", l.name, a.text, a.attributes, a.note, a.fragments,
       a.actor_id
FROM annotations a JOIN labels l ON l.id = a.label_id
"""
_ORDER = ' ORDER BY a.start, a."end", a.id'


def _annotation(row: tuple[Any, ...]) -> Annotation:
    """A row of ``_SELECT`` as an Annotation (positional: this runs 50,000 times per open)."""
    ann_id, doc_id, start, end, label, text, author, created, updated, attrs, note, frags = row[:12]
    actor, by = row[12], row[13]
    return Annotation(
        ann_id, doc_id, start, end, label, text, author, created, updated,
        _attributes(attrs), note or "", _fragments(frags), actor, by,
    )  # fmt: skip


def _attributes(stored: str | None) -> dict[str, Any]:
    return json.loads(stored) if stored and stored != "{}" else {}


def _fragments(stored: str | None) -> tuple[tuple[int, int], ...] | None:
    return tuple((s, e) for s, e in json.loads(stored)) if stored else None


def _updater(old: Annotation, by: str) -> str:
    """``updated_by`` after ``by`` changes ``old``: its own author (or nobody named) clears it."""
    return "" if by in ("", old.author) else by


def _fragments_json(fragments: tuple[tuple[int, int], ...] | None) -> str | None:
    return json.dumps([list(f) for f in fragments]) if fragments else None


class AnnotationsMixin(LabelsMixin):
    def _document_text(self, document_id: int) -> str:  # provided by DocumentsMixin
        raise NotImplementedError

    def annotations(self, document_id: int) -> list[Annotation]:
        rows = self.db.execute(_SELECT + " WHERE a.document_id = ?" + _ORDER, [document_id])
        return [_annotation(r) for r in rows]

    def annotations_for_view(self, document_id: int, author: str | None = None) -> list[Annotation]:
        """A document's spans without author and timestamps (nothing shows them, and 50,000
        rows are read each time a document opens); edits read the full row themselves.
        ``author``: only that annotator's spans (one layer); None: everyone's."""
        where = " WHERE a.document_id = ?"
        params: list[object] = [document_id]
        if author is not None:
            where, params = where + " AND a.author = ?", [document_id, author]
        rows = self.db.execute(_SELECT_VIEW + where + _ORDER, params)
        return [
            Annotation(
                ann_id,
                doc,
                start,
                end,
                label,
                text,
                "",
                "",
                "",
                _attributes(attrs),
                note or "",
                _fragments(frags),
                actor,
            )
            for ann_id, doc, start, end, label, text, attrs, note, frags, actor in rows
        ]

    def authors(self) -> list[str]:
        """Everyone who has a span in the project, sorted ("" = spans with no author)."""
        rows = self.db.execute("SELECT DISTINCT author FROM annotations ORDER BY author")
        return [author or "" for (author,) in rows]

    def spans_by_author(
        self, document_ids: Sequence[int] | None = None
    ) -> dict[str, dict[int, list[Annotation]]]:
        """Author -> document id -> that author's spans in reading order (start, end, id);
        only ``document_ids`` when given. A span with no author is filed under ""."""
        where = ""
        params: list[int] = []
        if document_ids is not None:
            params = list(dict.fromkeys(document_ids))
            where = f" WHERE a.document_id IN ({','.join('?' * len(params))})"
            if not params:
                return {}
        rows = self.db.execute(
            _SELECT + where + ' ORDER BY a.author, a.document_id, a.start, a."end", a.id', params
        )
        result: dict[str, dict[int, list[Annotation]]] = {}
        for row in rows:
            ann = _annotation(row)
            result.setdefault(ann.author, {}).setdefault(ann.document_id, []).append(ann)
        return result

    def annotation(self, annotation_id: int) -> Annotation:
        row = self.db.execute(_SELECT + " WHERE a.id = ?", [annotation_id]).fetchone()
        if row is None:
            raise KeyError(f"no annotation {annotation_id}")
        return _annotation(row)

    def iter_annotations(self) -> Iterator[Annotation]:
        """All annotations, ordered by document then start (for exports)."""
        cursor = self.db.execute(_SELECT + ' ORDER BY a.document_id, a.start, a."end", a.id')
        for row in cursor:
            yield _annotation(row)

    def add_annotation(
        self,
        document_id: int,
        start: int,
        end: int,
        label: str,
        *,
        author: str = "",
        attributes: dict[str, Any] | None = None,
        note: str = "",
        fragments: tuple[tuple[int, int], ...] | None = None,
    ) -> Annotation:
        """Store one span; returns it once committed."""
        text = self._document_text(document_id)
        check_span(text, start, end)
        for frag_start, frag_end in fragments or ():
            check_span(text, frag_start, frag_end)
        stamp = now_iso()
        attrs = attributes or {}
        with self.transaction():
            ann_id = self.insert_annotation_row(
                document_id, text, start, end, label, author, attrs, note, fragments, stamp
            )
        return Annotation(
            ann_id, document_id, start, end, label, text[start:end], author,
            stamp, stamp, dict(attrs), note, fragments,
        )  # fmt: skip

    def insert_annotation_row(
        self,
        document_id: int,
        text: str,
        start: int,
        end: int,
        label: str,
        author: str,
        attributes: dict[str, Any],
        note: str,
        fragments: tuple[tuple[int, int], ...] | None,
        stamp: str,
    ) -> int:
        """Inside the caller's transaction: one new annotation row (offsets already checked
        against ``text``, the document's text); returns its id."""
        cursor = self.db.execute(
            'INSERT INTO annotations (document_id, start, "end", label_id, text, author,'
            " created, updated, attributes, note, fragments) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                document_id, start, end, self._label_id(label), text[start:end], author,
                stamp, stamp, json.dumps(attributes, ensure_ascii=False), note,
                _fragments_json(fragments),
            ],
        )  # fmt: skip
        return inserted_id(cursor)

    def restore_annotation(self, ann: Annotation) -> Annotation:
        """Put back a deleted annotation with its id and timestamps (undo of a delete)."""
        with self.transaction():
            self._insert_exact(ann)
        return ann

    def _insert_exact(self, ann: Annotation) -> None:
        self.db.execute(
            'INSERT INTO annotations (id, document_id, start, "end", label_id, text, author,'
            " created, updated, attributes, note, fragments, actor_id, updated_by)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                ann.id, ann.document_id, ann.start, ann.end, self._label_id(ann.label), ann.text,
                ann.author, ann.created, ann.updated,
                json.dumps(ann.attributes, ensure_ascii=False), ann.note,
                _fragments_json(ann.fragments), ann.actor_id, ann.updated_by,
            ],
        )  # fmt: skip

    def restore_annotation_state(self, ann: Annotation) -> Annotation:
        """Write back an earlier state of an existing annotation, timestamps included (undo)."""
        with self.transaction():
            cursor = self.db.execute(
                'UPDATE annotations SET document_id = ?, start = ?, "end" = ?, label_id = ?,'
                " text = ?, author = ?, created = ?, updated = ?, attributes = ?, note = ?,"
                " fragments = ?, actor_id = ?, updated_by = ? WHERE id = ?",
                [
                    ann.document_id, ann.start, ann.end, self._label_id(ann.label), ann.text,
                    ann.author, ann.created, ann.updated,
                    json.dumps(ann.attributes, ensure_ascii=False), ann.note,
                    _fragments_json(ann.fragments), ann.actor_id, ann.updated_by, ann.id,
                ],
            )  # fmt: skip
            if cursor.rowcount != 1:
                raise ProjectError(f"There is no annotation {ann.id}.")
        return ann

    def delete_annotation(self, annotation_id: int) -> Annotation:
        """Delete a span and the relations that point to or from it, in one transaction."""
        ann = self.annotation(annotation_id)
        with self.transaction():
            self.db.execute(
                "DELETE FROM relations WHERE source_id = ? OR target_id = ?",
                [annotation_id, annotation_id],
            )
            self.db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])
        return ann

    def update_annotation(
        self,
        annotation_id: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
        attributes: dict[str, Any] | None = None,
        note: str | None = None,
        by: str = "",
    ) -> Annotation:
        """Change a span's label, boundaries, attributes or note; returns the new state.
        ``by``: who changed it; recorded in ``updated_by`` when not the span's own author.

        A new label takes along only the attributes its definitions allow: the others go in
        the same transaction (undo writes the old state back, attributes included).
        """
        old = self.annotation(annotation_id)
        new_start = old.start if start is None else start
        new_end = old.end if end is None else end
        text = self._document_text(old.document_id)
        check_span(text, new_start, new_end)
        attributes = old.attributes if attributes is None else attributes
        with self.transaction():
            if label is not None and label != old.label:
                attributes = self.label(label).allowed_attributes(attributes)
            cursor = self.db.execute(
                'UPDATE annotations SET label_id = ?, start = ?, "end" = ?, text = ?,'
                " attributes = ?, note = ?, updated = ?, updated_by = ? WHERE id = ?",
                [
                    self._label_id(label or old.label), new_start, new_end,
                    text[new_start:new_end],
                    json.dumps(attributes, ensure_ascii=False),
                    old.note if note is None else note, now_iso(),
                    _updater(old, by), annotation_id,
                ],
            )  # fmt: skip
            if cursor.rowcount != 1:
                raise ProjectError(f"There is no annotation {annotation_id}.")
        return self.annotation(annotation_id)
