"""Link an Actor span to a registry actor with ``K`` (issue #12): the picker, create from the
span's text, and the automatic link when a tagged text is an actor's name or alias."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from actor_fixtures import make_corpus, query
from helpers import tag
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

Ctrl = Qt.KeyboardModifier.ControlModifier


def in_dialog(qtbot, use: Callable[[object], None]) -> None:  # type: ignore[no-untyped-def]
    """Run ``use(dialog)`` once the modal dialog is up (the key opening it blocks until then)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, attempt)
            return
        use(dialog)

    QTimer.singleShot(0, attempt)


def actor_of(path: Path, text: str) -> list[object]:
    return [r[0] for r in query(path, "SELECT actor_id FROM annotations WHERE text = ?", text)]


def test_type_to_filter_and_enter_links_the_span_and_undo_unlinks(tmp_path, open_window, qtbot):
    path = make_corpus(tmp_path, linked=False)
    window = open_window(path)
    tag(window, "Officials", Qt.Key.Key_2)
    seen: list[str] = []

    def pick(dialog) -> None:  # type: ignore[no-untyped-def]
        box = dialog.findChild(type(dialog.filterEdit), "actorFilter")
        QTest.keyClicks(box, "putin")
        seen.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        QTest.keyClick(box, Qt.Key.Key_Return)

    in_dialog(qtbot, pick)
    QTest.keyClick(window.documentView, Qt.Key.Key_K)
    qtbot.waitUntil(window.isActiveWindow)
    putin = query(path, "SELECT id FROM actors WHERE name = 'Vladimir Putin'")[0][0]
    assert seen[0].startswith("Vladimir Putin")  # the best match first, "Create" after it
    assert actor_of(path, "Officials") == [putin]
    assert "Vladimir Putin" in window.annotationPanel.heading.text()
    QTest.keyClick(window.documentView, Qt.Key.Key_Z, Ctrl)
    assert actor_of(path, "Officials") == [None]


def test_create_from_the_span_text_is_the_first_choice(tmp_path, open_window, qtbot):
    path = make_corpus(tmp_path, linked=False)
    window = open_window(path)
    tag(window, "Officials", Qt.Key.Key_2)
    first: list[str] = []

    def enter(dialog) -> None:  # type: ignore[no-untyped-def]
        first.append(dialog.list.item(0).text())
        QTest.keyClick(dialog.filterEdit, Qt.Key.Key_Return)

    in_dialog(qtbot, enter)
    QTest.keyClick(window.documentView, Qt.Key.Key_K)
    qtbot.waitUntil(window.isActiveWindow)
    assert first == ["Create “Officials”"]
    made = query(path, "SELECT id FROM actors WHERE name = 'Officials'")
    assert len(made) == 1 and actor_of(path, "Officials") == [made[0][0]]
    QTest.keyClick(window.documentView, Qt.Key.Key_Z, Ctrl)
    assert query(path, "SELECT id FROM actors WHERE name = 'Officials'") == []
    assert actor_of(path, "Officials") == [None]
    QTest.keyClick(window.documentView, Qt.Key.Key_Z, Ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert query(path, "SELECT id FROM actors WHERE name = 'Officials'") == made  # same id


def test_tagging_an_actor_alias_links_it_in_the_same_undo_step(tmp_path, open_window, qtbot):
    path = make_corpus(tmp_path, linked=False)
    window = open_window(path)
    ann = tag(window, "Kim Jong Un", Qt.Key.Key_2)
    kim = query(path, "SELECT id FROM actors WHERE name = 'Kim Jong Un'")[0][0]
    assert actor_of(path, "Kim Jong Un") == [kim]
    assert "→ Kim Jong Un" in window.annotationPanel.heading.text()
    assert "Kim Jong Un" in window.annotation_tooltip([ann.id])
    QTest.keyClick(window.documentView, Qt.Key.Key_Z, Ctrl)  # one step: the span is gone
    assert actor_of(path, "Kim Jong Un") == []
