"""A long random session in the real window (tag, undo, redo, switch documents, resize, zoom,
theme, find, delete, attributes, notes, links): afterwards what the window shows is what SQLite
holds, every stored span matches its text, and the project passes its own invariants."""

from __future__ import annotations

import random

import pytest
from helpers import SEED, make_project
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from annotator.store.integrity import find_problems

ACTIONS = (
    "tag", "tag", "tag", "doc", "undo", "redo", "zoom", "theme", "resize", "find", "delete",
    "attribute", "note", "link", "cycle", "next",
)  # fmt: skip


def _act(window, rng: random.Random, action: str, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
    view = window.documentView
    if action == "tag" and len(view.text) > 20:
        start = rng.randrange(0, len(view.text) - 10)
        end = min(len(view.text), start + rng.randrange(1, 40))
        cursor = view.textCursor()
        cursor.setPosition(view.offsets.to_utf16(start))
        cursor.setPosition(view.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        QTest.keyClick(view, rng.choice([Qt.Key.Key_1, Qt.Key.Key_2]))
    elif action == "doc":
        window.open_document(rng.choice(ids))
    elif action == "undo":
        window.undoStack.undo()
    elif action == "redo":
        window.undoStack.redo()
    elif action == "zoom":
        window.zoom(rng.choice([-1, 1, 0]))
    elif action == "theme":
        window.apply_theme(rng.choice(["light", "dark", "system"]))
    elif action == "resize":
        window.resize(rng.randrange(600, 1600), rng.randrange(400, 1000))
    elif action == "find":
        window.findBar.open_bar()
        QTest.keyClicks(window.findBar.edit, rng.choice(["the", "Korea", "x"]))
        window.findBar.close_bar()
    elif action == "delete":
        window.delete_current_annotation()
    elif action == "attribute" and window.current_annotation() is not None:
        window.set_attribute(rng.choice(["stance", "type"]), rng.choice(["support", None]))
    elif action == "note":
        window.set_note(rng.choice(["", "a note", "another note"]))
    elif action == "link" and window.current_annotation() is not None:
        anns = window.annotationList.annotation_model.annotations()
        if anns:
            window.link_to(rng.choice(anns).id)
    elif action == "cycle":
        window.cycle_overlapping()
    elif action == "next":
        window.goto_annotation(rng.choice([-1, 1]))


@pytest.mark.parametrize("seed", [3, 11])
def test_random_session_keeps_window_and_database_in_step(tmp_path, open_window, qtbot, seed):
    other = tmp_path / "mixed.txt"
    other.write_text("Seoul 🇰🇷 said 北京 talks 👨‍👩‍👧 resume.\n\nقال الوزير e\u0301lan.\n", "utf-8")
    path = tmp_path / "random.annotator"
    ids = make_project(path, [SEED, other])
    window = open_window(path)
    rng = random.Random(seed)
    for _ in range(150):
        _act(window, rng, rng.choice(ACTIONS), ids)
        qtbot.wait(0)

    assert window.undoStack.count() > 30  # the session really changed things
    project = window.project
    for doc_id in ids:
        text = project.document(doc_id).text
        assert all(text[a.start : a.end] == a.text for a in project.annotations(doc_id))
    shown = {a.id for a in window.annotationList.annotation_model.annotations()}
    assert shown == {a.id for a in project.annotations(window.document_id)}
    assert window.documentView.highlighter.span_count() == len(shown)
    assert find_problems(project) == []
    window.apply_theme("light")
