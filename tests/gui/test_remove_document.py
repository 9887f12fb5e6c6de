"""Removing a document from the window, renaming it, and undoing both (issue #9, item 6)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import SEED, make_project
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.store import Project

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
# A popup menu under the offscreen platform: Qt says it cannot raise it or grab the keyboard
# (it still gets the keys QTest sends it).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
TITLE = "The Danger Of The Pyongyang-Moscow Axis Is Becoming Clearer"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The seed article with 3 spans (attributes, a note) and a link; a second article."""
    other = tmp_path / "other.txt"
    other.write_text("Other news\n\nNothing happened in Vladivostok today.\n", "utf-8")
    path = tmp_path / "p.annotator"
    seed, _other = make_project(path, [SEED, other])
    with Project.open(path) as proj:
        text = proj.document(seed).text
        made = []
        for phrase, label in (("North Korea", "Actor"), ("Russia", "Actor"), ("(NIS)", "Claim")):
            start = text.index(phrase)
            made.append(proj.add_annotation(seed, start, start + len(phrase), label))
        proj.update_annotation(made[2].id, attributes={"stance": "support"}, note="NIS says")
        proj.add_relation("claimant", made[2].id, made[0].id)
    return path


def every_table(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (FTS5's own segment tables aside: what they index is compared
    through a search instead; settings without the window's view state, e.g. scroll positions
    it remembers per document as the user moves between them)."""
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        dump = {
            t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
            for t in tables
            if not t.startswith("documents_fts")
        }
        dump["settings"] = [row for row in dump["settings"] if not row[0].startswith("gui.")]
        dump["fts: Pyongyang"] = conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'Pyongyang'"
        ).fetchall()
    return dump


def answer_questions(monkeypatch: pytest.MonkeyPatch, answer) -> list[str]:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def question(_parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(f"{title}: {text}")
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def open_context_menu(window, row: int):  # type: ignore[no-untyped-def]
    """Right-click a row of the document list; returns the menu that pops up."""
    documents = window.documentList
    index = documents.model().index(row, 0)
    documents.setCurrentIndex(index)
    documents.setFocus()
    documents.customContextMenuRequested.emit(documents.visualRect(index).center())
    menu = documents.contextMenu
    assert menu.isVisible()
    return menu


def choose(menu, downs: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(downs):
        QTest.keyClick(menu, Qt.Key.Key_Down)
    QTest.keyClick(menu, Qt.Key.Key_Return)


def test_remove_from_the_context_menu_then_undo_and_redo(project: Path, open_window, monkeypatch):  # type: ignore[no-untyped-def]
    window = open_window(project)
    assert window.document_id == 1
    before = every_table(project)
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)

    choose(open_context_menu(window, 0), downs=2)  # Rename…, Remove Document… ↵

    assert len(asked) == 1 and TITLE in asked[0] and "3 annotations" in asked[0]
    assert window.documentList.document_ids() == [2]
    assert window.document_id == 2  # the window shows what is left
    with sqlite3.connect(project) as conn:
        for table in ("annotations", "relations"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
        assert conn.execute(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Pyongyang'"
        ).fetchone() == (0,)
    assert "Removed 1 document (3 annotations, 1 relation)" in window.statusBar().currentMessage()

    QTest.keyClick(window.documentView, Qt.Key.Key_Z, CTRL)  # undo
    assert every_table(project) == before  # same id, identical rows, searchable again
    assert window.documentList.document_ids() == [1, 2]
    assert window.document_id == 1
    assert window.annotationList.model().rowCount() == 3

    QTest.keyClick(window.documentView, Qt.Key.Key_Z, CTRL | SHIFT)  # redo
    assert window.documentList.document_ids() == [2]
    QTest.keyClick(window.documentView, Qt.Key.Key_Z, CTRL)
    assert every_table(project) == before


def test_declining_the_question_removes_nothing(project: Path, open_window, monkeypatch):  # type: ignore[no-untyped-def]
    window = open_window(project)
    before = every_table(project)
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    choose(open_context_menu(window, 1), downs=2)
    assert "Other news" in asked[0] and "0 annotations" in asked[0]
    assert every_table(project) == before
    assert not window.undoStack.canUndo()


def test_remove_the_last_document_from_the_library_menu(tmp_path: Path, open_window, monkeypatch):  # type: ignore[no-untyped-def]
    path = tmp_path / "one.annotator"
    make_project(path, [SEED])
    window = open_window(path)
    answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    window.removeDocumentAction.trigger()  # Library → Remove Document…
    assert window.documentList.model().rowCount() == 0
    assert window.document_id is None and window.documentView.toPlainText() == ""
    assert window.annotationList.model().rowCount() == 0
    QTest.keyClick(window.documentView, Qt.Key.Key_Z, CTRL)
    assert window.document_id == 1 and TITLE in window.documentView.toPlainText()


def test_rename_from_the_context_menu_then_undo(project: Path, open_window, qtbot):  # type: ignore[no-untyped-def]
    window = open_window(project)
    menu = open_context_menu(window, 1)
    typed: list[str] = []

    def type_title() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "renameDialog"
        QTest.keyClick(dialog, Qt.Key.Key_A, CTRL)
        QTest.keyClicks(dialog.focusWidget(), "Quiet day in Vladivostok")
        typed.append(dialog.textValue())
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    QTimer.singleShot(50, type_title)
    choose(menu, downs=1)  # Rename… ↵
    assert typed == ["Quiet day in Vladivostok"]
    with sqlite3.connect(project) as conn:
        assert conn.execute("SELECT title FROM documents WHERE id = 2").fetchone() == (
            "Quiet day in Vladivostok",
        )
    assert window.documentList.model().index(1, 0).data() == "Quiet day in Vladivostok"
    qtbot.waitUntil(window.isActiveWindow)  # the dialog has handed the keyboard back
    QTest.keyClick(window.documentView, Qt.Key.Key_Z, CTRL)
    assert window.documentList.model().index(1, 0).data() == "Other news"
    with sqlite3.connect(project) as conn:
        assert conn.execute("SELECT title FROM documents WHERE id = 2").fetchone() == (
            "Other news",
        )
