"""One writer per project: a lock file next to the project, held with an OS file lock.

``notes.annotator`` is locked through ``notes.annotator.lock``. The holder writes who it is (user,
host, process id, start and heartbeat times) into the file so a second window can say *who* has
the project open. The lock itself is the operating system's (``flock`` on POSIX, ``msvcrt`` on
Windows): the OS drops it when the process ends, even by ``SIGKILL`` or a crash, so a lock left
by a dead process is simply taken over; no guessing from stale pids.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import socket
import stat
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from annotator.store.base import now_iso
from annotator.store.errors import ProjectError, ProjectLockedError, ProjectReadOnlyError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds (or last held) a project's lock."""

    user: str
    host: str
    pid: int
    started: str
    heartbeat: str

    def describe(self) -> str:
        where = f"{self.user or 'someone'} on {self.host}" if self.host else "another user"
        return f"{where} (process {self.pid}, since {self.started[:19].replace('T', ' ')} UTC)"

    @classmethod
    def current(cls, started: str | None = None) -> LockHolder:
        stamp = now_iso()
        return cls(_user(), socket.gethostname(), os.getpid(), started or stamp, stamp)

    @classmethod
    def parse(cls, raw: bytes) -> LockHolder | None:
        try:
            data = json.loads(raw.decode("utf-8"))
            return cls(
                str(data["user"]), str(data["host"]), int(data["pid"]),
                str(data["started"]), str(data["heartbeat"]),
            )  # fmt: skip
        except (ValueError, KeyError, TypeError):
            return None


def lock_path(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + ".lock")


class ProjectLock:
    """A held lock; ``release()`` (or closing the process) frees it."""

    def __init__(self, path: Path, fd: int, holder: LockHolder, previous: LockHolder | None):
        self.path = path
        self.holder = holder
        #: The holder recorded in the file when we took it over (a session that did not close).
        self.previous = previous
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, project_path: Path) -> ProjectLock:
        """Take the lock or raise ProjectLockedError naming the holder."""
        path = lock_path(project_path)
        for _ in range(5):
            try:
                fd = _open_lock_file(path)
            except PermissionError as exc:
                raise ProjectReadOnlyError(
                    f"The folder of {project_path.name} is read-only, so the project cannot be"
                    " written; open it read-only. Nothing was changed."
                ) from exc
            if fd is None:  # removed by a holder releasing it meanwhile: try again
                continue
            try:
                _try_lock(fd)
            except OSError:
                holder = LockHolder.parse(_read_all(fd))
                os.close(fd)
                who = holder.describe() if holder else "another Annotator window"
                raise ProjectLockedError(
                    f"{project_path.name} is in use by {who}. Close it there, or open it"
                    " read-only.",
                    holder,
                ) from None
            if _same_file(fd, path):  # not unlinked by a holder releasing it meanwhile
                previous = LockHolder.parse(_read_all(fd))
                lock = cls(path, fd, LockHolder.current(), previous)
                lock._write()
                return lock
            os.close(fd)
        raise ProjectLockedError(f"{project_path.name} is being opened elsewhere; try again.", None)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def heartbeat(self) -> None:
        """Refresh the heartbeat time (shown to a second window; the OS lock is what counts)."""
        if self._fd is not None:
            self.holder = LockHolder.current(self.holder.started)
            self._write()

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()  # while still locked, so nobody locks the old file
        os.close(self._fd)  # closing drops the OS lock
        self._fd = None

    def _write(self) -> None:
        assert self._fd is not None
        data = json.dumps(asdict(self.holder)).encode("utf-8")
        with contextlib.suppress(OSError):  # the info is a courtesy; the OS lock is held anyway
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, data, 0)


def read_holder(project_path: Path) -> LockHolder | None:
    """Who the lock file names, if it exists (whether or not that process is still alive)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(lock_path(project_path), flags)
    except OSError:
        return None
    try:
        return LockHolder.parse(_read_all(fd)) if stat.S_ISREG(os.fstat(fd).st_mode) else None
    finally:
        os.close(fd)


_FLAGS = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _open_lock_file(path: Path) -> int | None:
    """Open the lock file, never through a link: create it anew (``O_EXCL``) or open the
    existing one with ``O_NOFOLLOW``, and refuse anything but a plain file of our own making
    (a symlink, a folder, a FIFO, a device, a hard link to another file). None: it vanished."""
    try:
        return os.open(path, _FLAGS | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        pass
    try:
        fd = os.open(path, _FLAGS | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block
    except FileNotFoundError:
        return None
    except PermissionError:
        raise
    except OSError as exc:  # ELOOP (a symlink), EISDIR (a folder), ENXIO…
        why = "it is a symbolic link" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
        raise ProjectError(_not_a_lock_file(path, why)) from exc
    info = os.fstat(fd)
    problem = ""
    if not stat.S_ISREG(info.st_mode):
        problem = "it is not a regular file"
    elif info.st_nlink != 1:
        problem = "it is a hard link to another file"
    if problem:
        os.close(fd)
        raise ProjectError(_not_a_lock_file(path, problem))
    if hasattr(os, "O_NONBLOCK"):
        os.set_blocking(fd, True)
    return fd


def _not_a_lock_file(path: Path, why: str) -> str:
    return (
        f"{path} cannot be used as the project's lock file ({why}); nothing was written to it."
        " Remove or rename it, then open the project again."
    )


def _read_all(fd: int) -> bytes:
    try:
        return os.pread(fd, 65536, 0)
    except OSError:
        return b""


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    own = os.fstat(fd)
    return (own.st_dev, own.st_ino) == (st.st_dev, st.st_ino)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
