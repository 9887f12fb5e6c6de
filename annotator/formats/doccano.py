"""doccano JSONL: sequence labelling (``label``: ``[[start, end, label], …]``) and the relation
variant (``entities`` with ids and ``start_offset``/``end_offset``, ``relations`` with
``from_id``/``to_id``/``type``). Offsets are code points, end-exclusive (doccano's default, not
its "count grapheme clusters" option). One reader takes both.

Export: span notes go to the document's ``Comments`` (doccano has no span notes); attributes,
fragments (a discontinuous span is written as its whole extent) and, in the sequence variant,
relations are counted as not written. Import: ``meta`` and any other keys of a record (e.g.
``Comments``) are kept in the document's metadata; a JSON array of doccano records, or one
pretty-printed record, is read too, and other pretty-printed JSON is explained, not "not JSON".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.core.export_document import DocumentView, ExportSource
from annotator.formats.export_view import count_lost, count_unwritten, iter_views
from annotator.formats.files import atomic_binary, jsonl_line
from annotator.formats.jsonl import iter_json_lines, not_a_record, pretty_note
from annotator.formats.model import (
    ExportOptions,
    ExportSummary,
    FormatError,
    ImportedDocument,
    ImportedRelation,
    ImportedSpan,
)
from annotator.formats.reading import checked_span, new_document

NOTE_AS_COMMENT = "note written as a document comment, not tied to its span"


def comments(view: DocumentView) -> list[str]:
    """The spans' notes as doccano's document ``Comments`` (doccano has no span notes)."""
    return [a.note for a in view.spans if a.note]


def sequence_record(view: DocumentView) -> dict[str, Any]:
    return {
        "id": view.document.id,
        "text": view.text,
        "label": [[a.start, a.end, a.label] for a in view.spans],
        "title": view.document.title,
        "Comments": comments(view),
    }


def relation_record(view: DocumentView) -> dict[str, Any]:
    return {
        "id": view.document.id,
        "text": view.text,
        "entities": [
            {"id": a.id, "start_offset": a.start, "end_offset": a.end, "label": a.label}
            for a in view.spans
        ],
        "relations": [
            {"id": r.id, "from_id": r.source_id, "to_id": r.target_id, "type": r.type}
            for r in view.relations
        ],
        "title": view.document.title,
        "Comments": comments(view),
    }


def _write(
    source: ExportSource,
    output: Path,
    options: ExportOptions,
    make: Callable[[DocumentView], dict[str, Any]],
) -> ExportSummary:
    summary = ExportSummary()
    with atomic_binary(output) as fh:
        for view in iter_views(source, options, summary):
            fh.write(jsonl_line(make(view)))
            summary.documents += 1
            summary.spans += len(view.spans)
            if make is sequence_record and view.relations:
                summary.lose("relation (use doccano-rel to keep them)", len(view.relations))
            count_lost(view.spans, summary, notes=False)
            count_unwritten(summary, view, ("author", "meta", "actor_id"), "doccano")
            noted = sum(1 for a in view.spans if a.note)
            if noted:
                summary.lose(NOTE_AS_COMMENT, noted)
    return summary


def write_doccano(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    return _write(source, output, options, sequence_record)


def write_doccano_relations(
    source: ExportSource, output: Path, options: ExportOptions
) -> ExportSummary:
    return _write(source, output, options, relation_record)


# ------------------------------------------------------------------------------------ reading
_KNOWN = frozenset({"id", "text", "label", "entities", "relations", "title", "meta"})


def read_doccano(path: Path) -> list[ImportedDocument]:
    docs = []
    for number, raw, record in iter_json_lines(path):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise not_a_record(path, number)
        docs.append(_document(path, f"record {number}", raw, record))
    if docs:
        docs[0].warnings[:0] = pretty_note(path)
    return docs


def _document(path: Path, where: str, raw: bytes, record: Any) -> ImportedDocument:
    where = f"{path.name}, {where}"
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise FormatError(f"{where}: expected an object with a 'text'.")
    text = record["text"]
    try:
        spans, relations = _annotations(record)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise FormatError(f"{where}: malformed labels ({exc}).") from None
    spans = [checked_span(where, text, s, None) for s in spans]
    title = str(record.get("title") or f"{path.stem} {record.get('id', where.rsplit(' ', 1)[-1])}")
    doc = new_document(
        path, text, title=title, meta=_meta(path, record), source=raw, renderer="doccano"
    )
    return ImportedDocument(doc, spans, relations)


def _meta(path: Path, record: dict[str, Any]) -> dict[str, Any]:
    """doccano's ``meta`` and every other key the record has beyond text and labels (e.g.
    ``Comments``, custom columns), kept in the document's metadata."""
    meta: dict[str, Any] = {"source_file": path.name}
    given = record.get("meta")
    if isinstance(given, dict):
        meta.update(given)
    elif given is not None:
        meta["meta"] = given
    for key, value in record.items():
        if key not in _KNOWN and value not in (None, [], {}, ""):
            meta[key] = value
    return meta


def _annotations(record: dict[str, Any]) -> tuple[list[ImportedSpan], list[ImportedRelation]]:
    if "entities" in record:
        spans = [
            ImportedSpan(e["start_offset"], e["end_offset"], str(e["label"]), id=str(e["id"]))
            for e in record["entities"]
        ]
        relations = [
            ImportedRelation(str(r["type"]), str(r["from_id"]), str(r["to_id"]))
            for r in record.get("relations") or []
        ]
        return spans, relations
    labels = record.get("label") or []
    spans = [ImportedSpan(s, e, str(lab), id=f"s{i}") for i, (s, e, lab) in enumerate(labels)]
    return spans, []
