"""Small display helpers shared by the widgets: one-line snippets and colour swatches."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap


def short(text: str, limit: int = 50) -> str:
    """``text`` on one line (whitespace runs collapsed), cut to ``limit`` characters with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def swatch(color: str) -> QIcon:
    """A small square of a label's colour, for menus, toolbars and lists."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)
