"""View → Actor Registry (issue #12): filter, walk mentions with Enter, merge with M and undo."""

from __future__ import annotations

from actor_fixtures import make_corpus, query, tables
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_actor_picker import in_dialog

from annotator.store import Project

Ctrl = Qt.KeyboardModifier.ControlModifier
CtrlShift = Ctrl | Qt.KeyboardModifier.ShiftModifier


def open_registry(window, qtbot, words: str):  # type: ignore[no-untyped-def]
    QTest.keyClick(window.documentView, Qt.Key.Key_R, CtrlShift)
    dock = window.findChild(type(window.actorRegistry), "actorRegistry")
    qtbot.waitUntil(dock.isVisible)
    QTest.keyClicks(dock.filter, words)
    QTest.keyClick(dock.filter, Qt.Key.Key_Return)  # into the table, first row current
    return dock


def rows(dock) -> list[list[str]]:  # type: ignore[no-untyped-def]
    table = dock.table
    return [
        [table.topLevelItem(r).text(c) for c in range(4)] for r in range(table.topLevelItemCount())
    ]


def test_filter_and_enter_walks_the_mentions_across_documents(tmp_path, open_window, qtbot):
    path = make_corpus(tmp_path)
    with Project.open(path) as project:  # B's span names Kim too
        project.link_annotation_to_actor(2, project.actor_by_name_or_alias("KJU").id)
    window = open_window(path)
    window.open_document(3)  # start elsewhere
    dock = open_registry(window, qtbot, "kju")  # an alias finds its actor
    assert rows(dock) == [["Kim Jong Un", "person", "KJU", "2"]]
    walked = []
    for _ in range(3):  # A's mention, B's, then A's again
        QTest.keyClick(dock.table, Qt.Key.Key_Return)
        selected = window.documentView.textCursor().selectedText()
        walked.append((window.document_id, window.current_annotation().text, selected))
    assert walked == [
        (1, "Kim Jong Un", "Kim Jong Un"), (2, "Kim Jong-un", "Kim Jong-un"),
        (1, "Kim Jong Un", "Kim Jong Un"),
    ]  # fmt: skip


def test_merge_from_the_dock_and_undo_restores_every_table(tmp_path, open_window, qtbot):
    path = make_corpus(tmp_path)
    window = open_window(path)
    before = tables(path)
    dock = open_registry(window, qtbot, "kim jong-un")
    assert [r[0] for r in rows(dock)] == ["Kim Jong-un"]

    def keep_kim(dialog) -> None:  # type: ignore[no-untyped-def]
        QTest.keyClicks(dialog.filterEdit, "KJU")
        QTest.keyClick(dialog.filterEdit, Qt.Key.Key_Return)

    in_dialog(qtbot, keep_kim)
    QTest.keyClick(dock.table, Qt.Key.Key_M)
    qtbot.waitUntil(window.isActiveWindow)
    names = query(path, "SELECT name FROM actors ORDER BY id")
    assert names == [("Kim Jong Un",), ("Vladimir Putin",)]
    kim = query(path, "SELECT id FROM actors WHERE name = 'Kim Jong Un'")[0][0]
    assert query(path, "SELECT DISTINCT actor_id FROM annotations") == [(kim,)]
    aliases = query(path, "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY 1", kim)
    assert aliases == [("KJU",), ("Kim Jong-un",)]
    dock.filter.clear()  # the list follows the feed: two mentions now
    assert ["Kim Jong Un", "person", "Kim Jong-un, KJU", "2"] in rows(dock)
    QTest.keyClick(dock.table, Qt.Key.Key_Z, Ctrl)
    assert tables(path) == before
