"""HTML importer (.html, .htm): the article body as styled text, nothing loaded (D2).

Decoding: a BOM wins, then UTF-8; a page that is not valid UTF-8 is decoded with the charset it
declares (``<meta charset>`` or ``http-equiv`` content-type in its first 4 KB), else Windows-1252,
which maps every byte. News clean-up (``core/news_cleanup.py``) then marks boilerplate.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from pathlib import Path

from annotator.core.decode import (
    TextDecodeError,
    UnreadableTextError,
    decode_text,
    normalize_newlines,
)
from annotator.core.document import NewDocument
from annotator.core.html_render import RENDERER_VERSION, render_html
from annotator.core.metadata import merge_meta
from annotator.core.news_cleanup import clean_news
from annotator.formats.model import FormatError, ImportedDocument
from annotator.formats.safe_read import read_document_bytes

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


def decode_html(data: bytes) -> str:
    try:
        return decode_text(data)
    except TextDecodeError:
        pass
    declared = _DECLARED.search(data[:4096])
    encoding = "cp1252"
    if declared:
        name = declared.group(1).decode("ascii").lower()
        with contextlib.suppress(LookupError):
            encoding = codecs.lookup(name).name
    return normalize_newlines(data.decode(encoding, errors="replace"))


def read_html(path: Path) -> list[ImportedDocument]:
    try:
        data = read_document_bytes(path)  # a huge file is refused, not loaded
        source = decode_html(data)
    except UnreadableTextError as exc:  # binary data, too large
        raise FormatError(f"{path.name}: {exc}.") from exc
    if not source.strip():
        raise FormatError(f"{path.name}: the file is empty; nothing to import.")
    styled = clean_news(render_html(source))
    if not styled.text.strip():
        raise FormatError(f"{path.name}: the page has no readable article text.")
    title = str(styled.meta.get("title") or path.stem)
    meta = merge_meta(styled.meta, {"title": title, "source_file": path.name})
    return [
        ImportedDocument(
            NewDocument(
                title=title,
                styled=styled,
                source_name=path.name,
                source_bytes=data,
                renderer=RENDERER_VERSION,
                meta=meta,
            )
        )
    ]
