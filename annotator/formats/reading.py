"""Helpers the readers share: build documents, check spans against their text."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.decode import newline_offsets, normalize_newlines
from annotator.core.document import NewDocument
from annotator.core.plural import plural
from annotator.core.styled_text import StyledText, StyleRange
from annotator.formats.model import FormatError, ImportedDocument, ImportedSpan


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
    if type(span.start) is not int or type(span.end) is not int:  # not bool, not 3.0
        raise FormatError(f"{where}: span offsets must be integers ({span.start!r}, {span.end!r}).")
    if not 0 <= span.start < span.end <= len(text):
        raise FormatError(
            f"{where}: span [{span.start}, {span.end}) is outside the text"
            f" ({plural(len(text), 'character')})."
        )
    _check_fragments(where, span)
    if quoted is not None and quoted != text[span.start : span.end]:
        raise FormatError(
            f"{where}: span [{span.start}, {span.end}) says {quoted!r} but the text there is "
            f"{text[span.start : span.end]!r} (offsets must count code points)."
        )
    return span


def _check_fragments(where: str, span: ImportedSpan) -> None:
    """Fragments are integers, in order, apart, and inside their span's extent (export writes
    them, not the extent: a fragment outside it would be a different span elsewhere)."""
    previous = span.start
    for start, end in span.fragments or ():
        if type(start) is not int or type(end) is not int:
            raise FormatError(f"{where}: fragment offsets must be integers ({start!r}, {end!r}).")
        if not span.start <= start < end <= span.end:
            raise FormatError(
                f"{where}: fragment [{start}, {end}) is outside its span [{span.start},"
                f" {span.end})."
            )
        if start < previous:
            raise FormatError(f"{where}: fragments must be in text order and must not overlap.")
        previous = end


def with_lf_line_ends(item: ImportedDocument) -> ImportedDocument:
    """``item`` with CRLF and CR line ends as LF and every offset moved to match (design D1: a
    CRLF is two code points here but one position in Qt, so a stored text never has one)."""
    text = item.document.styled.text
    if "\r" not in text:
        return item
    at = newline_offsets(text)

    def moved(span: Any) -> Any:
        fragments = getattr(span, "fragments", None)
        changes: dict[str, Any] = {"start": at(span.start), "end": at(span.end)}
        if fragments:
            changes["fragments"] = tuple((at(s), at(e)) for s, e in fragments)
        return replace(span, **changes)

    styled = item.document.styled
    styles = [replace(r, start=at(r.start), end=at(r.end)) for r in styled.styles]
    lf_text = normalize_newlines(text)
    document = replace(item.document, styled=replace(styled, text=lf_text, styles=styles))
    note = f"{item.document.source_name}: CRLF line ends read as LF (offsets moved to match)"
    return replace(
        item,
        document=document,
        spans=[moved(s) for s in item.spans],
        suggestions=[moved(s) for s in item.suggestions],
        warnings=[*item.warnings, note],
    )
