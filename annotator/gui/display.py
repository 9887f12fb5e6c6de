"""Small display helpers shared by the widgets: one-line snippets, colour swatches, and user
strings shown safely where Qt would read them as rich text.

Qt reads a tooltip, a QLabel's or a message box's text as HTML when its first line holds
something that looks like a tag; a label, title or note such as ``<img src="/dev/zero">`` would
then be parsed and its image loaded (5.9 GB in 15 s, or any local image). Every user string
shown that way goes through :func:`plain_tip` or a label from :func:`plain_label` (issue #17).
"""

from __future__ import annotations

import html

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

TIP_CHARS = 500  # user text in a tooltip is cut here: a tooltip is a glance, not a reader


def short(text: str, limit: int = 50) -> str:
    """``text`` on one line (whitespace runs collapsed), cut to ``limit`` characters with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clip(text: str, limit: int = TIP_CHARS) -> str:
    """``text`` cut to ``limit`` characters with "…" (line breaks kept)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def swatch(color: str) -> QIcon:
    """A small square of a label's colour, for menus, toolbars and lists."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def rich(text: str) -> str:
    """A user string for the inside of rich text: escaped, so ``<`` shows and is never a tag."""
    return html.escape(text)


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` exactly (line breaks kept), whatever it holds: escaped and
    marked as rich text, so Qt never parses the user's characters as HTML."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def message_text(text: str) -> str:
    """Text for a message box, which guesses plain or rich text from the first line: unchanged
    where Qt would show it as plain text, else escaped into rich text showing exactly these
    characters (a file named ``<img src="/dev/zero">.txt`` must not load an image)."""
    return plain_tip(text) if QtGui.Qt.mightBeRichText(text) else text


def plain_label(text: str = "") -> QLabel:
    """A QLabel that shows ``text`` as plain text, never as HTML."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def safe_color(color: str) -> str:
    """A colour for a ``style`` attribute: a valid colour name, else neutral grey."""
    parsed = QColor(color)
    return parsed.name() if parsed.isValid() else "#cccccc"


def column(*widgets: QWidget) -> QWidget:
    """The widgets one under the other, with no margins."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for widget in widgets:
        layout.addWidget(widget)
    return box
