"""The suggestion layer's sources and decisions (issue #15), Qt-free.

``suggest`` fills the ``suggestions`` table from the actor registry (every whole-word
occurrence of every name and alias, ``core.occurrences``; label Actor, source
``registry:<actor id>``, score 1.0) and from each label's rules (``core.suggestion_rules``;
source ``rules:<label>``, score 1.0). It never suggests a span already annotated with the same
label and offsets, nor one with a suggestion of any status (an open one is a duplicate, a
rejected one is remembered, an accepted one is an annotation): running it twice adds nothing.

``accept`` turns open suggestions into annotations (a registry one linked to its actor) and
marks them accepted, in one transaction; ``unaccept``/``reaccept`` undo and redo that exactly;
``decide`` rejects or re-opens.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from annotator.core.actors import ACTOR_LABEL
from annotator.core.occurrences import find_occurrences, normalise
from annotator.core.spans import Annotation
from annotator.core.suggestion_rules import rule_spans
from annotator.core.suggestions import Suggestion
from annotator.services.tag_all import candidate_document_ids
from annotator.store import Project, ProjectError
from annotator.store import occurrence_reads as reads

SOURCES = ("registry", "rules")
REGISTRY = "registry:"  # the source of a registry suggestion: "registry:<actor id>"
Key = tuple[int, int, int, str]  # document id, start, end, label


@dataclass(frozen=True, slots=True)
class SuggestResult:
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (source, label) → added
    added: tuple[Suggestion, ...] = ()

    @property
    def total(self) -> int:
        return len(self.added)


@dataclass(frozen=True, slots=True)
class Accepted:
    """What an acceptance changed: the suggestions it accepted, the annotations it added."""

    ids: tuple[int, ...]
    added: tuple[Annotation, ...]


# ------------------------------------------------------------------ suggesting
def _registry(
    project: Project, document_ids: Sequence[int] | None
) -> Iterable[tuple[int, int, int, str, str]]:
    """``(document id, start, end, label, source)`` of every actor name occurrence."""
    owner: dict[str, int] = {}
    for actor in project.actors():
        for name in actor.names:
            owner.setdefault(normalise(name), actor.id)
    needles = [n for n in owner if n]
    if not needles or ACTOR_LABEL not in project.rules():
        return
    ids = (
        list(document_ids) if document_ids is not None else candidate_document_ids(project, needles)
    )
    for doc_id, text in reads.document_texts(project, ids):
        for occ in find_occurrences(text, needles):
            yield doc_id, occ.start, occ.end, ACTOR_LABEL, f"{REGISTRY}{owner[occ.needle]}"


def _rules(
    project: Project, document_ids: Sequence[int] | None
) -> Iterable[tuple[int, int, int, str, str]]:
    rules = {label: found for label, found in project.rules().items() if found}
    if not rules:
        return
    ids = list(document_ids) if document_ids is not None else project.document_ids()
    for doc_id, text in reads.document_texts(project, ids):
        for label, label_rules in rules.items():
            for rule in label_rules:
                for start, end in rule_spans(text, rule):
                    yield doc_id, start, end, label, f"rules:{label}"


def known_spans(project: Project, document_ids: Sequence[int] | None) -> set[Key]:
    """The spans not to suggest (by any source, the model's too): suggested before (any status)
    or annotated with the label."""
    known = {(s.document_id, s.start, s.end, s.label)
             for s in project.project_suggestions(document_ids)}  # fmt: skip
    ids = list(document_ids) if document_ids is not None else project.document_ids()
    for label in project.rules():
        known.update((d, s, e, label) for d, s, e in reads.label_spans(project, label, ids))
    return known


def suggest(
    project: Project,
    sources: Sequence[str] = SOURCES,
    document_ids: Sequence[int] | None = None,
) -> SuggestResult:
    """Fill the suggestion layer from ``sources`` over some documents (None: all), in one
    transaction; returns what was added, counted per source and label."""
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise ProjectError(
            f"Unknown suggestion source {unknown[0]!r}; known: {', '.join(SOURCES)}."
        )
    if document_ids is not None:
        missing = set(document_ids) - set(project.document_ids())
        if missing:
            raise ProjectError(f"There is no document {min(missing)} in this project.")
    known = known_spans(project, document_ids)
    todo: list[Suggestion] = []
    counts: Counter[tuple[str, str]] = Counter()
    for source in dict.fromkeys(sources):
        found = _registry if source == "registry" else _rules
        for doc_id, start, end, label, origin in found(project, document_ids):
            if (doc_id, start, end, label) not in known:
                known.add((doc_id, start, end, label))
                todo.append(Suggestion(doc_id, start, end, label, "open", origin, 1.0))
                counts[(source, label)] += 1
    with project.transaction():
        added = project.insert_suggestions(todo)
    return SuggestResult(dict(counts), tuple(added))


# ------------------------------------------------------------------- deciding
def _actor_of(suggestion: Suggestion, actors: set[int]) -> int | None:
    if suggestion.label != ACTOR_LABEL or not suggestion.source.startswith(REGISTRY):
        return None
    tail = suggestion.source[len(REGISTRY) :]
    return int(tail) if tail.isdigit() and int(tail) in actors else None


def _add_spans(project: Project, todo: Sequence[Suggestion], author: str) -> list[Annotation]:
    """Inside the transaction: one annotation per distinct span of ``todo``, actors linked."""
    actors = {actor.id for actor in project.actors()}
    added: list[Annotation] = []
    for label in dict.fromkeys(s.label for s in todo):
        mine = list({(s.document_id, s.start, s.end): s for s in todo if s.label == label}.values())
        spans = reads.insert_spans(project, [(s.document_id, s.start, s.end) for s in mine],
                                   label, author)  # fmt: skip
        for suggestion, ann in zip(mine, spans, strict=True):
            actor_id = _actor_of(suggestion, actors)
            if actor_id is not None:
                project.link_annotation_to_actor(ann.id, actor_id)
                ann = replace(ann, actor_id=actor_id)
            added.append(ann)
    return added


def accept(project: Project, ids: Sequence[int], author: str = "") -> Accepted:
    """Accept the open suggestions among ``ids`` in ONE transaction: each becomes an annotation
    (unless one with its label and offsets exists) and is marked accepted."""
    todo = [s for s in project.suggestions_by_id(ids) if s.status == "open"]
    for label in {s.label for s in todo}:
        project.label(label)  # an unknown label: ProjectError before anything is written
    docs = sorted({s.document_id for s in todo})
    annotated = {(d, s, e, label) for label in {s.label for s in todo}
                 for d, s, e in reads.label_spans(project, label, docs)}  # fmt: skip
    new = [s for s in todo if (s.document_id, s.start, s.end, s.label) not in annotated]
    with project.transaction():
        added = _add_spans(project, new, author)
        project.set_suggestion_status([s.id for s in todo], "accepted")
    return Accepted(tuple(s.id for s in todo), tuple(added))


def unaccept(project: Project, accepted: Accepted) -> None:
    """Undo of ``accept``: the annotations go, the suggestions are open again (one transaction)."""
    with project.transaction():
        reads.delete_spans(project, [ann.id for ann in accepted.added])
        project.set_suggestion_status(accepted.ids, "open")


def reaccept(project: Project, accepted: Accepted) -> None:
    """Redo of ``accept``: the same annotations back (ids, links), the suggestions accepted."""
    with project.transaction():
        reads.restore_spans(project, accepted.added)
        project.set_suggestion_status(accepted.ids, "accepted")


def decide(project: Project, ids: Sequence[int], status: str, *, only: str) -> list[Suggestion]:
    """Give the suggestions among ``ids`` whose status is ``only`` the ``status`` (reject:
    open → rejected; its undo: rejected → open), in one transaction; returns them as before."""
    todo = [s for s in project.suggestions_by_id(ids) if s.status == only]
    with project.transaction():
        project.set_suggestion_status([s.id for s in todo], status)
    return todo


def open_ids(project: Project, document_id: int, min_score: float | None = None) -> list[int]:
    """A document's open suggestions, those scored at least ``min_score`` if given."""
    return [s.id for s in project.suggestions(document_id, "open")
            if min_score is None or (s.score is not None and s.score >= min_score)]  # fmt: skip
