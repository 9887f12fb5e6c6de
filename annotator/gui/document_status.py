"""Document status in the window (issue #12 item 3): Ctrl+D steps the open document new → in
progress → done → new (one undo step), a combo over the document list filters it by status
(``statusFilter``), and the status bar says "12 of 40 done" (``statusProgress``).

A document's first annotation moves it to "in progress" (``Session.annotate``); undoing that
tag leaves it in progress: the user has started on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QVBoxLayout

from annotator.core.actors import DOCUMENT_STATUSES, status_label
from annotator.gui.actor_commands import SetStatus
from annotator.gui.static_label import StaticLabel
from annotator.services.changes import Changes

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

FILTERS: tuple[tuple[str, str | None], ...] = (
    ("All documents", None),
    *((status_label(s).capitalize(), s) for s in DOCUMENT_STATUSES),
)


def next_status(status: str) -> str:
    return DOCUMENT_STATUSES[(DOCUMENT_STATUSES.index(status) + 1) % len(DOCUMENT_STATUSES)]


class DocumentStatus:
    """The window's part: the status key, the list's status filter and the progress count."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.filterBox = QComboBox()
        self.filterBox.setObjectName("statusFilter")
        self.filterBox.setToolTip("Show documents at this status")
        for text, _status in FILTERS:
            self.filterBox.addItem(text)
        self.filterBox.currentIndexChanged.connect(self._filter)
        pane = window.documentList.parentWidget()
        layout = pane.layout() if pane is not None else None
        if isinstance(layout, QVBoxLayout):  # under the filter line, over the list
            layout.insertWidget(layout.indexOf(window.documentList), self.filterBox)
        self.progress = StaticLabel(expanding=False)
        self.progress.setObjectName("statusProgress")
        window.statusBar().addPermanentWidget(self.progress)
        window.feed.changed.connect(self.follow)
        self.update_progress()

    def step(self) -> None:
        """Ctrl+D: the open document's next status, as one undo step."""
        w = self.window
        doc = w.document_id
        if doc is None or w.project_read_only():
            return
        status = w.project.document_statuses([doc]).get(doc, "new")
        new = next_status(status)
        if w.push(SetStatus(w, [doc], new)):
            w.statusBar().showMessage(f"Marked {status_label(new)} (Ctrl+Z undoes it)", 4000)

    def _filter(self, index: int) -> None:
        self.window.documentList.set_status_filter(FILTERS[index][1])

    def follow(self, changes: Changes) -> None:
        if changes.documents or changes.reloaded:
            self.update_progress()

    def update_progress(self) -> None:
        self.progress.setText(str(self.window.project.status_counts()))
