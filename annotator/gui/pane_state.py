"""The window's layout outlives it: pane sizes (splitters) and docks are saved with QSettings on
close and restored on the next start. (The window's own size is not: restoring it is clamped to
the screen the window opens on, and the panes would then be squeezed to fit.)

Layout is a property of the user's screen, not of a project, so it lives in the user's
settings (organisation and application "Annotator"), not in the project file.
``ANNOTATOR_SETTINGS_DIR`` points them at another folder (tests use a temporary one).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

ORGANISATION = APPLICATION = "Annotator"
SETTINGS_DIR_ENV = "ANNOTATOR_SETTINGS_DIR"
PANE_SIZES = (340, 700, 280)  # documents, article, annotations (px, at first start)
PANE_STRETCH = (1, 2, 1)


def arrange_panes(splitter: QSplitter) -> None:
    """First sizes; growing or shrinking (a dock opening) is shared 1:2:1, so the article
    keeps most room. Set once every pane is in place (the library boxes the document list)."""
    for index, stretch in enumerate(PANE_STRETCH):
        splitter.setStretchFactor(index, stretch)
    splitter.setSizes(list(PANE_SIZES))


def window_settings() -> QSettings:
    folder = os.environ.get(SETTINGS_DIR_ENV)
    if folder:
        return QSettings(str(Path(folder) / "annotator.ini"), QSettings.Format.IniFormat)
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def _splitters(window: QMainWindow) -> list[QSplitter]:
    return [s for s in window.findChildren(QSplitter) if s.objectName()]


def save_panes(window: QMainWindow) -> None:
    settings = window_settings()
    settings.setValue("window/state", window.saveState())
    for splitter in _splitters(window):
        settings.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
    settings.sync()


def restore_panes(window: QMainWindow) -> None:
    settings = window_settings()
    state = settings.value("window/state")
    if state is not None:
        window.restoreState(state)
    for splitter in _splitters(window):
        saved = settings.value(f"splitters/{splitter.objectName()}")
        if saved is not None:
            splitter.restoreState(saved)
