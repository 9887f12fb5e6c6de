"""A user opens an article, selects a phrase, presses a label key: highlight + SQLite row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers import (
    highlight_color_at,
    make_project,
    select_with_keyboard,
    select_with_mouse,
    utf16_index,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

PHRASE = "some 1,500 North Korean special forces"


def rows(path: Path) -> list[tuple[int, int, str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            'SELECT a.start, a."end", l.name, a.text FROM annotations a'
            " JOIN labels l ON l.id = a.label_id ORDER BY a.id"
        ).fetchall()


def document_text(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT text FROM documents").fetchone()[0]


def test_press_1_tags_the_selection_as_claim(seed_project, open_window):
    window = open_window(seed_project)
    view = window.documentView
    select_with_keyboard(view, PHRASE)
    assert view.textCursor().selectedText() == PHRASE

    QTest.keyClick(view, Qt.Key.Key_1)

    text = document_text(seed_project)
    start = text.index(PHRASE)
    assert rows(seed_project) == [(start, start + len(PHRASE), "Claim", PHRASE)]
    raw_start = utf16_index(view, PHRASE)
    claim = QColor("#f6c85f")
    painted = highlight_color_at(view, raw_start + 5)
    assert painted is not None and painted.rgb() == claim.rgb()
    assert highlight_color_at(view, raw_start - 2) is None
    model = window.annotationList.model()
    assert model.rowCount() == 1
    assert PHRASE in model.data(model.index(0, 0))


def test_mouse_selection_and_letter_a_tags_an_actor(seed_project, open_window):
    window = open_window(seed_project)
    view = window.documentView
    select_with_mouse(view, "Kim Jong-un")
    assert view.textCursor().selectedText() == "Kim Jong-un"

    QTest.keyClick(view, Qt.Key.Key_A)

    assert [(r[2], r[3]) for r in rows(seed_project)] == [("Actor", "Kim Jong-un")]
    raw_start = utf16_index(view, "Kim Jong-un")
    painted = highlight_color_at(view, raw_start)
    assert painted is not None and painted.rgb() == QColor("#6fb7e9").rgb()


def test_offsets_are_code_points_after_emoji_and_cjk(tmp_path, open_window):
    article = tmp_path / "mixed.txt"
    article.write_text(
        "Flags 🇰🇷🇰🇵 and a family 👨‍👩‍👧 open the story.\n\n"
        "北京消息：韩国情报部门称 some 1,500 North Korean special forces 已抵达。😀\n",
        encoding="utf-8",
    )
    path = tmp_path / "mixed.annotator"
    make_project(path, [article])
    window = open_window(path)
    view = window.documentView
    select_with_keyboard(view, PHRASE)

    QTest.keyClick(view, Qt.Key.Key_C)

    text = document_text(path)
    start = text.index(PHRASE)  # code points of the stored text
    raw_start = utf16_index(view, PHRASE)  # UTF-16 units in Qt
    assert raw_start > start  # the emoji before the phrase take two units each in Qt
    [(s, e, label, covered)] = rows(path)
    assert (s, e, label, covered) == (start, start + len(PHRASE), "Claim", PHRASE)
    assert text[s:e] == covered
    assert highlight_color_at(view, raw_start) is not None


def test_overlapping_spans_both_stay_visible(seed_project, open_window):
    window = open_window(seed_project)
    view = window.documentView
    select_with_keyboard(view, PHRASE)
    QTest.keyClick(view, Qt.Key.Key_1)
    select_with_keyboard(view, "North Korean")
    QTest.keyClick(view, Qt.Key.Key_2)

    inner = utf16_index(view, "North Korean special")
    block = view.document().findBlock(inner)
    offset = inner - block.position()
    ranges = block.layout().formats()
    [fmt] = [r.format for r in ranges if r.start <= offset < r.start + r.length]
    assert fmt.background().color().rgb() == QColor("#6fb7e9").rgb()  # inner: Actor fill
    assert fmt.fontUnderline()  # outer Claim still shown, as an underline
    assert fmt.underlineColor().isValid()
    assert len(rows(seed_project)) == 2


def test_click_in_list_selects_and_delete_removes(seed_project, open_window, qtbot):
    window = open_window(seed_project)
    view = window.documentView
    select_with_keyboard(view, PHRASE)
    QTest.keyClick(view, Qt.Key.Key_1)
    view.moveCursor(view.textCursor().MoveOperation.Start)

    listview = window.annotationList
    rect = listview.visualRect(listview.model().index(0, 0))
    QTest.mouseClick(listview.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.textCursor().selectedText() == PHRASE

    QTest.keyClick(listview, Qt.Key.Key_Delete)

    assert rows(seed_project) == []
    assert listview.model().rowCount() == 0
    raw_start = utf16_index(view, PHRASE)
    assert highlight_color_at(view, raw_start + 3) is None


def test_whitespace_around_selection_is_trimmed(seed_project, open_window):
    window = open_window(seed_project)
    select_with_keyboard(window.documentView, " " + PHRASE + " ")
    QTest.keyClick(window.documentView, Qt.Key.Key_1)
    assert [r[3] for r in rows(seed_project)] == [PHRASE]


def test_no_selection_saves_nothing_and_says_why(seed_project, open_window):
    window = open_window(seed_project)
    QTest.keyClick(window.documentView, Qt.Key.Key_1)
    assert rows(seed_project) == []
    assert "Select some text" in window.statusBar().currentMessage()


def test_annotations_survive_closing_and_reopening(seed_project, open_window):
    window = open_window(seed_project)
    select_with_keyboard(window.documentView, PHRASE)
    QTest.keyClick(window.documentView, Qt.Key.Key_1)
    select_with_keyboard(window.documentView, "Yoon Suk Yeol")
    QTest.keyClick(window.documentView, Qt.Key.Key_2)
    window.close()

    again = open_window(seed_project)
    labels = [again.annotationList.model().annotation(i).label for i in range(2)]
    assert labels == ["Claim", "Actor"]
    yoon = utf16_index(again.documentView, "Yoon")
    assert highlight_color_at(again.documentView, yoon) is not None
    assert "Claim: 1" in again.countsLabel.text() and "Actor: 1" in again.countsLabel.text()


def test_a_selection_inside_a_flag_tags_the_whole_flag(tmp_path, open_window):
    article = tmp_path / "flags.txt"
    article.write_text("Seoul 🇰🇷 and Pyongyang 🇰🇵 exchanged warnings.\n", encoding="utf-8")
    path = tmp_path / "flags.annotator"
    make_project(path, [article])
    window = open_window(path)
    view = window.documentView
    flag = utf16_index(view, "🇰🇷")
    cursor = view.textCursor()
    cursor.setPosition(flag + 2)  # between the two regional indicators
    cursor.setPosition(flag + 2 + 2 + len(" and Pyongyang"), cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)

    QTest.keyClick(view, Qt.Key.Key_1)

    [(_, _, _, covered)] = rows(path)
    assert covered == "🇰🇷 and Pyongyang"
