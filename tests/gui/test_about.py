"""Help → About Annotator and Help → Open Log Folder (issue #14 item 5)."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QPushButton

from annotator import __version__


def test_about_shows_the_versions_and_folders_as_copyable_text(
    seed_project, open_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    window.actionRegistry["help.about"].trigger()  # Help → About Annotator
    dialog = window.aboutDialog
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.textView.toPlainText()
    python = ".".join(str(n) for n in sys.version_info[:3])
    for shown in (
        f"Annotator {__version__}", "Licence: MIT", f"Qt: {qVersion()}",
        f"PySide6: {PySide6.__version__}", f"SQLite: {sqlite3.sqlite_version}",
        f"Python: {python}", f"Project: {seed_project}", "Data folder: ", "Log folder: ",
    ):  # fmt: skip
        assert shown in text, shown
    assert dialog.textView.isReadOnly()
    copy = dialog.findChild(QPushButton, "copyAbout")
    copy.click()
    assert QGuiApplication.clipboard().text() == text


def test_open_log_folder_opens_the_log_folder(
    seed_project, open_window, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = open_window(seed_project)
    window.actionRegistry["help.logs"].trigger()  # Help → Open Log Folder
    [url] = opened
    folder = Path(os.environ["ANNOTATOR_LOG_DIR"])  # tests/conftest.py's override
    assert Path(url.toLocalFile()) == folder
    assert folder.is_dir()
