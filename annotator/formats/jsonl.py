"""Native JSONL: one JSON object per document with ``id``, ``title``, ``text``, ``meta``,
``spans`` (``id``, ``start``, ``end``, ``label``, ``text``; code points, end-exclusive; plus
``attributes``, ``note`` and ``fragments`` when set) and ``relations`` (``id``, ``type``,
``source``, ``target``: span ids)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.core.relations import Relation
from annotator.core.spans import Annotation
from annotator.formats.model import ExportOptions, ExportSummary
from annotator.store import Project


def span_record(ann: Annotation) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": ann.id, "start": ann.start, "end": ann.end, "label": ann.label, "text": ann.text,
    }  # fmt: skip
    if ann.attributes:
        record["attributes"] = ann.attributes
    if ann.note:
        record["note"] = ann.note
    if ann.fragments:
        record["fragments"] = [list(f) for f in ann.fragments]
    return record


def iter_records(project: Project, options: ExportOptions) -> Iterator[dict[str, Any]]:
    """Yield one record per selected document, with its selected spans and their relations."""
    wanted = set(options.document_ids) if options.document_ids is not None else None
    by_doc: dict[int, list[Annotation]] = {}
    for ann in project.iter_annotations():
        if options.labels is None or ann.label in options.labels:
            by_doc.setdefault(ann.document_id, []).append(ann)
    rels_by_doc: dict[int, list[Relation]] = {}
    for rel in project.iter_relations():
        rels_by_doc.setdefault(rel.document_id, []).append(rel)
    for doc_id in project.document_ids():
        if wanted is not None and doc_id not in wanted:
            continue
        doc = project.document(doc_id)
        spans = by_doc.get(doc_id, [])
        kept = {a.id for a in spans}
        yield {
            "id": doc.id,
            "title": doc.title,
            "text": doc.text,
            "meta": doc.meta,
            "spans": [span_record(a) for a in spans],
            "relations": [
                {"id": r.id, "type": r.type, "source": r.source_id, "target": r.target_id}
                for r in rels_by_doc.get(doc_id, [])
                if r.source_id in kept and r.target_id in kept
            ],
        }


def write_jsonl(project: Project, output: Path, options: ExportOptions) -> ExportSummary:
    summary = ExportSummary()
    tmp = output.with_name(output.name + ".part")
    try:
        with tmp.open("wb") as fh:
            for record in iter_records(project, options):
                fh.write(orjson.dumps(record))
                fh.write(b"\n")
                summary.documents += 1
                summary.spans += len(record["spans"])
        tmp.replace(output)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a failed export leaves no half-written file behind
        raise
    return summary
