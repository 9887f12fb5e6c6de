"""Documents: canonical text, its hash, styles and metadata."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from annotator.core.styled_text import StyledText, StyleRange


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Document:
    id: int
    title: str
    text: str
    styles: list[StyleRange] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    sha256: str = ""
    source_name: str = ""
    renderer: str = ""


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One row of the document list: no text, just what a list shows."""

    id: int
    title: str
    source_name: str
    length: int
    annotation_count: int
    counts_by_label: dict[str, int] = field(default_factory=dict)
    source: str = ""  # meta["source"], e.g. "Asia Times"
    date: str = ""  # meta["date"], ISO when recognised
    status: str = "new"  # new, in_progress or done (core/actors.py DOCUMENT_STATUSES)


@dataclass(slots=True)
class NewDocument:
    """A document about to be stored, as an importer produced it."""

    title: str
    styled: StyledText
    source_name: str = ""
    source_bytes: bytes = b""
    renderer: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
