"""Long notes (issue #17, item 11): a 1 MB note took 73 s to show in the side panel.

The note editor holds at most MAX_NOTE_CHARS: a longer stored note is shown elided, read-only,
with a message, and kept whole in the project; typing or pasting beyond the cap stops there and
says so. No wall-clock assertions: the editor's content and message are what is checked.
"""

from __future__ import annotations

import json
from pathlib import Path

from helpers import make_project
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.notes import MAX_NOTE_CHARS
from annotator.store import Project

TEXT = "Kim met Putin in Moscow on Friday."
WORDS = "word " * (MAX_NOTE_CHARS // 5)


def project_with_note(tmp_path: Path, note: str) -> Path:
    record = {"title": "Talks", "text": TEXT,
              "spans": [{"start": 8, "end": 13, "label": "Actor", "note": note}]}  # fmt: skip
    source = tmp_path / "notes.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    path = tmp_path / "notes.annotator"
    assert make_project(path, [source])
    return path


def select_span(window) -> None:  # type: ignore[no-untyped-def]
    if window.document_id is None:
        rect = window.documentList.visualRect(window.documentList.model().index(0, 0))
        QTest.mouseClick(
            window.documentList.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    table = window.annotationList
    rect = table.visualRect(table.model().index(0, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_annotation() is not None


def stored_note(path: Path) -> str:
    with Project.open(path, read_only=True) as project:
        doc_id = project.document_ids()[0]
        return project.annotations(doc_id)[0].note


def test_a_2_mb_note_is_shown_elided_and_kept_whole(open_window, tmp_path, qtbot) -> None:
    note = "x" * 2_000_000  # one unbroken run: the worst case for Qt's word wrap
    path = project_with_note(tmp_path, note)
    window = open_window(path)
    select_span(window)
    panel = window.annotationPanel
    assert len(panel.noteEdit.toPlainText()) == MAX_NOTE_CHARS
    assert panel.noteEdit.isReadOnly()
    qtbot.waitUntil(panel.noteMessage.isVisible)
    assert panel.noteMessage.text().startswith(
        "This note is 2,000,000 characters; showing the first 100,000"
    )
    QTest.keyClick(window.documentView, Qt.Key.Key_N)  # into the note, then out again
    QTest.keyClick(panel.noteEdit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(panel.noteEdit, "more")
    QTest.keyClick(panel.noteEdit, Qt.Key.Key_Escape)
    window.close()
    assert stored_note(path) == note  # nothing cut, nothing added


def test_typing_stops_at_the_cap_with_a_message(open_window, tmp_path, qtbot) -> None:
    note = WORDS[: MAX_NOTE_CHARS - 1]  # room for one more character
    path = project_with_note(tmp_path, note)
    window = open_window(path)
    select_span(window)
    panel = window.annotationPanel
    assert not panel.noteMessage.isVisible()
    QTest.keyClick(window.documentView, Qt.Key.Key_N)
    assert panel.noteEdit.hasFocus() and not panel.noteEdit.isReadOnly()
    QTest.keyClick(panel.noteEdit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(panel.noteEdit, "cdef")
    assert panel.noteEdit.toPlainText() == note + "c"
    qtbot.waitUntil(panel.noteMessage.isVisible)
    assert panel.noteMessage.text() == (
        "Notes are limited to 100,000 characters; the rest was not added."
    )
    QTest.keyClick(panel.noteEdit, Qt.Key.Key_Escape)
    window.close()
    assert stored_note(path) == note + "c"


def test_pasting_stops_at_the_cap_with_a_message(open_window, tmp_path, qtbot) -> None:
    note = WORDS[: MAX_NOTE_CHARS - 10]  # room for ten more
    path = project_with_note(tmp_path, note)
    window = open_window(path)
    select_span(window)
    panel = window.annotationPanel
    QApplication.clipboard().setText("0123456789ABCDEF")
    QTest.keyClick(window.documentView, Qt.Key.Key_N)
    QTest.keyClick(panel.noteEdit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(panel.noteEdit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert panel.noteEdit.toPlainText() == note + "0123456789"
    qtbot.waitUntil(panel.noteMessage.isVisible)
    QTest.keyClick(panel.noteEdit, Qt.Key.Key_Escape)
    window.close()
    assert stored_note(path) == note + "0123456789"
