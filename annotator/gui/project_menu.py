"""Projects in the window: File → New Project…, Open Recent ▸, Save a Copy As…, Close Project,
and the welcome screen shown while no project is open (issue #14 item 3).

Every route opens through ``MainWindow.open_project`` (the writer's lock, the read-only
fallback, the undo stack cleared) and ``MainWindow._load_project`` adds the project to the
recent list. Closed, the window keeps its (closed) project object for the paths of its dialogs;
every action that needs a project is disabled until another one is open.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QStackedWidget, QWidget

from annotator.gui.dialog_focus import text_gets_focus_back
from annotator.gui.io_dialogs import ask_open_project
from annotator.gui.recent_projects import add_recent, clear_recent, recent_projects
from annotator.gui.safety import show_error
from annotator.gui.welcome import WelcomeScreen
from annotator.services.default_project import ensure_default_project
from annotator.store import ProjectError

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

SUFFIX = ".annotator"
PROJECT_FILTER = "Annotator projects (*.annotator);;All files (*)"
# What stays usable with no project open (the Help menu stays usable too).
WITHOUT_PROJECT = {"new", "open", "recent", "quit"}


class ProjectFiles(QObject):
    """Built by the window around its workbench (``workbench``: the panes)."""

    def __init__(self, window: MainWindow, workbench: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.is_open = True
        self.workbench = workbench
        self.welcome = WelcomeScreen()
        self.stack = QStackedWidget()
        self.stack.addWidget(workbench)
        self.stack.addWidget(self.welcome)
        window.setCentralWidget(self.stack)
        self.recentMenu = QMenu("Open Re&cent", window)
        self.recentMenu.setObjectName("recentMenu")
        self.recentMenu.aboutToShow.connect(self._fill_recent_menu)
        self.recentAction = self.recentMenu.menuAction()
        self._disabled: list[QAction] = []
        self.welcome.newRequested.connect(self.new_project)
        self.welcome.openRequested.connect(lambda: ask_open_project(window))
        self.welcome.sampleRequested.connect(self.open_sample)
        self.welcome.recentChosen.connect(self.open_recent)

    # ------------------------------------------------------------- showing
    def project_loaded(self) -> None:
        """A project is open (any route): remember it, show the panes, enable the actions."""
        project = self.window.project
        add_recent(project.path)
        mark = " [read-only]" if project.read_only else ""
        self.window.setWindowTitle(f"{project.path.name}{mark} — Annotator")
        self.stack.setCurrentWidget(self.workbench)
        self.window.labelToolbar.setEnabled(True)
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        if not self.window.safety.timer.isActive():
            self.window.safety.timer.start()
        self.is_open = True

    def close_project(self) -> None:
        """File → Close Project (Ctrl+W): everything is saved already; the welcome screen."""
        w = self.window
        if not self.is_open:
            return
        w.annotationPanel.commit_note()
        w.navigation.remember_scroll()
        w.safety.timer.stop()  # no backup tick may reach the closed project
        w.undoStack.clear()
        w.close_document()
        w.close_project_file()
        self.is_open = False
        for dock in (w.searchDock, w.claimsDock):
            dock.hide()
        w.safety.bar.hide()
        w.labelToolbar.setEnabled(False)
        registry = w.actionRegistry
        self._disabled = [
            action
            for action_id, action in registry.actions.items()
            if action.isEnabled()
            and action_id not in WITHOUT_PROJECT
            and registry.specs[action_id].menu != "&Help"
        ]
        for action in self._disabled:
            action.setEnabled(False)
        w.setWindowTitle("Annotator")
        w.countsLabel.setText("")
        w.statusBar().showMessage(f"Closed {w.project.path.name}; everything was saved.", 6000)
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.refresh()

    # ------------------------------------------------------------- opening
    def new_project(self) -> None:
        """File → New Project… (Ctrl+N): a save dialog names the file; it is created and opened."""
        w = self.window
        with text_gets_focus_back(w):
            name, _ = QFileDialog.getSaveFileName(
                w, "New project", str(w.project.path.parent), PROJECT_FILTER
            )
            if not name:
                return
            path = Path(name)
            if not path.suffix:
                path = path.with_suffix(SUFFIX)
            if path.exists():  # never replaced: a new project starts empty
                show_error(w, "Not created", f"{path} already exists; open it with File → Open.")
                return
            w.open_project(path)

    def open_recent(self, name: str) -> None:
        path = Path(name)
        if not path.is_file():
            show_error(self.window, "Cannot open project", f"{path} no longer exists.")
            recent_projects()  # forgets it
            self._refresh_welcome()
            return
        self.window.open_project(path)

    def open_sample(self) -> None:
        """The default project, created with the bundled sample article on first use."""
        try:
            path = ensure_default_project()
        except (OSError, ProjectError) as exc:
            show_error(self.window, "Cannot open the sample", str(exc))
            return
        self.window.open_project(path)

    def _refresh_welcome(self) -> None:
        if not self.is_open:
            self.welcome.refresh()

    def _fill_recent_menu(self) -> None:
        menu = self.recentMenu
        menu.clear()
        paths = recent_projects()
        for index, path in enumerate(paths, start=1):
            action = menu.addAction(f"&{index % 10} {path.name.replace('&', '&&')}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _c=False, p=str(path): self.open_recent(p))
        if not paths:
            menu.addAction("No recent projects").setEnabled(False)
        menu.addSeparator()
        menu.addAction("&Clear Recent", self._clear_recent).setEnabled(bool(paths))

    def _clear_recent(self) -> None:
        clear_recent()
        self._refresh_welcome()

    # ---------------------------------------------------------------- copy
    def save_copy(self) -> Path | None:
        """File → Save a Copy As…: a consistent copy of the open project (SQLite backup API);
        the window stays on the project it has open."""
        w = self.window
        with text_gets_focus_back(w):
            project = w.project
            suggested = project.path.with_name(f"{project.path.stem} copy{SUFFIX}")
            name, _ = QFileDialog.getSaveFileName(
                w, "Save a copy of the project", str(suggested), PROJECT_FILTER
            )
            if not name:
                return None
            target = Path(name)
            try:
                project.save_copy(target)
            except ProjectError as exc:
                show_error(w, "No copy saved", str(exc))
                return None
        w.statusBar().showMessage(f"Saved a copy as {target}", 6000)
        return target
