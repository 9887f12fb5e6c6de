"""Issue #13: who annotates. Asked at the first edit (prefilled with the login name), remembered
per machine, shown in the status bar, switchable with Ctrl+Shift+U; every tag records it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers import tag
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.gui.identity import current_annotator, login_name

FIRST = "some 1,500 North Korean special forces"
SECOND = "National Intelligence Service"


def authors(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT text, author FROM annotations ORDER BY id").fetchall()


def answer_the_prompt(typed: str | None, seen: list[str]) -> None:
    """When the name dialog is up: note its prefill, type ``typed`` over it and press Enter
    (None: press Esc)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, attempt)
            return
        edit = dialog.focusWidget()
        seen.append(edit.text())
        if typed is None:
            QTest.keyClick(edit, Qt.Key.Key_Escape)
            return
        QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(edit, typed)
        QTest.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, attempt)


def test_first_tag_asks_the_name_once_and_records_it(seed_project, open_window, monkeypatch):
    monkeypatch.delenv("ANNOTATOR_USER")  # a machine where nobody was named yet
    window = open_window(seed_project)
    label = window.findChild(type(window.identity.label), "annotatorLabel")
    assert label.text() == "Annotator: (not set)"
    seen: list[str] = []
    answer_the_prompt("Ada Lovelace", seen)
    tag(window, FIRST, Qt.Key.Key_1)
    assert seen == [login_name()]  # prefilled: Enter alone would do
    assert authors(seed_project) == [(FIRST, "Ada Lovelace")]
    assert label.text() == "Annotator: Ada Lovelace"
    assert current_annotator() == "Ada Lovelace"  # remembered on this machine
    tag(window, SECOND, Qt.Key.Key_1)  # not asked again (a prompt would block here)
    assert authors(seed_project)[-1] == (SECOND, "Ada Lovelace")


def test_escaping_the_prompt_saves_nothing(seed_project, open_window, monkeypatch):
    monkeypatch.delenv("ANNOTATOR_USER")
    window = open_window(seed_project)
    answer_the_prompt(None, [])
    tag(window, FIRST, Qt.Key.Key_1)
    assert authors(seed_project) == []
    assert "nothing was saved" in window.statusBar().currentMessage()


def test_switch_annotator_with_the_shortcut(seed_project, open_window):
    window = open_window(seed_project)  # "tester" is named ($ANNOTATOR_USER, tests/conftest.py)
    tag(window, FIRST, Qt.Key.Key_1)
    seen: list[str] = []
    answer_the_prompt("Grace", seen)
    QTest.keyClick(
        window.documentView,
        Qt.Key.Key_U,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert seen == ["tester"]
    assert window.identity.label.text() == "Annotator: Grace"
    tag(window, SECOND, Qt.Key.Key_1)
    assert authors(seed_project) == [(FIRST, "tester"), (SECOND, "Grace")]
    # Undo history stays valid across the switch: both tags come off, newest first.
    QTest.keyClick(window.documentView, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert authors(seed_project) == [(FIRST, "tester")]
    QTest.keyClick(window.documentView, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert authors(seed_project) == []
