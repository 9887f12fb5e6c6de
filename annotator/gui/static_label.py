"""A label whose size never follows its text.

QLabel.setText re-lays out every enclosing layout up to the window, and the window then
repaints whole (measured: 3–5 ms on every tag). This widget only repaints itself: its size is
set by the layout, and it grows its minimum width in the rare case that the text no longer fits.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QTextDocument
from PySide6.QtWidgets import QSizePolicy, QWidget


class StaticLabel(QWidget):
    def __init__(
        self,
        lines: int = 1,
        *,
        rich: bool = False,
        expanding: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._rich = rich
        self._text = ""
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(2)
        self._doc.setDefaultFont(self.font())
        height = self.fontMetrics().lineSpacing() * lines + 6
        self.setFixedHeight(height)
        horizontal = QSizePolicy.Policy.Expanding if expanding else QSizePolicy.Policy.Minimum
        self.setSizePolicy(horizontal, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        if self._rich:
            self._doc.setHtml(text)
        else:
            self._doc.setPlainText(text)
            self._doc.setTextWidth(-1)  # unwrapped: paintEvent left it at the old width
            needed = int(self._doc.idealWidth()) + 4
            if needed > self.minimumWidth():
                self.setMinimumWidth(needed)  # rare: a relayout only when the text outgrows us
        self.update()

    def text(self) -> str:
        """The text shown, as plain text."""
        return self._doc.toPlainText()

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        self._doc.setTextWidth(self.width())
        self._doc.drawContents(painter)
        painter.end()

    def alignment(self) -> Qt.AlignmentFlag:
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
