"""Suggestions in the window (#15): dashed outlines, the list, Tab / Enter / Backspace, accept
all and undo, with real keys on a real window and the SQLite rows checked."""

from __future__ import annotations

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
