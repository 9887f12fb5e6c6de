"""What an export sees of its source: selected documents, their kept text, spans and relations.

Every writer goes through :func:`iter_views`, so the label and document filters and the
boilerplate exclusion behave the same in every format. Boilerplate (``StyleRange`` of kind
``"boilerplate"``, marked by the news importers) is cut out of the text unless asked for; span
offsets are remapped into the cut text, and spans that overlap cut text are dropped and counted.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Iterable, Iterator

from annotator.core.document import Document
from annotator.core.export_document import DocumentView, ExportSource
from annotator.core.relations import Relation
from annotator.core.spans import Annotation
from annotator.core.styled_text import StyleRange
from annotator.formats.model import ExportOptions, ExportSummary

BOILERPLATE = "boilerplate"


class _Cutter:
    """Maps offsets of the full text to offsets of the text without the removed ranges."""

    def __init__(self, removed: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(removed):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            elif end > start:
                merged.append((start, end))
        self.ranges = merged
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]
        self.shift = list(itertools.accumulate((e - s for s, e in merged), initial=0))

    def cut(self, text: str) -> str:
        pieces, pos = [], 0
        for start, end in self.ranges:
            pieces.append(text[pos:start])
            pos = end
        pieces.append(text[pos:])
        return "".join(pieces)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # ranges starting before ``end``
        return i > 0 and self.ranges[i - 1][1] > start

    def map(self, pos: int) -> int:
        return pos - self.shift[bisect.bisect_right(self.ends, pos)]  # ranges ending by pos


def _remap(ann: Annotation, cutter: _Cutter, text: str) -> Annotation:
    start, end = cutter.map(ann.start), cutter.map(ann.end)
    fragments = ann.fragments and tuple((cutter.map(s), cutter.map(e)) for s, e in ann.fragments)
    return dataclasses.replace(ann, start=start, end=end, text=text[start:end], fragments=fragments)


def view_document(
    document: Document,
    spans: list[Annotation],
    relations: Iterable[Relation] = (),
    *,
    include_boilerplate: bool = False,
    summary: ExportSummary | None = None,
) -> DocumentView:
    """The exported text of ``document`` and its spans remapped into it (see module doc)."""
    removed = [] if include_boilerplate else _boilerplate(document)
    if not removed:
        kept_styles = document.styles
        view = DocumentView(document, document.text, spans, [], kept_styles)
    else:
        cutter = _Cutter(removed)
        text = cutter.cut(document.text)
        kept = [a for a in spans if not _touches(a, cutter)]
        if summary is not None and len(kept) < len(spans):
            summary.lose("span inside boilerplate", len(spans) - len(kept))
        styles = [
            StyleRange(cutter.map(s.start), cutter.map(s.end), s.kind, s.data)
            for s in document.styles
            if s.kind != BOILERPLATE and not cutter.overlaps(s.start, s.end)
        ]
        view = DocumentView(document, text, [_remap(a, cutter, text) for a in kept], [], styles)
    ids = {a.id for a in view.spans}
    view.relations = [r for r in relations if r.source_id in ids and r.target_id in ids]
    return view


def _touches(ann: Annotation, cutter: _Cutter) -> bool:
    return cutter.overlaps(ann.start, ann.end)


def _boilerplate(document: Document) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in document.styles if s.kind == BOILERPLATE]


def iter_views(
    source: ExportSource, options: ExportOptions, summary: ExportSummary
) -> Iterator[DocumentView]:
    """The selected documents in id order, each with its selected spans and relations.

    Calls ``options.progress(done, total)`` after each document.
    """
    wanted = list(source.document_ids)
    if options.document_ids is not None:
        chosen = set(options.document_ids)
        wanted = [d for d in wanted if d in chosen]
    labels, author = options.labels, options.author
    for done, item in enumerate(source.read(wanted), start=1):
        spans = [
            a
            for a in item.spans
            if (labels is None or a.label in labels) and (author is None or a.author == author)
        ]
        yield view_document(
            item.document,
            spans,
            item.relations,
            include_boilerplate=options.include_boilerplate,
            summary=summary,
        )
        if options.progress is not None:
            options.progress(done, len(wanted))


# What a span or a document may carry, as ``count_unwritten`` names it in the export summary.
UNWRITTEN = {
    "attributes": "attributes of a span",
    "note": "note of a span",
    "fragments": "fragments of a discontinuous span",
    "author": "author of a span",
    "meta": "document metadata",
    "actor_id": "actor link of a span",  # its registry actor
}


def count_unwritten(
    summary: ExportSummary,
    view: DocumentView,
    kinds: Iterable[str],
    why: str,
    written_meta: Iterable[str] = (),
) -> None:
    """Count what ``view`` carries of ``kinds`` (keys of ``UNWRITTEN``) and a format cannot
    write, e.g. ``count_unwritten(summary, view, ("note",), "W3C")`` → "note of a span (W3C)".
    Metadata keys in ``written_meta`` are ones the format does write (e.g. CoNLL's columns)."""
    for kind in kinds:
        if kind == "meta":
            found = 1 if set(view.document.meta) - set(written_meta) else 0
        else:
            found = sum(1 for a in view.spans if getattr(a, kind))  # ids start at 1
        if found:
            summary.lose(f"{UNWRITTEN[kind]} ({why})", found)


# Per span, for the span-list formats (doccano, CSV): attribute by name, note, fragments.
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
