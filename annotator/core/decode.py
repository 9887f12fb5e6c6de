"""Bytes to text at import (design D1): honour a BOM, normalise line endings, nothing else.

The text is what the source said: no NFC, no whitespace clean-up, U+2028/U+0085 kept. Only CRLF
and lone CR become LF, because a CRLF counts as two code points here and one position in Qt.

Hostile input (issue #6) is refused with a message that says where and why: invalid bytes (with
their byte offset; ``errors="replace"`` imports them as U+FFFD instead), NUL bytes (a binary
file, or text SQLite would cut short), and files above a size limit. The defaults can be changed
for a whole import with :func:`decode_options`, so every importer that calls :func:`decode_text`
follows the user's choice without an extra parameter.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32-LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32-BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16-LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16-BE"),
)
_ERROR_MODES = ("strict", "replace")
MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB  # a long article is ~100 KB; D3 measured the view at 5 MB
DEFAULT_MAX_LINE_BYTES = 64 * MB  # one JSONL record (one document with its spans)


@dataclass(frozen=True, slots=True)
class DecodeOptions:
    errors: str = "strict"  # "replace": invalid bytes and NULs become U+FFFD
    max_bytes: int = DEFAULT_MAX_BYTES
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES


_DEFAULT_OPTIONS = DecodeOptions()  # frozen, so sharing it as the default is safe
_OPTIONS: ContextVar[DecodeOptions] = ContextVar("decode_options", default=_DEFAULT_OPTIONS)


@contextmanager
def decode_options(
    *, errors: str | None = None, max_bytes: int | None = None, max_line_bytes: int | None = None
) -> Iterator[DecodeOptions]:
    """Within the block, :func:`decode_text` and the readers use these defaults (e.g. for one
    import run); ``max_line_bytes`` caps one JSONL line."""
    current = _OPTIONS.get()
    options = replace(
        current,
        errors=errors if errors is not None else current.errors,
        max_bytes=max_bytes if max_bytes is not None else current.max_bytes,
        max_line_bytes=max_line_bytes if max_line_bytes is not None else current.max_line_bytes,
    )
    token = _OPTIONS.set(options)
    try:
        yield options
    finally:
        _OPTIONS.reset(token)


def current_options() -> DecodeOptions:
    return _OPTIONS.get()


class UnreadableTextError(ValueError):
    """The bytes cannot be imported as text; the message is meant for the user."""


class TextDecodeError(UnreadableTextError):
    """The bytes are not valid in their encoding; ``byte_offset`` counts from the file's start."""

    def __init__(self, encoding: str, byte_offset: int, byte: int | None, reason: str) -> None:
        shown = f" (0x{byte:02x})" if byte is not None else ""
        super().__init__(
            f"not valid {encoding} at byte {byte_offset}{shown}: {reason}; it can be imported"
            " with U+FFFD (�) in place of the invalid bytes"
        )
        self.encoding = encoding
        self.byte_offset = byte_offset
        self.byte = byte


class BinaryDataError(UnreadableTextError):
    """The bytes hold a NUL: a binary file, or text that SQLite and Qt would cut short."""

    def __init__(self, byte_offset: int) -> None:
        super().__init__(
            f"contains a NUL byte at byte {byte_offset}; this looks like a binary file, not text"
        )
        self.byte_offset = byte_offset


class TextTooLargeError(UnreadableTextError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"the file is {size / MB:,.1f} MB; the largest text import is {limit / MB:,.0f} MB."
            " Split the file, or raise the limit (annotator import --max-size)"
        )
        self.size = size
        self.limit = limit


def detect_encoding(data: bytes) -> tuple[str, str, int]:
    """Return (codec name, display name, BOM length); UTF-8 without BOM when none is found."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return codec, name, len(bom)
    return "utf-8", "UTF-8", 0


def normalize_newlines(s: str) -> str:
    """CRLF and lone CR become LF; every other character is kept as it is."""
    return s.replace("\r\n", "\n").replace("\r", "\n")


def newline_offsets(s: str) -> Callable[[int], int]:
    """Where an offset into ``s`` lands in ``normalize_newlines(s)``: each CRLF loses its CR, so
    an offset moves back by the CRs of CRLFs before it (one between CR and LF lands on the LF)."""
    dropped = [i for i in range(len(s) - 1) if s[i] == "\r" and s[i + 1] == "\n"]
    return lambda offset: offset - bisect.bisect_left(dropped, offset)


def check_size(size: int, *, max_bytes: int | None = None) -> None:
    """Raise TextTooLargeError if ``size`` bytes are more than the limit."""
    limit = _OPTIONS.get().max_bytes if max_bytes is None else max_bytes
    if size > limit:
        raise TextTooLargeError(size, limit)


def decode_text(data: bytes, *, errors: str | None = None, max_bytes: int | None = None) -> str:
    """Decode a file's bytes into text with LF line endings and no BOM.

    ``errors="strict"`` raises :class:`TextDecodeError` at the first invalid byte and
    :class:`BinaryDataError` at a NUL; ``errors="replace"`` puts U+FFFD in place of each invalid
    sequence and NUL. Unset arguments come from :func:`decode_options`.
    """
    errors = _OPTIONS.get().errors if errors is None else errors
    if errors not in _ERROR_MODES:
        raise ValueError(f"errors must be one of {_ERROR_MODES}, not {errors!r}")
    check_size(len(data), max_bytes=max_bytes)
    codec, name, bom_len = detect_encoding(data)
    body = data[bom_len:]
    if not bom_len and errors == "strict" and b"\x00" in body:  # checked before UTF-8 errors
        raise BinaryDataError(body.index(b"\x00"))
    try:
        text = body.decode(codec, errors=errors)
    except UnicodeDecodeError as exc:
        byte = body[exc.start] if exc.start < len(body) else None
        raise TextDecodeError(name, bom_len + exc.start, byte, exc.reason) from exc
    nul = text.find("\x00")
    if nul != -1:
        if errors == "strict":
            raise BinaryDataError(bom_len + len(text[:nul].encode(codec)))
        text = text.replace("\x00", "\ufffd")
    return normalize_newlines(text)


def find_lone_surrogate(text: str) -> int | None:
    """The index of the first lone surrogate (not valid Unicode, not storable), or None."""
    found = _SURROGATE.search(text)
    return found.start() if found else None


_SURROGATE = re.compile("[\ud800-\udfff]")


# Characters that would break one-line-per-record output or drive the terminal: C0/C1 controls
# (newline, tab, ESC), line/paragraph separators and bidi overrides.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """``text`` for a terminal line: controls escaped as ``repr`` would (``\\n``, ``\\x1b``,
    ``\\u2028``); every other character, emoji and ZWJ sequences included, as it is."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
