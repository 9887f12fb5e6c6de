"""Workbench details driven with the mouse and the navigation keys."""

from __future__ import annotations

import subprocess
import sys

from helpers import tag, utf16_index
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

CLAIM = "some 1,500 North Korean special forces had been sent"
ACTOR = "National Intelligence Service"


def point_at(view, phrase: str) -> QPoint:  # type: ignore[no-untyped-def]
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16_index(view, phrase) + 2)
    rect = view.cursorRect(cursor)
    return QPoint(rect.center().x(), rect.center().y())


def test_ctrl_click_on_an_actor_links_the_selected_claim(seed_project, open_window):
    window = open_window(seed_project)
    view = window.documentView
    tag(window, ACTOR, Qt.Key.Key_2)
    tag(window, CLAIM, Qt.Key.Key_1)  # the claim is now the selected annotation
    view.centerCursor()

    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
        point_at(view, ACTOR),
    )  # fmt: skip

    [relation] = window.project.relations(1)
    claim = window.project.annotation(relation.source_id)
    actor = window.project.annotation(relation.target_id)
    assert (relation.type, claim.text, actor.text) == ("claimant", CLAIM, ACTOR)


def test_plain_click_on_a_highlight_selects_that_annotation(seed_project, open_window):
    window = open_window(seed_project)
    view = window.documentView
    tag(window, ACTOR, Qt.Key.Key_2)
    tag(window, CLAIM, Qt.Key.Key_1)
    view.centerCursor()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(view, ACTOR))
    assert window.current_annotation().text == ACTOR
    assert window.annotationPanel.heading.text().split()[0] == "Actor"


def test_tooltip_shows_label_attributes_and_note(seed_project, open_window):
    window = open_window(seed_project)
    tag(window, CLAIM, Qt.Key.Key_1)
    window.set_attribute("stance", "oppose")
    window.set_note("check the NIS report")
    claim = window.current_annotation()
    tip = window.annotation_tooltip([claim.id])
    assert "Claim" in tip and "stance: oppose" in tip and "check the NIS report" in tip
    row = window.annotationList.annotation_model.data(window.annotationList.model().index(0, 0))
    assert row.startswith("Claim [oppose] ✎")


def test_next_unannotated_paragraph_skips_annotated_ones(seed_project, open_window):
    window = open_window(seed_project)
    view = window.documentView
    text = view.text
    second = text.index("(MENAFN")
    third = text.index("South Korean President")
    view.moveCursor(QTextCursor.MoveOperation.Start)
    QTest.keyClick(view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert view.cursor_offset() == second  # nothing annotated yet: the next paragraph
    tag(window, "Asia Times) The evidence", Qt.Key.Key_1)  # now that paragraph has a span
    view.moveCursor(QTextCursor.MoveOperation.Start)
    QTest.keyClick(view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert view.cursor_offset() == third  # it is skipped


def test_next_and_previous_annotation(seed_project, open_window):
    window = open_window(seed_project)
    view = window.documentView
    for phrase, key in ((ACTOR, Qt.Key.Key_2), (CLAIM, Qt.Key.Key_1)):
        tag(window, phrase, key)
    view.moveCursor(QTextCursor.MoveOperation.Start)
    window.select_annotation(None)
    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current_annotation().text == ACTOR
    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current_annotation().text == CLAIM
    QTest.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.current_annotation().text == ACTOR


RESIZE_SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from annotator.gui import MainWindow
window = MainWindow(sys.argv[1])
window.resize(1400, 850)  # sized before it is shown, then the search dock narrows the text
window.show()
app.processEvents()
window.searchPanel.parentWidget().show()
for width in (1400, 1100, 900, 1250, 700, 1400):
    window.resize(width, 850)
    app.processEvents()
view = window.documentView
assert view.viewportMargins().left() == view.viewportMargins().right() >= 0
print("ok")
"""


def test_resizing_with_the_search_dock_open_does_not_crash(seed_project):
    # Regression: margins sized from the viewport's own resize events (QAbstractScrollArea
    # forwards them to resizeEvent) fed back into themselves: infinite recursion, a segfault.
    # Run in a child process, so that a regression fails this test instead of the whole run.
    result = subprocess.run(
        [sys.executable, "-c", RESIZE_SCRIPT, str(seed_project)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
