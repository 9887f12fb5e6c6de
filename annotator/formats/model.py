"""What importers produce and exporters report, independent of any one format."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.store import NewDocument


class FormatError(ValueError):
    """A file cannot be read in its format; the message is meant for the user."""


@dataclass(frozen=True, slots=True)
class ImportedSpan:
    start: int
    end: int
    label: str


@dataclass(slots=True)
class ImportedDocument:
    document: NewDocument
    spans: list[ImportedSpan] = field(default_factory=list)


@dataclass(slots=True)
class ExportOptions:
    labels: frozenset[str] | None = None  # None: every label
    document_ids: list[int] | None = None  # None: every document


@dataclass(slots=True)
class ExportSummary:
    documents: int = 0
    spans: int = 0
    warnings: list[str] = field(default_factory=list)
