"""Label schema changes from the window are undoable and reach the keys, list and highlights."""

from __future__ import annotations

import sqlite3

from helpers import select_with_keyboard
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QColorDialog, QDialogButtonBox

from annotator.gui.schema_dialog import SchemaDialog


def dump(path) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    with sqlite3.connect(path) as conn:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("labels", "relation_types", "annotations", "relations")
        }


def click(widget) -> None:  # type: ignore[no-untyped-def]
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_over(edit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Click into a line edit, select what it holds and type ``text`` over it."""
    click(edit)
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(edit, text)


def edit_in_the_dialog(done: list[str]) -> None:
    """While the modal dialog runs: rename and recolour Actor, add Place on key 3, press OK."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, SchemaDialog):
        QTimer.singleShot(10, lambda: edit_in_the_dialog(done))
        return
    labels = dialog.label_list
    actor = labels.findItems("Actor", Qt.MatchFlag.MatchExactly)[0]
    QTest.mouseClick(
        labels.viewport(), Qt.MouseButton.LeftButton, pos=labels.visualItemRect(actor).center()
    )
    type_over(dialog.name_edit, "Speaker")
    click(dialog.color_button)  # the colour chooser answers #2a9d8f (patched: an OS dialog)
    click(dialog.add_label_button)  # a new label, its name selected in the name field
    QTest.keyClicks(dialog.name_edit, "Place")
    type_over(dialog.keys_edit, "3")
    click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    done.append("ok")


def test_rename_recolour_and_add_a_label_then_undo(seed_project, open_window, monkeypatch):
    window = open_window(seed_project)
    select_with_keyboard(window.documentView, "Kim Jong-un")
    QTest.keyClick(window.documentView, Qt.Key.Key_2)
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#2a9d8f"))
    done: list[str] = []
    QTimer.singleShot(0, lambda: edit_in_the_dialog(done))

    QTest.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    assert done == ["ok"]
    assert window.project.label_schema().labels[1].color == "#2a9d8f"
    assert all(t.target_labels == ("Speaker",) for t in window.project.relation_types())
    assert [label.name for label in window.project.labels()] == ["Claim", "Speaker", "Place"]
    after_change = dump(window.project.path)
    assert window.annotationList.annotation_model.annotation(0).label == "Speaker"
    assert "Place" in window.label_actions
    select_with_keyboard(window.documentView, "Moscow")
    QTest.keyClick(window.documentView, Qt.Key.Key_3)
    assert {a.label for a in window.project.annotations(1)} == {"Speaker", "Place"}

    window.undoStack.undo()  # the Place annotation
    window.undoStack.undo()  # the schema change
    assert [label.name for label in window.project.labels()] == ["Claim", "Actor"]
    assert window.annotationList.annotation_model.annotation(0).label == "Actor"
    assert "Place" not in window.label_actions
    window.undoStack.redo()
    assert [label.name for label in window.project.labels()] == ["Claim", "Speaker", "Place"]
    assert dump(window.project.path) == after_change  # same rows, same ids
