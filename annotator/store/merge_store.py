"""Merging one project into another (issue #13): the SQL of ``annotator merge``.

``merge_into(out, src, default_author)`` runs inside the caller's transaction on ``out`` and only
reads ``src``. Documents are matched by content hash, labels and relation types by name, registry
actors by name or alias; spans and relations get new ids in ``out``. A span identical to one
``out`` has (same document, start, end, label, author, attributes, note) is not added again, so a
second merge of the same file adds nothing. A span by the same author at the same place with a
different label, attributes or note is a conflict: both are kept and the conflict is listed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.spans import Annotation
from annotator.store.annotations import _fragments_json
from annotator.store.base import inserted_id

if TYPE_CHECKING:
    from annotator.store.project import Project

_DOC_COLUMNS = (
    "title, text, sha256, styles, meta, source_name, source_bytes, renderer, created, updated"
)
SpanKey = tuple[int, int, str, str, str, str]


@dataclass
class MergeCounts:
    """What merging one input did (the CLI prints it; nothing is silently dropped)."""

    source: str
    default_author: str
    documents_matched: int = 0
    documents_added: int = 0
    spans_added: int = 0
    spans_skipped: int = 0  # identical to a span OUT has
    spans_authorless: int = 0  # had no author: filed under ``default_author``
    relations_added: int = 0
    relations_skipped: int = 0
    labels_added: list[str] = field(default_factory=list)
    relation_types_added: list[str] = field(default_factory=list)
    actors_added: int = 0
    actors_matched: int = 0
    conflicts: list[str] = field(default_factory=list)
    # A span linked to an actor missing from the input's registry (a damaged link): kept unlinked.
    links_dropped: int = 0


def _attrs_key(attributes: dict[str, Any]) -> str:
    return json.dumps(attributes, ensure_ascii=False, sort_keys=True)


def _key(ann: Annotation, author: str) -> SpanKey:
    return (ann.start, ann.end, ann.label, author, _attrs_key(ann.attributes), ann.note)


def merge_into(out: Project, src: Project, default_author: str) -> MergeCounts:
    """Add ``src``'s documents, schema, actors, spans and relations to ``out`` (caller's
    transaction on ``out``); returns the counts and the conflicts."""
    counts = MergeCounts(src.path.name, default_author)
    _merge_labels(out, src, counts)
    _merge_relation_types(out, src, counts)
    actor_ids = _merge_actors(out, src, counts)
    for src_doc in src.document_ids():
        out_doc = _merge_document(out, src, src_doc, counts)
        span_ids = _merge_spans(out, src, src_doc, out_doc, actor_ids, counts)
        _merge_relations(out, src, src_doc, out_doc, span_ids, counts)
    return counts


def _merge_labels(out: Project, src: Project, counts: MergeCounts) -> None:
    have = {label.name: label for label in out.labels()}
    used_keys = {key for label in have.values() for key in label.keys}
    for label in src.labels():
        mine = have.get(label.name)
        if mine is None:
            keys = [k for k in label.keys if k not in used_keys]
            used_keys.update(keys)
            out.db.execute(
                "INSERT INTO labels (name, color, keys, position, attributes)"
                " VALUES (?, ?, ?, (SELECT count(*) FROM labels), ?)",
                [label.name, label.color, json.dumps(keys),
                 json.dumps([a.to_json() for a in label.attributes], ensure_ascii=False)],
            )  # fmt: skip
            counts.labels_added.append(label.name)
        elif mine.attributes != label.attributes:
            counts.conflicts.append(
                f"label {label.name!r}: its attribute definitions differ; the merged project"
                " keeps its own"
            )


def _merge_relation_types(out: Project, src: Project, counts: MergeCounts) -> None:
    have = {rtype.name for rtype in out.relation_types()}
    for rtype in src.relation_types():
        if rtype.name in have:
            continue
        out.db.execute(
            "INSERT INTO relation_types (name, source_labels, target_labels, color, position)"
            " VALUES (?, ?, ?, ?, (SELECT count(*) FROM relation_types))",
            [rtype.name, json.dumps(list(rtype.source_labels)),
             json.dumps(list(rtype.target_labels)), rtype.color],
        )  # fmt: skip
        counts.relation_types_added.append(rtype.name)


def _merge_actors(out: Project, src: Project, counts: MergeCounts) -> dict[int, int]:
    """Input actor id -> OUT actor id; an actor OUT knows by name or alias is matched."""
    mapping: dict[int, int] = {}
    for actor in src.actors():
        found = None
        for name in (actor.name, *actor.aliases):
            found = found or out.actor_by_name_or_alias(name)
        if found is not None:
            mapping[actor.id] = found.id
            counts.actors_matched += 1
            continue
        mapping[actor.id] = out.add_actor(
            actor.name, type=actor.type, aliases=actor.aliases, description=actor.description,
            external_id=actor.external_id, color=actor.color,
        )  # fmt: skip
        counts.actors_added += 1
    return mapping


def _merge_document(out: Project, src: Project, src_doc: int, counts: MergeCounts) -> int:
    """OUT's id of the document with ``src_doc``'s text (matched by hash, or copied)."""
    row = src.db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", [src_doc]).fetchone()
    found = out.db.execute(
        "SELECT id FROM documents WHERE sha256 = ? ORDER BY id LIMIT 1", [row[2]]
    ).fetchone()
    if found is not None:
        counts.documents_matched += 1
        return int(found[0])
    cursor = out.db.execute(
        f"INSERT INTO documents ({_DOC_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)", list(row)
    )
    counts.documents_added += 1
    out_doc = inserted_id(cursor)
    status = src.db.execute(
        "SELECT status FROM document_status WHERE document_id = ?", [src_doc]
    ).fetchone()
    if status is not None:  # an added document keeps its progress (a matched one OUT's)
        out.db.execute(
            "INSERT INTO document_status (document_id, status) VALUES (?, ?)", [out_doc, status[0]]
        )
    return out_doc


def _merge_spans(
    out: Project,
    src: Project,
    src_doc: int,
    out_doc: int,
    actor_ids: dict[int, int],
    counts: MergeCounts,
) -> dict[int, int]:
    """Input span id -> OUT span id (a duplicate maps to the span OUT already has)."""
    existing = out.annotations(out_doc)
    keys = {_key(ann, ann.author): ann.id for ann in existing}
    places = {(a.start, a.end, a.author): a for a in existing}
    mapping: dict[int, int] = {}
    for ann in src.annotations(src_doc):
        author = ann.author or counts.default_author
        counts.spans_authorless += not ann.author
        key = _key(ann, author)
        if key in keys:
            mapping[ann.id] = keys[key]
            counts.spans_skipped += 1
            continue
        other = places.get((ann.start, ann.end, author))
        if other is not None:
            counts.conflicts.append(_conflict(out, out_doc, other, ann, author))
        mapping[ann.id] = keys[key] = _insert_span(out, out_doc, ann, author, actor_ids)
        counts.links_dropped += ann.actor_id is not None and ann.actor_id not in actor_ids
        places.setdefault((ann.start, ann.end, author), ann)
        counts.spans_added += 1
    return mapping


def _conflict(out: Project, out_doc: int, old: Annotation, new: Annotation, author: str) -> str:
    title = out.db.execute("SELECT title FROM documents WHERE id = ?", [out_doc]).fetchone()[0]

    def state(ann: Annotation) -> str:
        attrs = f" {_attrs_key(ann.attributes)}" if ann.attributes else ""
        note = f" note {ann.note!r}" if ann.note else ""
        return f"{ann.label}{attrs}{note}"

    return (
        f"document {out_doc} {title!r}, {author} at {new.start}-{new.end} {new.text!r}:"
        f" {state(old)} / {state(new)} (both kept)"
    )


def _insert_span(
    out: Project, out_doc: int, ann: Annotation, author: str, actor_ids: dict[int, int]
) -> int:
    actor = None if ann.actor_id is None else actor_ids.get(ann.actor_id)
    cursor = out.db.execute(
        'INSERT INTO annotations (document_id, start, "end", label_id, text, author, created,'
        " updated, attributes, note, fragments, actor_id, updated_by)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            out_doc, ann.start, ann.end, out._label_id(ann.label), ann.text, author,
            ann.created, ann.updated, json.dumps(ann.attributes, ensure_ascii=False), ann.note,
            _fragments_json(ann.fragments), actor, ann.updated_by,
        ],
    )  # fmt: skip
    return inserted_id(cursor)


def _merge_relations(
    out: Project,
    src: Project,
    src_doc: int,
    out_doc: int,
    span_ids: dict[int, int],
    counts: MergeCounts,
) -> None:
    have = {(r.type, r.source_id, r.target_id, r.author) for r in out.relations(out_doc)}
    for rel in src.relations(src_doc):
        author = rel.author or counts.default_author
        key = (rel.type, span_ids[rel.source_id], span_ids[rel.target_id], author)
        if key in have:
            counts.relations_skipped += 1
            continue
        out.db.execute(
            "INSERT INTO relations (document_id, type_id, source_id, target_id, author, created)"
            " VALUES (?,?,?,?,?,?)",
            [out_doc, out._relation_type_id(rel.type), key[1], key[2], author,
             rel.created],
        )  # fmt: skip
        have.add(key)
        counts.relations_added += 1
