"""The corpus view (objectName ``documentList``): title, source, date and annotation counts.

Sortable by any column (numbers sort as numbers, dates as ISO strings) and filterable: a text
filter over title, source and date (every word must occur) and, optionally, a set of allowed
document ids (e.g. "has an Actor 'Kim Jong Un'", computed by the search service).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from annotator.core.document import DocumentSummary
from annotator.core.plural import plural
from annotator.gui.display import plain_tip
from annotator.store import Project

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Title", "Source", "Date", "Spans")
TITLE, SOURCE, DATE, SPANS = range(len(COLUMNS))
SOURCE_MAX = 110  # px
SOURCE_MIN = 48  # px
TITLE_MARGINS = 12  # px the cell keeps around its text


class _Item(QTreeWidgetItem):
    """One row; its tooltips are made when asked for (hover), not for every row at start."""

    def __init__(self, doc: DocumentSummary, length_of: Callable[[int], int] | None) -> None:
        super().__init__([doc.title, doc.source, doc.date, str(doc.annotation_count)])
        self.doc = doc
        self.length_of = length_of
        self.haystack = " ".join((doc.title, doc.source, doc.date)).lower()  # what filters see

    def data(self, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            length = self.doc.length if self.length_of is None else self.length_of(self.doc.id)
            chars = plural(length, "character", grouped=True)
            return plain_tip(f"{self.doc.title}\n{self.doc.source_name} · {chars}")
        if role == Qt.ItemDataRole.ToolTipRole and column == SPANS:
            return plain_tip(_counts_tooltip(self.doc))  # user strings: never HTML
        return super().data(column, role)

    def __lt__(self, other: QTreeWidgetItem) -> bool:  # numbers sort as numbers
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        mine, theirs = self.data(column, SORT_ROLE), other.data(column, SORT_ROLE)
        if mine is not None and theirs is not None:
            return bool(mine < theirs)
        return self.text(column).lower() < other.text(column).lower()


class _WrappedTitles(QStyledItemDelegate):
    """Rows as tall as their wrapped title (QTreeView sizes rows without the column width)."""

    def __init__(self, view: QTreeWidget) -> None:
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


def _counts_tooltip(doc: DocumentSummary) -> str:
    if not doc.counts_by_label:
        return "No annotations"
    return "\n".join(f"{label}: {n}" for label, n in sorted(doc.counts_by_label.items()))


class DocumentList(QTreeWidget):
    renameRequested = Signal(int)  # document id (context menu → Rename…)
    removeRequested = Signal(int)  # document id (context menu → Remove Document…)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentList")
        self._build_context_menu()
        self.setHeaderLabels(list(COLUMNS))
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
        self._by_id: dict[int, _Item] = {}
        self._filter_words: list[str] = []
        self._allowed: set[int] | None = None

    def show_project(self, project: Project) -> None:
        """The project's documents, no text read (a title's tooltip asks for its length)."""
        self.set_documents(project.documents(lengths=False), project.document_length)

    def set_documents(
        self, documents: list[DocumentSummary], length_of: Callable[[int], int] | None = None
    ) -> None:
        """Every row at once; ``length_of(id)`` gives a title tooltip's length on demand (else
        the summary's). Counts' tooltips come from the summary (one grouped query)."""
        current = self.current_document_id()
        self.blockSignals(True)
        self.clear()
        items = [self._new_item(doc, length_of) for doc in documents]
        self._by_id = {doc.id: item for doc, item in zip(documents, items, strict=True)}
        for item in items:  # one by one: addTopLevelItems would sort them
            self.addTopLevelItem(item)
        if self._filter_words or self._allowed is not None:
            self._refilter()
        self.blockSignals(False)
        self._fit_columns()
        if current is not None:
            self.select_document(current)

    @staticmethod
    def _new_item(doc: DocumentSummary, length_of: Callable[[int], int] | None) -> _Item:
        item = _Item(doc, length_of)
        item.setData(TITLE, ID_ROLE, doc.id)
        item.setData(SPANS, SORT_ROLE, doc.annotation_count)
        item.setTextAlignment(SPANS, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

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
        item = self.itemAt(pos) or self.currentItem()
        if item is None:
            return
        self._menu_document = int(item.data(TITLE, ID_ROLE))
        self.contextMenu.popup(self.viewport().mapToGlobal(pos))

    def _emit_for_menu(self, signal: SignalInstance) -> None:
        if self._menu_document is not None:
            signal.emit(self._menu_document)

    def update_count(self, document_id: int, count: int) -> None:
        item = self._item(document_id)
        if item is not None:
            item.setText(SPANS, str(count))
            item.setData(SPANS, SORT_ROLE, count)

    def select_document(self, document_id: int) -> None:
        item = self._item(document_id)
        if item is not None:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)

    def current_document_id(self) -> int | None:
        item = self.currentItem()
        return None if item is None else int(item.data(TITLE, ID_ROLE))

    def document_ids(self) -> list[int]:
        """Every document's id in the list's current order (hidden rows included)."""
        return [int(item.data(TITLE, ID_ROLE)) for item in self._items()]

    def visible_document_ids(self) -> list[int]:
        return [int(item.data(TITLE, ID_ROLE)) for item in self._items() if not item.isHidden()]

    # ------------------------------------------------------------------ filtering
    def set_filter(self, text: str) -> None:
        """Show only documents whose title, source or date contain every word of ``text``."""
        self._filter_words = text.lower().split()
        self._refilter()

    def set_allowed_ids(self, ids: set[int] | None) -> None:
        """Show only these documents (None: no restriction)."""
        self._allowed = None if ids is None else set(ids)
        self._refilter()

    def _refilter(self) -> None:
        words, allowed = self._filter_words, self._allowed
        self.setUpdatesEnabled(False)
        for document_id, item in self._by_id.items():
            visible = all(word in item.haystack for word in words) and (
                allowed is None or document_id in allowed
            )
            if item.isHidden() == visible:
                item.setHidden(not visible)
        self.setUpdatesEnabled(True)

    def _item(self, document_id: int) -> _Item | None:
        return self._by_id.get(document_id)

    def _items(self) -> list[QTreeWidgetItem]:
        """The list's rows, in order."""
        found = (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
        return [item for item in found if item is not None]
