"""Every dialog gives the keyboard back to the text when it closes (issue #9, item 13).

Label keys are window shortcuts: they only work while the window is active. When a modal
dialog closes, some platforms leave no window active (and no widget focused) until the user
clicks into the window. Two ways in, one effect (``return_focus_to_text``):

- ``focus_text_when_closed(dialog)``: for dialogs we build, on their ``finished`` signal;
- ``with text_gets_focus_back(window):``: around Qt's static dialogs (file choosers, message
  boxes, input dialogs), which give us no dialog object to connect to.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

D = TypeVar("D", bound=QDialog)


def text_window(widget: QWidget | None) -> QWidget | None:
    """The annotation window that owns ``widget`` (the one with a ``documentView``), if any."""
    while widget is not None:
        if hasattr(widget, "documentView"):
            return widget
        widget = widget.parentWidget()
    return None


def return_focus_to_text(window: QWidget) -> None:
    """Activate the window and put the keyboard in its document view."""
    view = getattr(window, "documentView", None)
    if view is None or not window.isVisible():
        return  # closing, or not a window with a text
    window.activateWindow()
    view.setFocus(Qt.FocusReason.OtherFocusReason)


def focus_text_when_closed(dialog: QDialog) -> QDialog:
    """When ``dialog`` closes (accepted, rejected, Esc), its window's text gets the keyboard."""

    def give_back(_result: int) -> None:
        window = text_window(dialog.parentWidget())
        if window is not None:
            return_focus_to_text(window)

    dialog.finished.connect(give_back)
    return dialog


@contextmanager
def text_gets_focus_back(window: QWidget) -> Iterator[None]:
    """Run Qt's static dialogs inside this; the text gets the keyboard back afterwards."""
    try:
        yield
    finally:
        return_focus_to_text(window)


def show_one(window: QWidget, name: str, dialog: D) -> D:
    """Show ``dialog`` (not modal) as ``window.<name>``, closing the one shown before; when it
    closes, the text gets the keyboard back."""
    old = getattr(window, name, None)
    if isinstance(old, QDialog):
        old.close()
        old.deleteLater()
    setattr(window, name, dialog)
    focus_text_when_closed(dialog)
    dialog.show()
    dialog.activateWindow()
    return dialog
