"""Copies of spans and links into another author's layer (the curated layer, issue #13), inside
the caller's transaction. Undo and redo use ``occurrence_reads.delete_spans`` and
``restore_spans`` with ``restore_relations`` below."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from annotator.core.relations import Relation
from annotator.core.spans import Annotation
from annotator.store.base import inserted_id, now_iso
from annotator.store.project import Project


def copy_span(project: Project, ann: Annotation, author: str) -> Annotation:
    """A new span like ``ann`` (label, offsets, attributes, note, fragments, actor link) by
    ``author``; returns it as stored."""
    text = project._document_text(ann.document_id)
    stamp = now_iso()
    ann_id = project.insert_annotation_row(
        ann.document_id, text, ann.start, ann.end, ann.label, author, dict(ann.attributes),
        ann.note, ann.fragments, stamp,
    )  # fmt: skip
    if ann.actor_id is not None:
        project.link_annotation_to_actor(ann_id, ann.actor_id)
    return replace(
        ann, id=ann_id, text=text[ann.start : ann.end], author=author, created=stamp,
        updated=stamp, updated_by="", attributes=dict(ann.attributes),
    )  # fmt: skip


def add_relation(
    project: Project, rel_type: str, source_id: int, target_id: int, document_id: int, author: str
) -> Relation:
    """A new link between two spans of ``document_id``."""
    stamp = now_iso()
    cursor = project.db.execute(
        "INSERT INTO relations (document_id, type_id, source_id, target_id, author, created)"
        " VALUES (?,?,?,?,?,?)",
        [document_id, project._relation_type_id(rel_type), source_id, target_id, author, stamp],
    )
    return Relation(inserted_id(cursor), document_id, rel_type, source_id, target_id, author, stamp)


def restore_relations(project: Project, relations: Sequence[Relation]) -> None:
    """Links put back with their ids (redo)."""
    for rel in relations:
        project._insert_relation(rel)
