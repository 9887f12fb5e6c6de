"""Checks made before SQLite touches a project file (issue #6, #17).

What kind of file is at the path (a folder, a FIFO, a device, a symlink loop are refused without
reading them), whether it may be written, and whether its 100-byte header can be ours, so that a
foreign SQLite file is refused before SQLite opens it (and leaves a ``-wal``/``-shm`` beside it).
``connect_uri`` is the one place that decides how a project is opened read-only.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import quote

from annotator.store.errors import ProjectDamagedError, ProjectError, ProjectReadOnlyError
from annotator.store.wal import wal_path

APPLICATION_ID = 0x414E4E4F  # "ANNO": marks a SQLite file as an Annotator project


def check_path(path: Path, *, create: bool) -> None:
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:  # a symlink loop, a folder we may not enter…
        raise ProjectError(f"{path} cannot be opened: {exc.strerror or exc}.") from exc
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise ProjectError(f"{path} is a folder, not a project file.")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise ProjectError(
            f"{path} is not a regular file (a FIFO, device or socket), so it cannot be a"
            " project; nothing was read from it."
        )
    if not path.exists() and not create:
        raise ProjectError(f"No project at {path}.")
    if not path.exists() and not path.parent.is_dir():
        raise ProjectError(f"{path} cannot be opened: the folder {path.parent} does not exist.")
    check_is_sqlite(path)


def check_writable(path: Path) -> None:
    target = path if path.exists() else path.parent
    if not os.access(target, os.W_OK) or not os.access(path.parent, os.W_OK):
        what = "file" if path.exists() else "folder"
        raise ProjectReadOnlyError(
            f"{path.name} cannot be written (the {what} is read-only). Open it read-only to"
            " read and export, or copy it somewhere writable. Nothing was changed."
        )


def check_is_sqlite(path: Path) -> None:
    """Refuse, without touching it, a non-empty file that is not a SQLite database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise ProjectError(f"{path} cannot be read: {exc.strerror}.") from exc
    if header[:16] != b"SQLite format 3\x00":
        raise ProjectError(
            f"{path} is not an Annotator project (not a SQLite database); nothing was changed."
        )
    if len(header) < 100:
        raise ProjectDamagedError(damaged_message(path, "the file is truncated"))
    if not wal_path(path).exists() and not _header_may_be_ours(header):
        raise ProjectError(
            f"{path} is a SQLite database but not an Annotator project; nothing was changed."
        )


def _header_may_be_ours(header: bytes) -> bool:
    """Judge from the 100-byte header alone (so a foreign file is refused before SQLite opens
    it and leaves a ``-wal``/``-shm``): our application id, or a still empty database."""
    version = int.from_bytes(header[60:64], "big")
    app_id = int.from_bytes(header[68:72], "big")
    pages_valid = header[24:28] == header[92:96]
    pages = int.from_bytes(header[28:32], "big")
    if app_id == APPLICATION_ID:
        return True
    return app_id == 0 and version == 0 and not (pages_valid and pages > 1)


def connect_uri(path: Path, *, read_only: bool) -> str:
    """``mode=ro`` for reading; ``immutable=1`` too when nobody can be writing it (the file or
    its folder is read-only and no journal is open), so SQLite creates nothing beside it."""
    where = quote(str(path.resolve()))
    if not read_only:
        return f"file:{where}?mode=rwc"
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    if not writable and not wal_path(path).exists():
        return f"file:{where}?mode=ro&immutable=1"
    return f"file:{where}?mode=ro"


def damaged_message(path: Path, detail: str) -> str:
    return (
        f"{path.name} is damaged ({detail}). Nothing was changed. Restore a backup"
        f" (File → Restore from Backup…, or copy one from {path.name}.backups), or run"
        f" `annotator check {path.name}` for details."
    )
