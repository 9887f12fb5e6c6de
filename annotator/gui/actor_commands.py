"""Undoable edits of the actor registry and of document status (issue #12), as QUndoCommands
over Session operations (design: "The window's one change path"), like ``gui/commands.py``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.core.actors import Actor
from annotator.gui.commands import Edit, EditHost
from annotator.store.actors import MergedActors


class LinkActor(Edit):
    """Link a span to a registry actor (None: unlink); undo links it back as it was."""

    def __init__(self, host: EditHost, annotation_id: int, actor_id: int | None, name: str) -> None:
        super().__init__(host, f"Link actor “{name}”")
        self.annotation_id = annotation_id
        self.actor_id = actor_id
        self.before: int | None = None

    def _first(self) -> None:
        changes = self.host.session.link_actor(self.annotation_id, self.actor_id)
        self.before = changes.updated[0][0].actor_id

    def _again(self) -> None:
        self.host.session.link_actor(self.annotation_id, self.actor_id)

    def _back(self) -> None:
        self.host.session.link_actor(self.annotation_id, self.before)


class CreateActor(Edit):
    """A new registry actor named ``name``, linked to a span; undo deletes it (unlinking the
    span), redo puts it back with the same id."""

    def __init__(self, host: EditHost, annotation_id: int, name: str) -> None:
        super().__init__(host, f"Create actor “{name}”")
        self.annotation_id = annotation_id
        self.name = name
        self.actor_id: int | None = None
        self.row: dict[str, Any] | None = None

    def _first(self) -> None:
        self.actor_id, _ = self.host.session.create_actor(self.name, link=self.annotation_id)

    def _again(self) -> None:
        assert self.row is not None
        self.host.session.restore_actor(self.row, link=self.annotation_id)

    def _back(self) -> None:
        assert self.actor_id is not None
        self.row, _ = self.host.session.remove_actor(self.actor_id, unlink=[self.annotation_id])


class EditActor(Edit):
    """Rename an actor or change its type, aliases, description or external id."""

    def __init__(self, host: EditHost, actor: Actor, aliases: Sequence[str], **fields: str) -> None:
        super().__init__(host, f"Edit actor “{actor.name}”")
        self.actor_id = actor.id
        self.aliases = tuple(aliases)
        self.fields = fields
        self.before: Actor | None = None

    def _first(self) -> None:
        self.before, _ = self.host.session.edit_actor(self.actor_id, self.aliases, **self.fields)

    def _again(self) -> None:
        self.host.session.edit_actor(self.actor_id, self.aliases, **self.fields)

    def _back(self) -> None:
        old = self.before
        assert old is not None
        self.host.session.edit_actor(
            old.id, old.aliases, name=old.name, type=old.type,
            description=old.description, external_id=old.external_id,
        )  # fmt: skip


class MergeActors(Edit):
    """Fold one actor into another (names, aliases and spans); undo restores both exactly."""

    def __init__(self, host: EditHost, keep: Actor, other: Actor) -> None:
        super().__init__(host, f"Merge actor “{other.name}” into “{keep.name}”")
        self.ids = (keep.id, other.id)
        self.merged: MergedActors | None = None

    def _first(self) -> None:
        self.merged, _ = self.host.session.merge_actors(*self.ids)

    _again = _first

    def _back(self) -> None:
        assert self.merged is not None
        self.host.session.undo_merge(self.merged)


class DeleteActor(Edit):
    """Delete an actor no span links to; undo puts it back with its id and aliases."""

    def __init__(self, host: EditHost, actor: Actor) -> None:
        super().__init__(host, f"Delete actor “{actor.name}”")
        self.actor_id = actor.id
        self.row: dict[str, Any] | None = None

    def _first(self) -> None:
        self.row, _ = self.host.session.remove_actor(self.actor_id)

    _again = _first

    def _back(self) -> None:
        assert self.row is not None
        self.host.session.restore_actor(self.row)


class SetStatus(Edit):
    """Mark documents new, in progress or done; undo restores each one's status."""

    def __init__(self, host: EditHost, document_ids: Sequence[int], status: str) -> None:
        super().__init__(host, f"Mark {status.replace('_', ' ')}")
        self.document_ids = tuple(document_ids)
        self.status = status
        self.before: dict[int, str] = {}

    def _first(self) -> None:
        self.before, _ = self.host.session.set_status(self.document_ids, self.status)

    _again = _first

    def _back(self) -> None:
        self.host.session.restore_statuses(self.before)
