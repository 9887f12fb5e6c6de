"""Issue #9 "The first hour": the window gives titles and the article their room, never cuts
the counts, and remembers the pane sizes the user dragged (real mouse drags and keys)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SEED, make_project
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def short_and_long(tmp_path: Path) -> Path:
    """A very short article first (opened at start), then the seed with its long title."""
    short = tmp_path / "short.txt"
    short.write_text("Brief\n\nOne short line.\n", encoding="utf-8")
    path = tmp_path / "two.annotator"
    make_project(path, [short, SEED])
    return path


def big_window(open_window, qtbot, path: Path):  # type: ignore[no-untyped-def]
    window = open_window(path)
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: window.width() == 1400 and window.height() == 900)
    qtbot.wait(20)  # let the layouts settle
    return window


def title_fits(documents, row: int) -> bool:  # type: ignore[no-untyped-def]
    """The whole title of a row is drawn: its (wrapped) text fits in the row's cell."""
    index = documents.model().index(row, 0)
    cell = documents.visualRect(index)
    width = documents.columnWidth(0) - 12  # the cell's text margins
    needed = documents.fontMetrics().boundingRect(
        QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, index.data()
    )
    return cell.height() >= needed.height()


def test_titles_article_and_counts_get_their_room(short_and_long, open_window, qtbot):
    window = big_window(open_window, qtbot, short_and_long)
    documents = window.documentList
    assert documents.columnWidth(0) >= 0.4 * documents.viewport().width()
    assert len(documents.model().index(1, 0).data()) > 50
    assert all(title_fits(documents, row) for row in range(documents.model().rowCount()))

    QTest.keyClick(window, Qt.Key.Key_F, CTRL_SHIFT)  # the search dock opens
    qtbot.waitUntil(window.searchDock.isVisible)
    qtbot.wait(20)
    assert window.documentView.width() >= 600, window.mainSplitter.sizes()
    assert window.searchDock.width() <= 300, window.searchDock.width()

    rect = documents.visualRect(documents.model().index(1, 0))  # open the long article
    QTest.mouseClick(documents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.wait(20)
    counts = window.countsLabel
    assert "3,523 characters" in counts.text()
    assert counts.width() >= counts.fontMetrics().horizontalAdvance(counts.text())
    # Annotation rows keep both ends of a long span (elided in the middle, tooltip has all).
    assert window.annotationList.textElideMode() == Qt.TextElideMode.ElideMiddle


def drag_handle(splitter, index: int, dx: int) -> None:  # type: ignore[no-untyped-def]
    handle = splitter.handle(index)
    centre = handle.rect().center()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=centre)
    for step in range(1, 5):
        QTest.mouseMove(handle, centre + QPoint(dx * step // 4, 0))
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=centre + QPoint(dx, 0))


def test_pane_sizes_are_remembered_across_a_restart(short_and_long, open_window, qtbot):
    window = big_window(open_window, qtbot, short_and_long)
    splitter = window.mainSplitter
    before = splitter.sizes()
    drag_handle(splitter, 1, 90)  # widen the documents pane
    dragged = splitter.sizes()
    assert dragged[0] >= before[0] + 60
    window.close()

    again = big_window(open_window, qtbot, short_and_long)
    restored = again.mainSplitter.sizes()
    assert all(abs(a - b) <= 3 for a, b in zip(restored, dragged, strict=True)), restored
