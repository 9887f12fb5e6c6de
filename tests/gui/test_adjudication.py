"""View → Adjudicate with real keys (issue #13 item 4): accept all agreed, accept one
annotator's version, delete, undo back to the very same tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from curation_corpus import CLAIM, KIM, MOON, SEOUL, build_curation_project, curated, dump
from helpers import tag
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QMessageBox

from annotator.gui.adjudication import AGREED, DIFFERENT
from annotator.gui.export_dialog import ExportDialog

Key, Mod = Qt.Key, Qt.KeyboardModifier
CTRL_SHIFT = Mod.ControlModifier | Mod.ShiftModifier


@pytest.fixture
def window(tmp_path: Path, open_window):  # type: ignore[no-untyped-def]
    path, _doc = build_curation_project(tmp_path / "p.annotator")
    return open_window(path)


def _open_view(window):  # type: ignore[no-untyped-def]
    window.documentView.setFocus()
    QTest.keyClick(window, Key.Key_J, CTRL_SHIFT)
    table = window.findChild(type(window.adjudicationDock.table), "adjudicationView")
    assert table.isVisible() and table.hasFocus()
    return table


def _cells(table, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = table.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def _background(table, row: int):  # type: ignore[no-untyped-def]
    return table.model().index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color()


def test_rows_per_unit_with_a_column_per_annotator_and_curation(window) -> None:
    table = _open_view(window)
    model = table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["1: ann", "2: ben", "Curation"]
    assert _cells(table, 2) == ["Moon [Actor]", "Moon [Claim]", "—"]
    assert _cells(table, 3) == ["—", "Seoul [Actor]", "—"]
    assert [_background(table, r) for r in range(4)] == [AGREED, AGREED, DIFFERENT, DIFFERENT]


def test_accept_all_then_a_version_then_undo_both(window) -> None:
    project = window.project
    before = dump(project)
    table = _open_view(window)
    QTest.keyClick(table, Key.Key_A)
    assert curated(project) == [(*KIM, "Actor"), (*CLAIM, "Claim")]
    assert _cells(table, 0)[2] == "Kim [Actor]"
    assert window.statusBar().currentMessage() == "Accepted: 2 agreed spans"
    QTest.keyClick(table, Key.Key_A)  # nothing left: no step on the undo stack
    assert window.statusBar().currentMessage() == "Accepted: Nothing"
    QTest.keyClick(table, Key.Key_Down)
    QTest.keyClick(table, Key.Key_Down)
    shown = window.current_annotation()  # the text shows the row's span as the current one
    assert (shown.start, shown.end) == MOON
    QTest.keyClick(table, Key.Key_2)
    assert curated(project) == [(*KIM, "Actor"), (*CLAIM, "Claim"), (*MOON, "Claim")]
    assert _cells(table, 2)[2] == "Moon [Claim]"
    QTest.keyClick(table, Key.Key_Z, Mod.ControlModifier)
    assert curated(project) == [(*KIM, "Actor"), (*CLAIM, "Claim")]
    QTest.keyClick(table, Key.Key_Z, Mod.ControlModifier)
    assert dump(project) == before
    assert _cells(table, 0)[2] == "—"


def test_another_version_replaces_the_curated_one_and_delete_removes_it(window) -> None:
    project = window.project
    table = _open_view(window)
    for key in (Key.Key_Down, Key.Key_Down, Key.Key_1):
        QTest.keyClick(table, key)
    assert curated(project) == [(*MOON, "Actor")]
    QTest.keyClick(table, Key.Key_2)
    assert curated(project) == [(*MOON, "Claim")]
    QTest.keyClick(table, Key.Key_Z, Mod.ControlModifier)  # one step: ann's version is back
    assert curated(project) == [(*MOON, "Actor")]
    QTest.keyClick(table, Key.Key_Delete)
    assert curated(project) == []
    QTest.keyClick(table, Key.Key_Down)
    QTest.keyClick(table, Key.Key_1)  # ann has no span here: nothing happens, the bar says so
    assert curated(project) == []
    assert "has no span here" in window.statusBar().currentMessage()
    QTest.keyClick(table, Key.Key_2)
    assert curated(project) == [(*SEOUL, "Actor")]


def test_enter_gives_the_text_the_units_span(window) -> None:
    table = _open_view(window)
    QTest.keyClick(table, Key.Key_Down)
    QTest.keyClick(table, Key.Key_Return)
    assert window.documentView.hasFocus()
    assert window.documentView.selected_span() == CLAIM


def test_the_export_dialog_writes_the_curated_layer(window, qtbot, tmp_path, monkeypatch) -> None:
    QTest.keyClick(_open_view(window), Key.Key_A)
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)
    dialog = ExportDialog(window, window.project, window.document_id)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.findChild(QComboBox, "exportLayer")
    layers = [combo.itemText(i) for i in range(combo.count())]
    assert layers == ["All annotators", "ann", "ben", "Curation (adjudicated)"]
    combo.setFocus()
    QTest.keyClick(combo, Key.Key_End)  # the last entry: the curated layer
    out = tmp_path / "curated.jsonl"
    dialog.destinationEdit.setText(str(out))
    QTest.mouseClick(dialog.exportButton, Qt.MouseButton.LeftButton)
    (row,) = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert sorted((s["start"], s["end"], s["label"]) for s in row["spans"]) == [
        (*KIM, "Actor"),
        (*CLAIM, "Claim"),
    ]


def test_ctrl_shift_a_and_the_button_accept_all_and_the_table_follows_the_text(
    window, qtbot
) -> None:
    table = _open_view(window)
    QTest.keyClick(table, Key.Key_A, CTRL_SHIFT)
    assert curated(window.project) == [(*KIM, "Actor"), (*CLAIM, "Claim")]
    QTest.keyClick(table, Key.Key_Z, Mod.ControlModifier)
    QTest.mouseClick(window.adjudicationDock.acceptAllButton, Qt.MouseButton.LeftButton)
    assert curated(window.project) == [(*KIM, "Actor"), (*CLAIM, "Claim")]
    tag(window, "waited", Key.Key_C)  # a new span by the window's user, typed in the text
    qtbot.waitUntil(lambda: table.model().rowCount() == 5)
    assert "waited [Claim]" in _cells(table, 4)
