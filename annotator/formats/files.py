"""Writing export files safely: a failed or cancelled export leaves no half-written file."""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import orjson

_MAX_LINKS = 40  # like the kernel's limit on a chain of symlinks


@contextmanager
def atomic_binary(output: Path) -> Iterator[IO[bytes]]:
    """Write ``output`` so that a failed or cancelled export leaves no half-written file.

    A regular (or new) file is written to a temporary file of a unique name in its folder (created
    with O_EXCL, so it never follows a link), then renamed over it. A symlink is written through:
    its target gets the content and the link stays a link. A FIFO or a device (``/dev/stdout``)
    is written to directly (appended to, for the file behind ``/dev/stdout``): it cannot be
    replaced, and must not be.
    """
    target = Path(os.path.realpath(output))
    if is_stream(output) or (target.exists() and not target.is_file()):
        with output.open("ab") as fh:  # appends after what a shell redirection already holds
            yield fh
        return
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _new_mode(0o666)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def is_stream(output: Path) -> bool:
    """``/dev/stdout``, ``/dev/fd/N``, ``/proc/self/fd/N`` or a link to one: whatever they lead to
    (a terminal, a pipe, or the file a shell redirected to) is written to, never replaced."""
    path = os.path.abspath(output)
    for _ in range(_MAX_LINKS):
        if path.startswith(("/dev/", "/proc/")):
            return True
        if not os.path.islink(path):
            return False
        path = os.path.abspath(os.path.join(os.path.dirname(path), os.readlink(path)))
    return False


def _new_mode(requested: int) -> int:
    """What ``open()`` (0o666) or ``mkdir`` (0o777) would give: ``requested`` less the umask
    (mkstemp and mkdtemp make 0o600 and 0o700)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return requested & ~umask


@contextmanager
def atomic_text(output: Path) -> Iterator[IO[str]]:
    """Like :func:`atomic_binary` for UTF-8 text, with ``\\n`` written as is (no translation)."""
    with atomic_binary(output) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        try:
            yield text
        finally:
            text.detach()  # flushes; the binary file is closed (and renamed) by atomic_binary


@contextmanager
def atomic_folder(output: Path, replaceable: Callable[[Path], bool], what: str) -> Iterator[Path]:
    """Yield a new, empty temporary folder beside ``output`` to write into; once the block ends
    without error it takes the place of ``output``, else it is removed.

    A folder is never written in place, so a failed, cancelled or killed export leaves ``output``
    as it was (absent, or the earlier export whole). ``output`` may be missing, an empty folder,
    or a folder for which ``replaceable`` says yes (an earlier ``what``: an export of ours);
    anything else is refused with FormatError before anything is written. A symlink given as
    ``output`` is followed (the user's own path); nothing inside an existing folder is written.
    """
    from annotator.formats.model import FormatError

    target = Path(os.path.realpath(output))
    if target.exists() and not (target.is_dir() and (_is_empty(target) or replaceable(target))):
        raise FormatError(
            f"{output} holds files that are not an earlier {what}: choose a new or empty folder"
            f" (an earlier {what} there is replaced whole)."
        )
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _new_mode(0o777)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part"))
    try:
        yield tmp
        tmp.chmod(mode)
        _move_into_place(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _is_empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def _move_into_place(new: Path, target: Path) -> None:
    """Rename the folder ``new`` to ``target``; an earlier ``target`` is swapped out and removed.

    On Linux the swap is one atomic ``renameat2(RENAME_EXCHANGE)``; elsewhere the old folder is
    renamed aside first (a kill between the two renames leaves no ``target``, never half of one).
    """
    if not target.exists() or _is_empty(target):
        os.replace(new, target)  # an empty folder is replaced atomically by rename(2)
        return
    if _exchange(new, target):
        shutil.rmtree(new)  # now the old export
        return
    aside = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
    os.replace(target, aside)
    try:
        os.replace(new, target)
    except BaseException:
        os.replace(aside, target)
        raise
    shutil.rmtree(aside)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where that is not available."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot swap
            return False
        raise OSError(errno, os.strerror(errno), str(b))
    return True


# Line separators that JSON allows raw inside strings but ``str.splitlines()`` (and many JSONL
# readers) split on; written escaped so one record stays one line for every reader.
_RAW_BREAKS = (
    (b"\xe2\x80\xa8", b"\\u2028"),
    (b"\xe2\x80\xa9", b"\\u2029"),
    (b"\xc2\x85", b"\\u0085"),
)


def jsonl_line(record: object) -> bytes:
    """One JSONL line (UTF-8, ``\\n``-terminated) with U+2028, U+2029 and U+0085 escaped."""
    data = orjson.dumps(record)
    for raw, escaped in _RAW_BREAKS:
        if raw in data:
            data = data.replace(raw, escaped)
    return data + b"\n"
