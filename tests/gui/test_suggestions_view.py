"""Suggestions in the window (#15): dashed outlines, the list, Tab / Enter / Backspace, accept
all and undo, with real keys on a real window and the SQLite rows checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import utf16_index
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtTest import QTest

from annotator.core.suggestions import Suggestion
from annotator.store import Project

PHRASES = [("North Korea", "Actor"), ("South Korea", "Actor"), ("Yoon Suk Yeol", "Actor")]


def _suggest(path: Path) -> None:
    """Open suggestions for three phrases of the seed article (as an import would store)."""
    with Project.open(path) as project:
        doc = project.documents()[0]
        text = project.document(doc.id).text
        project.add_suggestions(
            Suggestion(doc.id, (i := text.index(p)), i + len(p), label, source="test", score=0.9)
            for p, label in PHRASES
        )


@pytest.fixture
def window(seed_project, open_window):  # type: ignore[no-untyped-def]
    _suggest(seed_project)
    win = open_window(seed_project)
    win.documentView.setFocus()
    return win


def _line_pixels(view, phrase: str) -> tuple[QImage, list[tuple[int, int]], list[tuple[int, int]]]:  # type: ignore[no-untyped-def]
    """The viewport's pixels; those on the span's outline and those inside it."""
    cursor = QTextCursor(view.document())
    start = utf16_index(view, phrase)
    cursor.setPosition(start)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    left = view.cursorRect(cursor)
    cursor.setPosition(start + len(phrase))
    right = view.cursorRect(cursor)
    image = view.viewport().grab().toImage()
    top, bottom = left.top(), left.bottom()
    edge = [(x, y) for x in range(left.left(), right.left()) for y in (top, top + 1, bottom - 1)]
    inside = [(x, (top + bottom) // 2) for x in range(left.left() + 3, right.left() - 3)]
    return image, edge, inside


def test_open_suggestions_are_dashed_outlines_in_the_label_colour(window) -> None:  # type: ignore[no-untyped-def]
    view = window.documentView
    color = QColor(window.colors["Actor"])
    image, edge, inside = _line_pixels(view, "Yoon Suk Yeol")
    assert any(QColor(image.pixel(x, y)) == color for x, y in edge)
    assert not any(QColor(image.pixel(x, y)) == color for x, y in inside)  # no fill
    rows = window.findChild(type(window.suggestionsView.list), "suggestionList")
    assert rows.count() == 3
    assert "test" in rows.item(0).text() and "0.90" in rows.item(0).text()


def test_tab_selects_the_next_suggestion_and_shift_tab_the_previous(window) -> None:  # type: ignore[no-untyped-def]
    view = window.documentView
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert view.textCursor().selectedText() == "North Korea"
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert view.textCursor().selectedText() == "South Korea"
    QTest.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().selectedText() == "North Korea"
    assert view.hasFocus()


def _statuses(window) -> list[str]:  # type: ignore[no-untyped-def]
    doc = window.document_id
    return [s.status for s in window.project.suggestions(doc)]


def _annotations(window) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    text = window.project.document(window.document_id).text
    return [
        (text[a.start : a.end], a.label) for a in window.project.annotations(window.document_id)
    ]


def test_tab_enter_accepts_and_ctrl_z_undoes_exactly(window) -> None:  # type: ignore[no-untyped-def]
    view = window.documentView
    QTest.keyClick(view, Qt.Key.Key_Tab)
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert _annotations(window) == [("North Korea", "Actor")]
    assert _statuses(window) == ["accepted", "open", "open"]
    assert window.suggestionsView.list.count() == 2
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _annotations(window) == []
    assert _statuses(window) == ["open", "open", "open"]
    assert window.suggestionsView.list.count() == 3


def test_tab_backspace_rejects(window) -> None:  # type: ignore[no-untyped-def]
    view = window.documentView
    QTest.keyClick(view, Qt.Key.Key_Tab)
    QTest.keyClick(view, Qt.Key.Key_Tab)
    QTest.keyClick(view, Qt.Key.Key_Backspace)
    assert _statuses(window) == ["open", "rejected", "open"]
    assert _annotations(window) == []
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _statuses(window) == ["open", "open", "open"]


def test_a_label_key_accepts_the_suggestion_as_that_label_in_one_step(window) -> None:  # type: ignore[no-untyped-def]
    view = window.documentView
    other = next(label for label in window.annotating.labels if label.name != "Actor")
    QTest.keyClick(view, Qt.Key.Key_Tab)
    QTest.keyClicks(view, other.keys[0])
    assert _annotations(window) == [("North Korea", other.name)]
    assert _statuses(window)[0] == "accepted"
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _annotations(window) == [] and _statuses(window)[0] == "open"


def test_accept_all_is_one_undo_step(window) -> None:  # type: ignore[no-untyped-def]
    view = window.documentView
    before = window.undoStack.count()
    QTest.keyClick(
        view, Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    assert sorted(_annotations(window)) == sorted((p, label) for p, label in PHRASES)
    assert _statuses(window) == ["accepted"] * 3
    assert window.undoStack.count() == before + 1
    assert window.suggestionsView.list.count() == 0
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _annotations(window) == [] and _statuses(window) == ["open"] * 3
    assert window.suggestionsView.list.count() == 3


def test_suggest_from_registry_for_this_document_outlines_every_alias(
    seed_project, open_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    with Project.open(seed_project) as project:
        project.add_actor("North Korea", type="state", aliases=["Pyongyang"])
    window = open_window(seed_project)
    text = window.documentView.text
    expected = len(re.findall(r"\b(?:North Korea|Pyongyang)\b", text))

    def choose() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, choose)
            return
        button = next(b for b in box.buttons() if b.text() == "This &Document")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, choose)
    window.actionRegistry["suggest.registry"].trigger()
    rows = window.suggestionsView.list
    assert rows.count() == expected > 0
    assert all("registry" in rows.item(i).text() for i in range(rows.count()))
    assert "added from the actor registry" in window.statusBar().currentMessage()
