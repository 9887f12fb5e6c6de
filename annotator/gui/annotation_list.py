"""The list of the open document's annotations (objectName ``annotationList``).

A model/view list so that a document with 50,000 spans opens instantly; rows are sorted by
position in the text, as a reader meets them.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from annotator.core.spans import Annotation

SNIPPET_CHARS = 80
AnyIndex = QModelIndex | QPersistentModelIndex


def _key(ann: Annotation) -> tuple[int, int, int]:
    return (ann.start, ann.end, ann.id)


class AnnotationListModel(QAbstractListModel):
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Annotation] = []
        self._keys: list[tuple[int, int, int]] = []
        self._colors: dict[str, QColor] = {}

    def set_colors(self, colors: dict[str, str]) -> None:
        self._colors = {name: QColor(value) for name, value in colors.items()}

    def reset(self, annotations: list[Annotation]) -> None:
        self.beginResetModel()
        self._rows = sorted(annotations, key=_key)
        self._keys = [_key(a) for a in self._rows]
        self.endResetModel()

    def insert(self, ann: Annotation) -> int:
        row = bisect_left(self._keys, _key(ann))
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, ann)
        self._keys.insert(row, _key(ann))
        self.endInsertRows()
        return row

    def remove(self, annotation_id: int) -> None:
        row = self.row_of(annotation_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        del self._keys[row]
        self.endRemoveRows()

    def row_of(self, annotation_id: int) -> int | None:
        for row, ann in enumerate(self._rows):
            if ann.id == annotation_id:
                return row
        return None

    def annotation(self, row: int) -> Annotation:
        return self._rows[row]

    def annotations(self) -> list[Annotation]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ann = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            snippet = " ".join(ann.text.split())
            if len(snippet) > SNIPPET_CHARS:
                snippet = snippet[: SNIPPET_CHARS - 1] + "…"
            return f"{ann.label}  ·  {snippet}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._colors.get(ann.label)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{ann.label} [{ann.start}, {ann.end})\n{ann.text}"
        if role == self.IdRole:
            return ann.id
        return None


class AnnotationList(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationList")
        self.annotation_model = AnnotationListModel()
        self.setModel(self.annotation_model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def select_annotation(self, annotation_id: int | None) -> None:
        row = None if annotation_id is None else self.annotation_model.row_of(annotation_id)
        if row is None:
            self.clearSelection()
            return
        index = self.annotation_model.index(row)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def current_annotation_id(self) -> int | None:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isSelected(index):
            return None
        return int(self.annotation_model.data(index, AnnotationListModel.IdRole))
