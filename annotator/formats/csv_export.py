"""CSV export: one row per annotation, for spreadsheets and pandas (export only: no text).

Columns: ``document_id, document, annotation_id, label, start, end, text, attributes, note,
author, actor, actor_id`` (offsets in code points, end-exclusive; attributes as a JSON object;
``actor``: the canonical name of the span's registry actor, ``actor_id`` its registry id).
UTF-8 with a header row; cells with commas, quotes or line breaks are quoted as RFC 4180 says.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from annotator.core.export_document import ExportSource
from annotator.formats.export_view import count_lost, count_unwritten, iter_views
from annotator.formats.files import atomic_text
from annotator.formats.model import ExportOptions, ExportSummary

COLUMNS = (
    "document_id", "document", "annotation_id", "label", "start", "end", "text", "attributes",
    "note", "author", "actor", "actor_id",
)  # fmt: skip


def write_csv(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    summary = ExportSummary()
    with atomic_text(output) as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for view in iter_views(source, options, summary):
            doc = view.document
            for ann in view.spans:
                attributes = (
                    json.dumps(ann.attributes, ensure_ascii=False) if ann.attributes else ""
                )
                actor = source.actor_of(ann)
                writer.writerow(
                    [doc.id, doc.title, ann.id, ann.label, ann.start, ann.end, ann.text,
                     attributes, ann.note, ann.author, actor.name if actor else "",
                     actor.id if actor else ""]
                )  # fmt: skip
            count_unwritten(summary, view, ("meta",), "CSV has one row per annotation")
            summary.documents += 1
            summary.spans += len(view.spans)
            count_lost(view.spans, summary, attributes=False, notes=False)
            if view.relations:
                summary.lose("relation (CSV has one row per span)", len(view.relations))
    return summary
