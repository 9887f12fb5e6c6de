"""The main window: documents (left), the article (centre), annotations and the selected
annotation's attributes, note and links (right). Annotating, navigation and reading comfort
live in mixins of their own (``annotating.py``, ``navigation.py``, ``reading.py``)."""

from __future__ import annotations

import gc
import getpass
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtGui import QKeySequence as Keys
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.annotating import AnnotatingMixin
from annotator.gui.annotation_list import AnnotationList
from annotator.gui.annotation_panel import AnnotationPanel
from annotator.gui.dialog_focus import text_gets_focus_back
from annotator.gui.document_list import DocumentList
from annotator.gui.document_view import DocumentView
from annotator.gui.export_dialog import ExportDialog
from annotator.gui.feed import ChangeFeed
from annotator.gui.io_dialogs import import_and_report
from annotator.gui.library import install_library_features
from annotator.gui.navigation import FindBar, NavigationMixin
from annotator.gui.pane_state import restore_panes, save_panes
from annotator.gui.reading import THEMES, ReadingMixin
from annotator.gui.safety import SafetyFeatures, open_project_for_window
from annotator.gui.shortcuts_help import shortcut_table
from annotator.gui.static_label import StaticLabel
from annotator.services.importing import ImportOutcome, supported_suffixes
from annotator.services.session import Session
from annotator.store import Project

LAST_DOCUMENT = "gui.last_document"
PANE_SIZES = (340, 700, 280)  # documents, article, annotations (px, at first start)
PANE_STRETCH = (1, 2, 1)


class MainWindow(AnnotatingMixin, NavigationMixin, ReadingMixin, QMainWindow):
    def __init__(self, project_path: str | Path | Project) -> None:
        super().__init__()
        # A path is opened with the writer's lock (gui/safety.py offers read-only when in use).
        self.project = (
            project_path
            if isinstance(project_path, Project)
            else Project.open(project_path, lock=True)
        )
        self.session = Session(self.project, _user_name())
        self.feed = ChangeFeed(self.session, self)
        self._init_annotating()
        self.setAcceptDrops(True)
        self.resize(1320, 840)
        self._build_widgets()
        self._build_menus()
        install_library_features(self, self.libraryMenu)  # filter, search, metadata (#4)
        self.safety = SafetyFeatures(self, self.fileMenu, self.quitAction)  # backups (#6)
        self._load_project()
        self._arrange_panes()
        restore_panes(self)  # pane sizes and docks as the user left them

    # ------------------------------------------------------------------ setup
    def _build_widgets(self) -> None:
        self.documentList = DocumentList()
        self.documentView = DocumentView(self.session.spans)
        self.annotationList = AnnotationList(self.session.spans)
        self.annotationPanel = AnnotationPanel()
        self.findBar = FindBar(self)
        centre = _column(self.findBar, self.documentView)
        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("sideSplitter")
        right.addWidget(_column(self._build_label_filter(), self.annotationList))
        right.addWidget(self.annotationPanel)
        right.setSizes([420, 380])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        for widget in (self.documentList, centre, right):
            splitter.addWidget(widget)
        self.setCentralWidget(splitter)
        self.documentList.currentItemChanged.connect(self._on_document_chosen)
        self.annotationList.clicked.connect(self._on_annotation_chosen)
        self.annotationList.activated.connect(self._on_annotation_chosen)
        self.documentView.spanClicked.connect(self.select_annotation)
        self.documentView.spanCtrlClicked.connect(self.link_to)
        self.documentView.tooltip_for = self.annotation_tooltip
        panel = self.annotationPanel
        panel.attributeEdited.connect(self.set_attribute)
        panel.noteEdited.connect(self.set_note)
        panel.linkRequested.connect(self.link_current)
        panel.unlinkRequested.connect(self.unlink)
        panel.linkedActivated.connect(self.select_annotation)
        panel.escaped.connect(self.documentView.setFocus)
        panel.attributeEditorLeft.connect(self.end_attribute_edit)
        self.countsLabel = StaticLabel(expanding=False)
        self.countsLabel.setObjectName("labelCounts")
        self.statusBar().addPermanentWidget(self.countsLabel)
        for follow in (  # in this order: the document, then what shows it, then the selection
            self._follow_document,
            self._follow_labels,
            self.documentView.follow,
            self.annotationList.follow,
            self._follow_selection,
            self._update_counts,
        ):
            self.feed.changed.connect(follow)

    def _arrange_panes(self) -> None:
        """First sizes; growing or shrinking (a dock opening) is shared 1:2:1, so the article
        keeps most room. Set once every pane is in place (the library boxes the document list)."""
        splitter = self.centralWidget()
        for index, stretch in enumerate(PANE_STRETCH):
            splitter.setStretchFactor(index, stretch)
        splitter.setSizes(list(PANE_SIZES))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&Open Project…", Keys.StandardKey.Open, self._ask_open_project)
        self._action(file_menu, "&Import Files…", "Ctrl+I", self._ask_import)
        self._action(file_menu, "&Export…", "Ctrl+E", self._ask_export)
        file_menu.addSeparator()
        self.quitAction = self._action(file_menu, "&Quit", Keys.StandardKey.Quit, self.close)
        self.fileMenu = file_menu
        edit = bar.addMenu("&Edit")
        undo = self.undoStack.createUndoAction(self, "&Undo")
        undo.setShortcut(Keys.StandardKey.Undo)
        redo = self.undoStack.createRedoAction(self, "&Redo")
        redo.setShortcuts([Keys("Ctrl+Shift+Z"), Keys("Ctrl+Y")])
        edit.addActions([undo, redo])
        # After the stack moved: the step just undone is next to redo, and vice versa.
        undo.triggered.connect(lambda: self._say_done("Undid", self.undoStack.redoText()))
        redo.triggered.connect(lambda: self._say_done("Redid", self.undoStack.undoText()))
        edit.addSeparator()
        self.deleteAction = self._action(
            edit, "&Delete Annotation", Keys.StandardKey.Delete, self.delete_current_annotation
        )
        self._action(edit, "&Find…", Keys.StandardKey.Find, self.findBar.open_bar)
        self.annotateMenu = bar.addMenu("&Annotate")
        self.edit_span_actions = self._span_actions()
        self._build_navigate_menu(bar.addMenu("&Navigate"))
        self._build_view_menu(bar.addMenu("&View"))
        self.libraryMenu = bar.addMenu("&Library")  # filled by gui/library.py
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard Shortcuts", "F1", self._show_shortcuts)
        self.labelToolbar = QToolBar("Labels")
        self.labelToolbar.setObjectName("labelToolbar")
        self.labelToolbar.setMovable(False)
        self.labelToolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.labelToolbar)

    def _say_done(self, verb: str, what: str) -> None:
        if what:
            self.statusBar().showMessage(f"{verb}: {what}", 6000)

    def _span_actions(self) -> list[QAction]:
        specs: list[tuple[str, str, Callable[[], None]]] = [
            ("&Link to…", "L", self.link_current),
            ("Edit &Attributes", "E", self.annotationPanel.focus_first_editor),
            ("Edit &Note", "N", self.annotationPanel.focus_note),
            ("Cycle &Overlapping", "Alt+O", self.cycle_overlapping),
        ]
        for edge, keys in (("end", ("Left", "Right")), ("start", ("Up", "Down"))):
            for unit, prefix in (("char", "Shift+Alt+"), ("word", "Ctrl+Shift+Alt+")):
                for direction, key in zip((-1, 1), keys, strict=True):
                    name = f"Move {edge} {'left' if direction < 0 else 'right'} by {unit}"
                    specs.append(
                        (name, prefix + key, _bind(self.resize_current, edge, direction, unit))
                    )
        actions = []
        for text, key, slot in specs:
            action = QAction(text, self)
            action.setShortcut(Keys(key))
            action.triggered.connect(slot)
            self.addAction(action)
            actions.append(action)
        self.schemaAction = QAction("Edit Label &Schema…", self)
        self.schemaAction.setShortcut(Keys("Ctrl+Shift+L"))
        self.schemaAction.triggered.connect(self.edit_schema)
        snap = QAction("&Snap Selections to Words", self, checkable=True)
        snap.toggled.connect(self._set_snap)
        self.snapAction = snap
        actions.append(snap)
        return actions

    def _build_navigate_menu(self, menu: QMenu) -> None:
        self._action(menu, "&Next Annotation", "Alt+Down", lambda: self.goto_annotation(1))
        self._action(menu, "&Previous Annotation", "Alt+Up", lambda: self.goto_annotation(-1))
        self._action(
            menu, "Next &Unannotated Paragraph", "Alt+PgDown", self.goto_unannotated_paragraph
        )
        menu.addSeparator()
        for key, text, widget in (
            ("Alt+1", "Go to &Documents", self.documentList),
            ("Alt+2", "Go to &Text", self.documentView),
            ("Alt+3", "Go to &Annotations", self.annotationList),
        ):
            self._action(menu, text, key, widget.setFocus)

    def _build_view_menu(self, menu: QMenu) -> None:
        self._action(menu, "Zoom &In", Keys.StandardKey.ZoomIn, lambda: self.zoom(1))
        self._action(menu, "Zoom &Out", Keys.StandardKey.ZoomOut, lambda: self.zoom(-1))
        self._action(menu, "&Reset Zoom", "Ctrl+0", lambda: self.zoom(0))
        menu.addSeparator()
        fonts = [("Serif Text", "serif"), ("Sans-serif Text", "sans")]
        self.fontActions = self._choice_group(menu, fonts, self.set_font_style)
        menu.addSeparator()
        self.themeActions = self._choice_group(
            menu, [(f"{t.title()} Theme", t) for t in THEMES], self.apply_theme
        )

    def _choice_group(self, menu: QMenu, items, slot) -> dict[str, QAction]:  # type: ignore[no-untyped-def]
        group = QActionGroup(self)
        actions = {}
        for text, value in items:
            action = QAction(text, self, checkable=True)
            action.triggered.connect(lambda _=False, v=value: slot(v))
            group.addAction(action)
            menu.addAction(action)
            actions[value] = action
        return actions

    def _action(self, menu, text, shortcut, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        action.setShortcut(Keys(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --------------------------------------------------------------- project
    def _load_project(self) -> None:
        self._load_schema()
        self.snap_to_words = self.project.get_setting("gui.snap_to_words", "1") == "1"
        self.snapAction.setChecked(self.snap_to_words)
        self._load_reading_prefs()
        self.fontActions[self.font_style].setChecked(True)
        self.themeActions[self.theme].setChecked(True)
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
        self.safety.refresh()  # banner, backup actions: this project's state

    def open_project(self, path: str | Path) -> None:
        if Path(path).resolve() == self.project.path.resolve():
            self.statusBar().showMessage("This project is already open.", 4000)
            return
        project = open_project_for_window(self, path)  # lock, or read-only if in use (#6)
        if project is None:
            return
        self.remember_scroll()
        self.project.close()
        self.replace_project(project)

    def replace_project(self, project: Project) -> None:
        """Show another project (or the same file after a backup was restored)."""
        self.project = project
        self.undoStack.clear()
        self.documentView.clear_document()
        self.session.replace_project(project)
        self._load_project()

    def refresh_documents(self) -> None:
        self.documentList.set_documents(self.project.documents())

    def _set_snap(self, on: bool) -> None:
        self.snap_to_words = on
        self._save_pref("gui.snap_to_words", "1" if on else "0")

    # -------------------------------------------------------------- document
    def open_document(self, document_id: int) -> None:
        """Show a document with its highlights, annotation list and remembered position."""
        self.remember_scroll()
        self._current_id = None
        self.close_document()  # free the old document before loading the new one
        gc.unfreeze()  # what the last document left may be collected again
        gc.disable()  # 50,000 new objects would trigger needless collections on the way
        try:
            self.documentView.show_document(self.session.open_document(document_id))
            self.annotationList.annotation_model.reload()
        finally:
            gc.enable()
        gc.freeze()  # long-lived now: keep them out of every later collection (tag latency)
        self._apply_label_filter()
        self.annotationPanel.show_annotation(None, None, [], {})
        self.documentList.select_document(document_id)
        self._save_pref(LAST_DOCUMENT, str(document_id))
        self._update_counts()
        self.restore_scroll()

    def close_document(self) -> None:
        """Show no document (the last one was removed, or another is about to open)."""
        self.documentView.clear_document()
        self.session.close_document()
        self.annotationList.annotation_model.reload()
        self.select_annotation(None)

    @property
    def document_id(self) -> int | None:
        return self.documentView.document_id

    def _on_document_chosen(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        if current is not None:
            self.open_document(int(current.data(0, Qt.ItemDataRole.UserRole)))

    def _on_annotation_chosen(self, index: QModelIndex) -> None:
        self.select_annotation(self.annotationList.annotation_model.annotation(index.row()).id)

    def annotation_tooltip(self, ids: list[int]) -> str:
        parts = []
        for ann_id in ids:
            ann = self._annotation(ann_id)
            if ann is None:
                continue
            attrs = html.escape(", ".join(f"{k}: {v}" for k, v in ann.attributes.items()))
            line = f"<b>{html.escape(ann.label)}</b>" + (f" — {attrs}" if attrs else "")
            if ann.note:  # user text: escaped, so "<" in a note is shown, not parsed
                line += f"<br><i>{html.escape(ann.note[:200])}</i>"
            parts.append(line)
        return "<hr>".join(parts)

    def _show_shortcuts(self) -> None:
        with text_gets_focus_back(self):
            QMessageBox.information(self, "Keyboard shortcuts", shortcut_table(self))

    # ------------------------------------------------------ import / export
    def import_files(self, paths: list[Path]) -> list[ImportOutcome]:
        """Import on the window's connection; the first new document is shown."""
        outcomes, _changes = self.session.import_files(paths)
        return outcomes

    def _ask_import(self) -> None:
        patterns = " ".join(f"*{s}" for s in supported_suffixes())
        with text_gets_focus_back(self):
            names, _ = QFileDialog.getOpenFileNames(
                self, "Import articles", "", f"Articles ({patterns});;All files (*)"
            )
        if names:
            import_and_report(self, [Path(n) for n in names])

    def _ask_open_project(self) -> None:
        with text_gets_focus_back(self):
            name, _ = QFileDialog.getOpenFileName(
                self, "Open project", str(self.project.path.parent),
                "Annotator projects (*.annotator *.db *.sqlite);;All files (*)",
            )  # fmt: skip
            if name:
                self.open_project(name)  # may ask: open read-only?

    def _ask_export(self) -> None:
        ExportDialog(self, self.project, self.document_id).exec()  # gives the focus back

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            import_and_report(self, paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.annotationPanel.commit_note()
        self.remember_scroll()
        save_panes(self)
        self.safety.timer.stop()  # no backup tick may reach the closed project afterwards
        self.project.close()
        super().closeEvent(event)


def _column(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for widget in widgets:
        layout.addWidget(widget)
    return box


def _bind(fn, *args):  # type: ignore[no-untyped-def]
    return lambda: fn(*args)


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
