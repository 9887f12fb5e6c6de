"""Writing export files safely: a failed or cancelled export leaves no half-written file."""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tempfile
from collections.abc import Iterator
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
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _new_file_mode()
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


def _new_file_mode() -> int:
    """What ``open()`` would give a new file: 0o666 less the umask (mkstemp makes 0o600)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_text(output: Path) -> Iterator[IO[str]]:
    """Like :func:`atomic_binary` for UTF-8 text, with ``\\n`` written as is (no translation)."""
    with atomic_binary(output) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        try:
            yield text
        finally:
            text.detach()  # flushes; the binary file is closed (and renamed) by atomic_binary


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
