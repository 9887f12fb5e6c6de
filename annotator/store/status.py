"""Each document's progress (issue #12): new, in progress or done, and the project's counts."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from annotator.core.actors import DOCUMENT_STATUSES, StatusCounts
from annotator.store.base import StoreBase
from annotator.store.errors import ProjectError

_IN_IDS = "IN (SELECT value FROM json_each(?))"


class StatusMixin(StoreBase):
    def set_document_status(self, document_ids: int | Sequence[int], status: str) -> dict[int, str]:
        """Set the status of one or more documents in one transaction; returns each one's
        status before (for undo). An unknown id or status changes nothing."""
        ids = [document_ids] if isinstance(document_ids, int) else list(document_ids)
        if status not in DOCUMENT_STATUSES:
            raise ProjectError(
                f"Unknown status {status!r} (new, in_progress, done); nothing was changed."
            )
        with self.transaction():
            before = self.document_statuses(ids)
            if unknown := sorted(set(ids) - set(before)):
                listed = ", ".join(map(str, unknown))
                raise ProjectError(f"There is no document {listed}; nothing was changed.")
            self.db.execute(
                f"UPDATE documents SET status = ? WHERE id {_IN_IDS}", [status, json.dumps(ids)]
            )
        return before

    def restore_document_statuses(self, statuses: Mapping[int, str]) -> None:
        """Put back the statuses ``set_document_status`` returned (undo), in one transaction."""
        with self.transaction():
            for doc_id, status in statuses.items():
                self.db.execute("UPDATE documents SET status = ? WHERE id = ?", [status, doc_id])

    def document_statuses(self, document_ids: Sequence[int]) -> dict[int, str]:
        """From the list's covering index: the row itself keeps ``status`` after the text, so
        reading it there reads the whole text (5 MB: 1 ms on every tag, issue #11)."""
        rows = self.db.execute(
            f"SELECT id, status FROM documents INDEXED BY idx_documents_list WHERE id {_IN_IDS}",
            [json.dumps(list(document_ids))],
        )
        return {int(r[0]): str(r[1]) for r in rows}

    def status_counts(self) -> StatusCounts:
        """How many documents are new, in progress and done (one grouped query)."""
        counts = dict(self.db.execute("SELECT status, count(*) FROM documents GROUP BY status"))
        return StatusCounts(
            counts.get("new", 0), counts.get("in_progress", 0), counts.get("done", 0)
        )
