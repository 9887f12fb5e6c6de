"""The main window: documents (left), the article (centre), annotations and the selected
annotation's attributes, note and links (right). Annotating, navigation and reading comfort
live in mixins of their own (``annotating.py``, ``navigation.py``, ``reading.py``)."""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
)

from annotator.core.plural import plural
from annotator.core.spans import Annotation
from annotator.gui.action_table import LABELS, label_actions, window_actions
from annotator.gui.actions import ActionRegistry
from annotator.gui.actor_registry import ActorRegistry
from annotator.gui.adjudication import AdjudicationDock
from annotator.gui.agreement_dialog import AgreementDialog
from annotator.gui.annotating import SNAP_SETTING, Annotating
from annotator.gui.annotation_list import AnnotationList
from annotator.gui.annotation_panel import AnnotationPanel
from annotator.gui.auto_train import AutoTrainer
from annotator.gui.claims_dock import ClaimsDock
from annotator.gui.commands import Edit
from annotator.gui.display import column
from annotator.gui.document_list import DocumentList
from annotator.gui.document_status import DocumentStatus
from annotator.gui.document_view import DocumentView
from annotator.gui.feed import ChangeFeed
from annotator.gui.identity import Identity
from annotator.gui.io_dialogs import import_and_report
from annotator.gui.layers import Layers
from annotator.gui.library import Library
from annotator.gui.library_dialogs import BulkImportDialog, MetadataDialog
from annotator.gui.merge_dialog import MergeReport
from annotator.gui.navigation import FindBar, Navigation
from annotator.gui.pane_state import arrange_panes, restore_panes, save_panes
from annotator.gui.project_menu import ProjectFiles
from annotator.gui.reading import THEMES, Reading, save_settings
from annotator.gui.safety import SafetyFeatures, open_project_for_window
from annotator.gui.shortcuts_help import show_shortcuts
from annotator.gui.static_label import StaticLabel
from annotator.gui.statistics_dialog import StatisticsDialog
from annotator.gui.suggestions_view import SuggestionsView
from annotator.gui.tag_all_review import TagAllOccurrences, offer_in_context_menus
from annotator.gui.train_dialog import TrainDialog
from annotator.services.changes import Changes
from annotator.services.importing import ImportOutcome
from annotator.services.session import Session
from annotator.store import Project

LAST_DOCUMENT = "gui.last_document"
_log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Composed of parts that get what they need in their constructors: ``annotating``
    (tag, edit, the current annotation), ``navigation``, ``reading``, ``library``, ``safety``;
    its actions come from one table (``gui/action_table.py``)."""

    def __init__(self, project_path: str | Path | Project) -> None:
        super().__init__()
        # A path is opened with the writer's lock (gui/safety.py offers read-only when in use).
        project = (
            project_path
            if isinstance(project_path, Project)
            else Project.open(project_path, lock=True)
        )
        self.session = Session(project)  # its author: self.identity, below
        self.feed = ChangeFeed(self.session, self)
        self.setAcceptDrops(True)
        self.resize(1320, 840)
        self._build_widgets()
        self._build_actions()
        self.identity = Identity(self)  # who annotates: status bar, first-edit prompt (#13)
        self.layers = Layers(self)  # View → Show Annotations Of (#13)
        self.annotating.may_edit = self.identity.ensure
        self.annotating.may_tag = self.layers.allows_tagging
        self.library = Library(self)  # filter, search, metadata (#4)
        self.tagAll = TagAllOccurrences(self)  # tag all occurrences, reviewed (#12)
        offer_in_context_menus(self, self.actionRegistry["tagall"])
        self.documentFilter = self.library.documentFilter
        self.searchPanel, self.searchDock = self.library.searchPanel, self.library.searchDock
        self.claimsDock = ClaimsDock(self)  # View → Claims (#12)
        self.actorRegistry = ActorRegistry(self)  # View → Actor Registry (#12)
        self.documentStatus = DocumentStatus(self)  # Ctrl+D, the status filter, "3 of 9 done"
        self.adjudicationDock = AdjudicationDock(self)  # View → Adjudicate (#13)
        self.suggestionsView = SuggestionsView(self)  # ghost outlines, Tab/Enter/Backspace (#15)
        # The corpus docks share the bottom as tabs: side by side they squeezed the document
        # list's titles into columns of single words.
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.actorRegistry)
        self.tabifyDockWidget(self.claimsDock, self.actorRegistry)
        self.tabifyDockWidget(self.actorRegistry, self.adjudicationDock)
        self.safety = SafetyFeatures(
            self, self.actionRegistry["backup"], self.actionRegistry["restore"]
        )
        self._load_project()
        arrange_panes(self.mainSplitter)  # once every pane is in place
        restore_panes(self)  # pane sizes and docks as the user left them

    # ------------------------------------------------------------------ setup
    def _build_widgets(self) -> None:
        self.documentList = DocumentList()
        self.documentView = DocumentView(
            self.session.spans, tooltip_for=lambda ids: self.annotating.tooltip(ids)
        )
        self.annotationList = AnnotationList(self.session.spans)
        self.annotationPanel = AnnotationPanel()
        self.findBar = FindBar(self.documentView, self)
        self.annotating = Annotating(
            self, self.session, self.documentView, self.annotationList, self.annotationPanel
        )
        self.undoStack = self.annotating.undoStack
        self.navigation = Navigation(
            self.session, self.documentView, self.annotationList, self.annotating,
            self.statusBar(),
        )  # fmt: skip
        self.labelFilter = self.navigation.labelFilter
        self.reading = Reading(self.session, self.documentView, self.statusBar())
        self.label_actions: dict[str, QAction] = {}
        # The library's last dialogs, for whoever needs them (tests read them).
        self.metadataDialog: MetadataDialog | None = None
        self.bulkImportDialog: BulkImportDialog | None = None
        self.bulkImportReport: QMessageBox | None = None
        self.statisticsDialog: StatisticsDialog | None = None
        self.mergeReport: MergeReport | None = None  # File → Merge Projects… (#13)
        self.agreementDialog: AgreementDialog | None = None  # Library → Agreement… (#13)
        self.trainDialog: TrainDialog | None = None  # Annotate → Train Model… (#15)
        self.autoTrainer = AutoTrainer(self)  # again after N new annotations (#15)
        centre = column(self.findBar, self.documentView)
        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("sideSplitter")
        right.addWidget(column(self.labelFilter, self.annotationList))
        right.addWidget(self.annotationPanel)
        right.setSizes([420, 380])
        self.mainSplitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        for widget in (self.documentList, centre, right):
            splitter.addWidget(widget)
        self.projects = ProjectFiles(self, splitter)  # the panes, or the welcome screen (#14)
        self.documentList.documentChosen.connect(self.open_document)
        self.annotationList.clicked.connect(self._on_annotation_chosen)
        self.annotationList.activated.connect(self._on_annotation_chosen)
        self.documentView.spanClicked.connect(self.select_annotation)
        self.documentView.spanCtrlClicked.connect(self.link_to)
        panel = self.annotationPanel
        panel.attributeEdited.connect(self.set_attribute)
        panel.noteEdited.connect(self.set_note)
        panel.linkRequested.connect(self.annotating.link_current)
        panel.unlinkRequested.connect(self.annotating.unlink)
        panel.linkedActivated.connect(self.select_annotation)
        panel.escaped.connect(self.documentView.setFocus)
        panel.attributeEditorLeft.connect(self.annotating.end_attribute_edit)
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

    def _build_actions(self) -> None:
        """Every action, menu and the label toolbar from the one table (gui/action_table.py)."""
        self.labelToolbar = QToolBar("Labels")
        self.labelToolbar.setObjectName("labelToolbar")
        self.labelToolbar.setMovable(False)
        self.labelToolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.labelToolbar)
        self.actionRegistry = registry = ActionRegistry(
            self, self.labelToolbar, "  Tag selection as: "
        )
        registry.declare(window_actions(self))
        self.fileMenu = registry.menus["&File"]
        self.annotateMenu = registry.menus["&Annotate"]
        self.libraryMenu = registry.menus["&Library"]
        self.quitAction = registry["quit"]
        self.deleteAction = registry["delete"]
        self.schemaAction = registry["schema"]
        self.snapAction = registry["snap"]
        self.searchAction = registry["search"]
        self.metadataAction = registry["metadata"]
        self.removeDocumentAction = registry["remove"]
        self.fontActions = {s: registry[f"font.{s}"] for s in ("serif", "sans")}
        self.themeActions = {t: registry[f"theme.{t}"] for t in THEMES}

    def set_label_actions(self) -> None:
        """The label keys follow the schema: the Annotate menu and the toolbar are rebuilt."""
        specs = label_actions(self, self.annotating.labels)
        built = self.actionRegistry.set_section(LABELS, specs)
        self.label_actions = {
            label.name: action for label, action in zip(self.annotating.labels, built, strict=True)
        }

    def say_done(self, verb: str, what: str) -> None:
        if what:
            self.statusBar().showMessage(f"{verb}: {what}", 6000)

    # --------------------------------------------------------------- project
    def _load_project(self) -> None:
        self._load_schema()
        snap = self.project.get_setting(SNAP_SETTING, "1") == "1"
        self.annotating.snap_to_words = snap
        self.snapAction.setChecked(snap)
        self.reading.load()
        self.fontActions[self.reading.font_style].setChecked(True)
        self.themeActions[self.reading.theme].setChecked(True)
        self.projects.project_loaded()  # title, recent list, the panes shown
        _log.info("project opened: %s%s", self.project.path, self._read_only_note())
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
        self.layers.refresh_status()

    def open_project(self, path: str | Path) -> None:
        if self.projects.is_open and Path(path).resolve() == self.project.path.resolve():
            self.statusBar().showMessage("This project is already open.", 4000)
            return
        project = open_project_for_window(self, path)  # lock, or read-only if in use (#6)
        if project is None:
            return
        if self.projects.is_open:
            self.navigation.remember_scroll()
            self.close_project_file()
        self.replace_project(project)

    def _read_only_note(self) -> str:
        return " (read-only)" if self.project.read_only else ""

    def close_project_file(self) -> None:
        """Close the project's file (another opened, File → Close Project), in the log too."""
        self.project.close()
        _log.info("project closed: %s", self.project.path)

    def replace_project(self, project: Project) -> None:
        """Show another project (or the same file after a backup was restored)."""
        self.undoStack.clear()
        self.documentView.clear_document()
        self.session.replace_project(project)
        self._load_project()

    def refresh_documents(self) -> None:
        self.documentList.show_project(self.project)

    # -------------------------------------------------------------- document
    def open_document(self, document_id: int) -> None:
        """Show a document with its highlights, annotation list and remembered position."""
        leaving = self.navigation.scroll_setting()  # saved below with the new last document
        known = len(self.project.problems)  # reading a text checks its hash (store/documents)
        self.close_document()  # free the old document before loading the new one
        gc.unfreeze()  # what the last document left may be collected again
        gc.disable()  # 50,000 new objects would trigger needless collections on the way
        try:
            self.documentView.show_document(self.session.open_document(document_id))
            self.annotationList.annotation_model.reload()
            self.suggestionsView.reload()
        finally:
            gc.enable()
        gc.freeze()  # long-lived now: keep them out of every later collection (tag latency)
        self.navigation.apply_label_filter()
        self.annotationPanel.show_annotation(None, None, [], {})
        self.documentList.select_document(document_id)
        save_settings(self.session, {**leaving, LAST_DOCUMENT: str(document_id)})  # one commit
        self._update_counts()
        self.navigation.restore_scroll()
        if len(self.project.problems) != known:
            self.safety.refresh()  # the banner names the problem, as for those found on open

    def close_document(self) -> None:
        """Show no document (the last one was removed, or another is about to open)."""
        self.documentView.clear_document()
        self.session.close_document()
        self.annotationList.annotation_model.reload()
        self.suggestionsView.reload()
        self.select_annotation(None)

    @property
    def document_id(self) -> int | None:
        return self.documentView.document_id

    # ----------------------------------------------------- following the feed
    def _follow_document(self, changes: Changes) -> None:
        """Which document is shown: the one a change is in (an undo elsewhere switches to it,
        read fresh); after a removal, the current one if it is left, else the first."""
        if changes.documents:
            self.refresh_documents()
        target = changes.document_id
        if target is not None and not changes.in_open_document:
            self.open_document(target)
        elif changes.documents:
            ids = self.documentList.document_ids()
            if self.document_id in ids:
                self.documentList.select_document(self.document_id)
            elif ids:
                self.open_document(ids[0])
            else:
                self.close_document()

    def _follow_labels(self, changes: Changes) -> None:
        if changes.labels:
            self._load_schema()

    def _follow_selection(self, changes: Changes) -> None:
        if changes.labels:
            self.navigation.apply_label_filter()
        self.annotating.follow_selection(changes)

    def _load_schema(self) -> None:
        """Labels, colours, keys or relation types (re)read: rebuild what lists them."""
        self.annotating.load_schema()
        self.set_label_actions()
        self.navigation.fill_label_filter(self.annotating.labels)

    def _update_counts(self, _changes: Changes | None = None) -> None:
        model = self.session.spans
        counts = {
            label.name: model.label_counts.get(label.name, 0) for label in self.annotating.labels
        }
        text = "   ".join(f"{name}: {n}" for name, n in counts.items())
        self.countsLabel.setText(
            f"{text}   ·   {plural(len(self.documentView.text), 'character', grouped=True)}"
        )
        if self.document_id is not None:
            self.documentList.update_count(self.document_id, len(model))

    def _on_annotation_chosen(self, index: QModelIndex) -> None:
        self.select_annotation(self.annotationList.annotation_model.annotation(index.row()).id)

    def annotation_tooltip(self, ids: list[int]) -> str:
        return self.annotating.tooltip(ids)

    def show_shortcuts(self) -> None:
        """Help → Keyboard Shortcuts (F1): the list made from the action registry."""
        show_shortcuts(self, self.actionRegistry)

    # ------------------------------------- the parts' public surface, delegated
    @property
    def project(self) -> Project:
        return self.session.project

    @property
    def colors(self) -> dict[str, str]:
        return self.annotating.colors

    @property
    def theme(self) -> str:
        return self.reading.theme

    def current_annotation(self) -> Annotation | None:
        return self.annotating.current_annotation()

    def select_annotation(self, annotation_id: int | None, *, scroll: bool = True) -> None:
        self.annotating.select_annotation(annotation_id, scroll=scroll)

    def tag_selection(self, label: str) -> Annotation | None:
        return self.annotating.tag_selection(label)

    def push(self, command: Edit) -> bool:
        return self.annotating.push(command)

    def report_error(self, exc: Exception) -> None:
        self.annotating.report_error(exc)

    def project_read_only(self) -> bool:
        return self.annotating.project_read_only()

    def delete_current_annotation(self) -> None:
        self.annotating.delete_current_annotation()

    def set_attribute(self, name: str, value: Any) -> None:
        self.annotating.set_attribute(name, value)

    def set_note(self, note: str) -> None:
        self.annotating.set_note(note)

    def cycle_overlapping(self) -> None:
        self.annotating.cycle_overlapping()

    def link_to(self, target_id: int) -> None:
        self.annotating.link_to(target_id)

    def goto_annotation(self, direction: int) -> None:
        self.navigation.goto_annotation(direction)

    def zoom(self, step: int) -> None:
        self.reading.zoom(step)

    def apply_theme(self, theme: str, *, save: bool = True) -> None:
        self.reading.apply_theme(theme, save=save)

    # ------------------------------------------------------ import / export
    def import_files(self, paths: list[Path]) -> list[ImportOutcome]:
        """Import on the window's connection; the first new document is shown."""
        outcomes, _changes = self.session.import_files(paths)
        return outcomes

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.projects.is_open:  # no project: nowhere to go
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if not self.projects.is_open:
            return
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            import_and_report(self, paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        save_panes(self)
        if self.trainDialog is not None:
            self.trainDialog.stop_and_wait()  # no thread left reading a closed project
        self.autoTrainer.stop_and_wait()
        self.projects.close_project()  # the note, the scroll position, the backup timer stopped
        super().closeEvent(event)
