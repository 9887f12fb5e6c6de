"""Store an imported document with its spans and relations in ONE transaction (issue #17, 4).

Either the text, every span and every relation are saved, or nothing is: a span that does not
fit its text, a relation from a span to itself or a label the database refuses rolls the whole
document back, so re-importing the fixed file is not skipped as "same text".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from annotator.core.actors import name_key
from annotator.core.document import NewDocument
from annotator.core.spans import check_span
from annotator.core.suggestions import SUGGESTION_STATUSES, Suggestion
from annotator.store.base import now_iso
from annotator.store.errors import ProjectError
from annotator.store.project import Project


class ActorToStore(Protocol):
    """The registry actor a span names (``formats.model.ImportedActor`` is one)."""

    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def external_id(self) -> str: ...


class SpanToStore(Protocol):
    """What the store needs of a span (``formats.model.ImportedSpan`` is one)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def attributes(self) -> Mapping[str, Any]: ...
    @property
    def note(self) -> str: ...
    @property
    def fragments(self) -> tuple[tuple[int, int], ...] | None: ...
    @property
    def author(self) -> str: ...
    @property
    def actor(self) -> ActorToStore | None: ...


class SuggestionToStore(Protocol):
    """What the store needs of a suggestion (``formats.model.ImportedSuggestion`` is one)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def score(self) -> float | None: ...
    @property
    def author(self) -> str: ...


@dataclass(frozen=True, slots=True)
class RelationToStore:
    type: str
    source: int  # index into the spans
    target: int


def add_annotated_document(
    project: Project,
    doc: NewDocument,
    spans: Sequence[SpanToStore],
    relations: Sequence[RelationToStore] = (),
    new_labels: Mapping[str, str] | None = None,
    suggestions: Sequence[SuggestionToStore] = (),
) -> int:
    """Store ``doc`` with its spans and relations (and the labels, name -> colour, and relation
    types they bring) and its suggestions (kept apart from annotations) in one transaction;
    returns the document id. Raises ProjectError or ValueError (a span outside the text, a self
    relation) with nothing stored."""
    _check(doc.styled.text, spans, relations, suggestions)
    stamp = now_iso()
    with project.transaction():
        doc_id = project._insert_document(doc, stamp)
        _insert_all(project, doc_id, doc.styled.text, spans, relations, new_labels, suggestions)
    return doc_id


def add_to_document(
    project: Project,
    document_id: int,
    spans: Sequence[SpanToStore | int],
    relations: Sequence[RelationToStore] = (),
    new_labels: Mapping[str, str] | None = None,
) -> None:
    """Add spans and relations to a stored document in one transaction (a second file with the
    same text). An ``int`` among ``spans`` is an annotation the document already has: it is not
    stored again, and relations can point at it by its index like at a new span."""
    text = project.document(document_id).text
    _check(text, [s for s in spans if not isinstance(s, int)], relations, ())
    with project.transaction():
        _insert_all(project, document_id, text, spans, relations, new_labels, ())


def _check(
    text: str,
    spans: Sequence[SpanToStore],
    relations: Sequence[RelationToStore],
    suggestions: Sequence[SuggestionToStore],
) -> None:
    for span in spans:
        check_span(text, span.start, span.end)
        for start, end in span.fragments or ():
            check_span(text, start, end)
    for suggestion in suggestions:
        check_span(text, suggestion.start, suggestion.end)
        if suggestion.status not in SUGGESTION_STATUSES:
            raise ProjectError(f"A suggestion's status cannot be {suggestion.status!r}.")
    for rel in relations:
        if rel.source == rel.target:
            raise ProjectError("A span cannot be linked to itself.")


def _insert_all(
    project: Project,
    doc_id: int,
    text: str,
    spans: Sequence[SpanToStore | int],
    relations: Sequence[RelationToStore],
    new_labels: Mapping[str, str] | None,
    suggestions: Sequence[SuggestionToStore],
) -> None:
    """Inside the caller's transaction: schema additions, spans, relations, suggestions."""
    stamp = now_iso()
    new = [s for s in spans if not isinstance(s, int)]
    _add_schema(project, new_labels or {}, {r.type for r in relations}, new)
    ids = [s if isinstance(s, int) else _insert_span(project, doc_id, text, s, stamp)
           for s in spans]  # fmt: skip
    _link_actors(
        project, [(s, i) for s, i in zip(spans, ids, strict=True) if not isinstance(s, int)]
    )
    for rel in relations:
        project.db.execute(
            "INSERT INTO relations (document_id, type_id, source_id, target_id, author,"
            " created) VALUES (?,?,?,?,?,?)",
            [doc_id, project._relation_type_id(rel.type), ids[rel.source], ids[rel.target],
             "", stamp],
        )  # fmt: skip
    project.insert_suggestions(
        Suggestion(doc_id, s.start, s.end, s.label, s.status, s.source, s.score, s.author)
        for s in suggestions
    )


def _add_schema(
    project: Project, labels: Mapping[str, str], types: set[str], spans: Sequence[SpanToStore]
) -> None:
    """Labels, the attributes their spans carry (declared, so that ``check`` and brat's
    annotation.conf agree with the data) and relation types the project lacks."""
    have = {label.name for label in project.labels()}
    for name, color in labels.items():
        if name not in have:
            position = project.db.execute("SELECT count(*) FROM labels").fetchone()[0]
            project.db.execute(
                "INSERT INTO labels (name, color, keys, position) VALUES (?, ?, '[]', ?)",
                [name, color, position],
            )
    seen: dict[str, list[dict[str, Any]]] = {}
    for span in spans:
        if span.attributes:
            seen.setdefault(span.label, []).append(dict(span.attributes))
    for label, attributes in seen.items():
        project.admit_attributes(label, attributes)
    have_types = {t.name for t in project.relation_types()}
    for name in sorted(types - have_types):
        position = project.db.execute("SELECT count(*) FROM relation_types").fetchone()[0]
        project.db.execute(
            "INSERT INTO relation_types (name, position) VALUES (?, ?)", [name, position]
        )


def _link_actors(project: Project, stored: Sequence[tuple[SpanToStore, int]]) -> None:
    """Link each stored span that names an actor to the registry actor answering to that name
    (or alias), creating the actor (type, external id kept) when none does."""
    found: dict[str, int] = {}
    for span, ann_id in stored:
        if span.actor is None:
            continue
        key = name_key(span.actor.name)
        if key not in found:
            found[key] = _registry_actor(project, span.actor)
        project.link_annotation_to_actor(ann_id, found[key])


def _registry_actor(project: Project, actor: ActorToStore) -> int:
    known = project.actor_by_name_or_alias(actor.name)
    if known is not None:
        return known.id
    return project.add_actor(actor.name, type=actor.type, external_id=actor.external_id)


def _insert_span(project: Project, doc_id: int, text: str, span: SpanToStore, stamp: str) -> int:
    return project.insert_annotation_row(
        doc_id, text, span.start, span.end, span.label, span.author, dict(span.attributes),
        span.note, span.fragments, stamp,
    )  # fmt: skip
