"""Undoable edits (design D5): each QUndoCommand wraps session operations and nothing else.

Every operation is one store transaction in ``services/session.py`` and returns what changed
(``Changes``), which the window's feed broadcasts: commands never refresh a view themselves.
The first application happens *before* the command is pushed (``Edit.apply``), so a failed
write never lands on the undo stack; ``redo`` after an undo writes back the exact state the first
application produced (same ids and timestamps), so undo/redo leaves the database identical.
A change in a document that is not open makes the window open it, so the user sees what is
undone.

A step that fails on undo or redo (disk full, read-only file) has changed nothing, since each
is one transaction; ``keep_in_step`` then moves the stack's index back, so Ctrl+Z / Ctrl+Shift+Z
stay in step with the database, and the user is told why (``report_error``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.label_schema import LabelSchema
from annotator.core.relations import Relation
from annotator.core.spans import Annotation
from annotator.services.session import Session
from annotator.services.tag_all import Candidate
from annotator.store.removal import RemovedDocuments
from annotator.store.schema_edit import SchemaChange


class EditHost(Protocol):
    """What commands need from the window: the session, and where errors are told."""

    session: Session

    def report_error(self, exc: Exception) -> None: ...


class Edit(QUndoCommand):
    def __init__(self, host: EditHost, text: str) -> None:
        super().__init__(text)
        self.host = host
        self._pushed = False
        self._skip_next = False  # the stack is moving back over a step that did not happen

    def apply(self) -> None:
        """First application, before the push (may raise ProjectError: then nothing is pushed)."""
        self._first()

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push() calls redo(): already applied
            self._pushed = True
            return
        self._guard(self._again)

    def undo(self) -> None:
        self._guard(self._back)

    def _guard(self, step: Callable[[], None]) -> None:
        if self._skip_next:
            self._skip_next = False
            return
        try:
            step()
        except Exception as exc:  # one transaction: nothing was written; the user is told
            _FAILED.append(self)
            self.host.report_error(exc)

    def _first(self) -> None:
        raise NotImplementedError

    def _again(self) -> None:
        raise NotImplementedError

    def _back(self) -> None:
        raise NotImplementedError


_FAILED: list[Edit] = []  # steps whose undo/redo just raised (read by ``keep_in_step``)


def keep_in_step(stack: QUndoStack) -> None:
    """Keep ``stack``'s index in step with the database when an undo or redo fails.

    QUndoStack moves its index whatever the command did. When a step failed, the index is put
    back just before it, right away, and the command's next call (the one that moving back
    makes) is skipped, since its change never happened.
    """
    last = [stack.index()]

    def on_index_changed(index: int) -> None:
        previous, last[0] = last[0], index
        if not _FAILED:
            return
        undoing = index < previous
        moved = range(previous - 1, index - 1, -1) if undoing else range(previous, index)
        failed = [(i, command) for i in moved if (command := stack.command(i)) in _FAILED]
        _FAILED.clear()
        for _i, command in failed:
            command._skip_next = True  # moving back calls it once more: nothing to do
        if failed:
            stack.setIndex(failed[0][0] + 1 if undoing else failed[0][0])

    stack.indexChanged.connect(on_index_changed)


class AddAnnotation(Edit):
    """Tag a span (``Session.annotate``: linked to its registry actor, the document marked in
    progress); undo removes the span, the document stays in progress."""

    def __init__(self, host: EditHost, document_id: int, start: int, end: int, label: str) -> None:
        super().__init__(host, f"Tag {label}")
        self.args = (document_id, start, end, label)
        self.ann: Annotation | None = None

    def _first(self) -> None:
        self.ann = self.host.session.annotate(*self.args).added[0]

    def _again(self) -> None:
        assert self.ann is not None
        self.host.session.restore_annotation(self.ann)

    def _back(self) -> None:
        assert self.ann is not None
        self.host.session.delete_annotation(self.ann.id)


class DeleteAnnotation(Edit):
    def __init__(self, host: EditHost, ann: Annotation) -> None:
        super().__init__(host, f"Delete {ann.label}")
        self.ann = ann
        self.relations: tuple[Relation, ...] = ()

    def _first(self) -> None:
        changes = self.host.session.delete_annotation(self.ann.id)
        self.ann, self.relations = changes.removed[0], changes.relations

    _again = _first

    def _back(self) -> None:
        self.host.session.restore_annotation(self.ann, self.relations)


MERGE_UPDATES = 1  # QUndoCommand.id() of updates that merge (``merge_key`` set)


class UpdateAnnotation(Edit):
    """Relabel, resize, set attributes or the note of one annotation.

    Updates with the same ``merge_key`` (e.g. arrow keys stepping through one attribute combo)
    merge into one undo step: undo goes back to the state before the first of them."""

    def __init__(
        self, host: EditHost, old: Annotation, text: str, *, merge_key: str | None = None,
        **changes: Any,
    ) -> None:  # fmt: skip
        super().__init__(host, text)
        self.old = old
        self.changes = changes
        self.merge_key = merge_key
        self.new: Annotation | None = None
        #: Attributes the new label does not allow, dropped by a relabel (``name (value)``).
        self.dropped: list[str] = []

    def id(self) -> int:
        return MERGE_UPDATES if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, UpdateAnnotation)
            and other.merge_key == self.merge_key
            and other.old.id == self.old.id
        ):
            return False
        self.new, self.changes = other.new, other.changes
        self.setText(other.text())
        return True

    def _first(self) -> None:
        self.old, self.new = self.host.session.update_annotation(
            self.old.id, **self.changes
        ).updated[0]
        if self.new.label != self.old.label:  # said, not done silently; Ctrl+Z brings it back
            old_attrs = self.old.attributes
            self.dropped = [
                f"{n} ({old_attrs[n]})" for n in old_attrs if n not in self.new.attributes
            ]
        if self.dropped:
            self.setText(f"{self.text()} (drops {', '.join(self.dropped)})")

    def _again(self) -> None:
        assert self.new is not None
        self.host.session.restore_annotation_state(self.new)

    def _back(self) -> None:
        self.host.session.restore_annotation_state(self.old)


class AddRelation(Edit):
    def __init__(self, host: EditHost, relation_type: str, source_id: int, target_id: int) -> None:
        super().__init__(host, f"Link {relation_type}")
        self.args = (relation_type, source_id, target_id)
        self.rel: Relation | None = None

    def _first(self) -> None:
        self.rel = self.host.session.link(*self.args).relations[0]

    def _again(self) -> None:
        assert self.rel is not None
        self.host.session.restore_relation(self.rel)

    def _back(self) -> None:
        assert self.rel is not None
        self.host.session.unlink(self.rel.id)


class DeleteRelation(Edit):
    def __init__(self, host: EditHost, rel: Relation) -> None:
        super().__init__(host, f"Unlink {rel.type}")
        self.rel = rel

    def _first(self) -> None:
        self.host.session.unlink(self.rel.id)

    _again = _first

    def _back(self) -> None:
        self.host.session.restore_relation(self.rel)


class ChangeSchema(Edit):
    """Add, rename, recolour, reorder or delete labels and relation types (with the annotations
    and links a deleted label takes along, which undo brings back with their ids)."""

    def __init__(self, host: EditHost, new_schema: LabelSchema) -> None:
        super().__init__(host, "Edit label schema")
        self.new_schema = new_schema
        self.change: SchemaChange | None = None

    def _first(self) -> None:
        self.change, _ = self.host.session.change_schema(self.new_schema)

    def _again(self) -> None:
        assert self.change is not None
        self.change, _ = self.host.session.change_schema(self.change.new, redo_of=self.change)

    def _back(self) -> None:
        assert self.change is not None
        self.host.session.revert_schema(self.change)


class EditMetadata(Edit):
    """Title and metadata of one document (source, author, date, URL, language, tags)."""

    def __init__(
        self, host: EditHost, document_id: int, old: tuple[str, dict[str, Any]], title: str,
        meta: dict[str, Any],
    ) -> None:  # fmt: skip
        super().__init__(host, "Edit metadata")
        self.document_id = document_id
        self.old = (old[0], dict(old[1]))
        self.new = (title, dict(meta))

    def _first(self) -> None:
        self.host.session.edit_metadata(self.document_id, *self.new)

    _again = _first

    def _back(self) -> None:
        self.host.session.edit_metadata(self.document_id, *self.old)


class RemoveDocuments(Edit):
    """Remove documents with their annotations, relations, attributes and notes; undo puts every
    row back with its id (and shows the first of them again)."""

    def __init__(self, host: EditHost, document_ids: Sequence[int]) -> None:
        n = len(document_ids)
        super().__init__(host, "Remove document" if n == 1 else f"Remove {n} documents")
        self.document_ids = tuple(document_ids)
        self.removed: RemovedDocuments | None = None

    def _first(self) -> None:
        self.removed, _ = self.host.session.remove_documents(self.document_ids)

    _again = _first

    def _back(self) -> None:
        assert self.removed is not None
        self.host.session.restore_documents(self.removed)


class TagAll(Edit):
    """Tag the accepted occurrences of a tag-all review, in one transaction and one undo step
    (linked to a registry actor when given); undo removes every span it added."""

    def __init__(
        self, host: EditHost, candidates: Sequence[Candidate], label: str, actor_id: int | None
    ) -> None:
        super().__init__(host, f"Tag all {label}")
        self.candidates = tuple(candidates)
        self.label = label
        self.actor_id = actor_id
        self.added: list[Annotation] = []

    def _first(self) -> None:
        changes = self.host.session.tag_all(self.candidates, self.label, self.actor_id)
        self.added = list(changes.added)  # as stored, actor links included

    def _again(self) -> None:
        self.host.session.retag_all(self.added)

    def _back(self) -> None:
        self.host.session.untag_all([ann.id for ann in self.added])


class Accept(Edit):
    """Copy annotators' spans into the curated layer (issue #13): one span (``span_id``) or
    every agreed one of a document; undo removes the copies and their links. A step that
    copied nothing (already curated) does not land on the stack."""

    def __init__(
        self, host: EditHost, text: str, *, span_id: int | None = None,
        document_id: int | None = None,
    ) -> None:  # fmt: skip
        super().__init__(host, text)
        self.span_id, self.document_id = span_id, document_id
        self.added: tuple[Annotation, ...] = ()
        self.relations: tuple[Relation, ...] = ()

    def _first(self) -> None:
        session = self.host.session
        if self.span_id is not None:
            changes = session.accept_span(self.span_id)
        else:
            assert self.document_id is not None
            changes = session.accept_all_agreed(self.document_id)
        self.added, self.relations = changes.added, changes.relations
        self.setObsolete(not self.added)

    def _again(self) -> None:
        self.host.session.reaccept(self.added, self.relations)

    def _back(self) -> None:
        self.host.session.unaccept(self.added, self.relations)
