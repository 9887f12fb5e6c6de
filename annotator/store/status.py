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
            self._write_statuses(dict.fromkeys(ids, status))
        return before

    def restore_document_statuses(self, statuses: Mapping[int, str]) -> None:
        """Put back the statuses ``set_document_status`` returned (undo), in one transaction."""
        with self.transaction():
            self._write_statuses(statuses)

    def _write_statuses(self, statuses: Mapping[int, str]) -> None:
        """Inside the caller's transaction: "new" is no row, the others one row each."""
        new = [doc for doc, status in statuses.items() if status == "new"]
        self.db.execute(
            f"DELETE FROM document_status WHERE document_id {_IN_IDS}", [json.dumps(new)]
        )
        for doc, status in statuses.items():
            if status != "new":
                self.db.execute(
                    "INSERT OR REPLACE INTO document_status (document_id, status) VALUES (?, ?)",
                    [doc, status],
                )

    def document_statuses(self, document_ids: Sequence[int]) -> dict[int, str]:
        """Each existing document's status ("new" when it has no row in document_status)."""
        rows = self.db.execute(
            "SELECT d.id, coalesce(s.status, 'new') FROM documents d"
            f" LEFT JOIN document_status s ON s.document_id = d.id WHERE d.id {_IN_IDS}",
            [json.dumps(list(document_ids))],
        )
        return {int(r[0]): str(r[1]) for r in rows}

    def status_counts(self) -> StatusCounts:
        """How many documents are new, in progress and done (one grouped query)."""
        counts = dict(
            self.db.execute("SELECT status, count(*) FROM document_status GROUP BY status")
        )
        total = int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])
        started, done = counts.get("in_progress", 0), counts.get("done", 0)
        return StatusCounts(total - started - done, started, done)
