"""Relabelling a span takes along only the attributes its new label allows (issue #9, item 2)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from helpers import tag
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.formats.model import ExportOptions
from annotator.services.exporting import export_project

CLAIM = "some 1,500 North Korean special forces had been sent"
CTRL = Qt.KeyboardModifier.ControlModifier


def annotation_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM annotations ORDER BY id").fetchall()


def stored(path: Path) -> tuple[str, str]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT l.name, a.attributes FROM annotations a JOIN labels l ON l.id = a.label_id"
        ).fetchone()


def list_row(window) -> str:  # type: ignore[no-untyped-def]
    model = window.annotationList.model()
    return str(model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole))


def test_relabel_drops_attributes_the_new_label_lacks_and_undo_restores_them(
    seed_project, open_window, tmp_path
):  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    view = window.documentView
    tag(window, CLAIM, Qt.Key.Key_1)
    QTest.keyClick(view, Qt.Key.Key_E)  # the side panel: stance
    stance = window.annotationPanel.editors["stance"]
    QTest.keyClick(stance, Qt.Key.Key_Down)  # — -> support
    QTest.keyClick(stance, Qt.Key.Key_Down)  # support -> oppose
    QTest.keyClick(stance, Qt.Key.Key_Escape)
    assert stored(seed_project) == ("Claim", '{"stance": "oppose"}')
    assert "[oppose]" in list_row(window)
    before = annotation_rows(seed_project)

    QTest.keyClick(view, Qt.Key.Key_2)  # relabel as Actor

    assert stored(seed_project) == ("Actor", "{}")  # no stance left in SQLite
    assert "Actor" in list_row(window) and "oppose" not in list_row(window)
    assert "stance" in window.statusBar().currentMessage()  # said, not done silently
    out = tmp_path / "out.jsonl"
    export_project(window.project, "jsonl", out, ExportOptions())
    (span,) = json.loads(out.read_text("utf-8").splitlines()[0])["spans"]
    assert span["label"] == "Actor" and "stance" not in span.get("attributes", {})

    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo the relabel
    assert annotation_rows(seed_project) == before  # rows identical, stance back
    assert "[oppose]" in list_row(window)
