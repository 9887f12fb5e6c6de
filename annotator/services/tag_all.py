"""Tag every occurrence of a name and its aliases (issue #12 item 2), Qt-free: find the
candidates with context for a review list, then add the accepted ones in one transaction.

Only documents that can hold a needle are read: an FTS5 query (each part of a needle between
spaces or dashes quoted as its own phrase, so that "Kim Jong-un" and "Kim Jong Un" select the
same documents; needles joined by OR) or, for scripts FTS5 keeps inside longer tokens (CJK,
Thai, Hangul), SQLite's ``instr``. ``core.occurrences`` then finds the exact occurrences.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import regex

from annotator.core.graphemes import snap_to_graphemes
from annotator.core.occurrences import find_occurrences, needle_pieces, unspaced_runs
from annotator.core.relations import Relation
from annotator.core.spans import Annotation
from annotator.store import Project, ProjectError
from annotator.store import occurrence_reads as reads

CONTEXT = 40  # code points of context on each side, widened to whole graphemes
_INDEXED = regex.compile(r"[\p{L}\p{N}]")


@dataclass(frozen=True, slots=True)
class Candidate:
    document_id: int
    start: int
    end: int
    text: str
    before: str  # context for the review list
    after: str
    already_tagged: bool  # a span with the label covers exactly this: skipped on apply
    needle: str


@dataclass(frozen=True, slots=True)
class TagAllResult:
    added: tuple[Annotation, ...]
    already_tagged: int

    @property
    def documents(self) -> int:
        return len({ann.document_id for ann in self.added})


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _needle_clause(needle: str) -> tuple[list[str], list[str]]:
    """The FTS5 phrases and the ``instr`` pieces a document must hold to contain ``needle``."""
    phrases: list[str] = []
    pieces: list[str] = []
    for part in needle_pieces(needle):
        runs = unspaced_runs(part)
        if runs:
            pieces.extend(runs)  # FTS5 would index "金正恩委员长" as one token
        elif _INDEXED.search(part):
            phrases.append(_quoted(part))
    return phrases, pieces


def candidate_document_ids(project: Project, needles: Sequence[str]) -> list[int]:
    """The documents that can contain a needle (a superset: matching decides)."""
    ors: list[str] = []
    ids: set[int] = set()
    for needle in needles:
        phrases, pieces = _needle_clause(needle)
        if pieces:
            found = reads.ids_containing(project, pieces)
            if phrases:
                found &= reads.fts_document_ids(project, " AND ".join(phrases))
            ids |= found
        elif phrases:
            ors.append("(" + " AND ".join(phrases) + ")")
        else:  # nothing a search index holds (emoji, punctuation): read every document
            return project.document_ids()
    if ors:
        ids |= reads.fts_document_ids(project, " OR ".join(ors))
    return sorted(ids)


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    lo, hi = snap_to_graphemes(text, max(0, start - CONTEXT), min(len(text), end + CONTEXT))
    return text[lo:start], text[end:hi]


def find_candidates(
    project: Project,
    texts: Iterable[str],
    *,
    label: str,
    document_id: int | None = None,
    fold: bool = True,
) -> list[Candidate]:
    """Every whole-word occurrence of ``texts`` in one document or the corpus, in document and
    text order, those already tagged with ``label`` marked (ProjectError: unknown label)."""
    project.label(label)
    needles = list(dict.fromkeys(t.strip() for t in texts if t.strip()))
    if not needles:
        return []
    ids = [document_id] if document_id is not None else candidate_document_ids(project, needles)
    tagged = reads.label_spans(project, label, ids)
    found: list[Candidate] = []
    for doc_id, text in reads.document_texts(project, ids):
        for occ in find_occurrences(text, needles, fold=fold):
            before, after = _context(text, occ.start, occ.end)
            done = (doc_id, occ.start, occ.end) in tagged
            found.append(Candidate(doc_id, occ.start, occ.end, text[occ.start : occ.end],
                                   before, after, done, occ.needle))  # fmt: skip
    if document_id is not None and not found and document_id not in project.document_ids():
        raise ProjectError(f"There is no document {document_id} in this project.")
    return found


def _link_actor(project: Project, annotation_ids: Sequence[int], actor_id: int) -> None:
    """Inside the transaction: link the new spans to the registry actor."""
    for ann_id in annotation_ids:
        project.link_annotation_to_actor(ann_id, actor_id)


def apply_candidates(
    project: Project,
    candidates: Iterable[Candidate],
    label: str,
    actor_id: int | None = None,
    *,
    author: str = "",
) -> TagAllResult:
    """Add a ``label`` span for each candidate not already tagged, in ONE transaction (all or
    nothing), linked to ``actor_id`` when given."""
    todo: dict[tuple[int, int, int], None] = {}
    skipped = 0
    for cand in candidates:
        if cand.already_tagged:
            skipped += 1
        else:
            todo[(cand.document_id, cand.start, cand.end)] = None
    if actor_id is not None:
        project.actor(actor_id)  # an unknown actor: ProjectError before anything is written
    with project.transaction():
        added = reads.insert_spans(project, list(todo), label, author)
        if actor_id is not None:
            _link_actor(project, [ann.id for ann in added], actor_id)
            added = [replace(ann, actor_id=actor_id) for ann in added]  # as stored
    return TagAllResult(tuple(added), skipped)


def remove_tagged(project: Project, ids: Sequence[int]) -> tuple[list[Annotation], list[Relation]]:
    """Undo of a tag-all: delete these spans (and links to them) in one transaction."""
    with project.transaction():
        return reads.delete_spans(project, ids)


def restore_tagged(project: Project, anns: Sequence[Annotation]) -> None:
    """Redo of a tag-all: put these spans back exactly (ids, timestamps, actor links) in one
    transaction."""
    with project.transaction():
        reads.restore_spans(project, anns)
