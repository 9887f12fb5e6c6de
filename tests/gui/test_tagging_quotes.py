"""A selection ending in a straight quote after punctuation keeps both quotes (issue #9, item 3)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers import make_project, select_with_keyboard
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

QUOTED = 'Moscow "until victory,"'


def stored_spans(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT l.name, a.text FROM annotations a JOIN labels l ON l.id = a.label_id"
        ).fetchall()


def test_press_1_on_a_straight_quoted_phrase_keeps_the_closing_quote(tmp_path, open_window):
    article = tmp_path / "victory.txt"
    article.write_text(
        f"Officials vowed to support {QUOTED} the spokesman said on Friday.\n", encoding="utf-8"
    )
    path = tmp_path / "victory.annotator"
    make_project(path, [article])
    window = open_window(path)
    view = window.documentView
    select_with_keyboard(view, QUOTED)
    assert view.textCursor().selectedText() == QUOTED

    QTest.keyClick(view, Qt.Key.Key_1)

    assert stored_spans(path) == [("Claim", QUOTED)]
