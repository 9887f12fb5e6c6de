"""View → Claims (issue #12): filter with words, Enter jumps to the claim; the feed refreshes it."""

from __future__ import annotations

from pathlib import Path

from actor_claims import fill_debate
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.store import Project

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def debate_project(tmp_path: Path) -> Path:
    path = tmp_path / "debate.annotator"
    with Project.open(path) as project:
        fill_debate(project)
    return path


def shown_rows(dock) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = dock.panel.table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def open_claims(qtbot, window):  # type: ignore[no-untyped-def]
    QTest.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)  # View → Claims
    dock = window.claimsDock
    qtbot.waitUntil(dock.isVisible)
    return dock


def test_filter_then_enter_selects_the_claim(qtbot, open_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    window = open_window(debate_project(tmp_path))
    dock = open_claims(qtbot, window)
    table = window.findChild(type(dock.panel.table), "claimsTable")
    assert table is dock.panel.table
    assert [row[:3] for row in shown_rows(dock)] == [
        ["sanctions must end", "Kim Jong Un", "oppose"],
        ["sanctions must stay", "Joe Biden", "support"],
        ["wants sanctions gone", "Kim Jong Un", "oppose"],
        ["they must go", "Putin", "oppose"],
        ["wants talks", "Joe Biden", "support"],
    ]
    assert dock.panel.filter.hasFocus()
    QTest.keyClicks(dock.panel.filter, "biden SUPPORT reactions")
    assert [row[0] for row in shown_rows(dock)] == ["wants talks"]
    assert dock.panel.count.text() == "1 of 5 claims"
    QTest.keyClick(dock.panel.filter, Qt.Key.Key_Return)  # into the table, first row
    assert table.hasFocus()
    QTest.keyClick(table, Qt.Key.Key_Return)  # open the claim
    view = window.documentView
    assert window.project.document(window.document_id).title == "Reactions"
    assert view.textCursor().selectedText() == "wants talks"
    assert window.current_annotation().text == "wants talks"
    assert window.annotationPanel.heading.text().split()[0] == "Claim"
    assert window.annotationPanel.editors["stance"].currentText() == "support"


def test_sorting_by_a_column_header(qtbot, open_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    window = open_window(debate_project(tmp_path))
    dock = open_claims(qtbot, window)
    header = dock.panel.table.horizontalHeader()
    point = header.rect().topLeft()
    point.setX(header.sectionViewportPosition(1) + 5)  # "Claimant"
    point.setY(header.height() // 2)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert [row[1] for row in shown_rows(dock)] == [
        "Joe Biden", "Joe Biden", "Kim Jong Un", "Kim Jong Un", "Putin",
    ]  # fmt: skip
    table = dock.panel.table
    cell = table.visualRect(table.model().index(4, 0)).center()  # Putin's claim
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # a double-click:
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # press, then again
    assert window.documentView.textCursor().selectedText() == "they must go"
    assert window.current_annotation().text == "they must go"


def test_a_new_claim_appears_while_the_dock_is_shown(qtbot, open_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    from helpers import select_with_keyboard

    window = open_window(debate_project(tmp_path))
    dock = open_claims(qtbot, window)
    window.documentView.setFocus()
    select_with_keyboard(window.documentView, "Biden said")
    QTest.keyClick(window.documentView, Qt.Key.Key_1)  # the Claim key
    assert dock.panel.count.text() == "5 claims"  # read again once the keys pause, not per key
    qtbot.waitUntil(lambda: dock.panel.count.text() == "6 claims")
    assert "Biden said" in [row[0] for row in shown_rows(dock)]
    window.undoStack.undo()
    qtbot.waitUntil(lambda: dock.panel.count.text() == "5 claims")
