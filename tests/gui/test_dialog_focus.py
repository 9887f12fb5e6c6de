"""Every dialog gives the keyboard back to the text when it closes (issue #9, item 13).

The user opens a dialog with its shortcut, closes it with Esc, then clicks into the text,
selects with Shift+arrows and presses a label key: the span is saved at once. Keys go where a
keyboard sends them: to the application's focus widget.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import click_into_text, tag, utf16_index
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

CLAIM = "some 1,500 North Korean special forces"
ACTOR = "National Intelligence Service"
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def saved_spans(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT l.name, a.text FROM annotations a JOIN labels l ON l.id = a.label_id"
            " ORDER BY a.id"
        ).fetchall()


def keyboard() -> QWidget:
    """The widget a key press goes to; a test fails if the keyboard went nowhere."""
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard: keys would do nothing"
    return widget


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(keyboard(), key, modifiers)


def escape_the_dialog_when_it_opens(opened: list[str]) -> None:
    """Press Esc in the modal dialog as soon as it is up (while its ``exec`` runs)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, attempt)
            return
        opened.append(dialog.metaObject().className())
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, attempt)


def open_and_escape(key: Qt.Key, modifiers: Qt.KeyboardModifier) -> str:
    opened: list[str] = []
    escape_the_dialog_when_it_opens(opened)
    press(key, modifiers)
    assert opened, "no dialog opened"
    return opened[0]


def wait_for_the_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The user's next key comes through the event loop: let pending activation arrive."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def select_with_keys_and_tag_a_claim(window) -> None:  # type: ignore[no-untyped-def]
    view = window.documentView
    click_into_text(view, utf16_index(view, CLAIM))
    for _ in CLAIM:
        press(Qt.Key.Key_Right, SHIFT)
    press(Qt.Key.Key_1)


@pytest.mark.parametrize(
    ("key", "modifiers", "dialog"),
    [
        (Qt.Key.Key_E, CTRL, "ExportDialog"),  # File → Export…
        (Qt.Key.Key_L, CTRL | SHIFT, "SchemaDialog"),  # Annotate → Edit Label Schema…
        (Qt.Key.Key_M, CTRL | SHIFT, "MetadataDialog"),  # Library → Edit Metadata…
        (Qt.Key.Key_I, CTRL, "QFileDialog"),  # File → Import Files…
    ],
)
def test_label_keys_work_after_a_dialog_is_closed_with_escape(
    seed_project, open_window, qtbot, key, modifiers, dialog
):
    window = open_window(seed_project)
    window.documentView.setFocus()

    assert open_and_escape(key, modifiers) == dialog

    wait_for_the_window(qtbot, window)
    assert keyboard() is window.documentView
    select_with_keys_and_tag_a_claim(window)
    assert saved_spans(seed_project) == [("Claim", CLAIM)]


def test_label_keys_work_after_the_link_picker_is_closed(seed_project, open_window, qtbot):
    window = open_window(seed_project)
    tag(window, ACTOR, Qt.Key.Key_2)
    tag(window, "Russia", Qt.Key.Key_1)  # a selected claim: L opens the link picker

    assert open_and_escape(Qt.Key.Key_L, Qt.KeyboardModifier.NoModifier) == "LinkDialog"

    wait_for_the_window(qtbot, window)

    assert keyboard() is window.documentView
    select_with_keys_and_tag_a_claim(window)
    assert saved_spans(seed_project)[-1] == ("Claim", CLAIM)


def test_label_keys_work_after_restore_from_backup_is_cancelled(seed_project, open_window, qtbot):
    window = open_window(seed_project)
    actions = {a.text(): a for a in window.findChildren(QAction)}
    actions["&Back Up Now"].trigger()  # File → Back Up Now: now there is a backup to choose
    opened: list[str] = []
    escape_the_dialog_when_it_opens(opened)
    actions["&Restore from Backup…"].trigger()  # File → Restore from Backup…, then Esc
    assert opened == ["QInputDialog"]

    wait_for_the_window(qtbot, window)
    assert keyboard() is window.documentView
    select_with_keys_and_tag_a_claim(window)
    assert saved_spans(seed_project) == [("Claim", CLAIM)]
