"""W3C Web Annotation JSON-LD (Recommendation of 23 Feb 2017): an ``AnnotationCollection``
whose first page holds one ``Annotation`` per span (export only: the text is not included).

Each annotation targets its document (``urn:annotator:document:ID``, or the document's ``url``
metadata) with a ``TextQuoteSelector`` (``exact`` plus 32 characters of ``prefix``/``suffix``)
and a ``TextPositionSelector`` (code points, end-exclusive, as §4.2.4 requires). A
discontinuous span has one target per fragment. Bodies: the label (``classifying``), each
attribute as ``name:value`` (``tagging``), the note (``commenting``), the span's registry actor
(``identifying``: its canonical name, id ``urn:annotator:actor:ID``). Relations are not written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from annotator.core.actors import Actor
from annotator.core.document import Document
from annotator.core.export_document import ExportSource
from annotator.core.spans import Annotation
from annotator.formats.export_view import count_unwritten, iter_views
from annotator.formats.files import atomic_text
from annotator.formats.model import ExportOptions, ExportSummary

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_LENGTH = 32


def document_iri(doc: Document) -> str:
    url = doc.meta.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        return url
    return f"urn:annotator:document:{doc.id}"


def selectors(text: str, start: int, end: int) -> list[dict[str, Any]]:
    return [
        {
            "type": "TextQuoteSelector",
            "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT_LENGTH) : start],
            "suffix": text[end : end + CONTEXT_LENGTH],
        },
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def bodies(ann: Annotation, actor: Actor | None = None) -> list[dict[str, Any]]:
    found = [{"type": "TextualBody", "purpose": "classifying", "value": ann.label}]
    for name, value in ann.attributes.items():
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        found.append({"type": "TextualBody", "purpose": "tagging", "value": f"{name}:{shown}"})
    if ann.note:
        found.append({"type": "TextualBody", "purpose": "commenting", "value": ann.note})
    if actor is not None:
        found.append({"id": f"urn:annotator:actor:{actor.id}", "type": "TextualBody",
                      "purpose": "identifying", "value": actor.name})  # fmt: skip
    return found


def annotation(
    doc: Document, text: str, ann: Annotation, actor: Actor | None = None
) -> dict[str, Any]:
    source = document_iri(doc)
    parts = ann.fragments or ((ann.start, ann.end),)
    targets = [{"source": source, "selector": selectors(text, s, e)} for s, e in parts]
    record: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:annotator:annotation:{doc.id}:{ann.id}",
        "type": "Annotation",
        "motivation": "classifying",
        "body": bodies(ann, actor),
        "target": targets[0] if len(targets) == 1 else targets,
    }
    if ann.author:
        record["creator"] = {
            "id": f"urn:annotator:user:{quote(ann.author, safe='')}",
            "type": "Person",
            "name": ann.author,
        }
    if ann.created:
        record["created"] = ann.created
    if ann.updated:
        record["modified"] = ann.updated
    return record


def write_w3c(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    summary = ExportSummary()
    items = []
    for view in iter_views(source, options, summary):
        items += [annotation(view.document, view.text, a, source.actor_of(a)) for a in view.spans]
        summary.documents += 1
        summary.spans += len(view.spans)
        if view.relations:
            summary.lose("relation (W3C export has none)", len(view.relations))
        count_unwritten(summary, view, ("meta",), "W3C holds annotations only")
    collection = {
        "@context": CONTEXT,
        "id": f"urn:annotator:export:{quote(source.name, safe='')}",
        "type": "AnnotationCollection",
        "label": source.name,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    with atomic_text(output) as fh:
        json.dump(collection, fh, ensure_ascii=False, indent=1)
    return summary
