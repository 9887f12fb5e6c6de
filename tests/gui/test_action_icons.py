"""Icons in the window's menus (issue #14 item 7): the File and Edit actions carry the themed
icons and a switch to the dark theme (View → Dark Theme) redraws them light."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

ICONED = ("open", "import", "export", "undo", "redo", "find", "statistics")


def ink(window, action_id: str) -> set[str]:  # type: ignore[no-untyped-def]
    image = window.actionRegistry[action_id].icon().pixmap(QSize(24, 24)).toImage()
    return {
        image.pixelColor(x, y).name()
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() == 255
    }


def test_menu_icons_follow_the_theme(open_window, seed_project: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    window.actionRegistry["theme.light"].trigger()  # View → Light Theme
    try:
        light = QApplication.palette().color(QPalette.ColorRole.WindowText).name()
        for action_id in ICONED:
            assert ink(window, action_id) == {light}, action_id
        window.actionRegistry["theme.dark"].trigger()  # View → Dark Theme
        dark = QApplication.palette().color(QPalette.ColorRole.WindowText).name()
        assert dark != light
        for action_id in ICONED:
            assert ink(window, action_id) == {dark}, action_id
    finally:
        window.actionRegistry["theme.light"].trigger()
