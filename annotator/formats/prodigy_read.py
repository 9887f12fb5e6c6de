"""Reading Prodigy datasets (``prodigy db-out``) and spaCy-style JSONL with ``spans``.

A Prodigy dataset holds one record per *question*: ``ner.teach`` asks about one suggested span
at a time, so one text comes back many times, each record with its ``answer`` (accept, reject or
ignore). So:

- records with the same text (Prodigy's ``_input_hash`` hashes that text) make ONE document, and
  the spans of its accepted records are merged into it;
- only accepted records give annotations (a record with no ``answer`` counts as accepted, as a
  plain spaCy-style file has none); the spans of rejected and ignored records are negative
  evidence, kept as suggestions with status ``rejected`` (source ``prodigy:reject`` or
  ``prodigy:ignore``) and never exported as annotations;
- the file's first document carries the count of every kind of record, and of what was not kept.

The span's author is its ``author`` key (our export writes one), else the record's
``_annotator_id`` (or ``_session_id``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.plural import plural
from annotator.formats.jsonl import iter_json_lines, not_a_record
from annotator.formats.model import (
    FormatError,
    ImportedDocument,
    ImportedRelation,
    ImportedSpan,
    ImportedSuggestion,
    imported_actor,
)
from annotator.formats.reading import checked_span, new_document

ACCEPT = "accept"
NEGATIVE = ("reject", "ignore")  # kept as rejected suggestions


@dataclass(slots=True)
class _Text:
    """The document being assembled from every record that has one text."""

    doc: ImportedDocument
    meta: dict[str, Any]
    seen: dict[tuple[Any, ...], str] = field(default_factory=dict)  # span key -> kept span id


@dataclass(slots=True)
class _Tally:
    answers: Counter[str] = field(default_factory=Counter)
    lost: Counter[str] = field(default_factory=Counter)  # what was not kept (or merged): how many
    records: int = 0


def read_prodigy(path: Path) -> list[ImportedDocument]:
    texts: dict[str, _Text] = {}
    tally = _Tally()
    for number, raw, record in iter_json_lines(path):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise not_a_record(path, number)
        tally.records += 1
        group = texts.get(record["text"])
        if group is None:
            group = texts[record["text"]] = _new_text(path, number, raw, record)
        elif _meta(record) != group.meta:
            tally.lost["meta of a record repeating a text, not kept (the first record's is)"] += 1
        _add_record(path.name, number, record, group, tally)
    docs = [group.doc for group in texts.values()]
    if docs:
        docs[0].warnings[:0] = _report(path.name, tally, len(docs))
    return docs


def _meta(record: dict[str, Any]) -> dict[str, Any]:
    """The record's meta as its document keeps it: without our export's id, and without the
    model's score for this one question (kept with a rejected span's suggestion)."""
    meta = dict(record.get("meta") or {})
    meta.pop("id", None)
    meta.pop("score", None)
    return meta


def _new_text(path: Path, number: int, raw: bytes, record: dict[str, Any]) -> _Text:
    meta = _meta(record)
    title = str(meta.get("title") or f"{path.stem} {number}")
    kept = {k: v for k, v in meta.items() if k != "title"}
    doc = new_document(path, record["text"], title=title, meta=kept, source=raw, renderer="prodigy")
    return _Text(ImportedDocument(doc), meta)


def _add_record(
    name: str, number: int, record: dict[str, Any], group: _Text, tally: _Tally
) -> None:
    answer = record.get("answer")
    tally.answers[str(answer) if answer is not None else ""] += 1
    where = f"{name}, line {number}"
    raw_spans = record.get("spans") or []
    spans = [_span(where, record["text"], number, i, s, _author(record))
             for i, s in enumerate(raw_spans)]  # fmt: skip
    if answer in (None, ACCEPT):
        _accept(record, raw_spans, spans, group, tally)
        return
    status = "rejected" if answer in NEGATIVE else "open"
    score = _score(record.get("meta"))
    group.doc.suggestions += [
        _suggestion(span, raw, status, answer, score)
        for span, raw in zip(spans, raw_spans, strict=True)
    ]
    if record.get("relations"):
        what = f"relation of a record answered {answer!r}, not kept"
        tally.lost[what] += len(record["relations"])


def _accept(
    record: dict[str, Any],
    raw_spans: list[dict[str, Any]],
    spans: list[ImportedSpan],
    group: _Text,
    tally: _Tally,
) -> None:
    """Merge an accepted record's spans and relations into its text's document."""
    if _score(record.get("meta")) is not None:
        tally.lost["model score of an accepted record, not kept (annotations have no score)"] += 1
    ids = {span.id: _keep_span(group, span, tally) for span in spans}
    relations = _relations(record.get("relations") or [], raw_spans, spans, tally)
    group.doc.relations += [ImportedRelation(r.type, ids[r.source], ids[r.target])
                            for r in relations]  # fmt: skip


def _author(record: dict[str, Any]) -> str:
    return str(record.get("_annotator_id") or record.get("_session_id") or "")


def _span(where: str, text: str, number: int, index: int, s: Any, author: str) -> ImportedSpan:
    try:
        fragments = s.get("fragments")
        span = ImportedSpan(
            s["start"],
            s["end"],
            str(s["label"]),
            attributes=dict(s.get("attributes") or {}),
            note=str(s.get("note") or ""),
            fragments=tuple((int(a), int(b)) for a, b in fragments) if fragments else None,
            id=f"{number}:{s.get('id', f's{index}')}",  # unique among the merged records
            author=str(s.get("author") or author),  # our export's, else the record's
            actor=imported_actor(s.get("actor")),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise FormatError(f"{where}: span {index} is malformed ({exc}).") from None
    return checked_span(where, text, span, s.get("text"))


def _keep_span(group: _Text, span: ImportedSpan, tally: _Tally) -> str:
    """Add an accepted span unless the same span was accepted before; the id it is kept as."""
    key = (span.start, span.end, span.label, span.author, span.note, span.fragments,
           sorted(span.attributes.items(), key=repr).__repr__())  # fmt: skip
    if key in group.seen:
        tally.lost["accepted span repeated in another record of its text, merged into one"] += 1
        return group.seen[key]
    group.seen[key] = span.id
    group.doc.spans.append(span)
    return span.id


def _score(meta: Any) -> float | None:
    value = meta.get("score") if isinstance(meta, dict) else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _suggestion(
    span: ImportedSpan, raw: dict[str, Any], status: str, answer: Any, score: float | None
) -> ImportedSuggestion:
    own = _score(raw)
    return ImportedSuggestion(
        span.start, span.end, span.label, status, f"prodigy:{answer}",
        own if own is not None else score, span.author,
    )  # fmt: skip


def _relations(
    records: list[dict[str, Any]],
    raw_spans: list[dict[str, Any]],
    spans: list[ImportedSpan],
    tally: _Tally,
) -> list[ImportedRelation]:
    """Relations whose head and child are spans (Prodigy also allows bare tokens: counted)."""
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
        else:
            tally.lost["relation between tokens that are not spans, not kept"] += 1
    return found


def _report(name: str, tally: _Tally, documents: int) -> list[str]:
    """What the file held and what became of it, e.g. "12 records: 7 accepted, 4 rejected
    (kept as rejected suggestions, not annotations), 1 ignored"."""
    answers = tally.answers
    parts = []
    if answers[ACCEPT]:
        parts.append(f"{answers[ACCEPT]} accepted")
    if answers[""]:
        parts.append(f"{answers['']} without an answer (taken as accepted)")
    words = (("reject", "rejected"), ("ignore", "ignored"))
    negative = [f"{answers[a]} {word}" for a, word in words if answers[a]]
    if negative:
        negative[-1] += " (their spans kept as rejected suggestions, not annotations)"
    parts += negative
    for answer, n in sorted(answers.items()):
        if answer not in (ACCEPT, "", *NEGATIVE):
            parts.append(f"{n} answered {answer!r} (kept as open suggestions, not annotations)")
    lines = [f"{name}: {plural(tally.records, 'record')}: {', '.join(parts)}"]
    if documents < tally.records:
        lines.append(
            f"{name}: {plural(tally.records, 'record')} of {plural(documents, 'text')} became"
            f" {plural(documents, 'document')}; the accepted spans of each text are merged"
        )
    lines += [f"{name}: {n} × {what}" for what, n in sorted(tally.lost.items())]
    return lines
