"""The main window: documents (left), the article (centre), its annotations (right)."""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QSplitter, QToolBar

from annotator.core.graphemes import snap_to_graphemes
from annotator.core.labels import Label
from annotator.core.spans import Annotation, trim_whitespace
from annotator.gui.annotation_list import AnnotationList
from annotator.gui.document_list import DocumentList
from annotator.gui.document_view import DocumentView
from annotator.gui.highlighter import PaintedSpan
from annotator.gui.io_dialogs import ask_export, report_import
from annotator.services.importing import ImportOutcome, import_paths, supported_suffixes
from annotator.store import Project, ProjectError

LAST_DOCUMENT = "gui.last_document"


class MainWindow(QMainWindow):
    def __init__(self, project_path: str | Path) -> None:
        super().__init__()
        self.project = Project.open(project_path)
        self.author = _user_name()
        self.labels: list[Label] = []
        self.label_actions: dict[str, QAction] = {}
        self._current_id: int | None = None
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self._build_widgets()
        self._build_menus()
        self._load_project()

    # ------------------------------------------------------------------ setup
    def _build_widgets(self) -> None:
        self.documentList = DocumentList()
        self.documentView = DocumentView()
        self.annotationList = AnnotationList()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.documentList, self.documentView, self.annotationList):
            splitter.addWidget(widget)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 760, 300])
        self.setCentralWidget(splitter)
        self.documentList.currentItemChanged.connect(self._on_document_chosen)
        self.annotationList.clicked.connect(self._on_annotation_chosen)
        self.annotationList.activated.connect(self._on_annotation_chosen)
        self.documentView.spanClicked.connect(self.select_annotation)
        self.countsLabel = QLabel()
        self.countsLabel.setObjectName("labelCounts")
        self.statusBar().addPermanentWidget(self.countsLabel)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(
            file_menu, "&Open Project…", QKeySequence.StandardKey.Open, self._ask_open_project
        )
        self._action(file_menu, "&Import Files…", "Ctrl+I", self._ask_import)
        self._action(file_menu, "&Export…", "Ctrl+E", self._ask_export)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        edit_menu = self.menuBar().addMenu("&Edit")
        self.deleteAction = self._action(
            edit_menu,
            "&Delete Annotation",
            QKeySequence.StandardKey.Delete,
            self.delete_current_annotation,
        )
        self.annotateMenu = self.menuBar().addMenu("&Annotate")
        self.labelToolbar = QToolBar("Labels")
        self.labelToolbar.setObjectName("labelToolbar")
        self.labelToolbar.setMovable(False)
        self.labelToolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.labelToolbar)

    def _action(self, menu, text, shortcut, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_label_actions(self) -> None:
        self.annotateMenu.clear()
        self.labelToolbar.clear()
        self.labelToolbar.addWidget(QLabel("  Tag selection as: "))
        for action in self.label_actions.values():
            self.removeAction(action)
        self.label_actions = {}
        for label in self.labels:
            action = QAction(f"{label.name}  ({'/'.join(label.keys)})", self)
            action.setShortcuts([QKeySequence(k) for k in label.keys])
            keys = " or ".join(label.keys)
            action.setToolTip(f"Tag the selection as {label.name} ({keys})")
            action.setIcon(_swatch(label.color))
            action.triggered.connect(lambda _=False, name=label.name: self.tag_selection(name))
            self.addAction(action)  # shortcuts work wherever the focus is in the window
            self.annotateMenu.addAction(action)
            self.labelToolbar.addAction(action)
            self.label_actions[label.name] = action

    # --------------------------------------------------------------- project
    def _load_project(self) -> None:
        self.labels = self.project.labels()
        self.colors = {label.name: label.color for label in self.labels}
        self.annotationList.annotation_model.set_colors(self.colors)
        self._build_label_actions()
        self.setWindowTitle(f"{self.project.path.name} — Annotator")
        self.refresh_documents()
        ids = self.documentList.document_ids()
        last = self.project.get_setting(LAST_DOCUMENT)
        if last is not None and int(last) in ids:
            self.open_document(int(last))
        elif ids:
            self.open_document(ids[0])
        else:
            self.documentView.clear_document()
            self.statusBar().showMessage(
                "Import an article: File → Import Files… or drop files here"
            )

    def open_project(self, path: str | Path) -> None:
        try:
            project = Project.open(path)
        except ProjectError as exc:
            QMessageBox.critical(self, "Cannot open project", str(exc))
            return
        self.project.close()
        self.project = project
        self._load_project()

    def refresh_documents(self) -> None:
        self.documentList.set_documents(self.project.documents())

    # -------------------------------------------------------------- document
    def open_document(self, document_id: int) -> None:
        """Show a document with its highlights and annotation list."""
        document = self.project.document(document_id)
        annotations = self.project.annotations(document_id)
        self._current_id = None
        self.documentView.show_document(document, (self._painted(a) for a in annotations))
        self.annotationList.annotation_model.reset(annotations)
        self.documentList.select_document(document_id)
        self.project.set_setting(LAST_DOCUMENT, str(document_id))
        self._update_counts()

    @property
    def document_id(self) -> int | None:
        return self.documentView.document_id

    def _painted(self, ann: Annotation) -> PaintedSpan:
        return PaintedSpan(ann.start, ann.end, ann.id, self.colors.get(ann.label, "#cccccc"))

    def _on_document_chosen(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        if current is not None:
            self.open_document(int(current.data(0, Qt.ItemDataRole.UserRole)))

    # ------------------------------------------------------------ annotating
    def tag_selection(self, label: str) -> Annotation | None:
        """Tag the selected text with ``label``; saved before it is shown."""
        if self.document_id is None:
            return None
        span = self.documentView.selected_span()
        if span is None:
            self.statusBar().showMessage("Select some text first, then press a label key.", 4000)
            return None
        text = self.documentView.text
        start, end = snap_to_graphemes(text, *trim_whitespace(text, *span))
        if start >= end:
            self.statusBar().showMessage("The selection is only whitespace.", 4000)
            return None
        try:
            ann = self.project.add_annotation(
                self.document_id, start, end, label, author=self.author
            )
        except ProjectError as exc:
            QMessageBox.critical(self, "Not saved", str(exc))
            return None
        self.documentView.highlighter.add_span(self._painted(ann))
        self.annotationList.annotation_model.insert(ann)
        self.select_annotation(ann.id, scroll=False)
        self._update_counts()
        self.statusBar().showMessage(f"Saved {label}: “{_short(ann.text)}”", 3000)
        return ann

    def delete_current_annotation(self) -> None:
        ann_id = self._current_id
        if ann_id is None:
            self.statusBar().showMessage("Select an annotation to delete.", 3000)
            return
        try:
            ann = self.project.delete_annotation(ann_id)
        except ProjectError as exc:
            QMessageBox.critical(self, "Not deleted", str(exc))
            return
        self.documentView.highlighter.remove_span(ann_id)
        self.annotationList.annotation_model.remove(ann_id)
        self.select_annotation(None)
        self._update_counts()
        self.statusBar().showMessage(f"Deleted {ann.label}: “{_short(ann.text)}”", 3000)

    def select_annotation(self, annotation_id: int | None, *, scroll: bool = True) -> None:
        """Make an annotation current: selected in the list, outlined (and shown) in the text."""
        self._current_id = annotation_id
        self.annotationList.select_annotation(annotation_id)
        if annotation_id is None:
            self.documentView.mark_current(None)
            return
        row = self.annotationList.annotation_model.row_of(annotation_id)
        if row is None:
            return
        ann = self.annotationList.annotation_model.annotation(row)
        if scroll:
            self.documentView.select_span(ann.start, ann.end)
        self.documentView.mark_current((ann.start, ann.end, self.colors.get(ann.label, "#cccccc")))

    def _on_annotation_chosen(self, index: QModelIndex) -> None:
        self.select_annotation(self.annotationList.annotation_model.annotation(index.row()).id)

    def _update_counts(self) -> None:
        anns = self.annotationList.annotation_model.annotations()
        counts = {label.name: 0 for label in self.labels}
        for ann in anns:
            counts[ann.label] = counts.get(ann.label, 0) + 1
        text = "   ".join(f"{name}: {n}" for name, n in counts.items())
        self.countsLabel.setText(f"{text}   ·   {len(self.documentView.text):,} characters")
        if self.document_id is not None:
            self.documentList.update_count(self.document_id, len(anns))

    # ------------------------------------------------------ import / export
    def import_files(self, paths: list[Path]) -> list[ImportOutcome]:
        outcomes = import_paths(self.project, paths)
        self.refresh_documents()
        first_new = next((o.document_id for o in outcomes if o.status == "imported"), None)
        if first_new is not None:
            self.open_document(first_new)
        return outcomes

    def _ask_import(self) -> None:
        patterns = " ".join(f"*{s}" for s in supported_suffixes())
        names, _ = QFileDialog.getOpenFileNames(
            self, "Import articles", "", f"Articles ({patterns});;All files (*)"
        )
        if names:
            report_import(self, self.import_files([Path(n) for n in names]))

    def _ask_open_project(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Open project",
            str(self.project.path.parent),
            "Annotator projects (*.annotator *.db *.sqlite);;All files (*)",
        )
        if name:
            self.open_project(name)

    def _ask_export(self) -> None:
        ask_export(self, self.project)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            report_import(self, self.import_files(paths))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.project.close()
        super().closeEvent(event)


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _swatch(color: str):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QIcon, QPixmap

    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)
