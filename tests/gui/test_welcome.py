"""The welcome screen: what a user sees with no project open, driven with the keyboard and
the mouse (issue #14 item 3)."""

from __future__ import annotations

from helpers import make_project
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.services.default_project import default_project_path

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _close(window) -> QWidget:  # type: ignore[no-untyped-def]
    QTest.keyClick(window.documentView, Qt.Key.Key_W, CTRL)
    welcome = window.findChild(QWidget, "welcomeScreen")
    assert welcome is not None and welcome.isVisible()
    return welcome


def test_tab_order_and_enter_open_the_sample_article(open_window, seed_project):
    window = open_window(seed_project)
    welcome = _close(window)
    assert welcome.recentList.hasFocus()  # the newest recent project first
    QTest.keyClick(welcome.recentList, Qt.Key.Key_Tab, SHIFT)
    assert welcome.sampleButton.hasFocus()
    QTest.keyClick(welcome.sampleButton, Qt.Key.Key_Tab, SHIFT)
    assert welcome.openButton.hasFocus()
    QTest.keyClick(welcome.openButton, Qt.Key.Key_Tab, SHIFT)
    assert welcome.newButton.hasFocus()
    QTest.keyClick(welcome.newButton, Qt.Key.Key_Tab)
    QTest.keyClick(welcome.openButton, Qt.Key.Key_Tab)
    assert welcome.sampleButton.hasFocus()
    QTest.keyClick(welcome.sampleButton, Qt.Key.Key_Return)
    assert not welcome.isVisible()
    assert window.windowTitle() == "default.annotator — Annotator"
    assert window.project.path == default_project_path()
    assert len(window.documentList.document_ids()) == 1
    assert "Pyongyang" in window.documentView.toPlainText()


def test_arrow_keys_and_double_click_in_the_recent_list(open_window, seed_project, tmp_path):
    second = tmp_path / "second.annotator"
    make_project(second, [])
    window = open_window(second)
    window.open_project(seed_project)  # the newest: seed, then second
    welcome = _close(window)
    assert [p.name for p in welcome.recent_paths()] == ["seed.annotator", "second.annotator"]
    QTest.keyClick(welcome.recentList, Qt.Key.Key_Down)
    assert welcome.recentList.currentRow() == 1
    QTest.keyClick(welcome.recentList, Qt.Key.Key_Return)
    assert window.windowTitle() == "second.annotator — Annotator"
    welcome = _close(window)
    item = welcome.recentList.item(1)
    where = welcome.recentList.visualItemRect(item).center()
    viewport = welcome.recentList.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=where)  # a double-click: press,
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=where)  # then this
    assert window.windowTitle() == "seed.annotator — Annotator"
    assert not welcome.isVisible()


def test_new_project_from_the_welcome_screen(open_window, seed_project, tmp_path, monkeypatch):
    window = open_window(seed_project)
    welcome = _close(window)
    target = tmp_path / "from-welcome.annotator"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "Annotator projects")
    )
    QTest.keyClick(welcome.recentList, Qt.Key.Key_Tab, SHIFT)
    QTest.keyClick(welcome.sampleButton, Qt.Key.Key_Tab, SHIFT)
    QTest.keyClick(welcome.openButton, Qt.Key.Key_Tab, SHIFT)
    QTest.keyClick(welcome.newButton, Qt.Key.Key_Return)
    assert target.is_file()
    assert window.windowTitle() == "from-welcome.annotator — Annotator"


def test_with_no_recent_project_the_focus_is_on_new_project(open_window, seed_project):
    window = open_window(seed_project)
    window.projects.recentMenu.aboutToShow.emit()  # File → Open Recent
    clear = next(a for a in window.projects.recentMenu.actions() if "Clear" in a.text())
    clear.trigger()  # → Clear Recent
    welcome = _close(window)
    assert welcome.recent_paths() == []
    assert welcome.newButton.hasFocus()
    assert welcome.emptyNote.isVisible() and not welcome.recentList.isVisible()


def test_a_project_that_cannot_be_opened_leaves_the_welcome_screen(tmp_path, monkeypatch, qtbot):
    from PySide6.QtWidgets import QMessageBox

    from annotator.gui.app import first_window

    broken = tmp_path / "notes.annotator"
    broken.write_bytes(b"not a database, just notes" * 40)
    before = broken.read_bytes()
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, _text: errors.append(title))
    assert first_window(broken, scripted=True) is None  # --screenshot / --quit: exit status 1
    window = first_window(broken)  # what `annotator gui notes.annotator` shows
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    welcome = window.findChild(QWidget, "welcomeScreen")
    assert welcome.isVisible()
    assert window.windowTitle() == "Annotator"
    assert window.statusBar().currentMessage() == "notes.annotator was not opened."
    assert window.focusWidget() is welcome.newButton  # no recent project: the stand-in is not one
    assert welcome.recent_paths() == []
    assert errors == ["Cannot open project"] * 2
    assert broken.read_bytes() == before


def test_files_dropped_on_the_welcome_screen_are_refused(open_window, seed_project, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    window = open_window(seed_project)
    _close(window)
    notes = tmp_path / "notes.md"
    notes.write_text("# Briefing\n\nThe minister said talks would resume.\n", "utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(notes))])
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(100, 100), Qt.DropAction.CopyAction, mime, left, none)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()  # the cursor says: no drop here
    drop = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, left, none)
    QApplication.sendEvent(window, drop)  # even if one arrives, nothing is imported
    assert window.findChild(QWidget, "welcomeScreen").isVisible()
    window.open_project(seed_project)
    assert len(window.documentList.document_ids()) == 1  # the seed article only
