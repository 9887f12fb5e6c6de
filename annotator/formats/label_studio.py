"""Label Studio JSON (the "JSON" export of Label Studio Community): a list of tasks.

Each task has ``data`` (``text``, ``title``) and one annotation per span author (its
``completed_by``: the author as an email, or the user id an imported author came with; authors
whose spans are linked by a relation share one annotation), whose
``result`` holds one ``labels`` region per span (``value.start``/``value.end`` in code points,
as Label Studio counts since frontend PR #308), per-region ``choices`` results for attributes
and a ``textarea`` result for the note (sharing the region's ``id``), and ``relation`` results.
:func:`label_config` writes the matching labelling configuration (XML) for a Label Studio
project.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotator.core.export_document import DocumentView, ExportSource
from annotator.core.labels import Label
from annotator.core.spans import Annotation
from annotator.formats.export_view import count_unwritten, iter_views
from annotator.formats.files import atomic_text
from annotator.formats.label_studio_read import USER
from annotator.formats.model import (
    ExportOptions,
    ExportSummary,
)

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


def completed_by(author: str) -> int | dict[str, str]:
    """Label Studio's ``completed_by`` for a span author: the user id back for an author that
    came from one (``label-studio user 7``), else the author as the annotator's email."""
    number = author.removeprefix(USER)
    if author.startswith(USER) and number.isascii() and number.isdigit():
        return int(number)
    return {"email": author}


def annotation_groups(view: DocumentView) -> dict[str, list[Annotation]]:
    """The spans of each annotation to write, by its author (``completed_by``).

    A relation must link two regions of ONE annotation, so authors whose spans are linked share
    one annotation, named after the author with most spans in it (the others' spans are written
    there without their author: counted by the writer). A task always has one annotation.
    """
    root = {a.author: a.author for a in view.spans}

    def find(who: str) -> str:
        while root[who] != who:
            who = root[who]
        return who

    author = {a.id: a.author for a in view.spans}
    for rel in view.relations:
        root[find(author[rel.source_id])] = find(author[rel.target_id])
    members: dict[str, list[Annotation]] = {}
    for ann in view.spans:
        members.setdefault(find(ann.author), []).append(ann)
    groups: dict[str, list[Annotation]] = {}
    for spans in members.values():
        counts = Counter(a.author for a in spans)
        groups[max(counts, key=lambda who: counts[who])] = spans  # ties: the first seen
    return groups or {"": []}


def task(view: DocumentView) -> dict[str, Any]:
    """One task with one annotation per span author (see :func:`annotation_groups`)."""
    annotations = []
    for n, (who, spans) in enumerate(annotation_groups(view).items()):
        ids = {a.id for a in spans}
        result = [r for ann in spans for r in _results(ann)]
        result += [
            {"from_id": f"s{r.source_id}", "to_id": f"s{r.target_id}", "type": "relation",
             "direction": "right", "labels": [r.type]}
            for r in view.relations if r.source_id in ids
        ]  # fmt: skip
        annotation: dict[str, Any] = {"id": n + 1, "result": result, "was_cancelled": False}
        if who:
            annotation["completed_by"] = completed_by(who)
        annotations.append(annotation)
    doc = view.document
    return {
        "id": doc.id,
        "data": {"text": view.text, "title": doc.title, "meta": doc.meta},
        "annotations": annotations,
        "predictions": [],
    }


def write_label_studio(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    summary = ExportSummary()
    tasks = []
    for view in iter_views(source, options, summary):
        tasks.append(task(view))
        summary.documents += 1
        summary.spans += len(view.spans)
        discontinuous = sum(1 for a in view.spans if a.fragments)
        if discontinuous:
            summary.lose("fragments of a discontinuous span (written as its extent)", discontinuous)
        count_unwritten(summary, view, ("actor_id",), "Label Studio regions hold labels only")
        moved = sum(1 for who, spans in annotation_groups(view).items()
                    for a in spans if a.author != who)  # fmt: skip
        if moved:
            summary.lose("span author (the span is linked to another author's span, and is"
                         " written in that author's annotation)", moved)  # fmt: skip
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
