"""Native JSONL: one JSON object per document with ``id``, ``title``, ``text``, ``meta``,
``styles`` (when any), ``spans`` (``id``, ``start``, ``end``, ``label``, ``text``; code points,
end-exclusive; plus ``attributes``, ``note``, ``fragments`` and ``author`` when set, and
``actor``: ``{"id", "name", "type"}`` (and ``external_id`` when set) for a span linked to a
registry actor, by its canonical name) and ``relations`` (``id``, ``type``, ``source``,
``target``: span ids). On import a span's ``actor`` is matched by name or alias in the target
project's registry, or created with its type, and the span is linked to it.

The reader takes back exactly what the writer wrote (and checks every span's text against its
offsets), so native JSONL is the lossless way between projects."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.core.actors import Actor
from annotator.core.export_document import DocumentView, ExportSource
from annotator.core.spans import Annotation
from annotator.core.styled_text import StyleRange
from annotator.formats.export_view import iter_views
from annotator.formats.files import atomic_binary, jsonl_line
from annotator.formats.model import (
    ExportOptions,
    ExportSummary,
    FormatError,
    ImportedDocument,
    ImportedRelation,
    ImportedSpan,
    actor_fields,
    imported_actor,
    optional_span_fields,
)
from annotator.formats.reading import checked_span, new_document
from annotator.formats.safe_read import iter_lines, read_dataset_text
from annotator.formats.sniffing import looks_like_pretty_json


def span_record(ann: Annotation, actor: Actor | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": ann.id, "start": ann.start, "end": ann.end, "label": ann.label, "text": ann.text,
        **optional_span_fields(ann),
    }  # fmt: skip
    if ann.author:
        record["author"] = ann.author
    if actor is not None:
        record["actor"] = actor_fields(actor)
    return record


def view_record(view: DocumentView, source: ExportSource | None = None) -> dict[str, Any]:
    """``view`` as one JSONL record; spans name their registry actor when ``source`` has it."""
    doc = view.document
    record: dict[str, Any] = {"id": doc.id, "title": doc.title, "text": view.text, "meta": doc.meta}
    if view.styles:
        record["styles"] = [s.to_json() for s in view.styles]
    actor_of = source.actor_of if source is not None else lambda _: None
    record["spans"] = [span_record(a, actor_of(a)) for a in view.spans]
    record["relations"] = [
        {"id": r.id, "type": r.type, "source": r.source_id, "target": r.target_id}
        for r in view.relations
    ]
    return record


def iter_records(
    source: ExportSource, options: ExportOptions, summary: ExportSummary | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one record per selected document, with its selected spans and their relations."""
    summary = summary if summary is not None else ExportSummary()
    for view in iter_views(source, options, summary):
        _count_relation_authors(view, summary)
        yield view_record(view, source)


def write_jsonl(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    summary = ExportSummary()
    linked: set[int] = set()
    with atomic_binary(output) as fh:
        for record in iter_records(source, options, summary):
            fh.write(jsonl_line(record))
            summary.documents += 1
            summary.spans += len(record["spans"])
            linked.update(s["actor"]["id"] for s in record["spans"] if "actor" in s)
    count_registry(source, linked, summary)
    return summary


REGISTRY_HINT = (
    "the registry is not part of a JSONL export: write it with `annotator actors export` and "
    "load it with `annotator actors import` before the JSONL"
)


def count_registry(source: ExportSource, linked: set[int], summary: ExportSummary) -> None:
    """A span carries its actor's id, name, type and external id only: the registry actors no
    exported span names, and the aliases, descriptions and colours of the ones they do, are
    counted (with where to get them), never dropped in silence."""
    unnamed = sum(1 for actor_id in source.actors if actor_id not in linked)
    if unnamed:
        summary.lose(f"registry actor with no span in this export ({REGISTRY_HINT})", unnamed)
    extras = sum(
        1
        for actor_id in linked
        if (actor := source.actors.get(actor_id)) is not None
        and (actor.aliases or actor.description or actor.color)
    )
    if extras:
        what = f"aliases, description or colour of a registry actor ({REGISTRY_HINT})"
        summary.lose(what, extras)


def _count_relation_authors(view: DocumentView, summary: ExportSummary) -> None:
    """Relations are written without their author (the reader has no place for one): counted."""
    authored = sum(1 for r in view.relations if r.author)
    if authored:
        summary.lose("author of a relation (JSONL keeps span authors only)", authored)


# ------------------------------------------------------------------------------------ reading
PRETTY_HINT = (
    "this looks like a JSON array / pretty-printed JSON, not JSONL (one record per line);"
    " doccano/Label Studio export?"
)


def iter_json_lines(path: Path) -> Iterator[tuple[int, bytes, Any]]:
    """(line number, raw line, parsed object) for each non-blank line of a JSONL file; for a
    JSON array or a pretty-printed object (which exports often are), (record number, the record
    re-serialised, the record) for each record instead."""
    if looks_like_pretty_json(path):
        yield from _pretty_records(path)
        return
    for number, raw in iter_lines(path):  # each line capped (--max-line-size), never the file
        if not raw.strip():
            continue
        try:
            yield number, raw, orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise FormatError(f"{path.name}, line {number}: not JSON ({exc}).") from None


def _pretty_records(path: Path) -> Iterator[tuple[int, bytes, Any]]:
    try:
        data = orjson.loads(read_dataset_text(path))
    except orjson.JSONDecodeError as exc:
        raise FormatError(f"{path.name}: {PRETTY_HINT} It is not valid JSON ({exc}).") from None
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        try:
            raw = orjson.dumps(record)  # the record's own bytes, kept as the document's source
        except (TypeError, orjson.JSONEncodeError) as exc:  # nested deeper than orjson goes
            raise FormatError(f"{path.name}, record {number}: cannot be read ({exc}).") from None
        yield number, raw, record


def not_a_record(path: Path, number: int) -> FormatError:
    """A record without a 'text': in a JSON array that is most often another tool's export."""
    if looks_like_pretty_json(path):
        return FormatError(
            f"{path.name}: {PRETTY_HINT} Record {number} is not an object with a 'text' (Label"
            " Studio keeps it in data.text: import that as .json or with --format label-studio)."
        )
    return FormatError(f"{path.name}, line {number}: expected an object with a 'text'.")


def pretty_note(path: Path) -> list[str]:
    """The report line for a file read as JSON rather than JSONL (nothing is read in silence)."""
    if not looks_like_pretty_json(path):
        return []
    return [f"{path.name}: a JSON array / pretty-printed JSON, not JSONL; read record by record"]


def read_jsonl(path: Path) -> list[ImportedDocument]:
    docs = []
    for number, raw, record in iter_json_lines(path):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise not_a_record(path, number)
        docs.append(_document(path, number, raw, record))
    if docs:
        docs[0].warnings[:0] = pretty_note(path)
    return docs


def _document(path: Path, number: int, raw: bytes, record: dict[str, Any]) -> ImportedDocument:
    where = f"{path.name}, line {number}"
    text: str = record["text"]
    if not text.strip():
        raise FormatError(f"{where}: the text is empty; nothing was imported from this file.")
    if "\x00" in text:
        raise FormatError(
            f"{where}: the text holds a NUL character at {text.index(chr(0))}, which SQLite and"
            " Qt would cut short; nothing was imported from this file."
        )
    styles = [StyleRange.from_json(s) for s in record.get("styles") or []]
    doc = new_document(
        path,
        text,
        title=str(record.get("title") or f"{path.stem} {number}"),
        meta=dict(record.get("meta") or {}),
        styles=styles,
        source=raw,
        renderer="jsonl",
    )
    spans = [_span(where, text, i, s) for i, s in enumerate(record.get("spans") or [])]
    relations = [
        ImportedRelation(str(r["type"]), str(r["source"]), str(r["target"]))
        for r in record.get("relations") or []
    ]
    return ImportedDocument(doc, spans, relations)


def _span(where: str, text: str, index: int, record: dict[str, Any]) -> ImportedSpan:
    try:
        fragments = record.get("fragments")
        span = ImportedSpan(
            start=record["start"],
            end=record["end"],
            label=str(record["label"]),
            attributes=dict(record.get("attributes") or {}),
            note=str(record.get("note") or ""),
            fragments=tuple((s, e) for s, e in fragments) if fragments else None,
            id=str(record.get("id", f"s{index}")),
            author=str(record.get("author") or ""),
            actor=imported_actor(record.get("actor")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise FormatError(f"{where}: span {index} is malformed ({exc}).") from None
    return checked_span(where, text, span, record.get("text"))
