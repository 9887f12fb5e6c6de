"""Suggestions in the window (issue #15): the open document's open suggestions drawn as dashed
outlines in their label colour (``DocumentView.set_ghosts``, never in the highlighter's spans)
and listed in the "Suggestions" dock with their source and score.

Tab / Shift+Tab select the next / previous one in the text; Enter accepts the selected one (it
becomes an annotation), a label key accepts it as that label, Backspace rejects it. Those keys
act only while the text has the keyboard (``WidgetShortcut`` on the view): elsewhere Tab moves
the focus and Backspace edits, as always. Every accept or reject is one undo step
(``gui/suggestion_commands.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem

from annotator.core.suggestions import Suggestion
from annotator.gui.commands import UpdateAnnotation
from annotator.gui.suggestion_commands import AcceptSuggestions, RejectSuggestions
from annotator.services.changes import Changes

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

TEXT_KEYS = ("suggest.next", "suggest.previous", "suggest.accept", "suggest.reject")
NO_COLOR = "#888888"
EXCERPT = 60  # characters of a suggestion's text shown in its row


def describe(s: Suggestion, text: str) -> str:
    """One row of the list: label, text, source and score."""
    excerpt = " ".join(text[s.start : s.end].split())
    if len(excerpt) > EXCERPT:
        excerpt = excerpt[: EXCERPT - 1] + "…"
    score = "" if s.score is None else f"  {s.score:.2f}"
    return f"{s.label}: {excerpt}   ({s.source or 'unknown'}{score})"


class SuggestionsView(QDockWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__("Suggestions", window)
        self.setObjectName("suggestionsDock")
        self.window_ = window
        self.list = QListWidget()
        self.list.setObjectName("suggestionList")
        self.setWidget(self.list)
        self.items: list[Suggestion] = []
        self.by_span: dict[tuple[int, int], Suggestion] = {}
        self.list.itemActivated.connect(lambda _item: self._choose_row(self.list.currentRow()))
        view = window.documentView
        for action_id in TEXT_KEYS:
            action = window.actionRegistry[action_id]
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            window.removeAction(action)  # the window's own dialogs keep Enter and Tab
            view.addAction(action)
        view.selectionChanged.connect(self._sync_actions)
        window.feed.changed.connect(self.follow)
        # With the corpus docks at the bottom, as a tab; shown when a document has some.
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        window.tabifyDockWidget(window.adjudicationDock, self)
        self.hide()
        self._offered = False

    # ------------------------------------------------------------- showing
    def reload(self) -> None:
        """Read the open document's open suggestions; outline and list them."""
        w = self.window_
        doc = w.document_id
        self.items = w.project.suggestions(doc, "open") if doc is not None else []
        self.by_span = {}
        for s in reversed(self.items):  # the first of the same span wins
            self.by_span[(s.start, s.end)] = s
        colors = w.colors
        view = w.documentView
        view.set_ghosts((s.start, s.end, colors.get(s.label, NO_COLOR)) for s in self.items)
        self.list.clear()
        for s in self.items:
            self.list.addItem(QListWidgetItem(describe(s, view.text)))
        self.setWindowTitle(f"Suggestions ({len(self.items)})" if self.items else "Suggestions")
        self._sync_actions()
        if self.items and not self._offered:  # once: the user may close it
            self._offered = True
            self.show_list()

    def show_list(self) -> None:
        """View → Suggestions: the dock, in front of its tabs."""
        self.show()
        self.raise_()

    def _sync_actions(self) -> None:
        """Tab / Shift+Tab work while the document has open suggestions, Enter and Backspace
        while one is selected; otherwise those keys do what they always did."""
        registry = self.window_.actionRegistry
        selected = self.current() is not None
        for action_id in TEXT_KEYS:
            on = selected if action_id in ("suggest.accept", "suggest.reject") else bool(self.items)
            registry[action_id].setEnabled(on)

    def follow(self, changes: Changes) -> None:
        if changes.suggestions or changes.labels or changes.reloaded:
            self.reload()

    # ----------------------------------------------------------- selecting
    def current(self) -> Suggestion | None:
        """The suggestion whose span is exactly the text selection, if any."""
        span = self.window_.documentView.selected_span()
        return None if span is None else self.by_span.get(span)

    def step(self, direction: int) -> None:
        """Tab / Shift+Tab: select the next (previous) suggestion after (before) the caret."""
        if not self.items:
            self._say("No open suggestions in this document.")
            return
        current = self.current()
        if current is not None:
            row = self.items.index(current) + direction
        else:
            caret = self.window_.documentView.cursor_offset()
            after = [i for i, s in enumerate(self.items) if s.start >= caret]
            row = (after[0] if after else len(self.items)) - (direction < 0)
        if not 0 <= row < len(self.items):
            self._say("No more suggestions " + ("after" if direction > 0 else "before") + ".")
            return
        self._choose_row(row)

    def _choose_row(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        s = self.items[row]
        w = self.window_
        w.select_annotation(None, scroll=False)
        w.documentView.select_span(s.start, s.end)
        self.list.setCurrentRow(row)
        w.documentView.setFocus()
        score = "" if s.score is None else f", score {s.score:.2f}"
        self._say(
            f"Suggestion {row + 1} of {len(self.items)}: {s.label} ({s.source}{score})."
            " Enter accepts, Backspace rejects."
        )

    # ------------------------------------------------------------ deciding
    def accept_current(self, label: str | None = None) -> None:
        """Enter (or a label key, ``label``): the selected suggestion becomes an annotation."""
        s = self._selected("accept")
        if s is None:
            return
        w = self.window_
        what = f"Accept {s.label} suggestion"
        if label is None or label == s.label:
            w.push(AcceptSuggestions(w.annotating, what, [s.id]))
            return
        stack = w.undoStack
        stack.beginMacro(f"{what} as {label}")  # one undo step: accept, then relabel
        try:
            accept = AcceptSuggestions(w.annotating, what, [s.id])
            if w.push(accept) and accept.added:
                w.push(UpdateAnnotation(w.annotating, accept.added[0], f"Relabel as {label}",
                                        label=label))  # fmt: skip
        finally:
            stack.endMacro()

    def reject_current(self) -> None:
        """Backspace: reject the selected suggestion (remembered, not suggested again)."""
        s = self._selected("reject")
        if s is not None:
            self.window_.push(
                RejectSuggestions(self.window_.annotating, f"Reject {s.label}", [s.id])
            )

    def accept_all(self) -> None:
        """Annotate → Accept All Suggestions: every open one of the document, one undo step."""
        w = self.window_
        if w.document_id is None or not self.items:
            self._say("No open suggestions in this document.")
            return
        n = len(self.items)
        text = f"Accept {n} suggestion{'s' if n != 1 else ''}"
        w.push(AcceptSuggestions(w.annotating, text, document_id=w.document_id))

    def label_key(self, label: str) -> None:
        """A label key: on a selected suggestion, accept it as that label; else tag as usual."""
        if self.current() is not None:
            self.accept_current(label)
        else:
            self.window_.annotating.apply_label(label)

    def _selected(self, verb: str) -> Suggestion | None:
        s = self.current()
        if s is None:
            self._say(f"Select a suggestion first (Tab), then {verb} it.")
        return s

    def _say(self, text: str) -> None:
        self.window_.statusBar().showMessage(text, 6000)
