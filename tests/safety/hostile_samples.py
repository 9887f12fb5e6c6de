"""Hostile sample files, built in memory (shared by the safety tests and benchmarks/)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_bytes(body: str, prolog: str = "") -> bytes:
    """A minimal Word package whose ``word/document.xml`` body is ``body`` (raw XML)."""
    document = f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    xml = f'<?xml version="1.0"?>{prolog}{document}'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _TYPES)
        zf.writestr("word/document.xml", xml)
    return buffer.getvalue()


def one_char_paragraphs(path: Path, count: int) -> Path:
    """The "1-character paragraph" bomb: a small file, ``count`` paragraphs."""
    path.write_bytes(docx_bytes("<w:p><w:r><w:t>x</w:t></w:r></w:p>" * count))
    return path


def xxe_docx(path: Path) -> Path:
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    body = "<w:p><w:r><w:t>before &xxe; after</w:t></w:r></w:p>"
    path.write_bytes(docx_bytes(body, prolog))
    return path
