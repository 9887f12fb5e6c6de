"""Dialogs of the library (issue #4): edit a document's metadata, rename or remove a document
(both undoable); bulk import off the GUI thread.

The bulk import runs in a ``QThread`` on its OWN project connection (SQLite connections are not
shared across threads; WAL lets it write while the window's connection reads). Progress comes
back through Qt signals (queued to the GUI thread). Cancel sets a flag the importer polls
between files; what was committed stays and is listed when the dialog closes.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from annotator.core.metadata import FIELD_LABELS, META_FIELDS, apply_edit, meta_for_display
from annotator.core.plural import plural
from annotator.gui.commands import EditMetadata, RemoveDocuments
from annotator.gui.dialog_focus import focus_text_when_closed
from annotator.gui.display import message_text
from annotator.services.bulk_import import BulkResult, import_bulk
from annotator.services.importing import ImportOutcome
from annotator.store import Project, ProjectError

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

PLACEHOLDERS = {
    "date": "YYYY-MM-DD",
    "url": "https://…",
    "language": "e.g. en, ko, ar",
    "tags": "comma-separated",
}


class MetadataDialog(QDialog):
    """Title, source, author, date, URL, language and tags of one document."""

    def __init__(self, title: str, meta: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metadataDialog")
        self.setWindowTitle("Document metadata")
        self.setMinimumWidth(460)
        self._meta = dict(meta)
        form = QFormLayout(self)
        self.fields: dict[str, QLineEdit] = {}
        for key in META_FIELDS:
            edit = QLineEdit(title if key == "title" else meta_for_display(meta, key))
            edit.setObjectName(f"meta_{key}")
            edit.setPlaceholderText(PLACEHOLDERS.get(key, ""))
            form.addRow(FIELD_LABELS[key] + ":", edit)
            self.fields[key] = edit
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        focus_text_when_closed(self)  # the keyboard goes back to the text

    def values(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.fields.items()}

    def result_meta(self) -> tuple[str, dict[str, Any]]:
        """(title, meta) as they should be saved; an empty title keeps the old one."""
        meta = apply_edit(self._meta, self.values())
        return str(meta.get("title", "")), meta


def edit_metadata(window: MainWindow) -> bool:
    """Open the metadata dialog for the window's current document; True when saved."""
    document_id = window.document_id
    if document_id is None:
        window.statusBar().showMessage("Open a document first.", 3000)
        return False
    document = window.project.document(document_id)
    dialog = MetadataDialog(document.title, document.meta, window)
    window.metadataDialog = dialog  # reachable by tests and by the lead's code
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    title, meta = dialog.result_meta()
    title = title or document.title
    meta["title"] = title
    old = (document.title, document.meta)
    if not window.push(EditMetadata(window, document_id, old, title, meta)):  # undoable
        return False
    window.statusBar().showMessage("Metadata saved.", 3000)
    return True


def rename_document(window: MainWindow, document_id: int) -> bool:
    """Ask for a new title (dialog ``renameDialog``); saved as an undoable metadata edit."""
    document = window.project.document(document_id)
    dialog = QInputDialog(window)
    dialog.setObjectName("renameDialog")
    dialog.setWindowTitle("Rename document")
    dialog.setLabelText("Title:")
    dialog.setTextValue(document.title)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    window.activateWindow()  # the keyboard back to the window (Ctrl+Z undoes the rename)
    if not accepted:
        return False
    title = dialog.textValue().strip()
    if not title or title == document.title:
        return False
    meta = {**document.meta, "title": title}
    old = (document.title, document.meta)
    if not window.push(EditMetadata(window, document_id, old, title, meta)):  # undoable
        return False
    window.statusBar().showMessage(f"Renamed to “{title}”.", 3000)
    return True


def remove_document(window: MainWindow, document_id: int) -> bool:
    """Ask (naming the document and what goes with it), then remove it, undoably."""
    summary = next((d for d in window.project.documents() if d.id == document_id), None)
    if summary is None:
        return False
    n = summary.annotation_count
    question = (
        f"Remove “{summary.title}” and its {plural(n, 'annotation')} (with their"
        " links, attributes and notes) from the project? Edit → Undo brings it back."
    )
    answer = QMessageBox.question(window, "Remove document", message_text(question))
    if answer != QMessageBox.StandardButton.Yes:
        return False
    command = RemoveDocuments(window, [document_id])
    if not window.push(command):
        return False
    assert command.removed is not None
    window.statusBar().showMessage(f"Removed {command.removed.summary()}.", 6000)
    return True


class BulkImportThread(QThread):
    """Runs ``import_bulk`` on its own connection to the project file."""

    progressed = Signal(int, int)  # files done, files in total
    outcomeReady = Signal(object)  # ImportOutcome
    importFinished = Signal(object)  # BulkResult
    importFailed = Signal(str)

    def __init__(self, project_path: Path, paths: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.project_path = project_path
        self.paths = paths
        self._cancel = threading.Event()
        self.result: BulkResult | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:  # in the worker thread
        try:
            with Project.open(self.project_path, create=False) as project:
                self.result = import_bulk(
                    project,
                    self.paths,
                    on_outcome=self.outcomeReady.emit,
                    on_progress=self.progressed.emit,
                    should_cancel=self._cancel.is_set,
                )
        except ProjectError as exc:
            self.importFailed.emit(str(exc))
            return
        self.importFinished.emit(self.result)


class BulkImportDialog(QProgressDialog):
    """Progress of a bulk import, with Cancel; refreshes the window's list when done."""

    finishedImport = Signal(object)  # BulkResult, or None when the import failed

    def __init__(self, window: MainWindow, paths: list[Path]) -> None:
        super().__init__("Reading files…", "Cancel", 0, 0, window)
        self.setObjectName("bulkImportProgress")
        self.setWindowTitle("Importing")
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.window_ = window
        self.outcomes: list[ImportOutcome] = []
        #: What the import did, once finished (``result()`` stays QDialog's own).
        self.import_result: BulkResult | None = None
        self.thread_ = BulkImportThread(Path(window.project.path), paths, self)
        self.thread_.progressed.connect(self._progressed)
        self.thread_.outcomeReady.connect(self.outcomes.append)
        self.thread_.importFinished.connect(self._finished)
        self.thread_.importFailed.connect(self._failed)
        self.canceled.connect(self._cancel)

    def start(self) -> None:
        self.show()
        self.thread_.start()

    def _cancel(self) -> None:
        self.setLabelText("Cancelling… (what was imported stays)")
        self.thread_.cancel()

    def _progressed(self, done: int, total: int) -> None:
        self.setMaximum(total)
        self.setValue(done)
        self.setLabelText(f"Imported {done:,} of {plural(total, 'file', grouped=True)}…")

    def _finished(self, result: BulkResult) -> None:
        self.thread_.wait()
        self.import_result = result
        self._refresh_window(result.outcomes)
        self.close()
        self.finishedImport.emit(result)

    def _failed(self, message: str) -> None:
        self.thread_.wait()
        self.close()
        self.window_.statusBar().showMessage(f"Import failed: {message}", 8000)
        self.finishedImport.emit(None)

    def _refresh_window(self, outcomes: list[ImportOutcome]) -> None:
        window = self.window_
        window.session.imported(outcomes, show_first=window.document_id is None)
        imported = sum(1 for o in outcomes if o.status == "imported")
        skipped = sum(1 for o in outcomes if o.status == "duplicate")
        merged = sum(1 for o in outcomes if o.status == "merged")
        added = f" added annotations to {plural(merged, 'document')};" if merged else ""
        failed = sum(1 for o in outcomes if o.status == "error")
        cancelled = " (cancelled)" if self.import_result and self.import_result.cancelled else ""
        summary = (
            f"Imported {plural(imported, 'document')}{cancelled};"
            f" skipped {plural(skipped, 'duplicate')};{added}"
            f" {plural(failed, 'file')} could not be read."
        )
        window.statusBar().showMessage(summary, 10000)
        if failed:  # the per-file messages, without blocking the window
            details = "\n".join(o.message for o in outcomes if o.status == "error")
            box = QMessageBox(QMessageBox.Icon.Warning, "Some files were not imported", summary)
            box.setObjectName("bulkImportReport")
            box.setDetailedText(details)
            box.setParent(window, box.windowFlags())
            box.setModal(False)
            box.show()
            window.bulkImportReport = box
