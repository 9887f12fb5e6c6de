"""What one user operation changed (Anki's ``OpChanges``): the session returns it, the window's
feed broadcasts it, and every view refreshes only what concerns it.

A record names the project's state, not the widgets: views decide what to repaint.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.relations import Relation
from annotator.core.spans import Annotation


@dataclass(frozen=True, slots=True)
class Changes:
    #: The document the operation is about; the window shows it (an undo on another document
    #: switches to it). None: no document in particular (schema, removal of documents).
    document_id: int | None = None
    #: True when the open document's spans (``Session.spans``) were updated in place; False when
    #: the change is in a document that is not open (the window then opens it, fresh).
    in_open_document: bool = False
    added: tuple[Annotation, ...] = ()
    removed: tuple[Annotation, ...] = ()
    updated: tuple[tuple[Annotation, Annotation], ...] = ()  # (before, after)
    relations: tuple[Relation, ...] = ()  # links added or removed
    labels: bool = False  # the label schema changed: names, colours, keys, relation types
    documents: frozenset[int] = frozenset()  # documents added, removed, renamed or re-described
    reloaded: bool = False  # another project (or a restored backup) replaced everything
    actors: bool = False  # the actor registry changed: entries, aliases or links (mentions)
    #: The suggestions whose status changed (accepted, rejected, open again), or the documents'
    #: suggestions were refilled: a flag (true when not empty) for views to repaint them.
    suggestions: tuple[int, ...] = ()

    @property
    def spans(self) -> bool:
        """Annotations were added, removed or updated."""
        return bool(self.added or self.removed or self.updated)

    def touched(self) -> tuple[int, int] | None:
        """The text range ``[start, end)`` whose highlights may have changed, if any."""
        anns = [*self.added, *self.removed, *(a for pair in self.updated for a in pair)]
        if not anns:
            return None
        return min(a.start for a in anns), max(a.end for a in anns)

    def focus(self) -> int | None:
        """The annotation to make current after the change (the one added or updated last)."""
        if self.updated:
            return self.updated[-1][1].id
        return self.added[-1].id if self.added else None
