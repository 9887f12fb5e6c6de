"""The project's documents (objectName ``documentList``): title and annotation counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from annotator.core.document import DocumentSummary

ID_ROLE = Qt.ItemDataRole.UserRole


class _Item(QTreeWidgetItem):
    def __lt__(self, other: QTreeWidgetItem) -> bool:  # numbers sort as numbers
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        mine, theirs = (
            self.data(column, Qt.ItemDataRole.UserRole + 1),
            other.data(column, Qt.ItemDataRole.UserRole + 1),
        )
        if mine is not None and theirs is not None:
            return bool(mine < theirs)
        return self.text(column).lower() < other.text(column).lower()


class DocumentList(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentList")
        self.setHeaderLabels(["Document", "Spans"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # import order until a header is clicked
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, self.header().ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, self.header().ResizeMode.ResizeToContents)

    def set_documents(self, documents: list[DocumentSummary]) -> None:
        current = self.current_document_id()
        self.blockSignals(True)
        self.clear()
        for doc in documents:
            item = _Item([doc.title, str(doc.annotation_count)])
            item.setData(0, ID_ROLE, doc.id)
            item.setData(1, Qt.ItemDataRole.UserRole + 1, doc.annotation_count)
            item.setToolTip(0, f"{doc.title}\n{doc.source_name} · {doc.length:,} characters")
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.addTopLevelItem(item)
        self.blockSignals(False)
        if current is not None:
            self.select_document(current)

    def update_count(self, document_id: int, count: int) -> None:
        item = self._item(document_id)
        if item is not None:
            item.setText(1, str(count))
            item.setData(1, Qt.ItemDataRole.UserRole + 1, count)

    def select_document(self, document_id: int) -> None:
        item = self._item(document_id)
        if item is not None:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)

    def current_document_id(self) -> int | None:
        item = self.currentItem()
        return None if item is None else int(item.data(0, ID_ROLE))

    def document_ids(self) -> list[int]:
        return [int(self.topLevelItem(i).data(0, ID_ROLE)) for i in range(self.topLevelItemCount())]

    def _item(self, document_id: int) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item.data(0, ID_ROLE) == document_id:
                return item
        return None
