"""Tag All Occurrences… (issue #12 item 2): from the selected span, every other occurrence of
its text (or of its registry actor's name and aliases) in this document or the whole corpus,
shown in a review list with context; the accepted ones are tagged in ONE undo step.

The review (objectName ``tagAllReview``) is a non-modal dialog, Prodigy-like: each row starts
undecided; ``A``/Enter accept it and move on, ``X``/Backspace reject it and move on, Ctrl+Enter
("Accept All") accepts every undecided row, "Apply" tags the accepted ones (``commands.TagAll``).
Occurrences already tagged with the label are greyed and never added. Every user string is put
in plain-text items (the match in its own bold column), never parsed as rich text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.plural import plural
from annotator.gui.commands import TagAll
from annotator.gui.dialog_focus import focus_text_when_closed
from annotator.gui.display import plain_label, short
from annotator.gui.reading import save_setting
from annotator.services.tag_all import CONTEXT, Candidate, find_candidates
from annotator.store.occurrence_reads import document_titles

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

SCOPE_SETTING = "gui.tag_all_scope"  # "corpus" or "document": the last choice
UNDECIDED, ACCEPTED, REJECTED, TAGGED = "?", "✓", "✗", "tagged"
_STATE_COLORS = {ACCEPTED: "#1e7b34", REJECTED: "#b03a2e", UNDECIDED: "#555555"}
Finder = Callable[[bool, bool], list[Candidate]]  # (whole corpus, exact) -> candidates
Titles = Callable[[Sequence[int]], dict[int, str]]  # document ids -> titles


@dataclass(frozen=True, slots=True)
class Request:
    """What to look for: the span's texts (or its actor's names), its label, where it is."""

    texts: tuple[str, ...]
    label: str
    document_id: int
    actor_id: int | None


def _one_line(text: str) -> str:
    return " ".join(text.split())


@contextmanager
def busy_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class ReviewList(QTreeWidget):
    """The candidates; keys decide the current row (Down/Up move as usual)."""

    decided = Signal(str)  # ACCEPTED or REJECTED, for the current row
    acceptAll = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and ctrl:
            self.acceptAll.emit()
        elif enter or (key == Qt.Key.Key_A and not ctrl):
            self.decided.emit(ACCEPTED)
        elif key in (Qt.Key.Key_X, Qt.Key.Key_Backspace) and not ctrl:
            self.decided.emit(REJECTED)
        else:
            super().keyPressEvent(event)


class TagAllReview(QDialog):
    """The review list of one request; ``applied`` carries the accepted candidates."""

    applied = Signal(list)  # list[Candidate]
    showRequested = Signal(object)  # Candidate

    def __init__(
        self, parent: QWidget, title: str, find: Finder, titles: Titles,
        *, corpus: bool,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("tagAllReview")
        self.setWindowTitle("Tag All Occurrences")
        self.setModal(False)
        self.resize(900, 460)
        self.finder = find
        self.titles = titles
        self.candidates: list[Candidate] = []
        self.states: list[str] = []
        self.items: list[QTreeWidgetItem] = []
        self.heading = plain_label(title)
        self.corpusBox = QCheckBox("Whole &corpus (not only this document)")
        self.corpusBox.setChecked(corpus)
        self.exactBox = QCheckBox("Match case and &dashes exactly")
        self.list = ReviewList()
        self.list.setObjectName("tagAllCandidates")
        self.summary = plain_label()
        self.acceptAllButton = QPushButton("Accept &All  (Ctrl+Enter)")
        self.applyButton = QPushButton("A&pply")
        close = QPushButton("Close")
        self._layout(close)
        self._connect(close)
        self.reload()

    def _layout(self, close: QPushButton) -> None:
        lst = self.list
        lst.setColumnCount(5)
        lst.setHeaderLabels(["State", "Document", "Before", "Match", "After"])
        lst.setRootIsDecorated(False)
        lst.setUniformRowHeights(True)
        lst.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = lst.header()
        header.setStretchLastSection(True)
        for column, width in ((0, 56), (1, 150), (2, 260), (3, 130)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        options = QHBoxLayout()
        options.addWidget(self.corpusBox)
        options.addWidget(self.exactBox)
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.acceptAllButton, self.applyButton, close):
            button.setAutoDefault(False)  # Enter decides the row, it does not press a button
            buttons.addWidget(button)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addLayout(options)
        box.addWidget(lst, 1)
        box.addLayout(buttons)

    def _connect(self, close: QPushButton) -> None:
        self.corpusBox.toggled.connect(lambda _on: self.reload())
        self.exactBox.toggled.connect(lambda _on: self.reload())
        self.list.decided.connect(self.decide)
        self.list.acceptAll.connect(self.accept_all)
        self.list.itemDoubleClicked.connect(self._show_item)
        self.acceptAllButton.clicked.connect(self.accept_all)
        self.applyButton.clicked.connect(self._apply)
        close.clicked.connect(self.reject)
        accept_all = QShortcut(QKeySequence("Ctrl+Return"), self)
        accept_all.activated.connect(self.accept_all)

    # ------------------------------------------------------------- contents
    def reload(self) -> None:
        """Find the candidates again (scope or exactness changed); every row undecided."""
        with busy_cursor():
            self.candidates = self.finder(self.corpusBox.isChecked(), self.exactBox.isChecked())
            titles = self.titles(sorted({c.document_id for c in self.candidates}))
        self.states = [TAGGED if c.already_tagged else UNDECIDED for c in self.candidates]
        self.list.clear()
        self.items = [self._item(c, titles) for c in self.candidates]
        self.list.addTopLevelItems(self.items)
        for row in range(len(self.candidates)):
            self._paint(row, summary=False)
        self._update_summary()
        self._move_to(self._next_open(-1))
        self.list.setFocus()

    def _item(self, cand: Candidate, titles: dict[int, str]) -> QTreeWidgetItem:
        title = short(titles.get(cand.document_id, f"Document {cand.document_id}"), 40)
        before, after = _one_line(cand.before), _one_line(cand.after)
        before = "…" + before if len(cand.before) >= CONTEXT else before  # cut: say so
        after = after + "…" if len(cand.after) >= CONTEXT else after
        item = QTreeWidgetItem(["", title, before, _one_line(cand.text), after])
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bold = QFont(self.font())
        bold.setBold(True)
        item.setFont(3, bold)
        return item

    def _paint(self, row: int, *, summary: bool = True) -> None:
        item = self.items[row]
        state = self.states[row]
        if state == TAGGED:
            grey = QBrush(QColor("#9a9a9a"))
            for column in range(5):
                item.setForeground(column, grey)
            item.setText(0, "tagged")
        else:
            item.setText(0, state)
            item.setForeground(0, QBrush(QColor(_STATE_COLORS[state])))
        if summary:
            self._update_summary()

    def _update_summary(self) -> None:
        count = {s: self.states.count(s) for s in (ACCEPTED, REJECTED, UNDECIDED, TAGGED)}
        docs = len({c.document_id for c in self.candidates})
        self.summary.setText(
            f"{plural(len(self.candidates), 'occurrence')} in {plural(docs, 'document')}: "
            f"{count[ACCEPTED]} accepted, {count[REJECTED]} rejected, "
            f"{count[UNDECIDED]} undecided, {count[TAGGED]} already tagged"
        )
        self.applyButton.setEnabled(count[ACCEPTED] > 0)

    # -------------------------------------------------------------- deciding
    def decide(self, state: str) -> None:
        current = self.list.currentItem()
        row = -1 if current is None else self.list.indexOfTopLevelItem(current)
        if row < 0 or self.states[row] == TAGGED:
            self._move_to(self._next_open(row))
            return
        self.states[row] = state
        self._paint(row)
        self._move_to(self._next_open(row))

    def accept_all(self) -> None:
        for row, state in enumerate(self.states):
            if state == UNDECIDED:
                self.states[row] = ACCEPTED
                self._paint(row, summary=False)
        self._update_summary()

    def accepted_candidates(self) -> list[Candidate]:
        return [c for c, s in zip(self.candidates, self.states, strict=True) if s == ACCEPTED]

    def already_tagged(self) -> int:
        return self.states.count(TAGGED)

    def _next_open(self, row: int) -> int:
        """The next row that is not already tagged (or ``row`` itself at the end)."""
        for later in range(row + 1, len(self.states)):
            if self.states[later] != TAGGED:
                return later
        return row

    def _move_to(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.list.setCurrentItem(self.items[row])

    def _show_item(self, item: QTreeWidgetItem, _column: int) -> None:
        self.showRequested.emit(self.candidates[self.list.indexOfTopLevelItem(item)])

    def _apply(self) -> None:
        self.applied.emit(self.accepted_candidates())


def offer_in_context_menus(window: MainWindow, action: QAction) -> None:
    """The text's and the annotation list's context menus offer ``action`` (tag all)."""
    window.annotationList.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    window.annotationList.addAction(action)
    view = window.documentView
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show_menu(pos: QPoint) -> None:
        menu = view.createStandardContextMenu(pos)
        menu.addSeparator()
        menu.addAction(action)
        menu.exec(view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    view.customContextMenuRequested.connect(show_menu)


class TagAllOccurrences:
    """The window's part: start a review from the current span, apply it as one undo step."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.review: TagAllReview | None = None
        self.request: Request | None = None

    def start(self) -> None:
        request = self._request()
        if request is None:
            return
        self.request = request
        if self.review is not None:
            self.review.close()
        names = " / ".join(f"“{short(t, 40)}”" for t in request.texts)
        corpus = self.window.project.get_setting(SCOPE_SETTING, "document") == "corpus"
        review = TagAllReview(
            self.window, f"Occurrences of {names} to tag as {request.label}", self._find,
            self._titles, corpus=corpus,
        )  # fmt: skip
        review.applied.connect(self._apply)
        review.showRequested.connect(self._show)
        focus_text_when_closed(review)
        review.finished.connect(lambda _result: self._closed(review))
        self.review = review
        review.show()
        review.activateWindow()

    def _closed(self, review: TagAllReview) -> None:
        """A closed review is gone (with its candidates); the next Ctrl+T makes a new one."""
        if self.review is review:
            self.review = None
        review.deleteLater()

    def _request(self) -> Request | None:
        w = self.window
        ann = w.current_annotation()
        if ann is None:
            w.statusBar().showMessage("Select an annotation to tag all its occurrences.", 4000)
            return None
        texts: tuple[str, ...] = (ann.text,)
        if ann.actor_id is not None:
            actor = w.project.actor(ann.actor_id)
            texts = tuple(dict.fromkeys((*actor.names, ann.text)))
        return Request(texts, ann.label, ann.document_id, ann.actor_id)

    def _find(self, corpus: bool, exact: bool) -> list[Candidate]:
        assert self.request is not None
        save_setting(self.window.session, SCOPE_SETTING, "corpus" if corpus else "document")
        document = None if corpus else self.request.document_id
        r = self.request
        return find_candidates(
            self.window.project, r.texts, label=r.label, document_id=document, fold=not exact
        )

    def _titles(self, ids: Sequence[int]) -> dict[int, str]:
        return document_titles(self.window.project, ids)

    def _apply(self, accepted: Sequence[Candidate]) -> None:
        review, request = self.review, self.request
        if review is None or request is None or self.window.project_read_only():
            return
        command = TagAll(self.window, accepted, request.label, request.actor_id)
        if not self.window.push(command):
            return
        added = command.added
        docs = len({a.document_id for a in added})
        self.window.statusBar().showMessage(
            f"Tagged {plural(len(added), 'occurrence')} in {plural(docs, 'document')}; "
            f"{review.already_tagged()} already tagged",
            8000,
        )
        review.close()

    def _show(self, cand: Candidate) -> None:
        """Show an occurrence in the text, the review staying open."""
        w = self.window
        if w.document_id != cand.document_id:
            w.open_document(cand.document_id)
        w.documentView.select_span(cand.start, cand.end)
