"""What a writer reads: documents with their spans and relations, and the schema they use.

A writer (``annotator/formats``) never sees a project: it reads an :class:`ExportSource`. The
store makes one for a project (``store/export_documents.py``, one document in memory at a time);
a script or a test makes one from plain documents with :meth:`ExportSource.of`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from annotator.core.actors import Actor
from annotator.core.document import Document
from annotator.core.labels import Label, RelationType
from annotator.core.relations import Relation
from annotator.core.spans import Annotation
from annotator.core.styled_text import StyleRange


@dataclass(slots=True)
class AnnotatedDocument:
    """A document as stored: its full text, its spans (by start) and its relations."""

    document: Document
    spans: list[Annotation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


@dataclass(slots=True)
class DocumentView:
    """One document as exported: ``text`` is what the file holds, span offsets point into it."""

    document: Document
    text: str
    spans: list[Annotation]
    relations: list[Relation] = field(default_factory=list)
    styles: list[StyleRange] = field(default_factory=list)


# The documents of the given ids (ascending), one at a time.
DocumentReader = Callable[[Sequence[int]], Iterator[AnnotatedDocument]]


@dataclass(frozen=True, slots=True)
class ExportSource:
    """Everything an export reads: documents and the schema (label colours and attributes for
    brat's conf and Label Studio's config, relation types)."""

    name: str  # what the collection is called (a project: its file's stem)
    document_ids: tuple[int, ...]  # every document, ascending
    read: DocumentReader
    labels: tuple[Label, ...] = ()  # in schema order
    relation_types: tuple[RelationType, ...] = ()
    actors: Mapping[int, Actor] = field(default_factory=dict)  # the registry, by id

    def actor_of(self, ann: Annotation) -> Actor | None:
        """The registry actor ``ann`` is linked to (id, canonical name, type, aliases,
        external id), or None."""
        return None if ann.actor_id is None else self.actors.get(ann.actor_id)

    @classmethod
    def of(
        cls,
        documents: Iterable[AnnotatedDocument],
        *,
        name: str = "documents",
        labels: Iterable[Label] = (),
        relation_types: Iterable[RelationType] = (),
        actors: Iterable[Actor] = (),
    ) -> ExportSource:
        """A source holding ``documents`` in memory (no project needed)."""
        by_id = {d.document.id: d for d in documents}

        def read(ids: Sequence[int]) -> Iterator[AnnotatedDocument]:
            return (by_id[i] for i in ids)

        registry = {actor.id: actor for actor in actors}
        return cls(name, tuple(sorted(by_id)), read, tuple(labels), tuple(relation_types), registry)
