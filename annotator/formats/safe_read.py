"""Reading import files with hard limits (issue #17, items 7 and 8): how every reader opens one.

- Only regular files are read. A FIFO, a device (``x.txt -> /dev/zero``) or a socket is refused
  from ``os.stat`` alone, before anything is opened, so a FIFO cannot hang the import; the file
  is then opened with ``O_NONBLOCK`` and checked again with ``fstat`` (it may have been swapped).
- ``st_size`` is only a first guess: a file is read up to a hard cap and refused once it goes
  past it, however large it said it was.
- JSONL is read line by line, each line up to a cap, so an unterminated 1 GB line is never held.

The caps are named constants here; the text cap is the user's ``--max-size`` (core/decode.py).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from annotator.core.decode import MB, TextTooLargeError, check_size, current_options
from annotator.formats.model import FormatError

DATASET_MAX_BYTES = 512 * MB  # one Label Studio JSON, spaCy DocBin, CoNLL or brat .ann file
_CHUNK = 1 * MB
_KINDS = {
    stat.S_ISFIFO: "a FIFO (named pipe)",
    stat.S_ISCHR: "a character device",
    stat.S_ISBLK: "a block device",
    stat.S_ISSOCK: "a socket",
    stat.S_ISDIR: "a folder",
}


def not_regular(path: Path) -> str | None:
    """Why ``path`` (followed through symlinks) is not a regular file we may read, or None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing or unreadable: the open reports it
    return _describe(path, mode)


def _describe(path: Path, mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS.items() if test(mode)), "not a regular file")
    return f"{path.name} is {kind}, not a regular file; nothing was read from it."


@contextmanager
def open_regular(path: Path) -> Iterator[BinaryIO]:
    """Open a regular file for reading without blocking; refuse anything else (FormatError)."""
    problem = not_regular(path)
    if problem:
        raise FormatError(problem)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        problem = _describe(path, os.fstat(fd).st_mode)
        if problem:
            raise FormatError(problem)
        os.set_blocking(fd, True)
        fh = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with fh:
        yield fh


def too_large(path: Path, limit: int) -> FormatError:
    return FormatError(f"{path.name} is larger than {format_size(limit)}; nothing was imported.")


def read_capped(path: Path, limit: int) -> bytes:
    """The file's bytes; FormatError if it is not a regular file or holds more than ``limit``."""
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise too_large(path, limit)
        chunks, total = [], 0
        while chunk := fh.read(min(_CHUNK, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise too_large(path, limit)
    return b"".join(chunks)


def read_document_bytes(path: Path) -> bytes:
    """An article file (text, Markdown, HTML, Word) under the user's size limit (--max-size)."""
    limit = current_options().max_bytes
    try:
        if not not_regular(path):
            check_size(os.stat(path).st_size)  # the familiar message when the size is honest
    except TextTooLargeError as exc:
        raise FormatError(f"{path.name}: {exc}.") from exc
    return read_capped(path, limit)


def read_dataset_text(path: Path) -> str:
    """A dataset file's text (UTF-8, a BOM dropped, line endings untouched), capped."""
    data = read_capped(path, DATASET_MAX_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{path.name}: not UTF-8 (byte {exc.start}).") from exc


def iter_lines(path: Path, max_line: int | None = None) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line) for each line, never holding more than ``max_line`` bytes of one
    line (default: the JSONL line limit of the current import options)."""
    limit = current_options().max_line_bytes if max_line is None else max_line
    with open_regular(path) as fh:
        number = 0
        while raw := fh.readline(limit + 2):  # the line and its CRLF
            number += 1
            if len(raw.rstrip(b"\r\n")) > limit:
                raise FormatError(
                    f"{path.name}, line {number}: the line is longer than"
                    f" {format_size(limit)}; nothing was imported from this file."
                )
            yield number, raw


def format_size(size: int) -> str:
    """``20 MB``, ``1.5 MB`` or ``1,000 bytes``: how limits and sizes are shown."""
    if size < MB:
        return f"{size:,} bytes"
    return f"{size / MB:,.0f} MB" if size % MB == 0 else f"{size / MB:,.1f} MB"
