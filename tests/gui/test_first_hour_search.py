"""Issue #9 "The first hour": the search dock stays in step with the open document and a hit
selects the whole phrase that was searched for (driven with real keys and mouse clicks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_text_project
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

ARTICLES = {
    "seoul.txt": "A quiet day in Seoul\n\nNothing was said about the north by anyone today.\n",
    "summit.txt": "Summit in Pyongyang\n\nKim Jong Un met officials on Monday. Later Kim Jong Un "
    "spoke to the press.\n",
    "train.txt": "Train to Moscow\n\nReports say Kim Jong Un travelled to Moscow by train.\n",
}


@pytest.fixture
def kim_project(tmp_path: Path) -> Path:
    path = tmp_path / "kim.annotator"
    make_text_project(path, ARTICLES)
    return path


def search(window, query: str) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClick(window, Qt.Key.Key_F, CTRL_SHIFT)
    panel = window.searchPanel
    assert panel.query.hasFocus()
    QTest.keyClick(panel.query, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(panel.query, Qt.Key.Key_Backspace)
    QTest.keyClicks(panel.query, query)
    QTest.keyClick(panel.query, Qt.Key.Key_Return)


def click_result(window, title: str) -> None:  # type: ignore[no-untyped-def]
    results = window.searchPanel.results
    row = next(i for i in range(results.count()) if results.item(i).text().startswith(title))
    rect = results.visualItemRect(results.item(row))
    QTest.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def marked_texts(view) -> list[str]:  # type: ignore[no-untyped-def]
    """The text under every highlight drawn on top of the article (search marks included)."""
    return [extra.cursor.selectedText() for extra in view.extraSelections()]


def open_title(window) -> str:  # type: ignore[no-untyped-def]
    return window.project.document(window.document_id).title


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_a_hit_selects_the_whole_phrase_in_the_right_document(kim_project, open_window):
    window = open_window(kim_project)
    assert open_title(window) == "A quiet day in Seoul"
    search(window, "Kim Jong Un")
    assert window.searchPanel.results.count() == 2

    click_result(window, "Train to Moscow")

    view = window.documentView
    assert open_title(window) == "Train to Moscow"
    assert view.textCursor().selectedText() == "Kim Jong Un"
    assert marked_texts(view) == ["Kim Jong Un"]

    click_result(window, "Summit in Pyongyang")
    assert open_title(window) == "Summit in Pyongyang"
    assert view.textCursor().selectedText() == "Kim Jong Un"
    assert marked_texts(view) == ["Kim Jong Un", "Kim Jong Un"]


def test_a_new_query_leaves_no_stale_marks_and_the_open_document_listed(kim_project, open_window):
    window = open_window(kim_project)
    search(window, "Kim Jong Un")
    click_result(window, "Summit in Pyongyang")
    view = window.documentView

    search(window, "press")  # only in the open document: its marks are the new query's
    assert open_title(window) == "Summit in Pyongyang"
    assert marked_texts(view) == ["press"]

    search(window, "Moscow")  # the list now shows only "Train to Moscow": that is what is open
    assert window.documentList.visible_document_ids() == [window.document_id]
    assert open_title(window) == "Train to Moscow"
    assert set(marked_texts(view)) == {"Moscow"}

    search(window, "")  # no query: no marks left
    assert marked_texts(view) == []
