"""The reads and writes of "tag all occurrences" (issue #12 item 2): which documents can hold a
name (FTS5, or ``instr`` for scripts FTS5 cannot split), their texts in batches, the spans a
label already has there, and many spans added or removed inside the caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

from annotator.core.relations import Relation
from annotator.core.spans import Annotation, check_span
from annotator.store.base import now_iso
from annotator.store.project import Project

_BATCH = 500  # ids per IN (...) query


def _batches(ids: Sequence[int]) -> Iterator[str]:
    for first in range(0, len(ids), _BATCH):
        yield json.dumps(list(ids[first : first + _BATCH]))


def fts_document_ids(project: Project, fts_query: str) -> set[int]:
    """Ids of the documents matching an FTS5 query (ProjectError if it is not FTS5 syntax)."""
    rows = project._fts("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", [fts_query])
    return {int(r[0]) for r in rows}


def ids_containing(project: Project, pieces: Iterable[str]) -> set[int]:
    """Ids of the documents whose text contains every piece, exactly (case-sensitive)."""
    sql = "SELECT id FROM documents WHERE " + " AND ".join("instr(text, ?) > 0" for _ in pieces)
    return {int(r[0]) for r in project.db.execute(sql, list(pieces))}


def document_texts(project: Project, ids: Sequence[int]) -> Iterator[tuple[int, str]]:
    """``(id, text)`` of these documents, in id order, read in batches."""
    for batch in _batches(sorted(ids)):
        rows = project.db.execute(
            "SELECT id, text FROM documents WHERE id IN (SELECT value FROM json_each(?))"
            " ORDER BY id",
            [batch],
        )
        yield from ((int(r[0]), str(r[1])) for r in rows)


def document_titles(project: Project, ids: Sequence[int]) -> dict[int, str]:
    """The titles of these documents (for a review list), read in batches."""
    titles: dict[int, str] = {}
    for batch in _batches(sorted(ids)):
        rows = project.db.execute(
            "SELECT id, title FROM documents WHERE id IN (SELECT value FROM json_each(?))",
            [batch],
        )
        titles.update((int(r[0]), str(r[1])) for r in rows)
    return titles


def label_spans(project: Project, label: str, ids: Sequence[int]) -> set[tuple[int, int, int]]:
    """``(document id, start, end)`` of the spans with ``label`` in these documents."""
    found: set[tuple[int, int, int]] = set()
    for batch in _batches(sorted(ids)):
        rows = project.db.execute(
            'SELECT a.document_id, a.start, a."end" FROM annotations a'
            " JOIN labels l ON l.id = a.label_id WHERE l.name = ?"
            " AND a.document_id IN (SELECT value FROM json_each(?))",
            [label, batch],
        )
        found.update((int(d), int(s), int(e)) for d, s, e in rows)
    return found


def insert_spans(
    project: Project, spans: Sequence[tuple[int, int, int]], label: str, author: str
) -> list[Annotation]:
    """Inside the caller's transaction: one ``label`` span per ``(document id, start, end)``
    (ProjectError for an unknown label, ValueError for a span outside its text)."""
    project.label(label)  # refuses an unknown label before anything is written
    texts = dict(document_texts(project, list({doc for doc, _, _ in spans})))
    stamp = now_iso()
    added: list[Annotation] = []
    for doc_id, start, end in spans:
        text = texts[doc_id]
        check_span(text, start, end)
        ann_id = project.insert_annotation_row(
            doc_id, text, start, end, label, author, {}, "", None, stamp
        )
        added.append(
            Annotation(ann_id, doc_id, start, end, label, text[start:end], author, stamp, stamp)
        )
    return added


def restore_spans(project: Project, anns: Sequence[Annotation]) -> None:
    """Inside the caller's transaction: put back spans with their ids, timestamps and actor
    links (redo of a tag-all)."""
    for ann in anns:
        project._insert_exact(ann)


def delete_spans(project: Project, ids: Sequence[int]) -> tuple[list[Annotation], list[Relation]]:
    """Inside the caller's transaction: delete these spans and the links to or from them;
    returns what was deleted (to put back)."""
    removed = [project.annotation(ann_id) for ann_id in ids]
    relations = [rel for ann_id in ids for rel in project.relations_of(ann_id)]
    unique = list({rel.id: rel for rel in relations}.values())
    project._delete_ids("relations", [rel.id for rel in unique])
    project._delete_ids("annotations", list(ids))
    return removed, unique
