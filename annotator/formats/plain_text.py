"""Plain text (.txt) and Markdown (.md) importers: decode, normalise, render (D1, D2)."""

from __future__ import annotations

from pathlib import Path

from annotator.core.decode import UnreadableTextError, decode_text
from annotator.core.document import NewDocument
from annotator.core.markdown_render import RENDERER_VERSION as MARKDOWN_RENDERER
from annotator.core.markdown_render import render_markdown_bounded
from annotator.core.metadata import merge_meta
from annotator.core.news_cleanup import clean_news
from annotator.core.reflow import RENDERER_VERSION as PLAIN_RENDERER
from annotator.core.reflow import reflow_plain_text
from annotator.core.styled_text import StyledText
from annotator.formats.model import FormatError, ImportedDocument
from annotator.formats.safe_read import read_document_bytes


def _decode(path: Path, data: bytes) -> str:
    try:
        return decode_text(data)
    except UnreadableTextError as exc:
        raise FormatError(f"{path.name}: {exc}") from exc


def _read(path: Path) -> bytes:
    """The file's bytes, refusing a file above the size limit (before and while reading it)."""
    return read_document_bytes(path)


def _document(path: Path, data: bytes, styled: StyledText, renderer: str) -> ImportedDocument:
    styled = clean_news(styled)  # marks boilerplate, recognises source/date; text unchanged
    title = str(styled.meta.get("title") or path.stem)
    return ImportedDocument(
        NewDocument(
            title=title,
            styled=styled,
            source_name=path.name,
            source_bytes=data,
            renderer=renderer,
            meta=merge_meta(styled.meta, {"title": title, "source_file": path.name}),
        )
    )


def read_text(path: Path) -> list[ImportedDocument]:
    data = _read(path)
    text = _decode(path, data)
    if not text.strip():
        raise FormatError(f"{path.name}: the file is empty; nothing to import.")
    return [_document(path, data, reflow_plain_text(text), PLAIN_RENDERER)]


def read_markdown(path: Path) -> list[ImportedDocument]:
    data = _read(path)
    text = _decode(path, data)
    if not text.strip():
        raise FormatError(f"{path.name}: the file is empty; nothing to import.")
    styled, problem = render_markdown_bounded(text)
    if styled is not None:
        return [_document(path, data, styled, MARKDOWN_RENDERER)]
    item = _document(path, data, reflow_plain_text(text), PLAIN_RENDERER)
    item.warnings.append(f"{path.name}: {problem}; read as plain text, without Markdown styles")
    return [item]
