"""The export dialog: format, destination, filters, progress, and a summary of what was lost.

Built from the format registry, so every exporter the CLI has is here too. The export runs in
the GUI thread with a progress bar that is updated (and the event loop served) after each
document; Cancel stops it, leaving no half-written file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.curation import CURATION
from annotator.formats.model import (
    CONLL_OVERLAP_POLICIES,
    ExportCancelled,
    ExportOptions,
    ExportSummary,
)
from annotator.formats.registry import Format, export_formats
from annotator.gui.dialog_focus import focus_text_when_closed
from annotator.gui.display import message_text
from annotator.gui.preferences import default_export_folder
from annotator.services.exporting import ExportError, export_project
from annotator.store import Project

OVERLAP_TITLES = {
    "longest": "Keep the longest span",
    "first": "Keep the span that starts first",
    "error": "Refuse to export",
}
MIN_WIDTH = 640  # room for the description and for a path with its file name
DESTINATION_MIN_WIDTH = 380


class WrappedLabel(QLabel):
    """A word-wrapped label whose size hints are the height its text needs at its real width
    (a wrapped QLabel otherwise asks for the height of a guessed, narrower width)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)  # summaries name labels: never HTML
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._laid_out = False

    def _fitted(self, hint: QSize) -> QSize:
        if self._laid_out:  # before the first layout its width is a default, not its own
            hint.setHeight(self.heightForWidth(self.width()))
        return hint

    def sizeHint(self) -> QSize:
        return self._fitted(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._fitted(super().minimumSizeHint())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._laid_out or event.size().width() != event.oldSize().width():
            self._laid_out = True
            self.updateGeometry()


def export_base(project_path: Path) -> Path:
    """Where an export starts: the default export folder (Preferences), else the project's."""
    folder = default_export_folder()
    return folder / project_path.name if folder is not None else project_path


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None, project: Project, document_id: int | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export annotations")
        self.project = project
        self.document_id = document_id
        self.formats: list[Format] = export_formats()
        self.summary: ExportSummary | None = None
        self._cancelled = False
        self._build()
        self._format_changed()
        focus_text_when_closed(self)

    def sizeHint(self) -> QSize:
        """At least MIN_WIDTH wide, so the opening height is measured at the real width."""
        return super().sizeHint().expandedTo(QSize(MIN_WIDTH, 0))

    # ------------------------------------------------------------------ widgets
    def _build(self) -> None:
        form = QFormLayout()
        self.formatCombo = QComboBox()
        for fmt in self.formats:
            self.formatCombo.addItem(fmt.title, fmt.name)
        self.formatCombo.currentIndexChanged.connect(self._format_changed)
        form.addRow("Format:", self.formatCombo)
        self.lossLabel = WrappedLabel("formatDescription")
        form.addRow("", self.lossLabel)
        self.destinationEdit = QLineEdit()
        self.destinationEdit.setObjectName("destination")
        self.destinationEdit.setMinimumWidth(DESTINATION_MIN_WIDTH)
        self.destinationEdit.textChanged.connect(self.destinationEdit.setToolTip)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.destinationEdit)
        row.addWidget(browse)
        form.addRow("Destination:", row)
        form.addRow("Labels:", self._label_boxes())
        self.allDocuments = QRadioButton("All documents")
        self.thisDocument = QRadioButton("Only this document")
        self.allDocuments.setChecked(True)
        self.thisDocument.setEnabled(self.document_id is not None)
        scope = QHBoxLayout()
        scope.addWidget(self.allDocuments)
        scope.addWidget(self.thisDocument)
        form.addRow("Documents:", scope)
        form.addRow("Layer:", self._layer_combo())
        self.boilerplateBox = QCheckBox("Include text marked as boilerplate")
        form.addRow("", self.boilerplateBox)
        self.overlapCombo = QComboBox()
        for policy in CONLL_OVERLAP_POLICIES:
            self.overlapCombo.addItem(OVERLAP_TITLES[policy], policy)
        form.addRow("CoNLL overlaps:", self.overlapCombo)
        self.progressBar = QProgressBar()
        self.progressBar.hide()  # shown while an export runs
        self.summaryLabel = WrappedLabel("exportSummary")
        self.summaryLabel.hide()  # shown once there is something to tell
        self.buttons = QDialogButtonBox()
        self.exportButton = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.closeButton = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.exportButton.clicked.connect(self.run_export)
        self.closeButton.clicked.connect(self._close_or_cancel)
        layout = QVBoxLayout(self)
        self.setMinimumWidth(MIN_WIDTH)  # its minimum height follows the layout (and the text)
        layout.addLayout(form)
        for widget in (self.progressBar, self.summaryLabel, self.buttons):
            layout.addWidget(widget)

    def _label_boxes(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.labelBoxes: dict[str, QCheckBox] = {}
        for label in self.project.labels():
            check = QCheckBox(label.name)
            check.setChecked(True)
            row.addWidget(check)
            self.labelBoxes[label.name] = check
        return box

    def _layer_combo(self) -> QComboBox:
        """All spans, one annotator's, or the curated layer (issue #13)."""
        self.layerCombo = QComboBox()
        self.layerCombo.setObjectName("exportLayer")
        self.layerCombo.addItem("All annotators", None)
        for author in self.project.authors():
            if author != CURATION:
                self.layerCombo.addItem(author or "(nobody named)", author)
        self.layerCombo.addItem("Curation (adjudicated)", CURATION)
        return self.layerCombo

    # ------------------------------------------------------------------ state
    def current_format(self) -> Format:
        return self.formats[self.formatCombo.currentIndex()]

    def _format_changed(self) -> None:
        fmt = self.current_format()
        self.lossLabel.setText(f"Keeps {fmt.keeps}. Loses {fmt.loses}.")
        self.overlapCombo.setEnabled(fmt.name == "conll")
        current = self.destinationEdit.text().strip()
        base = Path(current) if current else export_base(self.project.path)
        stem = str(base.with_suffix("")).removesuffix("-brat")
        self._set_destination(stem + "-brat" if fmt.folder else stem + fmt.suffixes[0])

    def _browse(self) -> None:
        fmt = self.current_format()
        if fmt.folder:
            chosen = QFileDialog.getExistingDirectory(self, "Export to folder", self.destination)
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export annotations", self.destination, fmt.file_filter
            )
        if chosen:
            self._set_destination(chosen)

    def _set_destination(self, path: str) -> None:
        """Show a path with its end (the file name) in view; the tooltip has all of it."""
        self.destinationEdit.setText(path)
        self.destinationEdit.setCursorPosition(len(path))

    @property
    def destination(self) -> str:
        return self.destinationEdit.text().strip()

    def options(self) -> ExportOptions:
        labels = frozenset(name for name, box in self.labelBoxes.items() if box.isChecked())
        every = len(labels) == len(self.labelBoxes)
        only_this = self.thisDocument.isChecked() and self.document_id is not None
        ids = [self.document_id] if only_this and self.document_id is not None else None
        return ExportOptions(
            labels=None if every else labels,
            document_ids=ids,
            include_boilerplate=self.boilerplateBox.isChecked(),
            conll_overlap=str(self.overlapCombo.currentData()),
            author=self.layerCombo.currentData(),
            progress=self._progress,
        )

    # ------------------------------------------------------------------ running
    def _progress(self, done: int, total: int) -> None:
        self.progressBar.setMaximum(max(total, 1))
        self.progressBar.setValue(done)
        QApplication.processEvents()
        if self._cancelled:
            raise ExportCancelled

    def _close_or_cancel(self) -> None:
        if self.exportButton.isEnabled():
            self.reject()
        else:
            self._cancelled = True

    def run_export(self) -> ExportSummary | None:
        if not self.destination:
            QMessageBox.warning(self, "Export", "Choose where to write the export.")
            return None
        self._cancelled = False
        self.exportButton.setEnabled(False)
        self.closeButton.setText("Cancel")
        self.progressBar.setValue(0)
        self.progressBar.show()
        try:
            summary = export_project(
                self.project, self.current_format().name, Path(self.destination), self.options()
            )
        except ExportCancelled:
            self._show_summary("Export cancelled; nothing was written.")
            return None
        except ExportError as exc:
            QMessageBox.critical(self, "Export failed", message_text(str(exc)))
            return None
        finally:
            self.exportButton.setEnabled(True)
            self.closeButton.setText("Close")
            self.progressBar.hide()
        self.summary = summary
        text = summary.describe().replace("Wrote", f"{self.destination}:\nWrote", 1)
        self._show_summary(text)
        QMessageBox.information(self, "Export finished", message_text(text))
        return summary

    def _show_summary(self, text: str) -> None:
        self.summaryLabel.setText(text)
        self.summaryLabel.setVisible(bool(text))
