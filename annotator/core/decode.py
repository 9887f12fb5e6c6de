"""Bytes to text at import (design D1): honour a BOM, normalise line endings, nothing else.

The text is what the source said: no NFC, no whitespace clean-up, U+2028/U+0085 kept. Only CRLF
and lone CR become LF, because a CRLF counts as two code points here and one position in Qt.
"""

from __future__ import annotations

import codecs

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32-LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32-BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16-LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16-BE"),
)
_ERROR_MODES = ("strict", "replace")


class TextDecodeError(ValueError):
    """The bytes are not valid in their encoding; ``byte_offset`` counts from the file's start."""

    def __init__(self, encoding: str, byte_offset: int, byte: int | None, reason: str) -> None:
        shown = f" (0x{byte:02x})" if byte is not None else ""
        super().__init__(f"not valid {encoding} at byte {byte_offset}{shown}: {reason}")
        self.encoding = encoding
        self.byte_offset = byte_offset
        self.byte = byte


def detect_encoding(data: bytes) -> tuple[str, str, int]:
    """Return (codec name, display name, BOM length); UTF-8 without BOM when none is found."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return codec, name, len(bom)
    return "utf-8", "UTF-8", 0


def normalize_newlines(s: str) -> str:
    """CRLF and lone CR become LF; every other character is kept as it is."""
    return s.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes, *, errors: str = "strict") -> str:
    """Decode a file's bytes into text with LF line endings and no BOM.

    ``errors="strict"`` raises :class:`TextDecodeError` at the first invalid byte;
    ``errors="replace"`` puts U+FFFD in place of each invalid sequence.
    """
    if errors not in _ERROR_MODES:
        raise ValueError(f"errors must be one of {_ERROR_MODES}, not {errors!r}")
    codec, name, bom_len = detect_encoding(data)
    body = data[bom_len:]
    try:
        text = body.decode(codec, errors=errors)
    except UnicodeDecodeError as exc:
        byte = body[exc.start] if exc.start < len(body) else None
        raise TextDecodeError(name, bom_len + exc.start, byte, exc.reason) from exc
    return normalize_newlines(text)
