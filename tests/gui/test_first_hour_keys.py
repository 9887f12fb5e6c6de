"""Issue #9 "The first hour": F1 lists every shortcut, undo/redo say what they did, and arrow
keys in an attribute combo make one undo step (driven with real key presses)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from helpers import tag
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

CLAIM = "special forces had been sent"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
UNDO, REDO = (Qt.Key.Key_Z, CTRL), (Qt.Key.Key_Z, CTRL_SHIFT)


def claim_rows(path: Path) -> list[tuple[str, dict]]:
    with sqlite3.connect(path) as conn:
        found = conn.execute("SELECT text, attributes FROM annotations ORDER BY id").fetchall()
    return [(text, json.loads(attributes or "{}")) for text, attributes in found]


def test_f1_lists_every_shortcut_of_the_window(seed_project, open_window, qtbot):
    window = open_window(seed_project)

    QTest.keyClick(window.documentView, Qt.Key.Key_F1)

    dialog = window.shortcutsDialog
    qtbot.waitUntil(dialog.isVisible)
    rows = dialog.visible_rows()
    keys_shown = {keys for keys, _name in rows}
    for keys in ("Ctrl+O", "Ctrl+I", "Ctrl+E", "Ctrl+Shift+L", "Ctrl+Shift+F", "Ctrl+Shift+M"):
        assert keys in keys_shown, keys
    text = " ".join(keys_shown)
    native = QKeySequence.SequenceFormat.NativeText
    for action in window.findChildren(QAction):
        if action.parent() is window and not action.shortcut().isEmpty():
            assert action.shortcut().toString(native) in text, action.text()
    titles = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    for menu in ("File", "Edit", "Annotate", "Navigate", "View", "Library", "Help"):
        assert menu in titles, menu


def test_undo_and_redo_say_what_they_did(seed_project, open_window):
    window = open_window(seed_project)
    view = window.documentView
    tag(window, CLAIM, Qt.Key.Key_1)

    QTest.keyClick(view, *UNDO)
    assert window.statusBar().currentMessage() == f"Undid: Tag Claim “{CLAIM}”"
    assert claim_rows(seed_project) == []

    QTest.keyClick(view, *REDO)
    assert window.statusBar().currentMessage() == f"Redid: Tag Claim “{CLAIM}”"
    assert claim_rows(seed_project) == [(CLAIM, {})]


def test_arrow_keys_in_an_attribute_combo_are_one_undo_step(seed_project, open_window, qtbot):
    window = open_window(seed_project)
    view = window.documentView
    tag(window, CLAIM, Qt.Key.Key_1)
    qtbot.waitUntil(window.annotationPanel.editors["stance"].isVisible)  # shown by the loop
    QTest.keyClick(view, Qt.Key.Key_E)  # to the first attribute: stance
    combo = QApplication.focusWidget()
    assert combo.objectName() == "attribute_stance"
    for _ in range(3):
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert claim_rows(seed_project) == [(CLAIM, {"stance": "neutral"})]
    QTest.keyClick(combo, Qt.Key.Key_Escape)  # back to the text
    assert view.hasFocus()

    QTest.keyClick(view, *UNDO)  # one step undoes the three keys
    assert claim_rows(seed_project) == [(CLAIM, {})]
    assert window.statusBar().currentMessage().startswith("Undid: Set stance to neutral on")
    QTest.keyClick(view, *REDO)
    assert claim_rows(seed_project) == [(CLAIM, {"stance": "neutral"})]

    QTest.keyClick(view, Qt.Key.Key_E)  # a second visit is a step of its own
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert claim_rows(seed_project) == [(CLAIM, {"stance": "oppose"})]
    QTest.keyClick(view, *UNDO)
    assert claim_rows(seed_project) == [(CLAIM, {"stance": "neutral"})]
    QTest.keyClick(view, *UNDO)
    assert claim_rows(seed_project) == [(CLAIM, {})]
    QTest.keyClick(view, *UNDO)  # and the tag itself
    assert claim_rows(seed_project) == []


def test_tooltips_of_the_toolbar_and_menus_show_the_shortcut(seed_project, open_window):
    window = open_window(seed_project)
    native = QKeySequence.SequenceFormat.NativeText
    [claim] = [a for a in window.labelToolbar.actions() if a.text().startswith("Claim")]
    assert claim.shortcut().toString(native) in claim.toolTip()
    for action in (window.searchAction, window.metadataAction, window.quitAction):
        assert action.shortcut().toString(native) in action.toolTip(), action.text()
