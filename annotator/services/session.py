"""The open project and every user operation on it, Qt-free (Anki's ``aqt/operations``).

The window performs nothing itself: it asks the session (tag, relabel, resize, delete, link,
unlink, attributes, notes, schema, metadata, import, removal), and each operation writes one
transaction, updates the open document's spans (``spans``) and returns a ``Changes`` record,
which every subscriber receives too (the window's Qt adapter turns it into one signal).

Undo is built from the same operations: each ``restore_*`` puts back an exact earlier state
(same ids, same timestamps), so undo/redo leave the database identical.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.actors import ACTOR_LABEL, Actor
from annotator.core.document import Document
from annotator.core.label_schema import LabelSchema
from annotator.core.relations import Relation
from annotator.core.spans import Annotation
from annotator.services import curation, suggesting
from annotator.services.changes import Changes
from annotator.services.document_spans import DocumentSpans
from annotator.services.importing import ImportOutcome, import_paths
from annotator.services.merge import MergeCounts, merge_into_open
from annotator.services.tag_all import (
    Candidate,
    apply_candidates,
    remove_tagged,
    restore_tagged,
)
from annotator.store import Project
from annotator.store.actors import MergedActors
from annotator.store.removal import RemovedDocuments
from annotator.store.schema_edit import SchemaChange

Listener = Callable[[Changes], None]


class Session:
    def __init__(self, project: Project, author: str = "") -> None:
        self.project = project
        self.author = author
        self.layer: str | None = None  # whose spans are shown: one author's, or None = all
        self.spans = DocumentSpans()
        self._listeners: list[Listener] = []
        self.load_colors()

    def set_author(self, name: str) -> None:
        """The current annotator (issue #13): new spans and relations are theirs, and a change
        to someone else's span records them in its ``updated_by``. "" = nobody named."""
        self.author = " ".join(name.split())

    def set_layer(self, author: str | None) -> None:
        """Show only ``author``'s spans (one layer) or everyone's (None); the open document's
        spans are read again by the next ``open_document``."""
        self.layer = author

    # ------------------------------------------------------------- plumbing
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _done(self, changes: Changes) -> Changes:
        for listener in self._listeners:
            listener(changes)
        return changes

    def _in_open(self, document_id: int | None) -> bool:
        return document_id is not None and document_id == self.spans.document_id

    def replace_project(self, project: Project) -> Changes:
        """File → Open Project, or a restored backup: everything is new."""
        self.project = project
        self.layer = None  # another project's annotators
        self.spans.reset(None, [])
        self.load_colors()
        return self._done(Changes(reloaded=True))

    def load_colors(self) -> None:
        self.spans.set_colors({label.name: label.color for label in self.project.labels()})

    # ------------------------------------------------------------- documents
    def open_document(self, document_id: int) -> Document:
        """Read a document and make its spans the open ones (no change: nothing is written)."""
        document = self.project.document(document_id)
        self.spans.reset(None, [])  # the old spans go before the new ones are read
        self.spans.reset(document_id, self.project.annotations_for_view(document_id, self.layer))
        return document

    def close_document(self) -> None:
        self.spans.reset(None, [])

    # ----------------------------------------------------------- annotations
    def _spans_changed(
        self, document_id: int, added: Iterable[Annotation] = (),
        removed: Iterable[Annotation] = (), relations: Iterable[Relation] = (),
    ) -> Changes:  # fmt: skip
        added, removed = tuple(added), tuple(removed)
        here = self._in_open(document_id)
        if here:
            for ann in removed:
                self.spans.remove(ann.id)
            for ann in added:
                self.spans.insert(ann)
        return self._done(
            Changes(document_id, here, added=added, removed=removed, relations=tuple(relations))
        )

    def tag(self, document_id: int, start: int, end: int, label: str) -> Changes:
        ann = self.project.add_annotation(document_id, start, end, label, author=self.author)
        return self._spans_changed(document_id, added=[ann])

    def annotate(self, document_id: int, start: int, end: int, label: str) -> Changes:
        """The window's tag, one transaction and one record: an Actor span whose text is a
        registry name or alias is linked to that actor, and a "new" document becomes "in
        progress" (undo: ``delete_annotation``; the status stays)."""
        project = self.project
        with project.transaction():  # one commit for the span, its actor and the status
            started = project.document_statuses([document_id]).get(document_id) == "new"
            ann = project.add_annotation(document_id, start, end, label, author=self.author)
            actor = project.actor_by_name_or_alias(ann.text) if label == ACTOR_LABEL else None
            if actor is not None:
                project.link_annotation_to_actor(ann.id, actor.id)
                ann = replace(ann, actor_id=actor.id)
            if started:
                project.set_document_status(document_id, "in_progress")
        here = self._in_open(document_id)
        if here:
            self.spans.insert(ann)
        documents = frozenset({document_id}) if started else frozenset()
        return self._done(
            Changes(document_id, here, added=(ann,), documents=documents, actors=bool(actor))
        )

    def restore_annotation(self, ann: Annotation, relations: Sequence[Relation] = ()) -> Changes:
        """Put back a deleted annotation (and the links it had) with its ids."""
        if relations:
            restored = self.project.restore_annotation_with_relations(ann, list(relations))
        else:
            restored = self.project.restore_annotation(ann)
        return self._spans_changed(ann.document_id, added=[restored], relations=relations)

    def delete_annotation(self, annotation_id: int) -> Changes:
        relations = self.project.relations_of(annotation_id)
        ann = self.project.delete_annotation(annotation_id)
        return self._spans_changed(ann.document_id, removed=[ann], relations=relations)

    def update_annotation(self, annotation_id: int, **changes: Any) -> Changes:
        """Relabel, resize, set attributes or the note (``changes``: the store's fields)."""
        old = self.project.annotation(annotation_id)
        new = self.project.update_annotation(annotation_id, by=self.author, **changes)
        return self._updated(old, new)

    def restore_annotation_state(self, ann: Annotation) -> Changes:
        old = self.project.annotation(ann.id)
        return self._updated(old, self.project.restore_annotation_state(ann))

    def _updated(self, old: Annotation, new: Annotation) -> Changes:
        here = self._in_open(new.document_id)
        if here:
            self.spans.remove(old.id)
            self.spans.insert(new)
        return self._done(Changes(new.document_id, here, updated=((old, new),)))

    def tag_all(
        self, candidates: Sequence[Candidate], label: str, actor_id: int | None = None
    ) -> Changes:
        """Tag the candidates not already tagged, in one transaction (one undo step: ``added``
        holds every new span, each with its own document id)."""
        result = apply_candidates(self.project, candidates, label, actor_id, author=self.author)
        return self._many_changed(result.added, ())

    def untag_all(self, annotation_ids: Sequence[int]) -> Changes:
        """Remove spans added by ``tag_all`` (and links to them) in one transaction."""
        removed, relations = remove_tagged(self.project, annotation_ids)
        return self._many_changed((), removed, relations)

    def retag_all(self, anns: Sequence[Annotation]) -> Changes:
        """Redo of ``tag_all`` after an undo: the same spans back, ids and links included."""
        restore_tagged(self.project, anns)
        return self._many_changed(anns, ())

    def _follow_in_open(self, added: Sequence[Annotation], removed: Sequence[Annotation]) -> None:
        """The open document's span copy follows spans added or removed in any documents."""
        for ann in removed:
            if self._in_open(ann.document_id):
                self.spans.remove(ann.id)
        for ann in added:
            if self._in_open(ann.document_id):
                self.spans.insert(ann)

    def _many_changed(
        self, added: Sequence[Annotation], removed: Sequence[Annotation],
        relations: Sequence[Relation] = (),
    ) -> Changes:  # fmt: skip
        """Spans changed in several documents: the open one's spans are updated in place."""
        here = [a for a in (*added, *removed) if self._in_open(a.document_id)]
        self._follow_in_open(added, removed)
        documents = frozenset(a.document_id for a in (*added, *removed))
        actors = any(a.actor_id is not None for a in (*added, *removed))  # mentions changed
        return self._done(
            Changes(self.spans.document_id if here else None, bool(here), added=tuple(added),
                    removed=tuple(removed), relations=tuple(relations), documents=documents,
                    actors=actors)
        )  # fmt: skip

    # -------------------------------------------------------------- curation
    def accept_span(self, span_id: int) -> Changes:
        """Copy an annotator's span (and links whose both ends are curated) into the curated
        layer (issue #13); nothing when an identical curated span exists."""
        return self._accepted(curation.accept(self.project, [self.project.annotation(span_id)]))

    def accept_all_agreed(self, document_id: int, authors: Sequence[str] | None = None) -> Changes:
        """Copy every span all annotators of the document agree on, not yet curated (one
        transaction)."""
        spans = curation.agreed_spans(self.project, document_id, authors)
        return self._accepted(curation.accept(self.project, spans))

    def unaccept(self, anns: Sequence[Annotation], relations: Sequence[Relation]) -> Changes:
        """Undo of an acceptance: the curated copies (and their links) go."""
        curation.unaccept(self.project, curation.Accepted(tuple(anns), tuple(relations)))
        return self._many_changed((), anns, relations)

    def reaccept(self, anns: Sequence[Annotation], relations: Sequence[Relation]) -> Changes:
        """Redo of an acceptance: the same copies back, ids included."""
        curation.reaccept(self.project, curation.Accepted(tuple(anns), tuple(relations)))
        return self._many_changed(anns, (), relations)

    def _accepted(self, accepted: curation.Accepted) -> Changes:
        return self._many_changed(accepted.added, (), accepted.relations)

    # ------------------------------------------------------------ suggestions
    def accept_suggestions(self, ids: Sequence[int]) -> Changes:
        """Accept the open suggestions among ``ids`` (issue #15): annotations added (a registry
        one linked to its actor), suggestions marked accepted, ONE transaction. Undo:
        ``unaccept_suggestions(changes.suggestions, changes.added)``."""
        accepted = suggesting.accept(self.project, ids, self.author)
        return self._suggestions_changed(accepted.ids, added=accepted.added)

    def accept_all(self, document_id: int, min_score: float | None = None) -> Changes:
        """Accept every open suggestion of a document (scored at least ``min_score``)."""
        return self.accept_suggestions(suggesting.open_ids(self.project, document_id, min_score))

    def unaccept_suggestions(self, ids: Sequence[int], added: Sequence[Annotation]) -> Changes:
        """Undo of an acceptance: its annotations go, the suggestions are open again."""
        suggesting.unaccept(self.project, suggesting.Accepted(tuple(ids), tuple(added)))
        return self._suggestions_changed(ids, removed=added)

    def reaccept_suggestions(self, ids: Sequence[int], added: Sequence[Annotation]) -> Changes:
        """Redo of an acceptance: the same annotations back (ids, links), accepted again."""
        suggesting.reaccept(self.project, suggesting.Accepted(tuple(ids), tuple(added)))
        return self._suggestions_changed(ids, added=added)

    def reject_suggestions(self, ids: Sequence[int]) -> Changes:
        """Reject the open suggestions among ``ids`` (remembered: never suggested again). Undo:
        ``reopen_suggestions(changes.suggestions)``."""
        rejected = suggesting.decide(self.project, ids, "rejected", only="open")
        return self._suggestions_changed([s.id for s in rejected])

    def reopen_suggestions(self, ids: Sequence[int]) -> Changes:
        """Undo of a rejection: those suggestions are open again."""
        reopened = suggesting.decide(self.project, ids, "open", only="rejected")
        return self._suggestions_changed([s.id for s in reopened])

    def _suggestions_changed(
        self, ids: Sequence[int], added: Sequence[Annotation] = (),
        removed: Sequence[Annotation] = (),
    ) -> Changes:  # fmt: skip
        docs = {s.document_id for s in self.project.suggestions_by_id(ids)}
        self._follow_in_open(added, removed)
        here = self.spans.document_id in docs
        document_id = self.spans.document_id if here else min(docs, default=None)
        actors = any(a.actor_id is not None for a in (*added, *removed))
        return self._done(
            Changes(document_id, here, added=tuple(added), removed=tuple(removed),
                    actors=actors, suggestions=tuple(ids))
        )  # fmt: skip

    # -------------------------------------------------------------- relations
    def link(self, relation_type: str, source_id: int, target_id: int) -> Changes:
        rel = self.project.add_relation(relation_type, source_id, target_id, author=self.author)
        return self._relations_changed(rel)

    def restore_relation(self, rel: Relation) -> Changes:
        return self._relations_changed(self.project.restore_relation(rel))

    def unlink(self, relation_id: int) -> Changes:
        return self._relations_changed(self.project.delete_relation(relation_id))

    def _relations_changed(self, rel: Relation) -> Changes:
        here = self._in_open(rel.document_id)
        return self._done(Changes(rel.document_id, here, relations=(rel,)))

    # ----------------------------------------------------------------- schema
    def change_schema(
        self, schema: LabelSchema, *, redo_of: SchemaChange | None = None
    ) -> tuple[SchemaChange, Changes]:
        change = self.project.apply_label_schema(schema, redo_of=redo_of)
        return change, self._schema_changed()

    def revert_schema(self, change: SchemaChange) -> Changes:
        self.project.revert_label_schema(change)
        return self._schema_changed()

    def _schema_changed(self) -> Changes:
        """Colours change in place; renamed or deleted labels change the open spans: re-read."""
        self.load_colors()
        document_id = self.spans.document_id
        if document_id is not None:
            self.spans.reset(document_id, self.project.annotations_for_view(document_id))
        return self._done(Changes(labels=True))

    # -------------------------------------------------------------- documents
    def edit_metadata(self, document_id: int, title: str, meta: dict[str, Any]) -> Changes:
        self.project.update_document_meta(document_id, title, meta)
        here = self._in_open(document_id)
        return self._done(Changes(document_id, here, documents=frozenset([document_id])))

    def remove_documents(self, document_ids: Sequence[int]) -> tuple[RemovedDocuments, Changes]:
        removed = self.project.remove_documents(document_ids)
        if self.spans.document_id in document_ids:
            self.spans.reset(None, [])
        return removed, self._done(Changes(documents=frozenset(removed.document_ids)))

    def restore_documents(self, removed: RemovedDocuments) -> Changes:
        self.project.restore_documents(removed)
        ids = removed.document_ids
        return self._done(Changes(ids[0] if ids else None, documents=frozenset(ids)))

    def import_files(self, paths: Iterable[Path]) -> tuple[list[ImportOutcome], Changes]:
        """Import on this connection; the first new document is the one to show."""
        outcomes = import_paths(self.project, paths)
        return outcomes, self.imported(outcomes, show_first=True)

    def imported(self, outcomes: Sequence[ImportOutcome], *, show_first: bool) -> Changes:
        """Documents came in (here, or through a bulk import on its own connection)."""
        ids = frozenset(o.document_id for o in outcomes if o.document_id is not None)
        first = next((o.document_id for o in outcomes if o.status == "imported"), None)
        return self._done(Changes(first if show_first else None, documents=ids))

    def merge_projects(self, paths: Sequence[Path]) -> tuple[list[MergeCounts], Changes]:
        """File → Merge Projects…: other annotators' projects into this one (services/merge.py);
        the open document is read again (it may have new spans). Not undoable: the caller backs
        up first. Raises ProjectError (an input that failed is rolled back)."""
        results = merge_into_open(self.project, paths)
        self.load_colors()
        changes = Changes(
            self.spans.document_id,
            labels=any(r.labels_added or r.relation_types_added for r in results),
            documents=frozenset(self.project.document_ids()),
            actors=any(r.actors_added for r in results),
        )
        return results, self._done(changes)

    def set_status(
        self, document_ids: Sequence[int], status: str
    ) -> tuple[dict[int, str], Changes]:
        """Mark documents new, in_progress or done; returns each one's status before (undo:
        ``restore_statuses``)."""
        before = self.project.set_document_status(document_ids, status)
        return before, self._statuses_changed(before)

    def restore_statuses(self, statuses: Mapping[int, str]) -> Changes:
        self.project.restore_document_statuses(statuses)
        return self._statuses_changed(statuses)

    def _statuses_changed(self, statuses: Mapping[int, str]) -> Changes:
        ids = frozenset(statuses)
        here = self.spans.document_id in ids
        return self._done(Changes(self.spans.document_id if here else None, here, documents=ids))

    # ----------------------------------------------------------------- actors
    def link_actor(self, annotation_id: int, actor_id: int | None) -> Changes:
        """Link a span to a registry actor (None: unlink); undo links it back to
        ``changes.updated[0][0].actor_id``."""
        old = self.project.annotation(annotation_id)
        self.project.link_annotation_to_actor(annotation_id, actor_id)
        return self._actor_links_changed(old)

    def _actor_links_changed(self, old: Annotation) -> Changes:
        new = self.project.annotation(old.id)
        here = self._in_open(new.document_id)
        if here:
            self.spans.remove(old.id)
            self.spans.insert(new)
        return self._done(Changes(new.document_id, here, updated=((old, new),), actors=True))

    def create_actor(
        self, name: str, *, link: int | None = None, **fields: Any
    ) -> tuple[int, Changes]:
        """A new registry actor (``fields``: type, aliases, description, external_id), linked
        to span ``link`` in the same transaction if given; undo: ``delete_actor``."""
        with self.project.transaction():
            actor_id = self.project.add_actor(name, **fields)
            if link is not None:
                old = self.project.annotation(link)
                self.project.link_annotation_to_actor(link, actor_id)
        if link is None:
            return actor_id, self._done(Changes(actors=True))
        return actor_id, self._actor_links_changed(old)

    def delete_actor(self, actor_id: int, *, unlink: Sequence[int] = ()) -> Changes:
        """Delete an actor (undo of ``create_actor``), unlinking spans ``unlink`` first, in one
        transaction; an actor that other spans still name is refused."""
        return self.remove_actor(actor_id, unlink=unlink)[1]

    def remove_actor(
        self, actor_id: int, *, unlink: Sequence[int] = ()
    ) -> tuple[dict[str, Any], Changes]:
        """``delete_actor`` returning the deleted row too (undo: ``restore_actor``)."""
        olds = [self.project.annotation(ann_id) for ann_id in unlink]
        with self.project.transaction():
            for ann_id in unlink:
                self.project.link_annotation_to_actor(ann_id, None)
            row = self.project.delete_actor(actor_id)
        for old in olds:
            self._actor_links_changed(old)
        return row, self._done(Changes(actors=True))

    def restore_actor(self, row: Mapping[str, Any], *, link: int | None = None) -> Changes:
        """Put back a deleted actor with its id (linked to span ``link`` again if given)."""
        with self.project.transaction():
            actor_id = self.project.restore_actor(dict(row))
            if link is not None:
                old = self.project.annotation(link)
                self.project.link_annotation_to_actor(link, actor_id)
        if link is None:
            return self._done(Changes(actors=True))
        return self._actor_links_changed(old)

    def edit_actor(
        self, actor_id: int, aliases: Sequence[str] | None = None, **fields: str
    ) -> tuple[Actor, Changes]:
        """Change an actor's name, type, description, external id and/or aliases in one
        transaction; returns it as it was (undo: ``edit_actor`` with its old values)."""
        before = self.project.actor(actor_id)
        with self.project.transaction():
            if fields:
                self.project.update_actor(actor_id, **fields)
            if aliases is not None:
                self.project.set_actor_aliases(actor_id, aliases)
        return before, self._done(Changes(actors=True))

    def merge_actors(self, keep_id: int, other_id: int) -> tuple[MergedActors, Changes]:
        merged = self.project.merge_actors(keep_id, other_id)
        return merged, self._relinked(merged.relinked)

    def undo_merge(self, merged: MergedActors) -> Changes:
        self.project.unmerge(merged)
        return self._relinked(merged.relinked)

    def _relinked(self, annotation_ids: Sequence[int]) -> Changes:
        """Spans changed actor: the open document's spans are read again if any is there."""
        document_id = self.spans.document_id
        if document_id is not None and any(self.spans.by_id(i) for i in annotation_ids):
            self.spans.reset(document_id, self.project.annotations_for_view(document_id))
        return self._done(Changes(actors=True))
