"""spaCy/Prodigy JSONL: ``text``, ``tokens``, ``spans`` (character offsets in code points,
end-exclusive, plus ``token_start``/``token_end`` with an *inclusive* token end, as Prodigy
defines it) and ``relations`` (``head``/``child`` token indices with ``head_span``/``child_span``).

Tokens come from :mod:`annotator.formats.tokens`, cut at every span boundary, so every span is
whole tokens. Attributes and notes ride along as extra span keys, which Prodigy ignores.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.spans import Annotation
from annotator.formats.export_view import DocumentView, iter_views
from annotator.formats.files import atomic_binary, jsonl_line
from annotator.formats.jsonl import iter_json_lines
from annotator.formats.model import (
    ExportOptions,
    ExportSummary,
    FormatError,
    ImportedDocument,
    ImportedRelation,
    ImportedSpan,
    optional_span_fields,
)
from annotator.formats.reading import checked_span, new_document
from annotator.formats.tokens import spacy_words, token_index
from annotator.store import Project


def prodigy_record(view: DocumentView) -> dict[str, Any]:
    starts = {a.start for a in view.spans}
    ends = {a.end for a in view.spans}
    words, spaces = spacy_words(view.text, starts, ends)
    by_start, by_end = token_index(words)
    spans = [_span(a, by_start, by_end) for a in view.spans]
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


def _span(ann: Annotation, by_start: dict[int, int], by_end: dict[int, int]) -> dict[str, Any]:
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
    return record


def _brief(span: dict[str, Any]) -> dict[str, Any]:
    keys = ("start", "end", "token_start", "token_end", "label")
    return {k: span[k] for k in keys}


def write_prodigy(project: Project, output: Path, options: ExportOptions) -> ExportSummary:
    summary = ExportSummary()
    with atomic_binary(output) as fh:
        for view in iter_views(project, options, summary):
            record = prodigy_record(view)
            fh.write(jsonl_line(record))
            summary.documents += 1
            summary.spans += len(record["spans"])
    return summary


# ------------------------------------------------------------------------------------ reading
def read_prodigy(path: Path) -> list[ImportedDocument]:
    docs = []
    for number, raw, record in iter_json_lines(path):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise FormatError(f"{path.name}, line {number}: expected an object with a 'text'.")
        if record.get("answer", "accept") != "accept":
            continue  # rejected or ignored tasks are not annotations
        docs.append(_document(path, number, raw, record))
    return docs


def _document(path: Path, number: int, raw: bytes, record: dict[str, Any]) -> ImportedDocument:
    where = f"{path.name}, line {number}"
    text: str = record["text"]
    meta = dict(record.get("meta") or {})
    meta.pop("id", None)
    title = str(meta.pop("title", "") or f"{path.stem} {number}")
    spans = []
    for i, s in enumerate(record.get("spans") or []):
        try:
            fragments = s.get("fragments")
            span = ImportedSpan(
                s["start"],
                s["end"],
                str(s["label"]),
                attributes=dict(s.get("attributes") or {}),
                note=str(s.get("note") or ""),
                fragments=tuple((int(a), int(b)) for a, b in fragments) if fragments else None,
                id=str(s.get("id", f"s{i}")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise FormatError(f"{where}: span {i} is malformed ({exc}).") from None
        spans.append(checked_span(where, text, span, s.get("text")))
    relations = _relations(record.get("relations") or [], record.get("spans") or [], spans)
    doc = new_document(path, text, title=title, meta=meta, source=raw, renderer="prodigy")
    return ImportedDocument(doc, spans, relations)


def _relations(
    records: list[dict[str, Any]], raw_spans: list[dict[str, Any]], spans: list[ImportedSpan]
) -> list[ImportedRelation]:
    """Relations whose head and child are spans (Prodigy also allows bare tokens: skipped)."""
    by_offsets = {(s.start, s.end): s.id for s in spans}
    by_token_end = {r.get("token_end"): s.id for r, s in zip(raw_spans, spans, strict=True)}
    found = []
    for rel in records:
        ends = []
        for side in ("head", "child"):
            brief = rel.get(f"{side}_span") or {}
            key = (brief.get("start"), brief.get("end"))
            ends.append(by_offsets.get(key) or by_token_end.get(rel.get(side)))  # type: ignore[arg-type]
        if ends[0] and ends[1]:
            found.append(ImportedRelation(str(rel.get("label", "")), ends[0], ends[1]))
    return found
