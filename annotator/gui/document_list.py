"""The corpus view (objectName ``documentList``): title, source, date and annotation counts.

Sortable by any column (numbers sort as numbers, dates as ISO strings) and filterable: a text
filter over title, source and date (every word must occur) and, optionally, a set of allowed
document ids (e.g. "has an Actor 'Kim Jong Un'", computed by the search service). A QTreeView
over :class:`DocumentRows`, which holds every row compactly and hands the view rows lazily.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from annotator.core.document import DocumentSummary
from annotator.gui.document_rows import COLUMNS, DATE, ID_ROLE, SOURCE, SPANS, TITLE, DocumentRows
from annotator.store import Project

SOURCE_MAX = 110  # px
SOURCE_MIN = 48  # px
TITLE_MARGINS = 12  # px the cell keeps around its text
__all__ = ["COLUMNS", "ID_ROLE", "DocumentList"]


class _WrappedTitles(QStyledItemDelegate):
    """Rows as tall as their wrapped title (QTreeView sizes rows without the column width)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        width = max(20, self.view.columnWidth(TITLE) - TITLE_MARGINS)
        text = str(index.data() or "")
        box = QRect(0, 0, width, 100_000)
        height = self.view.fontMetrics().boundingRect(box, Qt.TextFlag.TextWordWrap, text).height()
        return QSize(size.width(), max(size.height(), height + 6))


class DocumentList(QTreeView):
    renameRequested = Signal(int)  # document id (context menu → Rename…)
    removeRequested = Signal(int)  # document id (context menu → Remove Document…)
    documentChosen = Signal(int)  # the user made another document current

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentList")
        self.rows = DocumentRows(self)
        self.setModel(self.rows)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.rows.modelReset.connect(self._keep_current)
        self._current: int | None = None  # the document made current (kept across resets)
        self._quiet = False  # selecting from code: no documentChosen
        self._build_context_menu()
        self.setRootIsDecorated(False)
        self.setWordWrap(True)  # a long title wraps instead of being cut to a few words
        self.setItemDelegateForColumn(TITLE, _WrappedTitles(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # import order until a header is clicked
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, header.ResizeMode.Stretch)
        # The title gets the room; the other columns fit their contents, the source at most
        # SOURCE_MAX px (drag to widen; full values in the tooltip): a long source name would
        # squeeze the title to a few letters.
        for column in (SOURCE, DATE, SPANS):
            header.setSectionResizeMode(column, header.ResizeMode.Interactive)
        header.sectionResized.connect(self._title_resized)

    def show_project(self, project: Project) -> None:
        """The project's documents: one query for the rows, one grouped query for the counts,
        no text read (a title's tooltip asks for its length)."""
        self.rows.load(project.document_rows(), project.counts_by_document(),
                       project.document_length)  # fmt: skip
        self._fit_columns()

    def set_documents(
        self, documents: list[DocumentSummary], length_of: Callable[[int], int] | None = None
    ) -> None:
        """These rows; ``length_of(id)`` gives a title tooltip's length (else the summary's)."""
        lengths = {doc.id: doc.length for doc in documents}
        rows = [(d.id, d.title, d.source_name, d.source, d.date, d.status) for d in documents]
        counts = {d.id: d.counts_by_label for d in documents if d.counts_by_label}
        self.rows.load(rows, counts, length_of or lengths.__getitem__)
        for doc in documents:  # a summary's count may differ from its labels' (a test's row)
            self.rows.counts[self.rows.position[doc.id]] = doc.annotation_count
        self._fit_columns()

    def _keep_current(self) -> None:
        """After a sort or filter the same document stays current; filtered out, it stays open
        (no row is current) and is marked again when it is listed again."""
        if self._current is not None:
            self.select_document(self._current)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        document_id = self.rows.document_id(current.row())
        changed = document_id != self._current
        self._current = document_id
        if changed and not self._quiet:
            self.documentChosen.emit(document_id)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        if cursorAction == QAbstractItemView.CursorAction.MoveEnd:  # End: the last document
            self.rows.fetch_to(len(self.rows.order) - 1)
        return super().moveCursor(cursorAction, modifiers)

    def _title_resized(self, column: int, _old: int, _new: int) -> None:
        if column == TITLE:  # wrapped titles need new row heights
            self.scheduleDelayedItemsLayout()

    def _fit_columns(self) -> None:
        header = self.header()
        # A narrow list (the search dock open) gives the source a fifth of the width at most,
        # so the title keeps the room instead of wrapping into a column of single words.
        source_max = max(SOURCE_MIN, min(SOURCE_MAX, self.viewport().width() // 5))
        for column in (SOURCE, DATE, SPANS):
            fit = max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, min(fit, source_max) if column == SOURCE else fit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_columns()

    def _build_context_menu(self) -> None:
        self.contextMenu = QMenu(self)
        self.contextMenu.setObjectName("documentContextMenu")
        self._menu_document: int | None = None
        for text, signal in (("&Rename…", self.renameRequested),
                             ("Remove &Document…", self.removeRequested)):  # fmt: skip
            action = self.contextMenu.addAction(text)
            action.triggered.connect(lambda _=False, s=signal: self._emit_for_menu(s))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_context_menu)

    def _show_context_menu(self, pos: QPoint) -> None:
        """Right-click (or the Menu key) on a document: Rename…, Remove Document…"""
        index = self.indexAt(pos)
        if not index.isValid():
            index = self.currentIndex()
        if not index.isValid():
            return
        self._menu_document = self.rows.document_id(index.row())
        self.contextMenu.popup(self.viewport().mapToGlobal(pos))

    def _emit_for_menu(self, signal: SignalInstance) -> None:
        if self._menu_document is not None:
            signal.emit(self._menu_document)

    def update_count(self, document_id: int, count: int) -> None:
        self.rows.set_count(document_id, count)

    def select_document(self, document_id: int) -> None:
        row = self.rows.row_of(document_id)
        self._current = document_id
        if row is None:
            return
        self.rows.fetch_to(row)
        self._quiet = True
        try:
            self._make_current(self.rows.index(row, TITLE))
        finally:
            self._quiet = False

    def _make_current(self, index: QModelIndex) -> None:
        """Qt measures every row between the viewport and a far-off row it is asked to mark, so:
        unmark the old row while it is near the viewport, jump, and mark the new row there."""
        if index != self.currentIndex():
            self.selectionModel().clear()
            self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
            self.setCurrentIndex(index)

    def current_document_id(self) -> int | None:
        return self._current  # also while a filter hides it

    def document_ids(self) -> list[int]:
        """Every document's id in the list's current order (filtered-out rows included)."""
        return self.rows.ids(filtered=False)

    def visible_document_ids(self) -> list[int]:
        return self.rows.ids()

    # ------------------------------------------------------------------ filtering
    def set_filter(self, text: str) -> None:
        """Show only documents whose title, source or date contain every word of ``text``."""
        self.rows.words = text.lower().split()
        self.rows.rearrange()

    def set_status_filter(self, status: str | None) -> None:
        """Show only documents at this status (None: every status)."""
        self.rows.status = status
        self.rows.rearrange()

    def set_allowed_ids(self, ids: set[int] | None) -> None:
        """Show only these documents (None: no restriction)."""
        self.rows.allowed = None if ids is None else set(ids)
        self.rows.rearrange()
