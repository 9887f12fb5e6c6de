"""Accepting annotators' spans into the curated layer (issue #13 item 4), Qt-free.

``accept`` copies spans into the ``curation`` author's layer in ONE transaction: label, offsets,
attributes, note, fragments and actor link; a span whose (start, end, label) the curated layer
already has is not copied again. Links follow this rule: a link between two spans of one
annotator is copied between their curated counterparts as soon as both ends are curated (in
this acceptance or an earlier one), unless the curated layer already has that link.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.curation import CURATION, Unit, build_units, key
from annotator.core.relations import Relation
from annotator.core.spans import Annotation
from annotator.store import Project, span_copy
from annotator.store import occurrence_reads as reads


@dataclass(frozen=True, slots=True)
class Accepted:
    """What one acceptance wrote (undo deletes the spans, which takes their links along)."""

    added: tuple[Annotation, ...]
    relations: tuple[Relation, ...]


def document_units(
    project: Project, document_id: int, authors: Sequence[str] | None = None
) -> tuple[list[str], list[Unit]]:
    """The annotators of a document (or ``authors``) and its adjudication units."""
    layers = {
        author: by_doc.get(document_id, [])
        for author, by_doc in project.spans_by_author([document_id]).items()
        if authors is None or author in authors or author == CURATION
    }
    for author in authors or ():
        layers.setdefault(author, [])
    return build_units(layers)


def agreed_spans(
    project: Project, document_id: int, authors: Sequence[str] | None = None
) -> list[Annotation]:
    """One span of each agreed unit that is not curated yet."""
    names, units = document_units(project, document_id, authors)
    return [u.spans[names[0]] for u in units if u.agreed(names) and u.curated() is None]


def accept(project: Project, spans: Iterable[Annotation]) -> Accepted:
    """Copy ``spans`` (all of one document) into the curated layer, one transaction."""
    spans = list(spans)
    if not spans:
        return Accepted((), ())
    document_id = spans[0].document_id
    with project.transaction():
        curated = {key(a): a for a in _curated(project, document_id)}
        added = []
        for ann in spans:
            if key(ann) not in curated:
                curated[key(ann)] = copy = span_copy.copy_span(project, ann, CURATION)
                added.append(copy)
        relations = _copy_links(project, spans, curated)
    return Accepted(tuple(added), tuple(relations))


def _curated(project: Project, document_id: int) -> list[Annotation]:
    return project.spans_by_author([document_id]).get(CURATION, {}).get(document_id, [])


def _copy_links(
    project: Project,
    accepted: Sequence[Annotation],
    curated: dict[tuple[int, int, str], Annotation],
) -> list[Relation]:
    """Inside the transaction: the links of the accepted spans whose both ends are curated."""
    document_id = accepted[0].document_id
    existing = {
        (r.type, r.source_id, r.target_id)
        for r in project.relations(document_id)
        if r.author == CURATION
    }
    copied: list[Relation] = []
    for ann in accepted:
        for rel in project.relations_of(ann.id):
            source, target = project.annotation(rel.source_id), project.annotation(rel.target_id)
            if source.author != target.author or source.author == CURATION:
                continue
            ends = curated.get(key(source)), curated.get(key(target))
            if ends[0] is None or ends[1] is None:
                continue
            link = (rel.type, ends[0].id, ends[1].id)
            if link not in existing:
                existing.add(link)
                copied.append(span_copy.add_relation(project, *link, document_id, CURATION))
    return copied


def unaccept(project: Project, accepted: Accepted) -> None:
    """Undo: delete the copied spans (and every link to them) in one transaction."""
    with project.transaction():
        reads.delete_spans(project, [a.id for a in accepted.added])


def reaccept(project: Project, accepted: Accepted) -> None:
    """Redo: the same spans and links back, ids and timestamps included."""
    with project.transaction():
        reads.restore_spans(project, accepted.added)
        span_copy.restore_relations(project, accepted.relations)
