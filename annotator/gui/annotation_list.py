"""The list of the open document's annotations (objectName ``annotationList``).

A model/view list so that a document with 50,000 spans opens instantly; rows are sorted by
position in the text, as a reader meets them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, QStringListModel, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.core.spans import Annotation
from annotator.gui.display import clip, plain_tip, short
from annotator.services.changes import Changes
from annotator.services.document_spans import DocumentSpans

SNIPPET_CHARS = 80
EMPTY_HINT = (
    "No annotations yet.\n\nSelect text in the article, then press 1 (Claim) or 2 (Actor)."
    "\nF1 lists every shortcut."
)
AnyIndex = QModelIndex | QPersistentModelIndex
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DISPLAY, _DECORATION, _TOOLTIP = (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
)  # fmt: skip
_CACHED_ROWS = 2_000  # display strings kept; a screenful asks for a few dozen per paint


def _key(ann: Annotation) -> tuple[int, int, int]:
    return (ann.start, ann.end, ann.id)


class AnnotationListModel(QStringListModel):
    """The rows of the open document's spans (``DocumentSpans``, shared with the highlighter).

    Row count lives in Qt's own string-list model, so the view's per-row bookkeeping (it walks
    every row on each insert) never calls into Python; only visible rows ask for ``data``."""

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, spans: DocumentSpans | None = None) -> None:
        super().__init__()
        self.spans = spans if spans is not None else DocumentSpans()
        # Every paint asks each visible row again: its text and colour are built once per
        # annotation (by id; an update or a reload drops them) rather than on every repaint.
        self._texts: dict[int, str] = {}
        self._colors: dict[str, QColor] = {}
        self._roles = {_DISPLAY, _DECORATION, _TOOLTIP, self.IdRole}

    @property
    def label_counts(self) -> Counter[str]:
        return self.spans.label_counts

    def reload(self) -> None:
        """The spans were replaced (another document, a schema change): show them all."""
        self._texts.clear()
        self._colors.clear()
        self.setStringList([""] * len(self.spans))  # display text comes from data()

    def reset(self, annotations: list[Annotation]) -> None:
        """Show ``annotations`` as the open document's spans (the shared model is replaced)."""
        self.spans.reset(self.spans.document_id, annotations)
        self.reload()

    def follow(self, changes: Changes) -> None:
        """The spans already hold ``changes``: add and remove the rows that moved."""
        if len(changes.added) + len(changes.removed) + len(changes.updated) > 1:
            self.reload()
            return
        for gone in (*changes.removed, *(old for old, _ in changes.updated)):
            self._texts.pop(gone.id, None)
        for ann in changes.removed:
            self.removeRows(self._former_row(ann), 1)
        for old, new in changes.updated:
            self.removeRows(self._former_row(old, new), 1)
            self.insertRows(self._row(new), 1)
        for ann in changes.added:
            self.insertRows(self._row(ann), 1)

    def _row(self, ann: Annotation) -> int:
        row = self.spans.row_of(ann.id)
        return len(self.spans) - 1 if row is None else row

    def _former_row(self, gone: Annotation, instead: Annotation | None = None) -> int:
        """The row ``gone`` had before it left (``instead`` took its place in the spans)."""
        row = self.spans.rank(_key(gone))
        if instead is not None and _key(instead) < _key(gone):
            row -= 1
        return row

    def row_of(self, annotation_id: int) -> int | None:
        return self.spans.row_of(annotation_id)

    def by_id(self, annotation_id: int) -> Annotation | None:
        return self.spans.by_id(annotation_id)

    def annotation(self, row: int) -> Annotation:
        return self.spans.annotation(row)

    def annotations(self) -> list[Annotation]:
        return self.spans.annotations()

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _FLAGS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in self._roles:
            return None  # the many roles a delegate asks about that a row does not set
        row = index.row()
        if not index.isValid() or row >= len(self.spans):
            return None
        ann = self.spans.annotation(row)
        if role == _DECORATION:
            return self._color(ann.label)
        if role == _DISPLAY:
            text = self._texts.get(ann.id)
            if text is None:
                if len(self._texts) >= _CACHED_ROWS:
                    self._texts.clear()
                text = self._texts[ann.id] = _row_text(ann)
            return text
        if role == _TOOLTIP:
            attrs = "".join(f"\n{k}: {v}" for k, v in ann.attributes.items())
            note = f"\nNote: {clip(ann.note)}" if ann.note else ""
            return plain_tip(f"{ann.label} [{ann.start}, {ann.end}){attrs}{note}\n{clip(ann.text)}")
        if role == self.IdRole:
            return ann.id
        return None

    def _color(self, label: str) -> QColor | None:
        name = self.spans.colors.get(label)
        if name is None:
            return None
        color = self._colors.get(name)
        if color is None:
            color = self._colors[name] = QColor(name)
        return color


def _row_text(ann: Annotation) -> str:
    """A row's text: label, attribute values, a mark if it has a note, and the snippet."""
    snippet = short(ann.text, SNIPPET_CHARS)
    values = ", ".join(str(v) for v in ann.attributes.values())
    badge = f" [{values}]" if values else ""
    note = " ✎" if ann.note else ""
    return f"{ann.label}{badge}{note}  ·  {snippet}"


class AnnotationList(QTableView):
    """A one-column table rather than a QListView: QListView re-lays out every row after each
    insert (4 ms at 50,000 rows), a table with fixed row heights only the new one (0.1 ms)."""

    def __init__(self, spans: DocumentSpans | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationList")
        self.annotation_model = AnnotationListModel(spans)
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

    def follow(self, changes: Changes) -> None:
        """The feed's ``changed``: rows of the open document follow its spans."""
        if changes.labels:
            self.annotation_model.reload()
        elif changes.in_open_document and changes.spans:
            self.annotation_model.follow(changes)

    def select_annotation(self, annotation_id: int | None) -> None:
        row = None if annotation_id is None else self.annotation_model.row_of(annotation_id)
        if row is None:
            self.clearSelection()
            return
        index = self.annotation_model.index(row)
        self.setCurrentIndex(index)
        self.scrollTo(index)
