"""Writing export files safely: a failed or cancelled export leaves no half-written file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import orjson


@contextmanager
def atomic_binary(output: Path) -> Iterator[IO[bytes]]:
    """Write to ``output.part`` and rename it over ``output`` only once everything is written."""
    tmp = output.with_name(output.name + ".part")
    try:
        with tmp.open("wb") as fh:
            yield fh
        tmp.replace(output)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_text(output: Path) -> Iterator[IO[str]]:
    """Like :func:`atomic_binary` for UTF-8 text, with ``\\n`` written as is (no translation)."""
    tmp = output.with_name(output.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            yield fh
        tmp.replace(output)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_utf8(path: Path) -> str:
    """A dataset file's text: UTF-8 (a BOM is dropped), line endings untouched."""
    from annotator.formats.model import FormatError

    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{path.name}: not UTF-8 (byte {exc.start}).") from exc


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
