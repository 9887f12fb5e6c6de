"""Undoable edits (design D5): each QUndoCommand wraps one store call (one transaction).

The first application happens *before* the command is pushed (``Edit.apply``), so a failed write
never lands on the undo stack; ``redo`` after an undo writes back the exact state the first
application produced (same ids and timestamps), so undo/redo leaves the database identical.
Commands switch the window to their document first, so the user sees what is undone.

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
from annotator.store import Project
from annotator.store.removal import RemovedDocuments
from annotator.store.schema_edit import SchemaChange


class EditHost(Protocol):
    """What commands need from the window."""

    project: Project

    def ensure_document(self, document_id: int) -> None: ...
    def show_added(self, ann: Annotation) -> None: ...
    def show_removed(self, ann: Annotation) -> None: ...
    def show_updated(self, old: Annotation, new: Annotation) -> None: ...
    def show_relations_changed(self, document_id: int) -> None: ...
    def report_error(self, exc: Exception) -> None: ...
    def reload_schema(self) -> None: ...
    def show_metadata_changed(self, document_id: int) -> None: ...
    def statusBar(self) -> Any: ...


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
    def __init__(self, host: EditHost, document_id: int, start: int, end: int, label: str,
                 author: str) -> None:  # fmt: skip
        super().__init__(host, f"Tag {label}")
        self.args = (document_id, start, end, label)
        self.author = author
        self.ann: Annotation | None = None

    def _first(self) -> None:
        self.ann = self.host.project.add_annotation(*self.args, author=self.author)
        self.host.show_added(self.ann)

    def _again(self) -> None:
        assert self.ann is not None
        self.host.ensure_document(self.ann.document_id)
        self.host.show_added(self.host.project.restore_annotation(self.ann))

    def _back(self) -> None:
        assert self.ann is not None
        self.host.ensure_document(self.ann.document_id)
        self.host.show_removed(self.host.project.delete_annotation(self.ann.id))


class DeleteAnnotation(Edit):
    def __init__(self, host: EditHost, annotation_id: int) -> None:
        self.ann = host.project.annotation(annotation_id)
        super().__init__(host, f"Delete {self.ann.label}")
        self.relations: list[Relation] = host.project.relations_of(annotation_id)

    def _first(self) -> None:
        self.host.show_removed(self.host.project.delete_annotation(self.ann.id))
        if self.relations:
            self.host.show_relations_changed(self.ann.document_id)

    _again = _first

    def _back(self) -> None:
        self.host.ensure_document(self.ann.document_id)
        project = self.host.project
        self.host.show_added(project.restore_annotation_with_relations(self.ann, self.relations))
        if self.relations:
            self.host.show_relations_changed(self.ann.document_id)


MERGE_UPDATES = 1  # QUndoCommand.id() of updates that merge (``merge_key`` set)


class UpdateAnnotation(Edit):
    """Relabel, resize, set attributes or the note of one annotation.

    Updates with the same ``merge_key`` (e.g. arrow keys stepping through one attribute combo)
    merge into one undo step: undo goes back to the state before the first of them."""

    def __init__(
        self, host: EditHost, annotation_id: int, text: str, *, merge_key: str | None = None,
        **changes: Any,
    ) -> None:  # fmt: skip
        super().__init__(host, text)
        self.old = host.project.annotation(annotation_id)
        self.changes = changes
        self.merge_key = merge_key
        self.new: Annotation | None = None

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
        self.new = self.host.project.update_annotation(self.old.id, **self.changes)
        self.host.show_updated(self.old, self.new)
        dropped = [name for name in self.old.attributes if name not in self.new.attributes]
        if self.new.label != self.old.label and dropped:  # said, not done silently; Ctrl+Z
            names = ", ".join(f"{n} ({self.old.attributes[n]})" for n in dropped)
            self.setText(f"{self.text()} (drops {names})")
            self.host.statusBar().showMessage(
                f"Relabelled as {self.new.label}; {names} dropped: {self.new.label} does not"
                " allow it. Ctrl+Z brings it back.",
                8000,
            )

    def _again(self) -> None:
        assert self.new is not None
        self.host.ensure_document(self.old.document_id)
        self.host.show_updated(self.old, self.host.project.restore_annotation_state(self.new))

    def _back(self) -> None:
        assert self.new is not None
        self.host.ensure_document(self.old.document_id)
        self.host.show_updated(self.new, self.host.project.restore_annotation_state(self.old))


class AddRelation(Edit):
    def __init__(self, host: EditHost, relation_type: str, source_id: int, target_id: int,
                 author: str) -> None:  # fmt: skip
        super().__init__(host, f"Link {relation_type}")
        self.args = (relation_type, source_id, target_id)
        self.author = author
        self.rel: Relation | None = None

    def _first(self) -> None:
        self.rel = self.host.project.add_relation(*self.args, author=self.author)
        self.host.show_relations_changed(self.rel.document_id)

    def _again(self) -> None:
        assert self.rel is not None
        self.host.ensure_document(self.rel.document_id)
        self.host.project.restore_relation(self.rel)
        self.host.show_relations_changed(self.rel.document_id)

    def _back(self) -> None:
        assert self.rel is not None
        self.host.ensure_document(self.rel.document_id)
        self.host.project.delete_relation(self.rel.id)
        self.host.show_relations_changed(self.rel.document_id)


class DeleteRelation(Edit):
    def __init__(self, host: EditHost, relation_id: int) -> None:
        self.rel = host.project.relation(relation_id)
        super().__init__(host, f"Unlink {self.rel.type}")

    def _first(self) -> None:
        self.host.project.delete_relation(self.rel.id)
        self.host.show_relations_changed(self.rel.document_id)

    _again = _first

    def _back(self) -> None:
        self.host.ensure_document(self.rel.document_id)
        self.host.project.restore_relation(self.rel)
        self.host.show_relations_changed(self.rel.document_id)


class ChangeSchema(Edit):
    """Add, rename, recolour, reorder or delete labels and relation types (with the annotations
    and links a deleted label takes along, which undo brings back with their ids)."""

    def __init__(self, host: EditHost, new_schema: LabelSchema) -> None:
        super().__init__(host, "Edit label schema")
        self.new_schema = new_schema
        self.change: SchemaChange | None = None

    def _first(self) -> None:
        self.change = self.host.project.apply_label_schema(self.new_schema)
        self.host.reload_schema()

    def _again(self) -> None:
        assert self.change is not None
        self.change = self.host.project.apply_label_schema(self.change.new, redo_of=self.change)
        self.host.reload_schema()

    def _back(self) -> None:
        assert self.change is not None
        self.host.project.revert_label_schema(self.change)
        self.host.reload_schema()


class EditMetadata(Edit):
    """Title and metadata of one document (source, author, date, URL, language, tags)."""

    def __init__(self, host: EditHost, document_id: int, title: str, meta: dict[str, Any]) -> None:
        super().__init__(host, "Edit metadata")
        document = host.project.document(document_id)
        self.document_id = document_id
        self.old = (document.title, dict(document.meta))
        self.new = (title, dict(meta))

    def _write(self, title: str, meta: dict[str, Any]) -> None:
        self.host.project.update_document_meta(self.document_id, title, meta)
        self.host.show_metadata_changed(self.document_id)

    def _first(self) -> None:
        self._write(*self.new)

    def _again(self) -> None:
        self.host.ensure_document(self.document_id)
        self._write(*self.new)

    def _back(self) -> None:
        self.host.ensure_document(self.document_id)
        self._write(*self.old)


class RemoveDocuments(Edit):
    """Remove documents with their annotations, relations, attributes and notes; undo puts every
    row back with its id. ``show(document_id)`` refreshes the window (None: whatever is left)."""

    def __init__(
        self, host: EditHost, document_ids: Sequence[int], show: Callable[[int | None], None]
    ) -> None:
        n = len(document_ids)
        super().__init__(host, "Remove document" if n == 1 else f"Remove {n} documents")
        self.document_ids = tuple(document_ids)
        self.show = show
        self.removed: RemovedDocuments | None = None

    def _first(self) -> None:
        self.removed = self.host.project.remove_documents(self.document_ids)
        self.show(None)

    _again = _first

    def _back(self) -> None:
        assert self.removed is not None
        self.host.project.restore_documents(self.removed)
        self.show(self.document_ids[0])
