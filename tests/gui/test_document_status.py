"""Document status in the window (issue #12): Ctrl+D, the list's mark and filter, "N of M done"
in the status bar, undo; the first annotation makes a document "in progress"."""

from __future__ import annotations

from actor_fixtures import make_corpus, query
from helpers import tag
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

Ctrl = Qt.KeyboardModifier.ControlModifier


def status(path, doc: int) -> str:  # type: ignore[no-untyped-def]
    rows = query(path, "SELECT status FROM document_status WHERE document_id = ?", doc)
    return str(rows[0][0]) if rows else "new"  # a new document has no row


def titles(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.documentList.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_ctrl_d_steps_the_status_the_list_and_bar_show_it_filter_and_undo(
    tmp_path, open_window, qtbot
):
    path = make_corpus(tmp_path, linked=False)
    window = open_window(path)
    progress = window.statusBar().findChild(type(window.documentStatus.progress), "statusProgress")
    assert progress.text() == "0 of 3 done"
    view = window.documentView
    QTest.keyClick(view, Qt.Key.Key_D, Ctrl)
    assert status(path, 1) == "in_progress"
    QTest.keyClick(view, Qt.Key.Key_D, Ctrl)
    assert status(path, 1) == "done"
    assert progress.text() == "1 of 3 done"
    assert titles(window)[0].startswith("✓ ")
    combo = window.findChild(type(window.documentStatus.filterBox), "statusFilter")
    combo.setFocus()
    for _ in range(3):  # All → New → In progress → Done
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "Done"
    assert window.documentList.visible_document_ids() == [1]
    QTest.keyClick(view, Qt.Key.Key_Z, Ctrl)
    assert status(path, 1) == "in_progress"
    assert progress.text() == "0 of 3 done"
    assert window.documentList.visible_document_ids() == []


def test_the_first_annotation_makes_a_document_in_progress(tmp_path, open_window, qtbot):
    path = make_corpus(tmp_path, linked=False)
    window = open_window(path)
    assert status(path, 1) == "new"
    tag(window, "Moscow", Qt.Key.Key_1)
    assert status(path, 1) == "in_progress"
    assert titles(window)[0].startswith("◐ ")
