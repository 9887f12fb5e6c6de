"""Tag All Occurrences with review, in the window (issue #12 item 2): real keys and clicks."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from helpers import click_into_text, highlight_color_at, make_text_project, tag, utf16_index
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from annotator.store import Project

DOC_A = (
    "Kim Jong Un arrived in Moscow on Tuesday by armoured train. "
    "Officials said Kim Jong-un would meet the president at the station.\n"
)
DOC_B = (
    "Reports from Seoul say Kim Jong Un left Pyongyang at dawn. "
    "Analysts doubt that Kim Jong Un will stay long. Later Kim Jong Un was seen again.\n"
)
DOC_C = "Nothing about him in this one.\n"
Ctrl = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "kim.annotator"
    ids = make_text_project(
        path, {"a-moscow.txt": DOC_A, "b-seoul.txt": DOC_B, "c-other.txt": DOC_C}
    )
    with Project.open(path) as project:  # the last mention in B is already tagged
        start = DOC_B.rindex("Kim Jong Un")
        project.add_annotation(ids[1], start, start + 11, "Actor")
    return path


def tables(path: Path) -> dict[str, list[Any]]:
    """Every row of every table of the project file."""
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: sorted(map(repr, conn.execute(f'SELECT * FROM "{n}"'))) for n in names}


def actor_rows(path: Path) -> list[tuple[int, int, int, str, Any]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            'SELECT a.document_id, a.start, a."end", a.text, a.actor_id FROM annotations a'
            " JOIN labels l ON l.id = a.label_id WHERE l.name = 'Actor'"
            " ORDER BY a.document_id, a.start"
        ).fetchall()


def open_review(qtbot, window) -> QDialog:  # type: ignore[no-untyped-def]
    QTest.keyClick(window.documentView, Qt.Key.Key_T, Ctrl)
    shown = [d for d in window.findChildren(QDialog, "tagAllReview") if d.isVisible()]
    assert len(shown) == 1
    review = shown[0]
    qtbot.waitUntil(review.isActiveWindow)  # the keys go to the review
    return review


def rows(review: QDialog) -> list[tuple[str, ...]]:
    tree = review.list
    return [
        tuple(tree.topLevelItem(i).text(c) for c in range(5))
        for i in range(tree.topLevelItemCount())
    ]


def corpus_scope(review: QDialog) -> None:
    box = review.corpusBox
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()


def test_review_accept_two_reject_one_apply_undo_redo(qtbot, open_window, project_path):  # type: ignore[no-untyped-def]
    window = open_window(project_path)
    view = window.documentView
    first = tag(window, "Kim Jong Un", Qt.Key.Key_A)
    assert first is not None and first.label == "Actor"
    review = open_review(qtbot, window)

    # This document by default: the span itself (already tagged, greyed) and "Kim Jong-un".
    assert [r[0] for r in rows(review)] == ["tagged", "?"]
    assert rows(review)[1][2:] == (
        "…esday by armoured train. Officials said",
        "Kim Jong-un",
        "would meet the president at the station…",
    )
    corpus_scope(review)
    shown = rows(review)
    assert [(r[0], r[1], r[3]) for r in shown] == [
        ("tagged", "a-moscow", "Kim Jong Un"),
        ("?", "a-moscow", "Kim Jong-un"),
        ("?", "b-seoul", "Kim Jong Un"),
        ("?", "b-seoul", "Kim Jong Un"),
        ("tagged", "b-seoul", "Kim Jong Un"),
    ]
    assert shown[2][2].endswith("Reports from Seoul say") and shown[2][4].startswith("left")

    QTest.keyClick(review.list, Qt.Key.Key_A)  # accept "Kim Jong-un", move on
    QTest.keyClick(review.list, Qt.Key.Key_Return)  # accept B's first
    QTest.keyClick(review.list, Qt.Key.Key_X)  # reject B's second
    assert [r[0] for r in rows(review)] == ["tagged", "✓", "✓", "✗", "tagged"]

    before = tables(project_path)
    QTest.mouseClick(review.applyButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not review.isVisible())
    doc_a, doc_b = window.project.document_ids()[:2]
    dash = DOC_A.index("Kim Jong-un")
    b_first = DOC_B.index("Kim Jong Un")
    b_last = DOC_B.rindex("Kim Jong Un")
    assert actor_rows(project_path) == [
        (doc_a, 0, 11, "Kim Jong Un", None),
        (doc_a, dash, dash + 11, "Kim Jong-un", None),
        (doc_b, b_first, b_first + 11, "Kim Jong Un", None),
        (doc_b, b_last, b_last + 11, "Kim Jong Un", None),
    ]
    assert window.statusBar().currentMessage() == (
        "Tagged 2 occurrences in 2 documents; 2 already tagged"
    )
    assert highlight_color_at(view, utf16_index(view, "Kim Jong-un")) is not None
    assert window.annotationList.annotation_model.rowCount() == 2
    assert "Actor: 2" in window.countsLabel.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    after = tables(project_path)

    QTest.keyClick(view, Qt.Key.Key_Z, Ctrl)  # one step takes both away
    assert tables(project_path) == before
    assert highlight_color_at(view, utf16_index(view, "Kim Jong-un")) is None
    assert window.annotationList.annotation_model.rowCount() == 1

    QTest.keyClick(view, Qt.Key.Key_Z, Ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert tables(project_path) == after
    assert highlight_color_at(view, utf16_index(view, "Kim Jong-un")) is not None


def test_actor_span_finds_aliases_links_accepted_and_shows_occurrence(  # type: ignore[no-untyped-def]
    qtbot, open_window, project_path
):
    with Project.open(project_path) as project:
        actor = project.add_actor("Kim Jong Un", aliases=["Kim Jong-un"])
        doc_a = project.document_ids()[0]
        ann = project.add_annotation(doc_a, 0, 11, "Actor")
        project.link_annotation_to_actor(ann.id, actor)
    window = open_window(project_path)
    view = window.documentView
    click_into_text(view, 3)  # a click on the span selects it
    assert window.current_annotation() is not None
    review = open_review(qtbot, window)
    corpus_scope(review)
    # Exact matching still finds "Kim Jong-un": it is one of the actor's names.
    QTest.mouseClick(
        review.exactBox, Qt.MouseButton.LeftButton, pos=QPoint(8, review.exactBox.height() // 2)
    )
    assert [r[3] for r in rows(review)] == ["Kim Jong Un", "Kim Jong-un"] + ["Kim Jong Un"] * 3

    tree = review.list
    item = tree.topLevelItem(3)  # B's second mention: shown in the text, the review stays
    point = tree.visualItemRect(item).center()
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)  # a double click:
    QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)  # press, then this
    doc_b = window.project.document_ids()[1]
    assert window.document_id == doc_b
    second = DOC_B.index("Kim Jong Un", DOC_B.index("Kim Jong Un") + 1)
    assert view.textCursor().selectedText() == "Kim Jong Un"
    assert view.textCursor().selectionStart() == second
    assert review.isVisible()

    QTest.keyClick(tree, Qt.Key.Key_Return, Ctrl)  # accept every undecided row
    QTest.mouseClick(review.applyButton, Qt.MouseButton.LeftButton)
    linked = [row for row in actor_rows(project_path) if row[4] == actor]
    assert len(linked) == 4  # the first one and 3 new (B's last was tagged without a link)
    assert len(actor_rows(project_path)) == 5
    current = window.current_annotation()  # the last new span, in the open document
    assert current is not None and (current.start, current.actor_id) == (second, actor)

    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)  # the review closed
    QTest.keyClick(view, Qt.Key.Key_Z, Ctrl)
    assert len(actor_rows(project_path)) == 2
    QTest.keyClick(view, Qt.Key.Key_Z, Ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert [row for row in actor_rows(project_path) if row[4] == actor] == linked


def test_escape_closes_review_gives_keys_back_scope_remembered(qtbot, open_window, project_path):  # type: ignore[no-untyped-def]
    window = open_window(project_path)
    tag(window, "Kim Jong Un", Qt.Key.Key_A)
    review = open_review(qtbot, window)
    assert not review.corpusBox.isChecked()  # this document, by default
    corpus_scope(review)
    before = tables(project_path)
    QTest.keyClick(review.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not review.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.documentView)
    assert tables(project_path) == before

    again = open_review(qtbot, window)  # the last choice of scope is kept
    assert again.corpusBox.isChecked() and len(rows(again)) == 5
