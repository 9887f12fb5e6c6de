"""The list of the open document's annotations (objectName ``annotationList``).

A model/view list so that a document with 50,000 spans opens instantly; rows are sorted by
position in the text, as a reader meets them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, QStringListModel, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.core.spans import Annotation
from annotator.gui.display import clip, plain_tip, short

SNIPPET_CHARS = 80
EMPTY_HINT = (
    "No annotations yet.\n\nSelect text in the article, then press 1 (Claim) or 2 (Actor)."
    "\nF1 lists every shortcut."
)
AnyIndex = QModelIndex | QPersistentModelIndex


def _key(ann: Annotation) -> tuple[int, int, int]:
    return (ann.start, ann.end, ann.id)


class AnnotationListModel(QStringListModel):
    """Rows live in Qt's own string-list model, so the view's per-row bookkeeping (it walks
    every row on each insert) never calls into Python; only visible rows ask for ``data``."""

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Annotation] = []
        self._keys: list[tuple[int, int, int]] = []
        self._by_id: dict[int, Annotation] = {}
        self.label_counts: Counter[str] = Counter()
        self._colors: dict[str, QColor] = {}

    def set_colors(self, colors: dict[str, str]) -> None:
        self._colors = {name: QColor(value) for name, value in colors.items()}

    def reset(self, annotations: list[Annotation]) -> None:
        keys = [(a.start, a.end, a.id) for a in annotations]
        rows = list(annotations)
        if any(k1 > k2 for k1, k2 in pairwise(keys)):
            order = sorted(range(len(rows)), key=keys.__getitem__)
            rows = [rows[i] for i in order]
            keys = [keys[i] for i in order]
        self._rows, self._keys = rows, keys
        self._by_id = {a.id: a for a in rows}
        self.label_counts = Counter(a.label for a in rows)
        self.setStringList([""] * len(rows))  # display text comes from data(), row by row

    def insert(self, ann: Annotation) -> int:
        row = bisect_left(self._keys, _key(ann))
        self._rows.insert(row, ann)
        self._keys.insert(row, _key(ann))
        self._by_id[ann.id] = ann
        self.label_counts[ann.label] += 1
        self.insertRows(row, 1)
        return row

    def remove(self, annotation_id: int) -> None:
        row = self.row_of(annotation_id)
        if row is None:
            return
        ann = self._rows.pop(row)
        del self._keys[row]
        del self._by_id[ann.id]
        self.label_counts[ann.label] -= 1
        self.removeRows(row, 1)

    def row_of(self, annotation_id: int) -> int | None:
        ann = self._by_id.get(annotation_id)
        return None if ann is None else bisect_left(self._keys, _key(ann))

    def by_id(self, annotation_id: int) -> Annotation | None:
        return self._by_id.get(annotation_id)

    def annotation(self, row: int) -> Annotation:
        return self._rows[row]

    def annotations(self) -> list[Annotation]:
        return list(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        ann = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            snippet = short(ann.text, SNIPPET_CHARS)
            values = ", ".join(str(v) for v in ann.attributes.values())
            badge = f" [{values}]" if values else ""
            note = " ✎" if ann.note else ""
            return f"{ann.label}{badge}{note}  ·  {snippet}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._colors.get(ann.label)
        if role == Qt.ItemDataRole.ToolTipRole:
            attrs = "".join(f"\n{k}: {v}" for k, v in ann.attributes.items())
            note = f"\nNote: {clip(ann.note)}" if ann.note else ""
            return plain_tip(f"{ann.label} [{ann.start}, {ann.end}){attrs}{note}\n{clip(ann.text)}")
        if role == self.IdRole:
            return ann.id
        return None


class AnnotationList(QTableView):
    """A one-column table rather than a QListView: QListView re-lays out every row after each
    insert (4 ms at 50,000 rows), a table with fixed row heights only the new one (0.1 ms)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationList")
        self.annotation_model = AnnotationListModel()
        self.setModel(self.annotation_model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setShowGrid(False)
        self.setIconSize(QSize(14, 14))
        self.setWordWrap(False)
        # Label and badge at the start, the end of the span at the end; the tooltip has it all.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.annotation_model.rowCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            self.viewport().rect().adjusted(12, 12, -12, -12),
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
            EMPTY_HINT,
        )
        painter.end()

    def select_annotation(self, annotation_id: int | None) -> None:
        row = None if annotation_id is None else self.annotation_model.row_of(annotation_id)
        if row is None:
            self.clearSelection()
            return
        index = self.annotation_model.index(row)
        self.setCurrentIndex(index)
        self.scrollTo(index)
