"""Label schema changes from the window are undoable and reach the keys, list and highlights."""

from __future__ import annotations

import dataclasses
import sqlite3

from helpers import select_with_keyboard
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from annotator.core.label_schema import LabelSchema
from annotator.core.labels import Label
from annotator.gui.schema_dialog import SchemaDialog


def dump(path) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    with sqlite3.connect(path) as conn:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("labels", "relation_types", "annotations", "relations")
        }


def propose(monkeypatch, make_schema) -> None:  # type: ignore[no-untyped-def]
    """The user edits the dialog and presses OK: ``make_schema(old) -> new``."""
    monkeypatch.setattr(SchemaDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        SchemaDialog, "result_schema", lambda self: make_schema(self.build_schema())
    )


def test_rename_recolour_and_add_a_label_then_undo(seed_project, open_window, monkeypatch):
    window = open_window(seed_project)
    select_with_keyboard(window.documentView, "Kim Jong-un")
    QTest.keyClick(window.documentView, Qt.Key.Key_2)

    def edit(old: LabelSchema) -> LabelSchema:
        claim, actor = old.labels
        return LabelSchema(
            (
                claim,
                dataclasses.replace(actor, name="Speaker", color="#2a9d8f"),
                Label("Place", "#e76f51", ("3",)),
            ),
            tuple(dataclasses.replace(t, target_labels=("Speaker",)) for t in old.relation_types),
        )

    propose(monkeypatch, edit)
    QTest.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

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
