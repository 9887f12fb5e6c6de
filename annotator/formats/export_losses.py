"""Counting what a span-list export cannot write (attributes, notes, fragments), so that every
"not written" reaches the export summary (issue #10: nothing dropped in silence)."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.spans import Annotation
from annotator.formats.model import ExportSummary

WHOLE_EXTENT = "discontinuous span written as its whole extent (fragments)"


def count_lost(
    spans: Iterable[Annotation],
    summary: ExportSummary,
    *,
    attributes: bool = True,
    notes: bool = True,
    fragments: bool = True,
) -> None:
    """Count, per attribute name, notes and fragments of ``spans`` that the format drops (a
    ``True`` argument means "the format loses this")."""
    for ann in spans:
        if attributes:
            for name, value in ann.attributes.items():
                if value not in (None, "", False):
                    summary.lose(f"attribute {name}")
        if notes and ann.note:
            summary.lose("note")
        if fragments and ann.fragments and len(ann.fragments) > 1:
            summary.lose(WHOLE_EXTENT)
