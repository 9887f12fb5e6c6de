"""doccano JSONL: sequence labelling (``label``: ``[[start, end, label], …]``) and the relation
variant (``entities`` with ids and ``start_offset``/``end_offset``, ``relations`` with
``from_id``/``to_id``/``type``). Offsets are code points, end-exclusive (doccano's default, not
its "count grapheme clusters" option). One reader takes both.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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
)
from annotator.formats.reading import checked_span, new_document
from annotator.store import Project


def sequence_record(view: DocumentView) -> dict[str, Any]:
    return {
        "id": view.document.id,
        "text": view.text,
        "label": [[a.start, a.end, a.label] for a in view.spans],
        "title": view.document.title,
        "Comments": [],
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
        "Comments": [],
    }


def _write(
    project: Project,
    output: Path,
    options: ExportOptions,
    make: Callable[[DocumentView], dict[str, Any]],
) -> ExportSummary:
    summary = ExportSummary()
    with atomic_binary(output) as fh:
        for view in iter_views(project, options, summary):
            fh.write(jsonl_line(make(view)))
            summary.documents += 1
            summary.spans += len(view.spans)
            if make is sequence_record and view.relations:
                summary.lose("relation (use doccano-rel to keep them)", len(view.relations))
    return summary


def write_doccano(project: Project, output: Path, options: ExportOptions) -> ExportSummary:
    return _write(project, output, options, sequence_record)


def write_doccano_relations(
    project: Project, output: Path, options: ExportOptions
) -> ExportSummary:
    return _write(project, output, options, relation_record)


# ------------------------------------------------------------------------------------ reading
def read_doccano(path: Path) -> list[ImportedDocument]:
    docs = []
    for number, raw, record in iter_json_lines(path):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise FormatError(f"{path.name}, line {number}: expected an object with a 'text'.")
        where = f"{path.name}, line {number}"
        text = record["text"]
        try:
            spans, relations = _annotations(record)
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise FormatError(f"{where}: malformed labels ({exc}).") from None
        spans = [checked_span(where, text, s, None) for s in spans]
        title = str(record.get("title") or f"{path.stem} {record.get('id', number)}")
        doc = new_document(path, text, title=title, source=raw, renderer="doccano")
        docs.append(ImportedDocument(doc, spans, relations))
    return docs


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
