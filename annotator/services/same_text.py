"""A file whose text is already in the project: its annotations join the existing document.

Exact duplicates (same start, end, label and author; for relations the same type between the
same two spans) are not added twice; everything else is, with the file's author where it has
one, and with its attributes, note and fragments. The message says what was added.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.plural import plural
from annotator.formats.model import ImportedDocument, ImportedSpan
from annotator.services.annotation_import import new_labels
from annotator.store import Project
from annotator.store.document_import import RelationToStore, add_to_document


@dataclass(slots=True)
class MergeCount:
    spans_added: int = 0
    spans_there: int = 0
    relations_added: int = 0
    relations_there: int = 0

    @property
    def added(self) -> int:
        return self.spans_added + self.relations_added

    def describe(self) -> str:
        """E.g. "added 5 annotations and 1 relation, 2 already there"."""
        added = plural(self.spans_added, "annotation")
        if self.relations_added or self.relations_there:
            added += f" and {plural(self.relations_added, 'relation')}"
        there = self.spans_there + self.relations_there
        return f"added {added}, {there} already there" if there else f"added {added}"


def _span_key(start: int, end: int, label: str, author: str) -> tuple[int, int, str, str]:
    return (start, end, label, author)


def add_to_existing(project: Project, document_id: int, item: ImportedDocument) -> MergeCount:
    """Add ``item``'s spans and relations to the stored document ``document_id`` in one
    transaction, skipping exact duplicates of what it already has (or of each other)."""
    count = MergeCount()
    have = {_span_key(a.start, a.end, a.label, a.author): a.id
            for a in project.annotations(document_id)}  # fmt: skip
    spans: list[ImportedSpan | int] = []  # an int: the annotation the document already has
    index_of: dict[tuple[int, int, str, str], int] = {}
    by_file_id: dict[str, int] = {}
    for span in item.spans:
        key = _span_key(span.start, span.end, span.label, span.author)
        if key in index_of or key in have:
            count.spans_there += 1
        else:
            count.spans_added += 1
        if key not in index_of:
            index_of[key] = len(spans)
            spans.append(have.get(key, span))
        if span.id:
            by_file_id[span.id] = index_of[key]
    relations = _new_relations(project, document_id, item, spans, by_file_id, count)
    add_to_document(project, document_id, spans, relations, new_labels(project, item))
    return count


def _new_relations(
    project: Project,
    document_id: int,
    item: ImportedDocument,
    spans: list[ImportedSpan | int],
    by_file_id: dict[str, int],
    count: MergeCount,
) -> list[RelationToStore]:
    have = {(r.type, r.source_id, r.target_id) for r in project.relations(document_id)}
    relations: list[RelationToStore] = []
    for rel in item.relations:
        if rel.source not in by_file_id or rel.target not in by_file_id:
            continue  # as for a new document: the reader reports relations it cannot resolve
        source, target = by_file_id[rel.source], by_file_id[rel.target]
        a, b = spans[source], spans[target]
        stored = isinstance(a, int) and isinstance(b, int) and (rel.type, a, b) in have
        if stored or any(
            (r.type, r.source, r.target) == (rel.type, source, target) for r in relations
        ):
            count.relations_there += 1
        else:
            relations.append(RelationToStore(rel.type, source, target))
            count.relations_added += 1
    return relations
