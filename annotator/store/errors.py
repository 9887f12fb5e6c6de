"""Errors the store reports to users: each message says what is wrong and that nothing changed."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.store.lock import LockHolder

# What SQLite raises below the messages of this module (a page that cannot be read, a broken
# index), named here so that layers above the store catch it without importing sqlite3.
DatabaseError = sqlite3.DatabaseError
StoreError = sqlite3.Error


class ProjectError(Exception):
    """The project file cannot be opened or written; the message is meant for the user."""


class ProjectLockedError(ProjectError):
    """Another window or process has the project open for writing (see ``store/lock.py``)."""

    def __init__(self, message: str, holder: LockHolder | None) -> None:
        super().__init__(message)
        self.holder = holder


class ProjectReadOnlyError(ProjectError):
    """The project cannot be written: the file or folder is read-only, or it was opened so."""


class ProjectNeedsUpgradeError(ProjectReadOnlyError):
    """An older schema, opened read-only: the upgrade is a write (after a backup copy)."""


class ProjectDamagedError(ProjectError):
    """The file is a damaged or truncated SQLite database; restore a backup."""
