"""Undoable decisions on suggestions (issue #15): accept (one, or all of a document) and reject.

Each is one QUndoCommand calling the session (``accept_suggestions``, ``unaccept_suggestions``,
``reaccept_suggestions``, ``reject_suggestions``, ``reopen_suggestions``), one transaction each;
undo puts back exactly the state before (annotations gone, the suggestions open again), redo the
same annotations with the same ids. A step that decided nothing (already decided elsewhere) does
not land on the stack.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.spans import Annotation
from annotator.gui.commands import Edit, EditHost


class AcceptSuggestions(Edit):
    """Accept ``ids`` or, with ``document_id``, every open suggestion of that document."""

    def __init__(
        self, host: EditHost, text: str, ids: Sequence[int] = (), *,
        document_id: int | None = None,
    ) -> None:  # fmt: skip
        super().__init__(host, text)
        self.ids: tuple[int, ...] = tuple(ids)
        self.document_id = document_id
        self.added: tuple[Annotation, ...] = ()

    def _first(self) -> None:
        session = self.host.session
        if self.document_id is not None:
            changes = session.accept_all(self.document_id)
        else:
            changes = session.accept_suggestions(self.ids)
        self.ids, self.added = changes.suggestions, changes.added
        self.setObsolete(not self.ids)

    def _again(self) -> None:
        self.host.session.reaccept_suggestions(self.ids, self.added)

    def _back(self) -> None:
        self.host.session.unaccept_suggestions(self.ids, self.added)


class RejectSuggestions(Edit):
    """Reject ``ids``: remembered, never suggested again (undo opens them again)."""

    def __init__(self, host: EditHost, text: str, ids: Sequence[int]) -> None:
        super().__init__(host, text)
        self.ids: tuple[int, ...] = tuple(ids)

    def _first(self) -> None:
        self.ids = self.host.session.reject_suggestions(self.ids).suggestions
        self.setObsolete(not self.ids)

    def _again(self) -> None:
        self.host.session.reject_suggestions(self.ids)

    def _back(self) -> None:
        self.host.session.reopen_suggestions(self.ids)
