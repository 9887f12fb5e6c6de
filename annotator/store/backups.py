"""Automatic rotating backups of a project, and restoring one (issue #6).

Backups are whole, independent copies made with SQLite's online backup API (consistent even while
the project is open, WAL included), written under a temporary name, checked, then renamed into
place, so a backup is either complete or absent. They live next to the project, in
``<project>.backups/``, unless the user chose another folder in the window: that choice is kept
per machine (``choose_backup_folder``), never in the project, so a project file received from
someone else cannot make us write anywhere (issue #17; its ``backup.folder`` setting is ignored).
An automatic backup is checked in full (``damage.is_sound``) before older ones are rotated away,
so a damaged project never pushes good backups out.

Settings (in the project's ``settings`` table):

* ``backup.keep`` — how many automatic backups to keep (default 10; 0 turns them off);
* ``backup.every_minutes`` — at most one automatic backup per this many minutes (default 15).

Automatic backups rotate; the copies made before a restore or a repair are kept until removed by
hand, since they hold what the user chose to replace.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from annotator.store.damage import is_sound
from annotator.store.errors import ProjectError

if TYPE_CHECKING:
    from annotator.store.project import Project

KEEP_SETTING, EVERY_SETTING = "backup.keep", "backup.every_minutes"
FOLDER_SETTING = "backup.folder"  # ignored since issue #17: see choose_backup_folder
CONFIG_ENV = "ANNOTATOR_CONFIG_DIR"  # overrides the per-machine settings folder (tests)
DEFAULT_KEEP, DEFAULT_EVERY_MINUTES = 10, 15
AUTO = "auto"
_STAMP = "%Y%m%d-%H%M%S-%f"
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    created: datetime  # UTC
    reason: str  # "auto", "manual", "before-restore", "before-repair"
    size: int

    def describe(self) -> str:
        local = self.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        return f"{local} ({self.reason}, {self.size / 1024:,.0f} KB)"


def backup_folder(project: Project) -> Path:
    return chosen_backup_folder(project.path) or default_backup_folder(project.path)


def _machine_settings() -> Path:
    base = os.environ.get(CONFIG_ENV) or platformdirs.user_config_dir("Annotator", appauthor=False)
    return Path(base) / "backup-folders.json"


def _chosen() -> dict[str, str]:
    try:
        data = json.loads(_machine_settings().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def chosen_backup_folder(project_path: Path) -> Path | None:
    """The folder the user chose on this machine for this project's backups, if any."""
    chosen = _chosen().get(str(project_path.resolve()))
    return Path(chosen) if isinstance(chosen, str) and chosen else None


def choose_backup_folder(project_path: Path, folder: Path | None) -> None:
    """Remember (per machine, per project) where backups go; None: beside the project again."""
    chosen = _chosen()
    key = str(project_path.resolve())
    if folder is None:
        chosen.pop(key, None)
    else:
        chosen[key] = str(folder.expanduser().resolve())
    target = _machine_settings()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    partial.write_text(json.dumps(chosen, indent=1), encoding="utf-8")
    os.replace(partial, target)


def default_backup_folder(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + ".backups")


def list_backups(folder: Path, project_name: str) -> list[Backup]:
    """Backups of ``project_name`` in ``folder``, newest first."""
    stem = Path(project_name).stem
    found = []
    for path in folder.glob(f"{stem}.*.annotator") if folder.is_dir() else ():
        parts = path.name[len(stem) + 1 : -len(".annotator")].split(".", 1)
        try:
            created = datetime.strptime(parts[0], _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        reason = parts[1] if len(parts) > 1 else AUTO
        found.append(Backup(path, created, reason, path.stat().st_size))
    return sorted(found, key=lambda b: b.created, reverse=True)


def make_backup(project: Project, reason: str = "manual") -> Path:
    """Write a complete, checked copy of the project; returns its path."""
    folder = backup_folder(project)
    created = datetime.now(UTC)
    target = folder / f"{project.path.stem}.{created.strftime(_STAMP)}.{reason}.annotator"
    partial = target.with_name(target.name + ".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(partial)
        try:
            project.db.conn.backup(dest)
            if reason == AUTO and not is_sound(dest):  # never rotate good ones out for it
                raise sqlite3.DatabaseError("the project is damaged (see `annotator check`)")
            if dest.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("the copy does not pass quick_check")
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dest.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        name = project.path.name
        raise ProjectError(f"The backup of {name} could not be written: {exc}.") from exc
    return target


def backup_if_due(project: Project, *, now: datetime | None = None) -> Path | None:
    """Make an automatic backup if the last one is older than the interval; then rotate.

    A failing automatic backup never stops the user from working: it returns None, logs why
    and keeps the reason in ``project.backup_error`` (the window shows it); the project itself
    is untouched. A backup that works clears ``backup_error``.
    """
    if project.read_only:
        return None
    keep = _int_setting(project, KEEP_SETTING, DEFAULT_KEEP)
    if keep <= 0 or not project.document_ids():
        return None
    folder = backup_folder(project)
    autos = [b for b in list_backups(folder, project.path.name) if b.reason == AUTO]
    every = timedelta(minutes=_int_setting(project, EVERY_SETTING, DEFAULT_EVERY_MINUTES))
    now = now or datetime.now(UTC)
    if autos and now - autos[0].created < every:
        return None
    try:
        path = make_backup(project, AUTO)
    except ProjectError as exc:
        project.backup_error = str(exc)
        _log.warning("automatic backup failed: %s", exc)
        return None
    project.backup_error = None
    rotate(folder, project.path.name, keep)
    return path


def rotate(folder: Path, project_name: str, keep: int) -> list[Path]:
    """Delete the oldest automatic backups beyond ``keep``; returns what was deleted."""
    autos = [b for b in list_backups(folder, project_name) if b.reason == AUTO]
    removed = []
    for old in autos[max(keep, 1) :]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def restore_backup(project: Project, backup: Path) -> Path:
    """Replace the project's content by a backup's, after saving the current state.

    Runs through the open connection (so the writer's lock is held throughout): checks the
    backup, copies the current project to a ``before-restore`` backup, then copies the backup's
    pages over the project with the backup API. Returns the ``before-restore`` copy's path.
    """
    from annotator.store.project import Project as ProjectClass

    if project.read_only:
        raise ProjectError(f"{project.path.name} is open read-only; it cannot be restored.")
    with ProjectClass.open(backup, create=False, read_only=True, check=False) as source:
        saved = make_backup(project, "before-restore")
        try:
            source.db.conn.backup(project.db.conn)
        except sqlite3.Error as exc:
            raise ProjectError(
                f"Restoring {backup.name} failed ({exc}); the state before is in {saved}."
            ) from exc
    project.forget_document_texts()  # the same ids may now hold other texts
    project.db.conn.execute("PRAGMA journal_mode = WAL")
    from annotator.store.integrity import find_problems

    project.problems = find_problems(project, hashes=False)  # as on open
    return saved


def _int_setting(project: Project, key: str, default: int) -> int:
    try:
        return int(project.get_setting(key) or default)
    except ValueError:
        return default
