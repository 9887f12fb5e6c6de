"""F1's shortcut list is searchable (issue #14 item 5): typing filters by action name or key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def open_shortcuts(window, qtbot):  # type: ignore[no-untyped-def]
    QTest.keyClick(window.documentView, Qt.Key.Key_F1)
    dialog = window.shortcutsDialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.filterEdit.hasFocus()  # type right away
    return dialog


def test_typing_filters_by_action_name(seed_project, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    dialog = open_shortcuts(window, qtbot)
    everything = dialog.visible_rows()
    QTest.keyClicks(dialog.filterEdit, "zoom")
    rows = dialog.visible_rows()
    assert {name for _keys, name in rows} == {"Zoom In", "Zoom Out", "Reset Zoom"}
    assert len(rows) < len(everything)


def test_typing_filters_by_key(seed_project, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    dialog = open_shortcuts(window, qtbot)
    QTest.keyClicks(dialog.filterEdit, "ctrl+shift+f")
    assert dialog.visible_rows() == [("Ctrl+Shift+F", "Search All Documents")]
    dialog.filterEdit.clear()
    QTest.keyClicks(dialog.filterEdit, "no such action")
    assert dialog.visible_rows() == []
    QTest.keyClick(dialog.filterEdit, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.documentView.hasFocus)
