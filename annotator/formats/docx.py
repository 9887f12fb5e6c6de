"""Word importer (.docx) via python-docx: paragraphs, headings, lists, tables, bold/italic, links.

Blocks are separated by ``"\\n\\n"`` like every renderer (docs/design.md); table rows by ``"\\n"``
and cells by a tab. Each paragraph loses its leading and trailing whitespace; empty paragraphs
are skipped. python-docx reads the package with entity resolution off and never follows
external relationships (linked images, remote templates), so nothing is loaded. Core properties
give title, author, language and tags (not the file's creation date: that is not the
article's); news clean-up then marks boilerplate.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.decode import UnreadableTextError, check_size
from annotator.core.metadata import merge_meta
from annotator.core.news_cleanup import clean_news
from annotator.core.styled_text import StyledText, StyleRange
from annotator.formats.model import FormatError, ImportedDocument
from annotator.store import NewDocument

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


def _block_kind(paragraph: Any) -> str:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return "title"
    if name.startswith("Heading ") and name[8:].isdigit():
        return f"heading{min(max(int(name[8:]), 1), 6)}"
    if name.startswith("List") or (paragraph._p.pPr is not None and paragraph._p.pPr.numPr):
        return "list_item"
    if name in ("Quote", "Intense Quote"):
        return "quote"
    return "paragraph"


def _pieces(paragraph: Any) -> list[tuple[str, str | None, dict[str, Any] | None]]:
    from docx.text.hyperlink import Hyperlink

    pieces: list[tuple[str, str | None, dict[str, Any] | None]] = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            data = {"href": item.address} if item.address else None
            pieces.append((item.text, "link" if data else None, data))
            continue
        kind = "bold" if item.bold else "italic" if item.italic else None
        pieces.append((item.text, kind, None))
    return pieces


def _table_block(table: Any) -> list[tuple[str, str | None, dict[str, Any] | None]]:
    rows = ["\t".join(" ".join(cell.text.split()) for cell in row.cells) for row in table.rows]
    return [("\n".join(row for row in rows if row.strip()), None, None)]


def _core_meta(document: Any) -> dict[str, Any]:
    props = document.core_properties
    return {
        "title": props.title or "",
        "author": props.author or "",
        "language": props.language or "",
        "tags": props.keywords or "",
    }


def render_docx(path: Path) -> StyledText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from lxml.etree import LxmlError

    try:
        document = docx.Document(str(path))
        builder = _Builder()
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                builder.block(_table_block(item), "paragraph")
            else:
                builder.block(_pieces(item), _block_kind(item))
        styled = builder.result()
        meta = _core_meta(document)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError) as exc:
        raise FormatError(f"{path.name}: not a readable .docx file ({exc}).") from exc
    first_heading = next((s for s in styled.styles if s.kind in ("title", "heading1")), None)
    if not meta["title"] and first_heading is not None:
        meta["title"] = styled.text[first_heading.start : first_heading.end]
    styled.meta = merge_meta({}, meta)
    return styled


def read_docx(path: Path) -> list[ImportedDocument]:
    try:
        check_size(path.stat().st_size)
    except UnreadableTextError as exc:
        raise FormatError(f"{path.name}: {exc}.") from exc
    data = path.read_bytes()
    styled = clean_news(render_docx(path))
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
    return [ImportedDocument(document)]
