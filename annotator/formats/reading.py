"""Helpers the readers share: build documents, check spans against their text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.plural import plural
from annotator.core.styled_text import StyledText, StyleRange
from annotator.formats.model import FormatError, ImportedSpan
from annotator.store import NewDocument


def new_document(
    path: Path,
    text: str,
    *,
    title: str = "",
    meta: dict[str, Any] | None = None,
    styles: list[StyleRange] | None = None,
    source: bytes = b"",
    renderer: str = "",
) -> NewDocument:
    return NewDocument(
        title=title or path.stem,
        styled=StyledText(text, styles or []),
        source_name=path.name,
        source_bytes=source,
        renderer=renderer,
        meta=meta if meta is not None else {"source_file": path.name},
    )


def checked_span(where: str, text: str, span: ImportedSpan, quoted: str | None) -> ImportedSpan:
    """Refuse a span outside its text, or whose quoted text is not what its offsets cover."""
    if not (isinstance(span.start, int) and isinstance(span.end, int)):
        raise FormatError(f"{where}: span offsets must be integers ({span.start!r}, {span.end!r}).")
    if not 0 <= span.start < span.end <= len(text):
        raise FormatError(
            f"{where}: span [{span.start}, {span.end}) is outside the text"
            f" ({plural(len(text), 'character')})."
        )
    for start, end in span.fragments or ():
        if not 0 <= start < end <= len(text):
            raise FormatError(f"{where}: fragment [{start}, {end}) is outside the text.")
    if quoted is not None and quoted != text[span.start : span.end]:
        raise FormatError(
            f"{where}: span [{span.start}, {span.end}) says {quoted!r} but the text there is "
            f"{text[span.start : span.end]!r} (offsets must count code points)."
        )
    return span
