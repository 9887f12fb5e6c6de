"""A file whose text is already in the project: its annotations join the existing document.

Exact duplicates (same start, end, label and author; for relations the same type between the
same two spans) are not added twice; everything else is, with the file's author where it has
one, and with its attributes, note and fragments. The message says what was added.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.plural import plural
from annotator.formats.model import ImportedDocument, ImportedSpan
from annotator.services.annotation_import import ensure_schema
from annotator.store import Project


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
    """Add ``item``'s spans and relations to the stored document ``document_id``, skipping
    exact duplicates of what it already has."""
    count = MergeCount()
    ensure_schema(project, item)
    have = {_span_key(a.start, a.end, a.label, a.author): a.id
            for a in project.annotations(document_id)}  # fmt: skip
    ids: dict[str, int] = {}
    for span in item.spans:
        key = _span_key(span.start, span.end, span.label, span.author)
        if key in have:
            count.spans_there += 1
        else:
            have[key] = _add_span(project, document_id, span)
            count.spans_added += 1
        if span.id:
            ids[span.id] = have[key]
    _add_relations(project, document_id, item, ids, count)
    return count


def _add_span(project: Project, document_id: int, span: ImportedSpan) -> int:
    return project.add_annotation(
        document_id,
        span.start,
        span.end,
        span.label,
        author=span.author,
        attributes=span.attributes,
        note=span.note,
        fragments=span.fragments,
    ).id


def _add_relations(
    project: Project, document_id: int, item: ImportedDocument, ids: dict[str, int],
    count: MergeCount,
) -> None:  # fmt: skip
    have = {(r.type, r.source_id, r.target_id) for r in project.relations(document_id)}
    for rel in item.relations:
        if rel.source not in ids or rel.target not in ids:
            continue  # as store_annotations: the reader reports relations it cannot resolve
        key = (rel.type, ids[rel.source], ids[rel.target])
        if key in have:
            count.relations_there += 1
        else:
            project.add_relation(*key)
            have.add(key)
            count.relations_added += 1
