"""Help → About Annotator and Help → Open Log Folder (issue #14 item 5).

The About text is plain and selectable (a read-only text box with "Copy"): the version, the
licence, the versions of Qt, PySide6, SQLite and Python, this project's path, the data folder
(platformdirs) and the log folder, which is what a bug report needs.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.crash_dialog import qt_versions
from annotator.gui.dialog_focus import show_one
from annotator.logs import log_folder, versions

LICENCE = "MIT"


def data_folder() -> Path:
    return Path(platformdirs.user_data_dir("Annotator", appauthor=False))


def about_text(project_path: Path) -> str:
    found = versions(qt_versions())
    lines = [
        f"Annotator {found.pop('Annotator')}",
        "A reading and annotation workbench for news articles.",
        f"Licence: {LICENCE}",
        "",
        *(f"{name}: {version}" for name, version in found.items()),
        "",
        f"Project: {project_path}",
        f"Data folder: {data_folder()}",
        f"Log folder: {log_folder()}",
    ]
    return "\n".join(lines)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None, project_path: Path) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About Annotator")
        self.text = about_text(project_path)
        self.textView = QPlainTextEdit(self.text)
        self.textView.setObjectName("aboutText")
        self.textView.setReadOnly(True)
        self.textView.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy", QDialogButtonBox.ButtonRole.ActionRole)
        copy.setObjectName("copyAbout")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Annotator</b>"))
        layout.addWidget(self.textView, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)


def open_log_folder() -> bool:
    """Help → Open Log Folder: the system's file manager, on the folder (made if missing)."""
    folder = log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def show_about(window: QWidget, project_path: Path) -> AboutDialog:
    """Help → About Annotator: ``window.aboutDialog``."""
    return show_one(window, "aboutDialog", AboutDialog(window, project_path))
