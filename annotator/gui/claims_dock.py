"""View → Claims (issue #12): one row per claim of the project, sortable and filterable.

The rows come from ``services/claims.py`` (``claim_rows``). Enter or a double-click opens the
claim's document and selects the claim (the side panel shows it). The table follows the
ChangeFeed: a change to spans, links, attributes, actors or documents marks it stale, and it is
read again only while the dock is visible (or when it is shown next).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.plural import plural
from annotator.services.changes import Changes
from annotator.services.claims import ClaimRow, claim_rows

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex
#: (header, ClaimRow field) of each column, in order.
REFRESH_DELAY_MS = 400  # after the last change
COLUMNS = (
    ("Claim", "text"), ("Claimant", "claimant"), ("Stance", "stance"),
    ("Certainty", "certainty"), ("Document", "title"), ("Source", "source"), ("Date", "date"),
    ("Note", "note"),
)  # fmt: skip


class ClaimsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ClaimRow] = []

    def set_rows(self, rows: list[ClaimRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(COLUMNS)

    def cell(self, row: int, column: int) -> str:
        return str(getattr(self.rows[row], COLUMNS[column][1]))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(self.cell(index.row(), index.column()).split())  # one line
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell(index.row(), index.column())  # the view shows it as plain text
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None


class ClaimsFilter(QSortFilterProxyModel):
    """Rows where every word typed appears in some column (case-insensitive)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_words(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10: invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self.words = text.casefold().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt before 6.10
            self.words = text.casefold().split()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not self.words or not isinstance(model, ClaimsModel):
            return True
        line = "\n".join(model.cell(source_row, c) for c in range(len(COLUMNS))).casefold()
        return all(word in line for word in self.words)


class ClaimsPanel(QWidget):
    """The filter box, the table and a count line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClaimsModel(self)
        self.proxy = ClaimsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setObjectName("claimsFilter")
        self.filter.setPlaceholderText("Filter claims: words in any column")
        self.filter.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setObjectName("claimsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # document order until asked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.count = QLabel()
        self.count.setObjectName("claimsCount")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget in (self.filter, self.table, self.count):
            layout.addWidget(widget)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self._enter_table)

    def set_rows(self, rows: list[ClaimRow]) -> None:
        first = self.model.rowCount() == 0
        self.model.set_rows(rows)
        if first and rows:  # widths from the first rows, once: later refreshes keep the user's
            self.table.resizeColumnsToContents()
            for column in range(len(COLUMNS)):
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))
        self._count()

    def row_at(self, index: QModelIndex) -> ClaimRow:
        return self.model.rows[self.proxy.mapToSource(index).row()]

    def _filter(self, text: str) -> None:
        self.proxy.set_words(text)
        self._count()

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = plural(total, "claim") if shown == total else f"{shown} of {plural(total, 'claim')}"
        self.count.setText(text)

    def _enter_table(self) -> None:
        """Enter in the filter box: to the first row shown."""
        if self.proxy.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)


class ClaimsDock(QDockWidget):
    """The dock of the window (objectName ``claimsDock``); hidden until View → Claims."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__("Claims", window)
        self.setObjectName("claimsDock")
        self.window_ = window
        self.panel = ClaimsPanel(self)
        self.setWidget(self.panel)
        self.stale = True
        # Changes arrive with every key; the table is read again once they pause (a tag must
        # not wait for the whole corpus' claims: issue #11, key to paint).
        self.pending = QTimer(self)
        self.pending.setSingleShot(True)
        self.pending.setInterval(REFRESH_DELAY_MS)
        self.pending.timeout.connect(self._refresh_if_stale)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self.hide()
        window.feed.changed.connect(self.follow)
        self.visibilityChanged.connect(self._shown)
        self.panel.table.activated.connect(self.open_claim)  # Enter (and a double-click
        self.panel.table.doubleClicked.connect(self.open_claim)  # where the style says so)

    def show_claims(self) -> None:
        """View → Claims: show the dock, read fresh, keyboard in the filter box."""
        self.show()
        self.raise_()
        self.refresh()
        self.panel.filter.setFocus()

    def refresh(self) -> None:
        self.panel.set_rows(claim_rows(self.window_.project))
        self.stale = False

    def follow(self, changes: Changes) -> None:
        if changes.spans or changes.relations or changes.actors or changes.documents or (
            changes.labels or changes.reloaded
        ):  # fmt: skip
            self.stale = True
            if self.isVisible():
                self.pending.start()

    def _shown(self, visible: bool) -> None:
        if visible and self.stale:
            self.refresh()

    def _refresh_if_stale(self) -> None:
        if self.stale and self.isVisible():
            self.refresh()

    def open_claim(self, index: QModelIndex) -> None:
        """Open the claim's document and select the claim in the text and the side panel."""
        row = self.panel.row_at(index)
        window = self.window_
        if window.document_id != row.document_id:
            window.open_document(row.document_id)
        window.select_annotation(row.id)
        window.documentView.setFocus(Qt.FocusReason.OtherFocusReason)
