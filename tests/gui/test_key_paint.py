"""A label key repaints the lines it changed, and what is on screen is right (issue #11).

Pressing 1 on a selection used to repaint the whole text viewport (a highlight change reached
Qt's plain-text layout as a text change, and the selection colour change as a palette change
of the viewport). The paint is now limited to the changed lines; these tests check both that
it is limited and that the pixels on screen (the window's backing store, not a fresh render)
show the highlight after the key and lose it after Ctrl+Z.
"""

from __future__ import annotations

from helpers import select_with_keyboard, utf16_index
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QColor, QImage, QRegion
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

PHRASE = "some 1,500 North Korean special forces"
OTHER = "convened an emergency security meeting"


class PaintRegions(QObject):
    """The regions a widget was asked to paint."""

    def __init__(self) -> None:
        super().__init__()
        self.region = QRegion()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.region = self.region.united(event.region())  # type: ignore[attr-defined]
        return False


def on_screen(window) -> QImage:  # type: ignore[no-untyped-def]
    """The window as last painted (the offscreen platform's backing store)."""
    QApplication.processEvents()
    return window.screen().grabWindow(window.winId()).toImage()


def screen_color(window, view, utf16_position: int) -> QColor:  # type: ignore[no-untyped-def]
    cursor = view.textCursor()
    cursor.setPosition(utf16_position)
    rect = view.cursorRect(cursor)
    point = view.viewport().mapTo(window, QPoint(rect.right() + 4, rect.center().y()))
    return on_screen(window).pixelColor(point)


def tagged_after_key(window, qtbot):  # type: ignore[no-untyped-def]
    view = window.documentView
    qtbot.waitExposed(window)
    select_with_keyboard(view, PHRASE)
    on_screen(window)
    regions = PaintRegions()
    view.viewport().installEventFilter(regions)
    QTest.keyClick(view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: not regions.region.isEmpty())
    QApplication.processEvents()
    return view, regions


def test_a_label_key_repaints_the_tagged_lines_not_the_whole_view(seed_project, open_window, qtbot):  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    view, regions = tagged_after_key(window, qtbot)
    start = utf16_index(view, PHRASE)
    cursor = view.textCursor()
    cursor.setPosition(start)
    assert regions.region.contains(view.cursorRect(cursor).center())  # the tag was painted
    painted = regions.region.boundingRect()
    viewport = view.viewport().rect()
    assert painted.height() < viewport.height() / 2, (painted, viewport)


def test_the_screen_shows_the_highlight_after_the_key_and_not_after_undo(
    seed_project, open_window, qtbot
):  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    view, _ = tagged_after_key(window, qtbot)
    claim = QColor(window.colors["Claim"])
    position = utf16_index(view, PHRASE) + 6
    assert screen_color(window, view, position) == claim  # selection shown in the label colour
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert window.current_annotation() is None
    assert screen_color(window, view, position) != claim


def test_undoing_a_tag_that_is_not_current_clears_it_on_screen(seed_project, open_window, qtbot):  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    view = window.documentView
    qtbot.waitExposed(window)
    position = utf16_index(view, PHRASE) + 6
    plain = screen_color(window, view, position)
    tagged_after_key(window, qtbot)  # PHRASE is a Claim
    select_with_keyboard(view, OTHER)
    QTest.keyClick(view, Qt.Key.Key_2)  # OTHER is an Actor, the current annotation
    QApplication.processEvents()
    highlighted = screen_color(window, view, position)
    assert highlighted != plain
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the Actor goes
    assert screen_color(window, view, position) == highlighted  # the Claim is still there
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the Claim goes
    assert screen_color(window, view, position) == plain
