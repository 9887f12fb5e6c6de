"""Suggestions: spans kept as evidence, never as annotations (see ``core/suggestions.py``).

They live in their own table, so no export (which reads annotations) can ever write one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from annotator.core.spans import SpanError, check_span
from annotator.core.suggestions import SUGGESTION_STATUSES, Suggestion
from annotator.store.base import StoreBase, inserted_id, now_iso
from annotator.store.errors import ProjectError

_COLUMNS = 'id, document_id, start, "end", label, status, source, score, author, created'


def _suggestion(row: tuple[Any, ...]) -> Suggestion:
    sid, doc_id, start, end, label, status, source, score, author, created = row
    return Suggestion(doc_id, start, end, label, status, source, score, author, sid, created)


class SuggestionsMixin(StoreBase):
    def _document_text(self, document_id: int) -> str:  # provided by DocumentsMixin
        raise NotImplementedError

    def add_suggestions(self, suggestions: Iterable[Suggestion]) -> list[Suggestion]:
        """Store suggestions (each checked against its document's text) in one transaction;
        returns them with their ids. One bad suggestion raises ProjectError and stores none."""
        todo = [self._checked(s) for s in suggestions]
        with self.transaction():
            return self.insert_suggestions(todo)

    def insert_suggestions(self, suggestions: Iterable[Suggestion]) -> list[Suggestion]:
        """Inside the caller's transaction: store suggestions already checked (``_checked``)."""
        stamp = now_iso()
        stored = []
        for s in suggestions:
            cursor = self.db.execute(
                'INSERT INTO suggestions (document_id, start, "end", label, status, source,'
                " score, author, created) VALUES (?,?,?,?,?,?,?,?,?)",
                [s.document_id, s.start, s.end, s.label, s.status, s.source, s.score,
                 s.author, s.created or stamp],
            )  # fmt: skip
            stored.append(replace(s, id=inserted_id(cursor), created=s.created or stamp))
        return stored

    def _checked(self, s: Suggestion) -> Suggestion:
        if s.status not in SUGGESTION_STATUSES:
            raise ProjectError(
                f"A suggestion's status is one of {', '.join(SUGGESTION_STATUSES)},"
                f" not {s.status!r}."
            )
        try:
            check_span(self._document_text(s.document_id), s.start, s.end)
        except SpanError as exc:
            raise ProjectError(f"A suggestion {s.label!r}: {exc}.") from None
        return s

    def suggestions(self, document_id: int, status: str | None = None) -> list[Suggestion]:
        """A document's suggestions in reading order, all or only those with ``status``."""
        sql = f"SELECT {_COLUMNS} FROM suggestions WHERE document_id = ?"
        params: list[Any] = [document_id]
        if status is not None:
            sql += " AND status = ?"
            params.append(status)
        rows = self.db.execute(sql + ' ORDER BY start, "end", id', params)
        return [_suggestion(r) for r in rows]

    def count_suggestions(self, document_id: int | None = None, status: str | None = None) -> int:
        """How many suggestions the project (or one document) holds, optionally by status."""
        where: list[str] = []
        params: list[int | str] = []
        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        if status is not None:
            where.append("status = ?")
            params.append(status)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        row = self.db.execute(f"SELECT count(*) FROM suggestions{clause}", params).fetchone()
        return int(row[0])

    def suggestions_by_id(self, ids: Iterable[int]) -> list[Suggestion]:
        """These suggestions, in id order (ProjectError names the first id that is not one)."""
        wanted = sorted(set(ids))
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM suggestions WHERE id IN (SELECT value FROM json_each(?))"
            " ORDER BY id",
            [json.dumps(wanted)],
        )
        found = [_suggestion(r) for r in rows]
        missing = sorted(set(wanted) - {s.id for s in found})
        if missing:
            raise ProjectError(f"There is no suggestion {missing[0]} in this project.")
        return found

    def project_suggestions(
        self, document_ids: Iterable[int] | None = None, status: str | None = None
    ) -> list[Suggestion]:
        """Suggestions of these documents (None: every document), all or only ``status``, in
        document and reading order."""
        sql = f"SELECT {_COLUMNS} FROM suggestions WHERE 1"
        params: list[Any] = []
        if document_ids is not None:
            sql += " AND document_id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(sorted(set(document_ids))))
        if status is not None:
            sql += " AND status = ?"
            params.append(status)
        rows = self.db.execute(sql + ' ORDER BY document_id, start, "end", id', params)
        return [_suggestion(r) for r in rows]

    def set_suggestion_status(self, ids: Iterable[int], status: str) -> None:
        """Inside the caller's transaction: give these suggestions ``status``."""
        if status not in SUGGESTION_STATUSES:
            raise ProjectError(f"A suggestion's status is one of {', '.join(SUGGESTION_STATUSES)}.")
        self.db.execute(
            "UPDATE suggestions SET status = ? WHERE id IN (SELECT value FROM json_each(?))",
            [status, json.dumps(sorted(set(ids)))],
        )
