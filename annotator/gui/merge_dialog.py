"""File → Merge Projects… (issue #13): other annotators' project files into the open one.

The same merge as ``annotator merge`` (services/merge.py: documents matched by text, labels
and actors by name, spans kept per author, duplicates skipped, conflicts listed; the inputs are
only read). It is not on the undo stack: a ``before-merge`` backup is written first, as the CLI's
remove/merge do, and the report says how to go back (File → Restore from Backup…).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.plural import plural
from annotator.gui.dialog_focus import focus_text_when_closed, text_gets_focus_back
from annotator.gui.safety import show_error
from annotator.gui.tag_all_review import busy_cursor
from annotator.services.merge import MergeCounts
from annotator.store import ProjectError
from annotator.store.backups import make_backup

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

PROJECT_FILTER = "Annotator projects (*.annotator);;All files (*)"


def ask_merge(window: MainWindow) -> list[MergeCounts] | None:
    """Choose the projects, back up, merge, show the report; None when nothing was merged."""
    if window.project_read_only():
        return None
    with text_gets_focus_back(window):
        names, _ = QFileDialog.getOpenFileNames(
            window, "Merge projects into this one", str(window.project.path.parent), PROJECT_FILTER
        )
    if not names:
        return None
    try:
        with busy_cursor():
            backup = make_backup(window.project, "before-merge")
            results, _changes = window.session.merge_projects([Path(n) for n in names])
    except ProjectError as exc:
        with text_gets_focus_back(window):
            show_error(window, "Merge failed", str(exc))
        return None
    window.mergeReport = MergeReport(results, backup, window)
    focus_text_when_closed(window.mergeReport)
    window.mergeReport.open()
    return results


def report_text(results: list[MergeCounts]) -> str:
    """What each input brought, in words (plain text)."""
    parts = []
    for r in results:
        lines = [
            r.source,
            f"  documents: {r.documents_matched} matched, {r.documents_added} added",
            f"  spans: {r.spans_added} added, {r.spans_skipped} already here (duplicates)",
            f"  relations: {r.relations_added} added, {r.relations_skipped} already here",
            f"  actors: {r.actors_matched} matched, {r.actors_added} added",
        ]
        if r.spans_authorless:
            lines.append(
                f"  {plural(r.spans_authorless, 'span')} had no author: filed under"
                f" {r.default_author}"
            )
        if r.labels_added or r.relation_types_added:
            lines.append(
                f"  new in the schema: {', '.join(r.labels_added + r.relation_types_added)}"
            )
        if r.links_dropped:
            lines.append(f"  {plural(r.links_dropped, 'span')} merged without a damaged actor link")
        lines.append(f"  conflicts: {len(r.conflicts)}")
        lines.extend(f"    {' '.join(c.split())}" for c in r.conflicts)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


class MergeReport(QDialog):
    def __init__(self, results: list[MergeCounts], backup: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("mergeReport")
        self.setWindowTitle("Merge report")
        self.resize(620, 420)
        spans = sum(r.spans_added for r in results)
        summary = QLabel(
            f"Merged {plural(len(results), 'project')}: {plural(spans, 'span')} added."
            " The merge cannot be undone with Ctrl+Z; a backup was made first"
            f" ({backup.name}): File → Restore from Backup… brings the project back."
        )
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        self.details = QPlainTextEdit(report_text(results))
        self.details.setObjectName("mergeDetails")
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (summary, self.details, buttons):
            layout.addWidget(widget)
