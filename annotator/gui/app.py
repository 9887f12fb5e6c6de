"""Start the Qt application on a project."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import __version__
from annotator.gui.crash_dialog import install_crash_handler, qt_versions
from annotator.gui.display import message_text
from annotator.gui.icons import app_icon
from annotator.gui.io_dialogs import import_and_report
from annotator.gui.main_window import MainWindow
from annotator.gui.recent_projects import recent_projects, set_recent
from annotator.gui.safety import open_project_for_window
from annotator.logs import setup_logging
from annotator.services.default_project import ensure_default_project
from annotator.store import Project, ProjectError

SCREENSHOT_DELAY_MS = 400


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Annotator")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Annotator")
    app.setWindowIcon(app_icon())  # title bar and task bar
    app.setDesktopFileName("annotator")  # Wayland finds the menu entry (and its icon) by this
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
    window = first_window(project, read_only=read_only, scripted=bool(screenshot or quit_after))
    if window is None:
        return 1
    window.show()
    if files and window.projects.is_open:
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


def first_window(
    project: Path, *, read_only: bool = False, scripted: bool = False
) -> MainWindow | None:
    """The window on ``project``; if it cannot be opened (the error was shown), the window on
    its welcome screen, unless the run is ``scripted`` (a screenshot, --quit): None then."""
    opened = open_project_for_window(None, project, read_only=read_only)  # lock or read-only
    if opened is not None:
        try:
            return MainWindow(opened)
        except ProjectError as exc:
            QMessageBox.critical(None, "Cannot open project", message_text(str(exc)))
            print(f"annotator: {exc}", file=sys.stderr)
            opened.close()  # its lock goes with it
    print(f"annotator: {project} was not opened", file=sys.stderr)
    return None if scripted else welcome_window(project)


def welcome_window(failed: Path) -> MainWindow | None:
    """No project could be opened: the window on its welcome screen (New, Open, recent).

    The window stands on the default project opened read-only (nothing is written) and
    closes it at once, as File → Close Project does."""
    recent = recent_projects()
    try:
        stand_in = Project.open(ensure_default_project(), read_only=True)
        window = MainWindow(stand_in)
    except (OSError, ProjectError):
        return None
    window.projects.close_project()
    set_recent(recent)  # the stand-in was not opened by the user
    window.projects.welcome.refresh()
    window.statusBar().showMessage(f"{failed.name} was not opened.")
    return window
