"""Never lose work, in the window (issue #6): lock choice, read-only banner, backups, restore.

``SafetyFeatures(window, file_menu, before)`` gives a ``MainWindow``:

- a banner (``safetyBanner``) above the labels when the project is open read-only, when its
  invariants found problems on open (``annotator check``), or when the last session ended
  without closing;
- File → Back Up Now and File → Restore from Backup… (``store/backups.py``): a restore saves the
  current state as a ``before-restore`` backup first, then reloads the window;
- a timer that makes the automatic rotating backups and refreshes the lock's heartbeat; when an
  automatic backup fails (``project.backup_error``, also logged), the status bar says so each
  time and a warning explains it once per project;
- ``keep_in_step`` on the undo stack: an undo or redo that fails does not move the stack.

``open_project_for_window`` is how the window opens a project: with the writer's lock, or, if
another window or process holds it (or the file is read-only), by asking "open read-only?".
The dialogs go through small module functions (``ask_read_only``, ``choose_backup``,
``confirm``) so tests can answer them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox, QToolBar, QWidget

from annotator.core.plural import plural
from annotator.gui.commands import keep_in_step
from annotator.gui.dialog_focus import text_gets_focus_back
from annotator.gui.display import message_text
from annotator.store import Project, ProjectError
from annotator.store.backups import (
    Backup,
    backup_folder,
    backup_if_due,
    list_backups,
    make_backup,
    restore_backup,
)
from annotator.store.errors import ProjectLockedError, ProjectReadOnlyError

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

TIMER_MS = 60_000  # backups are due every few minutes (setting); checking each minute is enough
BANNER_STYLE = "QLabel { background: #fff3cd; color: #664d03; padding: 6px 10px; }"


def ask_read_only(parent: QWidget | None, message: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, "Project in use", message, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    read_only = box.addButton("Open Read-Only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is read_only


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message_text(message))


def choose_backup(parent: QWidget, backups: list[Backup]) -> Backup | None:
    names = [b.describe() for b in backups]
    name, ok = QInputDialog.getItem(parent, "Restore from backup", "Backup:", names, 0, False)
    return backups[names.index(name)] if ok and name in names else None


def confirm(parent: QWidget, title: str, message: str) -> bool:
    answer = QMessageBox.question(parent, title, message_text(message))
    return answer == QMessageBox.StandardButton.Yes


def open_project_for_window(
    parent: QWidget | None, path: str | Path, *, read_only: bool = False
) -> Project | None:
    """Open with the writer's lock; offer read-only if it is in use or read-only; else explain."""
    path = Path(path)
    if read_only:
        return _open_or_explain(parent, path, read_only=True)
    try:
        return Project.open(path, lock=True)
    except (ProjectLockedError, ProjectReadOnlyError) as exc:
        if not path.exists() or not ask_read_only(parent, f"{exc}\n\nOpen it read-only?"):
            return None
        return _open_or_explain(parent, path, read_only=True)
    except ProjectError as exc:
        show_error(parent, "Cannot open project", str(exc))
        return None


def _open_or_explain(parent: QWidget | None, path: Path, *, read_only: bool) -> Project | None:
    try:
        return Project.open(path, read_only=read_only, create=not read_only)
    except ProjectError as exc:
        show_error(parent, "Cannot open project", str(exc))
        return None


class SafetyFeatures(QObject):
    """Built by the window, which hands it its two File menu actions (declared in the window's
    action table, whose handlers call ``back_up_now`` and ``restore``) and calls ``refresh()``
    whenever a project is loaded."""

    def __init__(self, window: MainWindow, backup: QAction, restore: QAction) -> None:
        super().__init__(window)
        self.window = window
        self.banner = QLabel()
        self.banner.setObjectName("safetyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.bar = QToolBar("Project status")
        self.bar.setObjectName("safetyBar")
        self.bar.setMovable(False)
        self.bar.addWidget(self.banner)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        window.insertToolBarBreak(self.bar)
        self.backupAction = backup
        self.restoreAction = restore
        self.timer = QTimer(self)
        self.timer.setInterval(TIMER_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self._warned_backup: set[Path] = set()  # projects whose failing backup was explained
        keep_in_step(window.undoStack)

    @property
    def project(self) -> Project:
        return self.window.project

    def refresh(self) -> None:
        """Show what the user must know about this project, or hide the banner."""
        project = self.project
        notes = []
        if project.read_only:
            notes.append(
                f"{project.path.name} is open read-only: you can read, search and export;"
                " changes are not saved."
            )
        if project.problems:
            notes.append(
                f"{plural(len(project.problems), 'problem')} found in this project (e.g."
                f" {project.problems[0].message}). Nothing was changed; run `annotator check"
                f" --repair {project.path.name}` or restore a backup."
            )
        previous = project.lock.previous if project.lock else None
        if previous is not None and not notes:
            self.window.statusBar().showMessage(
                "The last session did not close normally; everything it saved is here.", 8000
            )
        self.banner.setText("\n".join(notes))
        self.bar.setVisible(bool(notes))
        self.backupAction.setEnabled(not project.read_only)
        self.restoreAction.setEnabled(not project.read_only)
        self.report_backup_failure()

    def tick(self) -> None:
        project = self.project
        if project.read_only or project.lock is None:
            return
        project.lock.heartbeat()
        backup_if_due(project)
        self.report_backup_failure()

    def report_backup_failure(self) -> None:
        """The last automatic backup failed: say so in the status bar, and once in a warning."""
        project = self.project
        if project.backup_error is None:
            return
        self.window.statusBar().showMessage(
            f"Automatic backup failed: {project.backup_error} Your work is still saved.", 15000
        )
        if project.path in self._warned_backup:
            return
        self._warned_backup.add(project.path)
        QMessageBox.warning(
            self.window,
            "Automatic backup failed",
            message_text(
                f"{project.backup_error}\n\nEvery change is still saved in {project.path.name};"
                f" only the automatic copies in {backup_folder(project)} are missing. Check that"
                " folder, or use File → Back Up Now to try again."
            ),
        )

    def back_up_now(self) -> Path | None:
        with text_gets_focus_back(self.window):
            return self._back_up_now()

    def _back_up_now(self) -> Path | None:
        try:
            path = make_backup(self.project, "manual")
        except ProjectError as exc:
            show_error(self.window, "Backup failed", str(exc))
            return None
        self.window.statusBar().showMessage(f"Backed up to {path}", 6000)
        return path

    def restore(self) -> bool:
        """File → Restore from Backup…: choose, confirm, restore; then the text has the keyboard."""
        with text_gets_focus_back(self.window):
            return self._restore()

    def _restore(self) -> bool:
        project = self.project
        backups = list_backups(backup_folder(project), project.path.name)
        if not backups:
            show_error(self.window, "No backups", f"There is no backup of {project.path.name}.")
            return False
        chosen = choose_backup(self.window, backups)
        if chosen is None or not confirm(
            self.window,
            "Restore from backup",
            f"Replace the project by the backup of {chosen.describe()}? The current state is"
            " kept as a backup too.",
        ):
            return False
        try:
            saved = restore_backup(project, chosen.path)
        except ProjectError as exc:
            show_error(self.window, "Not restored", str(exc))
            return False
        self.window.replace_project(project)  # same file, restored contents (and refresh())
        self.window.statusBar().showMessage(
            f"Restored the backup of {chosen.describe()}; the state before is in {saved.name}.",
            10000,
        )
        return True
