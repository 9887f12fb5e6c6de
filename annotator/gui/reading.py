"""Reading comfort: zoom, serif or sans text, light/dark theme following the system by default.

Zoom, font and theme are this machine's preferences (QSettings, ``gui/pane_state.py``); a project
stored before keeps its values until they are changed.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from annotator.gui.pane_state import window_settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from annotator.gui.document_view import DocumentView
    from annotator.services.session import Session

SERIF = ["Noto Serif", "DejaVu Serif", "Georgia", "serif", "Noto Color Emoji"]
SANS = ["Noto Sans", "DejaVu Sans", "Helvetica", "sans-serif", "Noto Color Emoji"]
BASE_POINT_SIZE = 12.5
ZOOM_STEPS = (0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0, 2.4)
THEMES = ("system", "light", "dark")


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, "#2b2b2b"), (roles.WindowText, "#e6e6e6"), (roles.Base, "#1f1f1f"),
        (roles.AlternateBase, "#2b2b2b"), (roles.Text, "#e6e6e6"), (roles.Button, "#353535"),
        (roles.ButtonText, "#e6e6e6"), (roles.Highlight, "#3d6fb6"),
        (roles.HighlightedText, "#ffffff"), (roles.ToolTipBase, "#353535"),
        (roles.ToolTipText, "#e6e6e6"), (roles.PlaceholderText, "#9a9a9a"),
    ):  # fmt: skip
        palette.setColor(role, QColor(color))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#7a7a7a"))
    palette.setColor(disabled, roles.Button, QColor("#2f2f2f"))
    return palette


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


class Reading:
    """Zoom, font and theme of the document view, kept in the project's settings."""

    def __init__(self, session: Session, view: DocumentView, status: QStatusBar) -> None:
        self.session = session
        self.view = view
        self.status = status
        self.zoom_index = 3
        self.font_style = "serif"
        self.theme = "system"

    def load(self) -> None:
        """This project's preferences, applied."""
        self.zoom_index = int(self._machine_pref("gui.zoom", "3") or 3)
        self.zoom_index = max(0, min(self.zoom_index, len(ZOOM_STEPS) - 1))
        self.font_style = self._machine_pref("gui.font", "serif") or "serif"
        self.theme = self._machine_pref("gui.theme", "system") or "system"
        self._apply_font()
        self.apply_theme(self.theme, save=False)

    def zoom(self, step: int) -> None:
        """+1 / -1 zoom step; 0 resets to 100 %."""
        self.zoom_index = (
            3 if step == 0 else max(0, min(self.zoom_index + step, len(ZOOM_STEPS) - 1))
        )
        self._apply_font()
        self.save_pref("gui.zoom", str(self.zoom_index))
        self.status.showMessage(f"Zoom {ZOOM_STEPS[self.zoom_index]:.0%}", 2000)

    def set_font_style(self, style: str) -> None:
        self.font_style = style
        self._apply_font()
        self.save_pref("gui.font", style)

    def _apply_font(self) -> None:
        font = QFont()
        font.setFamilies(SERIF if self.font_style == "serif" else SANS)
        font.setPointSizeF(BASE_POINT_SIZE * ZOOM_STEPS[self.zoom_index])
        self.view.setFont(font)
        if self.view.document_id is not None:  # styles (headings) scale with the base size
            self.view.reapply_styles()

    def apply_theme(self, theme: str, *, save: bool = True) -> None:
        self.theme = theme
        app = QApplication.instance()
        dark = theme == "dark" or (theme == "system" and system_is_dark())
        if isinstance(app, QApplication):
            app.setPalette(dark_palette() if dark else app.style().standardPalette())
        self.view.highlighter.set_dark(dark)
        if save:
            self.save_pref("gui.theme", theme)

    def save_pref(self, key: str, value: str) -> None:
        """Zoom, font and theme belong to the machine (QSettings), not to a project file."""
        settings = window_settings()
        settings.setValue(key, value)
        settings.sync()

    def _machine_pref(self, key: str, default: str) -> str:
        """This machine's preference; a project from before keeps what it had stored."""
        value = window_settings().value(key)
        if isinstance(value, str) and value:
            return value
        return self.session.project.get_setting(key, default) or default


def save_setting(session: Session, key: str, value: str) -> None:
    """A preference in the project's settings; never on a read-only project, never an error."""
    save_settings(session, {key: value})


def save_settings(session: Session, items: dict[str, str]) -> None:
    """Several project preferences in one commit; never on a read-only project, never an error."""
    if items and not getattr(session.project, "read_only", False):
        with contextlib.suppress(Exception):  # a preference is never worth an error dialog
            session.project.set_settings(items)
