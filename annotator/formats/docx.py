"""Word importer (.docx): paragraphs, headings, lists, tables, bold/italic, links.

Blocks are separated by ``"\\n\\n"`` like every renderer (docs/design.md); table rows by ``"\\n"``
and cells by a tab. Each paragraph loses its leading and trailing whitespace; empty paragraphs
are skipped. The package is read by ``docx_xml`` (size and paragraph limits, no entity
resolution, no DTD, no network; external relationships are never followed). Core properties
give title, author, language and tags (not the file's creation date: that is not the
article's); news clean-up then marks boilerplate.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml.etree import LxmlError

from annotator.core.document import NewDocument
from annotator.core.metadata import merge_meta
from annotator.core.news_cleanup import clean_news
from annotator.core.styled_text import StyledText, StyleRange
from annotator.formats.docx_xml import DocxLimitError, body_blocks, core_properties, open_package
from annotator.formats.model import FormatError, ImportedDocument
from annotator.formats.safe_read import read_document_bytes

RENDERER_VERSION = "docx-1"


@dataclass(slots=True)
class _Builder:
    parts: list[str] = field(default_factory=list)
    length: int = 0
    styles: list[StyleRange] = field(default_factory=list)

    def block(self, pieces: list[tuple[str, str | None, dict[str, Any] | None]], kind: str) -> None:
        """Append one block made of (text, inline kind, data) pieces, edges stripped."""
        text = "".join(p[0] for p in pieces)
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        if not body:
            return
        if self.length:
            self._append("\n\n")
        start = self.length
        position = start - lead
        for piece, inline, data in pieces:
            a, b = max(position, start), min(position + len(piece), start + len(body))
            if inline and a < b:
                self.styles.append(StyleRange(a, b, inline, data))
            position += len(piece)
        self.styles.append(StyleRange(start, start + len(body), kind))
        self._append(body)

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def result(self) -> StyledText:
        styles = sorted(self.styles, key=lambda s: (s.start, -s.end))
        return StyledText("".join(self.parts), styles)


def render_docx(data: bytes, name: str) -> tuple[StyledText, list[str]]:
    """The document's styled text and what was dropped (entity references), from its bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = open_package(zf)
            builder = _Builder()
            for pieces, kind in body_blocks(parts):
                builder.block(pieces, kind)
            meta: dict[str, Any] = core_properties(parts)
    except DocxLimitError as exc:
        raise FormatError(f"{name}: {exc}; nothing was imported.") from exc
    except (zipfile.BadZipFile, KeyError, ValueError, LxmlError, EOFError) as exc:
        raise FormatError(f"{name}: not a readable .docx file ({exc}).") from exc
    styled = builder.result()
    first_heading = next((s for s in styled.styles if s.kind in ("title", "heading1")), None)
    if not meta["title"] and first_heading is not None:
        meta["title"] = styled.text[first_heading.start : first_heading.end]
    styled.meta = merge_meta({}, meta)
    return styled, _dropped(name, parts.dropped_entities)


def _dropped(name: str, entities: list[str]) -> list[str]:
    if not entities:
        return []
    shown = ", ".join(sorted(set(entities))[:5])
    return [
        f"{name}: {len(entities)} entity reference(s) ({shown}) dropped, never resolved;"
        " the text around them is kept"
    ]


def read_docx(path: Path) -> list[ImportedDocument]:
    data = read_document_bytes(path)
    styled, warnings = render_docx(data, path.name)
    styled = clean_news(styled)
    if not styled.text.strip():
        raise FormatError(f"{path.name}: the document has no text; nothing to import.")
    title = str(styled.meta.get("title") or path.stem)
    meta = merge_meta(styled.meta, {"title": title, "source_file": path.name})
    document = NewDocument(
        title=title,
        styled=styled,
        source_name=path.name,
        source_bytes=data,
        renderer=RENDERER_VERSION,
        meta=meta,
    )
    return [ImportedDocument(document, warnings=warnings)]
