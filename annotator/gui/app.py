"""Start the Qt application on a project."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import __version__
from annotator.gui.crash_dialog import install_crash_handler, qt_versions
from annotator.gui.display import message_text
from annotator.gui.io_dialogs import import_and_report
from annotator.gui.main_window import MainWindow
from annotator.gui.safety import open_project_for_window
from annotator.logs import setup_logging
from annotator.store import ProjectError

SCREENSHOT_DELAY_MS = 400


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Annotator")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Annotator")
    return app


def run_gui(
    project: Path,
    files: list[Path],
    *,
    screenshot: str | None = None,
    quit_after: bool = False,
    read_only: bool = False,
) -> int:
    app = application()
    setup_logging("gui", qt_versions())
    install_crash_handler()  # an unhandled exception: a dialog and the log, not the end
    opened = open_project_for_window(None, project, read_only=read_only)  # lock or read-only
    if opened is None:
        print(f"annotator: {project} was not opened", file=sys.stderr)
        return 1
    try:
        window = MainWindow(opened)
    except ProjectError as exc:
        QMessageBox.critical(None, "Cannot open project", message_text(str(exc)))
        print(f"annotator: {exc}", file=sys.stderr)
        return 1
    window.show()
    if files:
        import_and_report(window, files)
    if screenshot or quit_after:

        def finish() -> None:
            if screenshot:
                window.grab().save(screenshot)
                print(f"annotator: screenshot saved to {screenshot}")
            if quit_after:
                window.close()
                app.quit()

        QTimer.singleShot(SCREENSHOT_DELAY_MS, finish)
    return app.exec()
