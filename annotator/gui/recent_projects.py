"""The recent projects list: per machine, in the user's settings (QSettings), newest first.

Every route that opens a project adds it (``MainWindow._load_project``); the list is pruned of
files that no longer exist whenever it is read, so a menu or the welcome screen never offers a
project that cannot be opened.
"""

from __future__ import annotations

from pathlib import Path

from annotator.gui.pane_state import window_settings

RECENT_KEY = "projects/recent"
MAX_RECENT = 10


def _stored() -> list[str]:
    value = window_settings().value(RECENT_KEY)
    if value is None:
        return []
    if isinstance(value, str):  # QSettings gives a one-element list back as a plain string
        return [value]
    return [str(item) for item in value]


def _store(paths: list[str]) -> None:
    settings = window_settings()
    settings.setValue(RECENT_KEY, paths)
    settings.sync()


def recent_projects() -> list[Path]:
    """The recent projects that still exist, newest first (missing files are forgotten)."""
    stored = _stored()
    present = [p for p in stored if Path(p).is_file()]
    if present != stored:
        _store(present)
    return [Path(p) for p in present]


def add_recent(path: Path) -> None:
    """Put ``path`` first in the list (once), keeping the last ``MAX_RECENT``."""
    name = str(path.resolve())
    _store([name, *(p for p in _stored() if p != name)][:MAX_RECENT])


def clear_recent() -> None:
    _store([])


def set_recent(paths: list[Path]) -> None:
    """Put back a list read earlier (a window that stood on a project the user did not open)."""
    _store([str(p) for p in paths])
