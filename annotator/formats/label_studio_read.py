"""Reading Label Studio JSON exports: a list of tasks, each with ``data.text``, every person's
``annotations`` and the models' ``predictions``.

- Every annotation of a task is imported (not only the first), each region with its annotator
  (``completed_by``: an int user id, or an object with an email) as the span's author; cancelled
  annotations (``was_cancelled``) are skipped and counted. A bare user id that a user object
  elsewhere in the file names gets that user's email, so one person is one author (issue #13).
- A region with several labels (``value.labels: ["A", "B"]``) gives one span per label; its
  per-region ``choices``/``textarea`` results become attributes/notes of each of them.
- Relations link regions of the same annotation (``direction: left`` is read right to left); a
  relation to a missing region is counted, and so is every result of a kind we cannot keep.
- Predictions' ``labels`` regions are kept as open suggestions (score from the region's or the
  prediction's ``score``, source ``label-studio:prediction:<model_version>``), never as spans.
The file's first document carries the counts.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.plural import plural
from annotator.formats.model import (
    FormatError,
    ImportedDocument,
    ImportedRelation,
    ImportedSpan,
    ImportedSuggestion,
)
from annotator.formats.reading import checked_span, new_document
from annotator.formats.safe_read import read_dataset_text

TEXT = "text"  # the data key holding the text (to_name of the Text tag)
USER = "label-studio user "  # author of a region whose annotator is only a user id


def read_label_studio(path: Path) -> list[ImportedDocument]:
    try:
        tasks = json.loads(read_dataset_text(path))
    except json.JSONDecodeError as exc:
        raise FormatError(f"{path.name}: not JSON ({exc}).") from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise FormatError(f"{path.name}: expected a list of Label Studio tasks.")
    tally: Counter[str] = Counter()
    users = _user_emails(tasks)
    docs = [_document(path, n, t, tally, users) for n, t in enumerate(tasks, start=1)]
    if docs:
        docs[0].warnings[:0] = _report(path.name, len(docs), tally)
    return docs


# Keys of the tally that the report's first line gives; every other key is a line of its own.
_ANNOTATIONS, _CANCELLED, _PREDICTED = "annotations", "cancelled", "predicted"


def _report(name: str, tasks: int, tally: Counter[str]) -> list[str]:
    """e.g. "3 tasks: 4 annotations imported, 1 cancelled annotation skipped, 2 predicted
    regions kept as open suggestions (not annotations)", then one line per thing not kept."""
    parts = [f"{plural(tally[_ANNOTATIONS], 'annotation')} imported"]
    if tally[_CANCELLED]:
        parts.append(f"{plural(tally[_CANCELLED], 'cancelled annotation')} skipped")
    if tally[_PREDICTED]:
        parts.append(f"{plural(tally[_PREDICTED], 'predicted region')} kept as open suggestions"
                     " (not annotations)")  # fmt: skip
    lines = [f"{name}: {plural(tasks, 'task')}: {', '.join(parts)}"]
    special = (_ANNOTATIONS, _CANCELLED, _PREDICTED)
    lines += [f"{name}: {n} × {what}" for what, n in tally.items() if what not in special]
    return lines


def _user_emails(tasks: list[Any]) -> dict[int, str]:
    """User id -> email, from every ``completed_by`` object of the file."""
    users: dict[int, str] = {}
    for task in tasks:
        annotations = task.get("annotations") if isinstance(task, dict) else None
        for annotation in annotations if isinstance(annotations, list) else []:
            user = annotation.get("completed_by") if isinstance(annotation, dict) else None
            if isinstance(user, dict) and isinstance(user.get("id"), int) and user.get("email"):
                users[user["id"]] = str(user["email"])
    return users


def author_of(completed_by: Any, users: dict[int, str] | None = None) -> str:
    """The span author for a ``completed_by``: the email (of the user object, or of the user
    with that id in ``users``), else ``label-studio user <id>``."""
    if isinstance(completed_by, dict):
        email = completed_by.get("email")
        return str(email) if email else author_of(completed_by.get("id"), users)
    if isinstance(completed_by, int) and not isinstance(completed_by, bool):
        return (users or {}).get(completed_by) or f"{USER}{completed_by}"
    return str(completed_by or "")


def _document(
    path: Path, number: int, task: Any, tally: Counter[str], users: dict[int, str]
) -> ImportedDocument:
    where = f"{path.name}, task {task.get('id', number) if isinstance(task, dict) else number}"
    data = task.get("data") if isinstance(task, dict) else None
    text = data.get(TEXT) if isinstance(data, dict) else None
    if not isinstance(text, str) or not isinstance(data, dict):
        raise FormatError(f"{where}: the task has no data.text.")
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else None
    title = str(data.get("title") or f"{path.stem} {task.get('id', number)}")
    doc = new_document(path, text, title=title, meta=meta, renderer="label-studio")
    item = ImportedDocument(doc)
    for index, annotation in enumerate(task.get("annotations") or []):
        if annotation.get("was_cancelled"):
            tally[_CANCELLED] += 1
            continue
        tally[_ANNOTATIONS] += 1
        author = author_of(annotation.get("completed_by"), users)
        _annotation(f"{where}, annotation {annotation.get('id', index + 1)}", text,
                    annotation.get("result") or [], author, f"a{index}", item, tally)  # fmt: skip
    for prediction in task.get("predictions") or []:
        _prediction(f"{where}, prediction", text, prediction, item, tally)
    return item


def _annotation(
    where: str,
    text: str,
    results: list[dict[str, Any]],
    author: str,
    prefix: str,
    item: ImportedDocument,
    tally: Counter[str],
) -> None:
    """One person's regions, their attributes and notes, and the relations between them."""
    regions: dict[str, list[ImportedSpan]] = {}
    for n, r in enumerate(results):
        if r.get("type") == "labels":
            rid = f"{prefix}:{r.get('id', f'r{n}')}"
            regions[str(r.get("id", f"r{n}"))] = _spans(where, text, r, rid, author, tally)
    for r in results:
        kind = r.get("type")
        if kind in ("choices", "textarea") and str(r.get("id")) in regions:
            regions[str(r["id"])] = [_region_extra(r, s) for s in regions[str(r["id"])]]
        elif kind in ("choices", "textarea"):
            tally[f"{kind} result not attached to a region, not kept"] += 1
        elif kind == "relation":
            item.relations += _relations(r, regions, tally)
        elif kind != "labels":
            tally[f"result of type {kind!r}, not kept"] += 1
    item.spans += [span for spans in regions.values() for span in spans]


def _spans(
    where: str, text: str, result: dict[str, Any], rid: str, author: str, tally: Counter[str]
) -> list[ImportedSpan]:
    """One span per label of a ``labels`` region (ids ``rid``, ``rid#1``, ...)."""
    value = result.get("value") or {}
    labels = value.get("labels") or []
    if not labels:
        tally["region without a label, not kept"] += 1
    if len(labels) > 1:
        tally["region with several labels, kept as one span per label"] += 1
    spans = []
    for k, label in enumerate(labels):
        span = ImportedSpan(value.get("start"), value.get("end"), str(label),  # type: ignore[arg-type]
                            id=rid if k == 0 else f"{rid}#{k}", author=author)  # fmt: skip
        spans.append(checked_span(where, text, span, value.get("text")))
    return spans


def _region_extra(result: dict[str, Any], span: ImportedSpan) -> ImportedSpan:
    value = result.get("value") or {}
    if result.get("type") == "textarea":
        return replace(span, note="\n".join(value.get("text") or []))
    choices = value.get("choices") or []
    choice: Any = choices[0] if len(choices) == 1 else choices
    if choice in ("true", "false"):
        choice = choice == "true"
    return replace(span, attributes={**span.attributes, str(result.get("from_name")): choice})


def _relations(
    result: dict[str, Any], regions: dict[str, list[ImportedSpan]], tally: Counter[str]
) -> list[ImportedRelation]:
    """One relation per label, between the first spans of its two regions."""
    ends = [regions.get(str(result.get(key))) for key in ("from_id", "to_id")]
    if not ends[0] or not ends[1]:
        tally["relation to a missing region, not kept"] += 1
        return []
    source, target = ends[0][0].id, ends[1][0].id
    if result.get("direction") == "left":
        source, target = target, source
    return [ImportedRelation(str(label), source, target)
            for label in result.get("labels") or ["related"]]  # fmt: skip


def _prediction(
    where: str, text: str, prediction: Any, item: ImportedDocument, tally: Counter[str]
) -> None:
    """A model's regions, kept as open suggestions (one per label)."""
    if not isinstance(prediction, dict):
        return
    source = f"label-studio:prediction:{prediction.get('model_version') or ''}"
    for result in prediction.get("result") or []:
        if result.get("type") != "labels":
            tally[f"prediction result of type {result.get('type')!r}, not kept"] += 1
            continue
        score = _number(result.get("score"))
        score = score if score is not None else _number(prediction.get("score"))
        for span in _spans(where, text, result, "", "", tally):
            item.suggestions.append(
                ImportedSuggestion(span.start, span.end, span.label, "open", source, score)
            )
            tally[_PREDICTED] += 1


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
