"""The side panel's note editor (objectName ``noteEdit``): holds at most ``MAX_NOTE_CHARS``.

Typing or pasting beyond the cap stops there and says so; a longer stored note is shown elided
and read-only, so editing what is shown can never cut the stored note (issue #17, item 11).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextOption
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from annotator.core.notes import MAX_NOTE_CHARS, capped_message, note_shown


class NoteEdit(QPlainTextEdit):
    messageChanged = Signal(str)  # "" when there is nothing to say

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.elided = False

    def show_note(self, note: str) -> None:
        """Show ``note`` (elided and read-only beyond the cap)."""
        shown = note_shown(note)
        self.elided = shown.elided
        self.setReadOnly(shown.elided)
        anywhere = QTextOption.WrapMode.WrapAnywhere  # linear; word wrap is quadratic on runs
        words = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        self.setWordWrapMode(anywhere if shown.has_long_run else words)
        self.setPlainText(shown.text)
        self.messageChanged.emit(shown.message)

    def _room(self) -> int:
        """How many characters may still be added, the selection being replaced."""
        used = len(self.toPlainText()) - len(self.textCursor().selectedText())
        return MAX_NOTE_CHARS - used

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        typed = event.text()
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        adds = bool(typed) and (typed.isprintable() or typed == "\r") and not control
        if adds and len(typed) > self._room():
            self.messageChanged.emit(capped_message())
            event.accept()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # Qt override: paste and drop
        room = self._room()
        if source.hasText() and len(source.text()) > room:
            self.textCursor().insertText(source.text()[: max(room, 0)])
            self.messageChanged.emit(capped_message())
            return
        super().insertFromMimeData(source)


def message_label() -> QLabel:
    """A plain-text, word-wrapped label for the editor's messages, hidden while empty."""
    label = QLabel()
    label.setObjectName("noteMessage")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.hide()
    return label
