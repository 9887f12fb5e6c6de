"""The document list's model: every document's row held compactly, shown lazily (issue #11).

One query gives (id, title, source, date) of every document and one grouped query its counts;
no text is read (a title's tooltip asks for its length on demand). The rows live in parallel
lists; sorting and filtering reorder a list of positions, then reset the model once. The view
asks for rows as it needs them (``canFetchMore``/``fetchMore``), so wrapped titles, whose height
depends on their text, are measured for the rows scrolled to, not for 100,000 at start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from annotator.core.actors import status_label
from annotator.core.plural import plural
from annotator.gui.display import plain_tip

ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Title", "Source", "Date", "Spans")
TITLE, SOURCE, DATE, SPANS = range(len(COLUMNS))
#: A title's mark for its document's status (its tooltip and the status filter say the words).
STATUS_MARKS = {"new": "", "in_progress": "◐ ", "done": "✓ "}
BATCH = 64  # rows handed to the view at a time (a screenful or two)
Index = QModelIndex | QPersistentModelIndex
Row = tuple[int, str, str, str, str, str]  # id, title, source_name, source, date, status
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class DocumentRows(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.counts: list[int] = []
        self.by_label: dict[int, dict[str, int]] = {}
        self.length_of: Callable[[int], int] = lambda _id: 0
        self.position: dict[int, int] = {}  # id -> index into rows
        self.order: list[int] = []  # positions listed (sorted, filtered)
        self.shown = 0  # how many of ``order`` the view has been given
        self._last_row = 0  # the row ``row_of`` found last
        self._haystacks: list[str] | None = None  # what the filter reads (made when asked)
        self.words: list[str] = []
        self.allowed: set[int] | None = None
        self.status: str | None = None  # only documents at this status (None: all)
        self.sort_key: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    # ----------------------------------------------------------------- contents
    def load(
        self, rows: list[Row], counts: dict[int, dict[str, int]], length_of: Callable[[int], int]
    ) -> None:
        self.rows, self.by_label, self.length_of = rows, counts, length_of
        self.counts = [sum(counts[r[0]].values()) if r[0] in counts else 0 for r in rows]
        self.position = {r[0]: i for i, r in enumerate(rows)}
        self._haystacks = None
        self.rearrange()

    def set_count(self, document_id: int, count: int) -> None:
        at = self.position.get(document_id)
        if at is None:
            return
        self.counts[at] = count
        row = self.row_of(document_id)
        if row is not None and row < self.shown:
            cell = self.index(row, SPANS)
            self.dataChanged.emit(cell, cell)

    def rearrange(self) -> None:
        """Filter and sort the positions, then one reset (the view re-lays out what it shows)."""
        self.beginResetModel()
        self.order = self.arranged(filtered=True)
        self.shown = min(BATCH, len(self.order))
        self.endResetModel()

    def arranged(self, *, filtered: bool) -> list[int]:
        """The positions in the list's order, only those the filter keeps if ``filtered``."""
        keep = self._filtered() if filtered else list(range(len(self.rows)))
        column, order = self.sort_key
        if column >= 0:
            keep.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        return keep

    def _filtered(self) -> list[int]:
        if not self.words and self.allowed is None and self.status is None:
            return list(range(len(self.rows)))
        if self._haystacks is None and self.words:
            self._haystacks = [" ".join((r[1], r[3], r[4])).lower() for r in self.rows]
        hay, rows, allowed = self._haystacks or [], self.rows, self.allowed
        keep = list(range(len(rows)))
        if allowed is not None:
            keep = [i for i in keep if rows[i][0] in allowed]
        if self.status is not None:
            keep = [i for i in keep if rows[i][5] == self.status]
        for word in self.words:  # one tight pass per word (100,000 rows: ~10 ms each)
            keep = [i for i in keep if word in hay[i]]
        return keep

    def _sort_key(self, column: int) -> Callable[[int], Any]:
        if column == SPANS:
            return self.counts.__getitem__
        field = {TITLE: 1, SOURCE: 3, DATE: 4}[column]
        keys = [str(r[field]).lower() for r in self.rows]
        return keys.__getitem__

    # ------------------------------------------------------------------ finding
    def document_id(self, row: int) -> int:
        return self.rows[self.order[row]][0]

    def ids(self, *, filtered: bool = True) -> list[int]:
        """The ids listed (``filtered=False``: every document's, in the same order)."""
        rows = self.rows
        unfiltered = not self.words and self.allowed is None and self.status is None
        order = self.order if filtered or unfiltered else self.arranged(filtered=False)
        return [rows[i][0] for i in order]

    def row_of(self, document_id: int) -> int | None:
        """The document's row, if listed (the last answer is kept: asked again on each tag)."""
        at = self.position.get(document_id)
        if at is None:
            return None
        row = self._last_row
        if not (row < len(self.order) and self.order[row] == at):
            try:
                row = self.order.index(at)  # a scan in C: about 1 ms per 100,000 rows
            except ValueError:
                return None
            self._last_row = row
        return row

    def fetch_to(self, row: int) -> None:
        """Hand the view every row up to ``row`` (to select a document further down)."""
        if row >= self.shown:
            last = min(len(self.order), row + 1 + BATCH) - 1
            self.beginInsertRows(QModelIndex(), self.shown, last)
            self.shown = last + 1
            self.endInsertRows()

    # ------------------------------------------------------------ Qt's model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self.shown < len(self.order)

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self.fetch_to(self.shown)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_key = (column, order)
        self.rearrange()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        at, column = self.order[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return STATUS_MARKS.get(self.rows[at][5], "") + self.rows[at][1]
            return str(self.counts[at]) if column == SPANS else self.rows[at][(1, 3, 4)[column]]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(at, column)
        if role == ID_ROLE:
            return self.rows[at][0]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SPANS:
            return int(_RIGHT.value)
        return None

    def _tooltip(self, at: int, column: int) -> str | None:
        doc_id, title, source_name = self.rows[at][:3]
        if column == TITLE:
            chars = plural(self.length_of(doc_id), "character", grouped=True)
            status = status_label(self.rows[at][5])
            return plain_tip(f"{title}\n{source_name} · {chars} · {status}")
        if column == SPANS:  # user strings: never HTML
            counts = self.by_label.get(doc_id)
            if not counts:
                return plain_tip("No annotations")
            return plain_tip("\n".join(f"{label}: {n}" for label, n in sorted(counts.items())))
        return None
