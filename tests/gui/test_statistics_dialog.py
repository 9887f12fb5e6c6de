"""Library → Statistics… (issue #12): open it with its shortcut, switch charts, save an SVG."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from stats_corpus import build_stats_project


def open_statistics(qtbot, window):  # type: ignore[no-untyped-def]
    QTest.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    qtbot.waitUntil(lambda: window.statisticsDialog is not None
                    and window.statisticsDialog.isVisible())  # fmt: skip
    return window.statisticsDialog


def axes_texts(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    (axes,) = dialog.figure.axes
    return [axes.get_title(), *(t.get_text() for t in axes.get_yticklabels() if t.get_text())]


def test_shortcut_opens_charts_and_keys_switch_them(qtbot, open_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    window = open_window(build_stats_project(tmp_path / "p.annotator"))
    dialog = open_statistics(qtbot, window)
    assert dialog.objectName() == "statisticsDialog"
    assert dialog.figure.axes[0].get_title() == "Spans per label"
    heights = [bar.get_height() for bar in dialog.figure.axes[0].patches]
    assert heights == [5, 4]  # Claim, Actor
    QTest.keyClick(dialog.chooser, Qt.Key.Key_Down)
    assert axes_texts(dialog) == ["Top actors", "Moon Jae-in", "Kim Jong Un"]
    QTest.keyClick(dialog.chooser, Qt.Key.Key_Down)
    axes = dialog.figure.axes[0]
    assert axes.get_title() == "Claims per stance over time"
    assert [t.get_text() for t in axes.get_xticklabels()] == ["2024-03", "2024-04", "undated"]
    assert [t.get_text() for t in axes.get_legend().get_texts()] == [
        "support", "oppose", "unspecified",
    ]  # fmt: skip
    QTest.keyClick(dialog.chooser, Qt.Key.Key_Down)
    assert [b.get_height() for b in dialog.figure.axes[0].patches] == [1, 1, 1]


def test_save_chart_writes_an_svg(qtbot, open_window, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    window = open_window(build_stats_project(tmp_path / "p.annotator"))
    dialog = open_statistics(qtbot, window)
    out = tmp_path / "chart.svg"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "SVG drawing (*.svg)")
    )
    qtbot.mouseClick(dialog.saveButton, Qt.MouseButton.LeftButton)
    assert ElementTree.parse(out).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert "Spans per label" in out.read_text(encoding="utf-8")
    assert dialog.status.text() == "Saved chart.svg"


def test_dark_theme_text_follows_the_palette(qtbot, open_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    window = open_window(build_stats_project(tmp_path / "p.annotator"))
    window.actionRegistry["theme.dark"].trigger()  # View → Dark Theme
    try:
        dialog = open_statistics(qtbot, window)
        text = dialog.palette().color(QPalette.ColorRole.WindowText).name()
        assert dialog.figure.axes[0].title.get_color() == text
        assert text != "#000000"
    finally:
        window.actionRegistry["theme.light"].trigger()
