"""spaCy/Prodigy JSONL: ``text``, ``tokens``, ``spans`` (character offsets in code points,
end-exclusive, plus ``token_start``/``token_end`` with an *inclusive* token end, as Prodigy
defines it) and ``relations`` (``head``/``child`` token indices with ``head_span``/``child_span``).

Tokens come from :mod:`annotator.formats.tokens`, cut at every span boundary, so every span is
whole tokens. Attributes, notes, authors and a span's registry actor (``actor``, as in our JSONL)
ride along as extra span keys, which Prodigy ignores.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.actors import Actor
from annotator.core.export_document import DocumentView, ExportSource
from annotator.core.spans import Annotation
from annotator.formats.export_view import iter_views
from annotator.formats.files import atomic_binary, jsonl_line
from annotator.formats.model import (
    ExportOptions,
    ExportSummary,
    actor_fields,
    optional_span_fields,
)
from annotator.formats.tokens import spacy_words, token_index


def prodigy_record(view: DocumentView, source: ExportSource | None = None) -> dict[str, Any]:
    starts = {a.start for a in view.spans}
    ends = {a.end for a in view.spans}
    words, spaces = spacy_words(view.text, starts, ends)
    by_start, by_end = token_index(words)
    actor_of = source.actor_of if source is not None else lambda _: None
    spans = [_span(a, by_start, by_end, actor_of(a)) for a in view.spans]
    by_id = {a.id: s for a, s in zip(view.spans, spans, strict=True)}
    doc = view.document
    return {
        "text": view.text,
        "meta": {"id": doc.id, "title": doc.title, **doc.meta},
        "tokens": [
            {"text": t.text, "start": t.start, "end": t.end, "id": i, "ws": ws}
            for i, (t, ws) in enumerate(zip(words, spaces, strict=True))
        ],
        "spans": spans,
        "relations": [
            {
                "head": by_id[r.source_id]["token_end"],
                "child": by_id[r.target_id]["token_end"],
                "head_span": _brief(by_id[r.source_id]),
                "child_span": _brief(by_id[r.target_id]),
                "label": r.type,
            }
            for r in view.relations
        ],
        "answer": "accept",
    }


def _span(
    ann: Annotation, by_start: dict[int, int], by_end: dict[int, int], actor: Actor | None
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "start": ann.start,
        "end": ann.end,
        "token_start": by_start[ann.start],
        "token_end": by_end[ann.end],  # inclusive: the index of the span's last token
        "label": ann.label,
        "text": ann.text,
        "id": ann.id,
        **optional_span_fields(ann),
    }
    if ann.author:
        record["author"] = ann.author
    if actor is not None:
        record["actor"] = actor_fields(actor)
    return record


def _brief(span: dict[str, Any]) -> dict[str, Any]:
    keys = ("start", "end", "token_start", "token_end", "label")
    return {k: span[k] for k in keys}


def write_prodigy(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    summary = ExportSummary()
    with atomic_binary(output) as fh:
        for view in iter_views(source, options, summary):
            record = prodigy_record(view, source)
            fh.write(jsonl_line(record))
            summary.documents += 1
            summary.spans += len(record["spans"])
    return summary
