"""Where the window's preferences go (issue #11): zoom, font and theme belong to the machine
(QSettings), so they follow the user to every project and never write to a project file;
switching documents writes the project's own position (scroll, last document) in one commit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers import SEED, make_project
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

CTRL = Qt.KeyboardModifier.ControlModifier


def two_documents(tmp_path: Path, name: str) -> Path:
    other = tmp_path / f"{name}-second.txt"
    other.write_text("Seoul said the talks were a threat.\n", encoding="utf-8")
    path = tmp_path / f"{name}.annotator"
    make_project(path, [SEED, other])
    return path


def click_row(window, row: int) -> None:  # type: ignore[no-untyped-def]
    documents = window.documentList
    rect = documents.visualRect(documents.model().index(row, 0))
    QTest.mouseClick(documents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_switching_documents_is_one_commit(tmp_path: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(two_documents(tmp_path, "p"))
    click_row(window, 0)
    statements: list[str] = []
    window.project.db.conn.set_trace_callback(statements.append)
    try:
        click_row(window, 1)
    finally:
        window.project.db.conn.set_trace_callback(None)
    assert window.document_id == window.documentList.document_ids()[1]
    assert sum(1 for s in statements if s.strip().upper() == "COMMIT") == 1


def test_zoom_is_the_machines_not_the_projects(tmp_path: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    first = open_window(two_documents(tmp_path, "first"))
    base = first.documentView.font().pointSizeF()
    QTest.keyClick(first.documentView, Qt.Key.Key_Plus, CTRL)  # View → Zoom In
    zoomed = first.documentView.font().pointSizeF()
    assert zoomed > base
    first.close()
    with sqlite3.connect(tmp_path / "first.annotator") as conn:
        keys = [k for (k,) in conn.execute("SELECT key FROM settings")]
    assert "gui.zoom" not in keys

    second = open_window(two_documents(tmp_path, "second"))  # another project, same machine
    assert second.documentView.font().pointSizeF() == zoomed
