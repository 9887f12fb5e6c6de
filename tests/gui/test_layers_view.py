"""Issue #13: View → Show Annotations Of ▸ one annotator's layer, or all. The view, the list
and the counts show only that author's spans; tagging on someone else's layer is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import SEED, highlight_color_at, make_project, tag, utf16_index
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.store import Project

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
ALICE = ("North Korea", "Russia")
BOB = ("(NIS)",)


@pytest.fixture
def two_authors(tmp_path: Path) -> Path:
    path = tmp_path / "team.annotator"
    (seed,) = make_project(path, [SEED])
    with Project.open(path) as proj:
        text = proj.document(seed).text
        for author, phrases in (("alice", ALICE), ("bob", BOB)):
            for phrase in phrases:
                start = text.index(phrase)
                proj.add_annotation(seed, start, start + len(phrase), "Actor", author=author)
    return path


def choose_layer(window, downs: int) -> None:  # type: ignore[no-untyped-def]
    """Alt+V, A (Show Annotations Of), Down × ``downs``, Enter: 0 = All, 1 = alice, 2 = bob."""
    QTest.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_A)
    layer_menu = QApplication.activePopupWidget()
    assert layer_menu.objectName() == "layerMenu"
    for _ in range(downs):
        QTest.keyClick(layer_menu, Qt.Key.Key_Down)
    QTest.keyClick(layer_menu, Qt.Key.Key_Return)


def highlighted(window, phrase: str) -> bool:  # type: ignore[no-untyped-def]
    view = window.documentView
    return highlight_color_at(view, utf16_index(view, phrase) + 1) is not None


def test_one_authors_layer_then_all(two_authors, open_window):
    window = open_window(two_authors)
    model = window.annotationList.annotation_model
    assert model.rowCount() == 3
    choose_layer(window, 2)  # bob
    assert model.rowCount() == 1
    assert highlighted(window, "(NIS)")
    assert not any(highlighted(window, p) for p in ALICE)
    assert "Actor: 1" in window.countsLabel.text()
    assert window.layers.label.text() == "Layer: bob"
    choose_layer(window, 1)  # alice
    assert model.rowCount() == 2
    assert not highlighted(window, "(NIS)")
    choose_layer(window, 0)  # all
    assert model.rowCount() == 3
    assert window.layers.label.text() == "Layer: all annotators"


def test_tagging_on_another_authors_layer_is_refused(two_authors, open_window):
    window = open_window(two_authors)  # the annotator is "tester"
    choose_layer(window, 2)  # bob's layer
    tag(window, "National Intelligence Service", Qt.Key.Key_1)
    with sqlite3.connect(two_authors) as conn:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone() == (3,)
    assert "a new tag would be yours" in window.statusBar().currentMessage()
    choose_layer(window, 0)
    tag(window, "National Intelligence Service", Qt.Key.Key_1)
    with sqlite3.connect(two_authors) as conn:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone() == (4,)
