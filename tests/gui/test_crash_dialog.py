"""An unhandled exception in a Qt slot shows ``crashDialog`` with the traceback, writes it to the
log file, and the window keeps working (issue #14 item 6). pytest-qt's own capture of
exceptions in slots is off for these tests (``qt_no_exception_capture``) so ours is what runs."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from annotator.gui.crash_dialog import install_crash_handler
from annotator.logs import log_file, setup_logging, stop_logging


@pytest.fixture
def crash_handler(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    setup_logging("test")
    yield install_crash_handler()
    stop_logging()


def crash_dialogs():  # type: ignore[no-untyped-def]
    widgets = QApplication.topLevelWidgets()
    return [w for w in widgets if w.objectName() == "crashDialog" and w.isVisible()]


def broken_file_manager(_url):  # type: ignore[no-untyped-def]
    raise RuntimeError("the file manager exploded")


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_the_crash_dialog(
    seed_project, open_window, qtbot, monkeypatch, crash_handler
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    monkeypatch.setattr(QDesktopServices, "openUrl", broken_file_manager)  # the boundary

    window.actionRegistry["help.logs"].trigger()  # Help → Open Log Folder raises in its slot

    qtbot.waitUntil(lambda: len(crash_dialogs()) == 1)
    [dialog] = crash_dialogs()
    report = dialog.reportView.toPlainText()
    assert "RuntimeError: the file manager exploded" in report
    assert "Traceback (most recent call last)" in report
    assert "Your annotations are saved." in dialog.findChild(QLabel, "crashNote").text()
    assert "the file manager exploded" in log_file().read_text(encoding="utf-8")
    dialog.copyButton.click()
    assert QGuiApplication.clipboard().text() == report
    QTest.keyClick(dialog.reportView, Qt.Key.Key_Escape)  # Close
    qtbot.waitUntil(lambda: not crash_dialogs())
    assert window.isVisible()  # the app keeps running
    QTest.keyClick(window.documentView, Qt.Key.Key_F1)  # and keeps working
    qtbot.waitUntil(lambda: window.shortcutsDialog.isVisible())


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_another_thread_reaches_the_dialog(qtbot, crash_handler) -> None:  # type: ignore[no-untyped-def]
    def work() -> None:
        raise ValueError("worker failed")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(crash_dialogs()) == 1)
    [dialog] = crash_dialogs()
    assert "ValueError: worker failed" in dialog.reportView.toPlainText()
    dialog.close()
