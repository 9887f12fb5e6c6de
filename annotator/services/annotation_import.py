"""Store what a dataset reader found for one document: spans, then relations between them.

Labels and relation types that the project does not have yet are added to its schema first
(a brat or CoNLL file brings its own labels).

NOTE for the store's owner: ``_add_label`` and ``_add_relation_type`` run SQL here because the
store has no public way to add a label yet; they belong in ``store/labels.py`` as
``add_label``/``add_relation_type``, and are used only if the store does not provide them.
"""

from __future__ import annotations

from typing import Any

from annotator.core.suggestions import Suggestion
from annotator.formats.model import ImportedDocument
from annotator.store import Project

PALETTE = ("#8dd3c7", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#bc80bd", "#ccebc5")


def store_annotations(project: Project, document_id: int, item: ImportedDocument) -> int:
    """Add ``item``'s spans and relations to the stored document; returns the span count."""
    ensure_schema(project, item)
    ids: dict[str, int] = {}
    for span in item.spans:
        ann = project.add_annotation(
            document_id,
            span.start,
            span.end,
            span.label,
            author=span.author,
            attributes=span.attributes,
            note=span.note,
            fragments=span.fragments,
        )
        if span.id:
            ids[span.id] = ann.id
    for rel in item.relations:
        if rel.source in ids and rel.target in ids:
            project.add_relation(rel.type, ids[rel.source], ids[rel.target])
    store_suggestions(project, document_id, item)
    return len(item.spans)


def store_suggestions(project: Project, document_id: int, item: ImportedDocument) -> None:
    """Keep ``item``'s suggestions (rejected answers, predictions) apart from its annotations."""
    if item.suggestions:
        project.add_suggestions(
            Suggestion(document_id, s.start, s.end, s.label, s.status, s.source, s.score, s.author)
            for s in item.suggestions
        )


def ensure_schema(project: Project, item: ImportedDocument) -> None:
    """Add the labels, attributes and relation types ``item`` uses and the project lacks."""
    have = {label.name for label in project.labels()}
    for span in item.spans:
        if span.label not in have:
            project.add_label(span.label, PALETTE[len(have) % len(PALETTE)])
            have.add(span.label)
    seen: dict[str, list[dict[str, Any]]] = {}
    for span in item.spans:
        if span.attributes:
            seen.setdefault(span.label, []).append(span.attributes)
    for label, attributes in seen.items():  # declared, so that `check` and brat's conf agree
        project.admit_attributes(label, attributes)
    have_types = {t.name for t in project.relation_types()}
    for rel in item.relations:
        if rel.type not in have_types:
            project.add_relation_type(rel.type)
            have_types.add(rel.type)
