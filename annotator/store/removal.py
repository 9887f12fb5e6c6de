"""Removing documents, with everything that belongs to them, and putting them back (undo).

``remove_documents`` deletes the documents, their annotations (attributes and notes are columns
of those rows), their relations and their suggestions in ONE transaction; the full-text index
follows by trigger.
It returns a ``RemovedDocuments`` holding every deleted row as it was, so that
``restore_documents`` puts them back with the same ids, byte for byte, in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.store.base import Row, StoreBase
from annotator.store.errors import ProjectError

_IN_IDS = "IN (SELECT value FROM json_each(?))"


@dataclass(frozen=True, slots=True)
class RemovedDocuments:
    """The rows a removal deleted, in id order (enough to restore them exactly)."""

    documents: tuple[Row, ...]
    annotations: tuple[Row, ...]
    relations: tuple[Row, ...]
    suggestions: tuple[Row, ...] = ()
    statuses: tuple[Row, ...] = ()  # document_status rows (a new document has none)

    @property
    def document_ids(self) -> tuple[int, ...]:
        return tuple(int(row["id"]) for row in self.documents)

    def summary(self) -> str:
        """e.g. "1 document (12 annotations)" or "2 documents (3 annotations, 1 relation)"."""
        parts = [_count(len(self.annotations), "annotation")]
        if self.relations:
            parts.append(_count(len(self.relations), "relation"))
        if self.suggestions:
            parts.append(_count(len(self.suggestions), "suggestion"))
        return f"{_count(len(self.documents), 'document')} ({', '.join(parts)})"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


class RemovalMixin(StoreBase):
    def remove_documents(self, document_ids: Sequence[int]) -> RemovedDocuments:
        """Delete these documents with their annotations, relations and suggestions, in one
        transaction.

        An unknown id raises ProjectError and nothing is removed.
        """
        ids = json.dumps(sorted(set(document_ids)))
        with self.transaction():
            documents = self._rows(f"SELECT * FROM documents WHERE id {_IN_IDS} ORDER BY id", [ids])
            missing = sorted(set(document_ids) - {row["id"] for row in documents})
            if missing:
                listed = ", ".join(str(i) for i in missing)
                raise ProjectError(
                    f"There is no document {listed} in this project; nothing was removed."
                )
            annotations = self._rows(
                f"SELECT * FROM annotations WHERE document_id {_IN_IDS} ORDER BY id", [ids]
            )
            spans = json.dumps([row["id"] for row in annotations])
            relations = self._rows(
                f"SELECT * FROM relations WHERE document_id {_IN_IDS} OR source_id {_IN_IDS}"
                f" OR target_id {_IN_IDS} ORDER BY id",
                [ids, spans, spans],
            )
            suggestions = self._rows(
                f"SELECT * FROM suggestions WHERE document_id {_IN_IDS} ORDER BY id", [ids]
            )
            statuses = self._rows(
                f"SELECT * FROM document_status WHERE document_id {_IN_IDS} ORDER BY document_id",
                [ids],
            )
            removed = RemovedDocuments(
                tuple(documents),
                tuple(annotations),
                tuple(relations),
                tuple(suggestions),
                tuple(statuses),
            )
            self._delete_ids("suggestions", [row["id"] for row in removed.suggestions])
            self._delete_ids("relations", [row["id"] for row in removed.relations])
            self._delete_ids("annotations", [row["id"] for row in removed.annotations])
            self.db.execute(f"DELETE FROM document_status WHERE document_id {_IN_IDS}", [ids])
            self._delete_ids("documents", removed.document_ids)
        return removed

    def restore_documents(self, removed: RemovedDocuments) -> None:
        """Put back what ``remove_documents`` deleted, same ids and rows, in one transaction."""
        with self.transaction():
            self._insert_rows("documents", removed.documents)
            self._insert_rows("annotations", removed.annotations)
            self._insert_rows("relations", removed.relations)
            self._insert_rows("suggestions", removed.suggestions)
            self._insert_rows("document_status", removed.statuses)
