"""Undo and redo stay in step with the database (issue #9, item 15 b and c)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import tag
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

CLAIM = "some 1,500 North Korean special forces had been sent"
ACTOR = "National Intelligence Service"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def rows(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("annotations", "relations")
        }


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, title, text, *a, **k: shown.append(text)
    )
    return shown


def writes_refused(window, refused: bool) -> None:  # type: ignore[no-untyped-def]
    """The database turns read-only underneath the window (SQLite then refuses every write
    with SQLITE_READONLY, as for a file made read-only or a remounted disk)."""
    window.project.db.conn.execute(f"PRAGMA query_only = {int(refused)}")


def test_a_failed_undo_or_redo_does_not_move_the_stack(seed_project, open_window, errors):  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    view = window.documentView
    tag(window, CLAIM, Qt.Key.Key_1)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    stack = window.undoStack
    deleted = rows(seed_project)
    assert stack.index() == 2 and deleted["annotations"] == []

    writes_refused(window, True)
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo the delete: cannot be saved
    assert len(errors) == 1 and "read-only" in errors[0] and "Nothing was saved" in errors[0]
    assert stack.index() == 2 and stack.undoText().startswith("Delete Claim")  # not moved
    assert rows(seed_project) == deleted
    assert window.annotationList.model().rowCount() == 0

    writes_refused(window, False)
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)  # the same undo, now it can be saved
    assert stack.index() == 1 and len(errors) == 1
    restored = rows(seed_project)
    assert [r[5] for r in restored["annotations"]] == [CLAIM]
    assert window.annotationList.model().rowCount() == 1

    writes_refused(window, True)
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)  # redo the delete: cannot be saved
    assert len(errors) == 2 and stack.index() == 1 and stack.redoText().startswith("Delete Claim")
    assert rows(seed_project) == restored

    writes_refused(window, False)
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert stack.index() == 2 and rows(seed_project) == deleted and len(errors) == 2


def test_undoing_a_delete_is_one_transaction(seed_project, open_window, errors):  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    view = window.documentView
    actor = tag(window, ACTOR, Qt.Key.Key_2)
    claim = tag(window, CLAIM, Qt.Key.Key_1)
    window.project.update_annotation(claim.id, attributes={"stance": "support"}, note="NIS")
    window.project.add_relation("claimant", claim.id, actor.id)
    window.project.add_relation("addressee", claim.id, actor.id)
    before = rows(seed_project)
    window.open_document(window.document_id)  # shows the claim as stored now
    window.select_annotation(claim.id)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert rows(seed_project)["relations"] == []

    statements: list[str] = []
    window.project.db.conn.set_trace_callback(statements.append)
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)
    window.project.db.conn.set_trace_callback(None)

    assert rows(seed_project) == before  # span, attributes, note and both links
    assert [s for s in statements if s.split()[0] in ("BEGIN", "COMMIT")] == [
        "BEGIN IMMEDIATE",
        "COMMIT",
    ]
    assert errors == []
