"""Native JSONL: one JSON object per document with ``id``, ``title``, ``text``, ``meta`` and
``spans`` (``start``, ``end``, ``label``, ``text``; code points, end-exclusive)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.core.spans import Annotation
from annotator.formats.model import ExportOptions, ExportSummary
from annotator.store import Project


def iter_records(project: Project, options: ExportOptions) -> Iterator[dict[str, Any]]:
    """Yield one record per selected document, with its selected spans."""
    wanted = set(options.document_ids) if options.document_ids is not None else None
    by_doc: dict[int, list[Annotation]] = {}
    for ann in project.iter_annotations():
        if options.labels is None or ann.label in options.labels:
            by_doc.setdefault(ann.document_id, []).append(ann)
    for doc_id in project.document_ids():
        if wanted is not None and doc_id not in wanted:
            continue
        doc = project.document(doc_id)
        yield {
            "id": doc.id,
            "title": doc.title,
            "text": doc.text,
            "meta": doc.meta,
            "spans": [
                {"id": a.id, "start": a.start, "end": a.end, "label": a.label, "text": a.text}
                for a in by_doc.get(doc_id, [])
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
