"""A project as an export reads it: an :class:`ExportSource` of its documents and schema.

Annotations and relations are read in one pass each, ordered by document, so memory holds one
document's spans at a time however large the project is.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from annotator.core.export_document import AnnotatedDocument, ExportSource
from annotator.core.relations import Relation
from annotator.core.spans import Annotation
from annotator.store.project import Project

_Item = TypeVar("_Item", Annotation, Relation)


def export_source(project: Project) -> ExportSource:
    """What a writer needs of ``project``; documents are read when the writer asks for them."""

    def read(ids: Sequence[int]) -> Iterator[AnnotatedDocument]:
        return iter_annotated_documents(project, ids)

    return ExportSource(
        name=project.path.stem,
        document_ids=tuple(project.document_ids()),
        read=read,
        labels=tuple(project.labels()),
        relation_types=tuple(project.relation_types()),
        actors={actor.id: actor for actor in project.actors()},  # one query, not one per span
    )


def iter_annotated_documents(project: Project, ids: Sequence[int]) -> Iterator[AnnotatedDocument]:
    """The documents ``ids`` (ascending), each with its spans (by start) and relations."""
    span_groups = _grouped(project.iter_annotations())
    rel_groups = _grouped(project.iter_relations())
    next_spans, next_rels = next(span_groups, None), next(rel_groups, None)
    for doc_id in ids:
        while next_spans is not None and next_spans[0] < doc_id:
            next_spans = next(span_groups, None)
        while next_rels is not None and next_rels[0] < doc_id:
            next_rels = next(rel_groups, None)
        spans = next_spans[1] if next_spans is not None and next_spans[0] == doc_id else []
        rels = next_rels[1] if next_rels is not None and next_rels[0] == doc_id else []
        yield AnnotatedDocument(project.document(doc_id), spans, rels)


def _grouped(items: Iterable[_Item]) -> Iterator[tuple[int, list[_Item]]]:
    for doc_id, group in itertools.groupby(items, key=lambda x: x.document_id):
        yield doc_id, list(group)
