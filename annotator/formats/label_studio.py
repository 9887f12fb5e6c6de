"""Label Studio JSON (the "JSON" export of Label Studio Community): a list of tasks.

Each task has ``data`` (``text``, ``title``) and one annotation whose ``result`` holds one
``labels`` region per span (``value.start``/``value.end`` in code points, as Label Studio counts
since frontend PR #308), per-region ``choices`` results for attributes and a ``textarea`` result
for the note (sharing the region's ``id``), and ``relation`` results. :func:`label_config`
writes the matching labelling configuration (XML) for a Label Studio project.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotator.core.labels import Label
from annotator.core.spans import Annotation
from annotator.formats.export_view import DocumentView, iter_views
from annotator.formats.files import atomic_text
from annotator.formats.model import (
    ExportOptions,
    ExportSummary,
    FormatError,
    ImportedDocument,
    ImportedRelation,
    ImportedSpan,
)
from annotator.formats.reading import checked_span, new_document
from annotator.formats.safe_read import read_dataset_text
from annotator.store import Project

LABELS = "label"  # from_name of the Labels control
NOTE = "note"  # from_name of the per-region TextArea
TEXT = "text"  # to_name: the Text object tag


def _region(ann: Annotation) -> dict[str, Any]:
    return {"start": ann.start, "end": ann.end, "text": ann.text}


def _results(ann: Annotation) -> list[dict[str, Any]]:
    rid = f"s{ann.id}"
    base = {"id": rid, "to_name": TEXT, "origin": "manual"}
    results = [
        {**base, "from_name": LABELS, "type": "labels",
         "value": {**_region(ann), "labels": [ann.label]}},
    ]  # fmt: skip
    for name, value in ann.attributes.items():
        choice = str(value).lower() if isinstance(value, bool) else str(value)
        results.append(
            {**base, "from_name": name, "type": "choices",
             "value": {**_region(ann), "choices": [choice]}}
        )  # fmt: skip
    if ann.note:
        results.append(
            {**base, "from_name": NOTE, "type": "textarea",
             "value": {**_region(ann), "text": [ann.note]}}
        )  # fmt: skip
    return results


def task(view: DocumentView) -> dict[str, Any]:
    result = [r for ann in view.spans for r in _results(ann)]
    result += [
        {"from_id": f"s{r.source_id}", "to_id": f"s{r.target_id}", "type": "relation",
         "direction": "right", "labels": [r.type]}
        for r in view.relations
    ]  # fmt: skip
    doc = view.document
    return {
        "id": doc.id,
        "data": {"text": view.text, "title": doc.title, "meta": doc.meta},
        "annotations": [{"id": doc.id, "result": result, "was_cancelled": False}],
        "predictions": [],
    }


def write_label_studio(project: Project, output: Path, options: ExportOptions) -> ExportSummary:
    summary = ExportSummary()
    tasks = []
    for view in iter_views(project, options, summary):
        tasks.append(task(view))
        summary.documents += 1
        summary.spans += len(view.spans)
        discontinuous = sum(1 for a in view.spans if a.fragments)
        if discontinuous:
            summary.lose("fragments of a discontinuous span (written as its extent)", discontinuous)
    with atomic_text(output) as fh:
        json.dump(tasks, fh, ensure_ascii=False, indent=1)
    return summary


def label_config(labels: list[Label], relation_types: tuple[str, ...] = ()) -> str:
    """A Label Studio labelling configuration for the schema (labels, attributes, note)."""
    lines = ["<View>", f'  <Labels name="{LABELS}" toName="{TEXT}">']
    lines += [f"    <Label value={quoteattr(lab.name)} background={quoteattr(lab.color)}/>"
              for lab in labels]  # fmt: skip
    lines += ["  </Labels>", f'  <Text name="{TEXT}" value="$text"/>']
    if relation_types:
        lines += ["  <Relations>", *(f"    <Relation value={quoteattr(t)}/>"
                                     for t in relation_types), "  </Relations>"]  # fmt: skip
    seen: set[str] = set()
    for lab in labels:
        for attr in lab.attributes:
            if attr.name in seen:
                continue
            seen.add(attr.name)
            values = attr.values if attr.kind == "enum" else ("true", "false")
            lines.append(
                f'  <Choices name={quoteattr(attr.name)} toName="{TEXT}" perRegion="true">'
            )
            lines += [f"    <Choice value={quoteattr(v)}/>" for v in values]
            lines.append("  </Choices>")
    lines += [f'  <TextArea name="{NOTE}" toName="{TEXT}" perRegion="true"/>', "</View>"]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------ reading
def read_label_studio(path: Path) -> list[ImportedDocument]:
    try:
        tasks = json.loads(read_dataset_text(path))
    except json.JSONDecodeError as exc:
        raise FormatError(f"{path.name}: not JSON ({exc}).") from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise FormatError(f"{path.name}: expected a list of Label Studio tasks.")
    return [_document(path, n, t) for n, t in enumerate(tasks, start=1)]


def _document(path: Path, number: int, task: dict[str, Any]) -> ImportedDocument:
    where = f"{path.name}, task {task.get('id', number)}"
    data = task.get("data") or {}
    text = data.get(TEXT)
    if not isinstance(text, str):
        raise FormatError(f"{where}: the task has no data.text.")
    results = _first_annotation(task)
    spans: dict[str, ImportedSpan] = {}
    for r in results:
        if r.get("type") == "labels":
            v = r["value"]
            span = ImportedSpan(v["start"], v["end"], str(v["labels"][0]), id=str(r.get("id")))
            spans[span.id] = checked_span(where, text, span, v.get("text"))
    for r in results:
        _region_extra(r, spans)
    relations = [
        ImportedRelation(str((r.get("labels") or ["related"])[0]), str(r["from_id"]),
                         str(r["to_id"]))
        for r in results if r.get("type") == "relation"
    ]  # fmt: skip
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else None
    title = str(data.get("title") or f"{path.stem} {task.get('id', number)}")
    doc = new_document(path, text, title=title, meta=meta, renderer="label-studio")
    return ImportedDocument(doc, list(spans.values()), relations)


def _first_annotation(task: dict[str, Any]) -> list[dict[str, Any]]:
    for ann in task.get("annotations") or []:
        if not ann.get("was_cancelled"):
            return list(ann.get("result") or [])
    return []


def _region_extra(result: dict[str, Any], spans: dict[str, ImportedSpan]) -> None:
    span = spans.get(str(result.get("id")))
    kind = result.get("type")
    if span is None or kind not in ("choices", "textarea"):
        return
    value = result.get("value") or {}
    if kind == "textarea":
        spans[span.id] = replace(span, note="\n".join(value.get("text") or []))
        return
    choices = value.get("choices") or []
    choice: Any = choices[0] if len(choices) == 1 else choices
    if choice in ("true", "false"):
        choice = choice == "true"
    spans[span.id] = replace(span, attributes={**span.attributes, result["from_name"]: choice})
