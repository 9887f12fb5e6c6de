"""View → Adjudicate (issue #13 item 4): the open document's units, one row each, with a column
per annotator and the curated layer.

Keys in the table (objectName ``adjudicationView``): Up/Down move (the text shows the row's
span as the current one), ``1``..``9`` accept annotator N's version of the row (replacing a
different curated version, one undo step), ``A`` or Ctrl+Shift+A accept every agreed span,
Delete removes the row's curated span, Enter selects the row's span in the text and gives the
keyboard to it. Each edit is a command on the window's undo stack (``gui/commands.py``).
Agreed rows are calm green; rows where annotators differ are orange.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.curation import CURATION, Unit
from annotator.core.plural import plural
from annotator.core.spans import Annotation
from annotator.gui.claims_dock import REFRESH_DELAY_MS
from annotator.gui.commands import Accept, DeleteAnnotation
from annotator.services.changes import Changes
from annotator.services.curation import document_units

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex
AGREED, DIFFERENT = QColor("#e3f1e3"), QColor("#fde0c2")
NONE = "—"
Key = Qt.Key
_DIGITS = {getattr(Key, f"Key_{n}"): n for n in range(1, 10)}


def cell_text(ann: Annotation | None) -> str:
    return NONE if ann is None else f"{' '.join(ann.text.split())} [{ann.label}]"


class AdjudicationModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.authors: list[str] = []
        self.units: list[Unit] = []

    def set_units(self, authors: list[str], units: list[Unit]) -> None:
        self.beginResetModel()
        self.authors, self.units = authors, units
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self.authors) + 1

    def column_author(self, column: int) -> str:
        return self.authors[column] if column < len(self.authors) else CURATION

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        unit = self.units[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_text(unit.spans.get(self.column_author(index.column())))
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(AGREED if unit.agreed(self.authors) else DIFFERENT)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section >= len(self.authors):
                return "Curation"
            return f"{section + 1}: {self.authors[section] or '(nobody named)'}"
        return None


class AdjudicationTable(QTableView):
    """Takes its keys before the window's shortcuts (label keys, Delete) while it has focus."""

    def __init__(self, dock: AdjudicationDock) -> None:
        super().__init__()
        self.dock = dock
        self.setObjectName("adjudicationView")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def _action(self, event: QKeyEvent) -> object:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods == Qt.KeyboardModifier.NoModifier
        ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        dock = self.dock
        if key in _DIGITS and plain:
            return lambda: dock.accept_version(_DIGITS[key] - 1)
        if key == Key.Key_A and (plain or mods == ctrl_shift):
            return dock.accept_all_agreed
        if key in (Key.Key_Delete, Key.Key_Backspace) and plain:
            return dock.delete_curated
        if key in (Key.Key_Return, Key.Key_Enter) and plain:
            return dock.show_in_text
        return None

    def event(self, event: QEvent) -> bool:
        overrides = event.type() == QEvent.Type.ShortcutOverride
        if overrides and isinstance(event, QKeyEvent) and self._action(event) is not None:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._action(event)
        if callable(action):
            action()
            event.accept()
            return
        super().keyPressEvent(event)


class AdjudicationDock(QDockWidget):
    """The dock of the window (objectName ``adjudicationDock``); hidden until View →
    Adjudicate."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__("Adjudicate", window)
        self.setObjectName("adjudicationDock")
        self.window_ = window
        self.model = AdjudicationModel(self)
        self.table = AdjudicationTable(self)
        self.table.setModel(self.model)
        self.hint = QLabel("1–9: accept that annotator's version · A: accept all agreed · "
                           "Delete: remove the curated span · Enter: show in the text")  # fmt: skip
        self.hint.setObjectName("adjudicationHint")
        self.acceptAllButton = QPushButton("Accept All &Agreed")
        self.acceptAllButton.setObjectName("acceptAllAgreed")
        self.acceptAllButton.clicked.connect(self.accept_all_agreed)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.acceptAllButton)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.setWidget(body)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self.hide()
        self.pending = QTimer(self)
        self.pending.setSingleShot(True)
        self.pending.setInterval(REFRESH_DELAY_MS)
        self.pending.timeout.connect(self.refresh)
        self.visibilityChanged.connect(self._shown)
        window.feed.changed.connect(self.follow)
        window.documentList.documentChosen.connect(lambda _id: self.follow(Changes(_id)))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

    # ------------------------------------------------------------- showing
    def show_view(self) -> None:
        """View → Adjudicate: show the dock, read fresh, keyboard in the table."""
        self.show()
        self.raise_()
        self.refresh()
        self.table.setFocus()
        if self.model.units and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def refresh(self) -> None:
        row = self.table.currentIndex().row()
        document_id = self.window_.document_id
        if document_id is None:
            self.model.set_units([], [])
            return
        self.model.set_units(*document_units(self.window_.project, document_id))
        if self.model.units and row >= 0:
            self.table.selectRow(min(row, len(self.model.units) - 1))

    def follow(self, changes: Changes) -> None:
        """Read again at once after the table's own keys (and undo from it); after edits in
        the text, once they pause (a tag must not wait for the table: issue #11)."""
        if self.isVisible() and (changes.spans or changes.labels or changes.reloaded or (
            changes.document_id is not None or changes.documents
        )):  # fmt: skip
            if self.table.hasFocus():
                self.refresh()
            else:
                self.pending.start()

    def _shown(self, visible: bool) -> None:
        if visible:
            self.refresh()

    def current_unit(self) -> Unit | None:
        row = self.table.currentIndex().row()
        return self.model.units[row] if 0 <= row < len(self.model.units) else None

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        unit = self.current_unit()
        if unit is not None and self.window_.annotating.annotation(unit.first().id) is not None:
            self.window_.select_annotation(unit.first().id)

    def show_in_text(self) -> None:
        unit = self.current_unit()
        if unit is not None:
            self.window_.select_annotation(unit.first().id)
            self.window_.documentView.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------- editing
    def accept_version(self, n: int) -> None:
        """Accept annotator ``n``'s span of the row (0-based), replacing another curated one."""
        unit = self.current_unit()
        if unit is None or n >= len(self.model.authors):
            return
        author = self.model.authors[n]
        ann, old = unit.spans.get(author), unit.curated()
        window = self.window_
        if ann is None:
            window.statusBar().showMessage(f"{author or 'Nobody named'} has no span here.", 4000)
            return
        text = f"Accept {author}'s {ann.label}"
        if old is not None and (old.start, old.end, old.label) != (ann.start, ann.end, ann.label):
            window.undoStack.beginMacro(text)
            window.push(DeleteAnnotation(window, window.project.annotation(old.id)))
            window.push(Accept(window, text, span_id=ann.id))
            window.undoStack.endMacro()
        else:
            window.push(Accept(window, text, span_id=ann.id))

    def accept_all_agreed(self) -> None:
        document_id = self.window_.document_id
        if document_id is None:
            return
        command = Accept(self.window_, "Accept all agreed", document_id=document_id)
        if self.window_.push(command):
            said = plural(len(command.added), "agreed span") if command.added else "Nothing"
            self.window_.statusBar().showMessage(f"Accepted: {said}", 6000)

    def delete_curated(self) -> None:
        unit = self.current_unit()
        curated = None if unit is None else unit.curated()
        if curated is not None:
            window = self.window_
            window.push(DeleteAnnotation(window, window.project.annotation(curated.id)))
