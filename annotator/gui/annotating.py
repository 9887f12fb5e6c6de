"""Annotating in the window: tag, relabel, resize, delete, link, attributes and notes.

Every change goes through an undoable command (``gui/commands.py``) that asks the session
(``services/session.py``); the session's ``Changes`` come back through the window's feed, and
the ``_follow_*`` slots refresh what concerns the window (which document, labels, selection).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QStatusBar

from annotator.core.graphemes import snap_to_graphemes
from annotator.core.labels import Label, RelationType
from annotator.core.span_edit import move_boundary, snap_to_words, trim_span
from annotator.core.spans import Annotation
from annotator.gui.commands import (
    AddAnnotation,
    AddRelation,
    ChangeSchema,
    DeleteAnnotation,
    DeleteRelation,
    Edit,
    UpdateAnnotation,
)
from annotator.gui.display import message_text, short
from annotator.gui.link_dialog import LinkDialog, nearby_candidates
from annotator.gui.reading import save_setting
from annotator.gui.schema_dialog import SchemaDialog
from annotator.services.changes import Changes
from annotator.store import ProjectError

if TYPE_CHECKING:
    from annotator.gui.annotation_list import AnnotationList
    from annotator.gui.annotation_panel import AnnotationPanel
    from annotator.gui.document_view import DocumentView
    from annotator.services.session import Session

SNAP_SETTING = "gui.snap_to_words"
_log = logging.getLogger(__name__)


class Annotating:
    """Tagging and editing annotations, and which annotation is current. Built by the window
    with what it works on; ``window`` is the parent of its dialogs and has the status bar."""

    def __init__(
        self, window: QMainWindow, session: Session, view: DocumentView,
        annotations: AnnotationList, panel: AnnotationPanel,
    ) -> None:  # fmt: skip
        self.window = window
        self.session = session
        self.view = view
        self.annotations = annotations
        self.panel = panel
        panel.actor_name = self.actor_name
        self.undoStack = QUndoStack(window)
        self.labels: list[Label] = []
        self.relation_types: list[RelationType] = []
        self.colors: dict[str, str] = {}
        self._current_id: int | None = None
        self._edit_session = 0  # attribute edits merge into one undo step until it changes
        self.snap_to_words = True
        self.may_edit: Callable[[], bool] = lambda: True  # the window: an annotator is named
        self.may_tag: Callable[[], bool] = lambda: True  # the window: one's own layer is shown

    def status(self) -> QStatusBar:
        return self.window.statusBar()

    def load_schema(self) -> None:
        """Labels, colours and relation types (re)read from the project."""
        self.labels = self.session.project.labels()
        self.relation_types = self.session.project.relation_types()
        self.colors = dict(self.session.spans.colors)

    def set_snap(self, on: bool) -> None:
        self.snap_to_words = on
        save_setting(self.session, SNAP_SETTING, "1" if on else "0")

    # ----------------------------------------------------------------- labels
    def edit_schema(self) -> None:
        """Annotate → Edit Label Schema…: the dialog proposes, an undoable command applies."""
        if self.project_read_only():
            return
        dialog = SchemaDialog(
            self.session.project.label_schema(), self.session.project.label_usage, self.window
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self.push(ChangeSchema(self, dialog.result_schema())):
            self.status().showMessage("Label schema saved.", 3000)

    def label_named(self, name: str) -> Label | None:
        return next((label for label in self.labels if label.name == name), None)

    # ---------------------------------------------------------------- tagging
    def apply_label(self, label: str) -> Annotation | None:
        """A label key: tag the selection, or relabel the selected annotation."""
        current = self.current_annotation()
        selection = self.view.selected_span()
        if current is not None and (selection is None or selection == (current.start, current.end)):
            if current.label != label:
                what = f"Relabel {_about(current.label, current.text)} as {label}"
                command = UpdateAnnotation(self, current, what, label=label)
                if self.push(command) and command.dropped:
                    self.status().showMessage(
                        f"Relabelled as {label}; {', '.join(command.dropped)} dropped: {label}"
                        " does not allow it. Ctrl+Z brings it back.",
                        8000,
                    )
            return self.current_annotation()
        return self.tag_selection(label)

    def tag_selection(self, label: str) -> Annotation | None:
        """Tag the selected text with ``label``; saved before it is shown."""
        if self.view.document_id is None:
            return None
        if self.project_read_only() or not self.may_tag():
            return None
        span = self.view.selected_span()
        if span is None:
            self.status().showMessage("Select some text first, then press a label key.", 4000)
            return None
        text = self.view.text
        start, end = trim_span(text, *span)
        if self.snap_to_words:
            start, end = snap_to_words(text, start, end)
        start, end = snap_to_graphemes(text, start, end)
        if start >= end or not text[start:end].strip():
            self.status().showMessage("The selection is only whitespace.", 4000)
            return None
        command = AddAnnotation(self, self.view.document_id, start, end, label)
        command.setText(f"Tag {_about(label, text[start:end])}")
        if not self.push(command) or command.ann is None:
            return None
        self.status().showMessage(f"Saved {label}: “{short(command.ann.text)}”", 3000)
        return command.ann

    def project_read_only(self) -> bool:
        if getattr(self.session.project, "read_only", False):
            self.status().showMessage("This project is open read-only.", 4000)
            return True
        return False

    def push(self, command: Edit) -> bool:
        """Apply ``command`` once; pushed on the undo stack only when it was saved."""
        if not self.may_edit():
            return False
        try:
            command.apply()
        except (ProjectError, ValueError) as exc:
            self.report_error(exc)
            return False
        self.undoStack.push(command)
        return True

    def report_error(self, exc: Exception) -> None:
        _log.warning("not saved: %s", exc)
        QMessageBox.critical(self.window, "Not saved", message_text(str(exc)))

    # ---------------------------------------------------------- span editing
    def delete_current_annotation(self) -> None:
        ann = self.current_annotation()
        if ann is None:
            self.status().showMessage("Select an annotation to delete.", 3000)
            return
        command = DeleteAnnotation(self, ann)
        command.setText(f"Delete {_about(ann.label, ann.text)}")
        if self.push(command):
            self.status().showMessage(f"Deleted {ann.label}: “{short(ann.text)}”", 3000)

    def resize_current(self, edge: str, direction: int, unit: str) -> None:
        ann = self.current_annotation()
        if ann is None:
            self.status().showMessage("Select an annotation to resize.", 3000)
            return
        start, end = move_boundary(
            self.view.text, ann.start, ann.end, edge=edge, direction=direction, unit=unit
        )
        if (start, end) != (ann.start, ann.end):
            what = f"Resize {_about(ann.label, self.view.text[start:end])}"
            self.push(UpdateAnnotation(self, ann, what, start=start, end=end))

    def set_attribute(self, name: str, value: Any) -> None:
        ann = self.current_annotation()
        if ann is None:
            return
        attributes = dict(ann.attributes)
        if value is None:
            attributes.pop(name, None)
        else:
            attributes[name] = value
        if attributes != ann.attributes:  # one undo step per visit to the editor, not per key
            what = f"Set {name} to {value if value is not None else 'none'} on "
            key = f"{name}#{self._edit_session}"
            self.push(
                UpdateAnnotation(
                    self, ann, what + _about(ann.label, ann.text), merge_key=key,
                    attributes=attributes,
                )
            )  # fmt: skip

    def end_attribute_edit(self) -> None:
        """The user left an attribute editor: the next change is a new undo step."""
        self._edit_session += 1

    def set_note(self, note: str) -> None:
        ann = self.current_annotation()
        if ann is not None and note != ann.note:
            what = f"Edit the note of {_about(ann.label, ann.text)}"
            self.push(UpdateAnnotation(self, ann, what, note=note))

    def cycle_overlapping(self) -> None:
        """Select the next of the annotations covering the caret (innermost first)."""
        spans = self.session.spans.spans_at(self.view.cursor_offset())
        if not spans:
            self.status().showMessage("No annotation at the cursor.", 3000)
            return
        ids = [s.id for s in spans]
        nxt = (
            ids[(ids.index(self._current_id) + 1) % len(ids)] if self._current_id in ids else ids[0]
        )
        self.select_annotation(nxt, scroll=False)

    # ----------------------------------------------------------------- links
    def link_current(self) -> None:
        ann = self.current_annotation()
        if ann is None:
            self.status().showMessage("Select a claim to link first.", 3000)
            return
        candidates = nearby_candidates(
            ann, self.annotations.annotation_model.annotations(), self.relation_types
        )
        if not candidates:
            self.status().showMessage(f"Nothing this {ann.label} can be linked to.", 4000)
            return
        dialog = LinkDialog(ann, candidates, self.relation_types, self.window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.window.activateWindow()  # give the keyboard back to the text
        self.view.setFocus()
        choice = dialog.choice() if accepted else None
        if choice is None:
            return
        rtype, target = choice
        self.push(AddRelation(self, rtype, ann.id, target))

    def link_to(self, target_id: int) -> None:
        """Mouse: Ctrl+click a span links the selected annotation to it (first allowed type)."""
        source = self.current_annotation()
        target = self.annotation(target_id)
        if source is None or target is None or source.id == target.id:
            return
        rtype = next((t for t in self.relation_types if t.allows(source.label, target.label)), None)
        if rtype is None:
            self.status().showMessage(f"No relation type links {source.label} to {target.label}.")
            return
        self.push(AddRelation(self, rtype.name, source.id, target.id))

    def unlink(self, relation_id: int) -> None:
        self.push(DeleteRelation(self, self.session.project.relation(relation_id)))

    # ------------------------------------------------- following the feed
    def follow_selection(self, changes: Changes) -> None:
        """The current annotation after a change: the one added or updated, or none if it went;
        its side panel and outline are shown again (its links may have changed)."""
        focus = changes.focus()
        if focus is not None and self.annotation(focus) is not None:
            self.select_annotation(focus, scroll=False)
        elif self._current_id is not None and self.annotation(self._current_id) is None:
            self.select_annotation(None)
        elif changes.relations or changes.labels:
            self.select_annotation(self._current_id, scroll=False)

    # -------------------------------------------------------------- selection
    def current_annotation(self) -> Annotation | None:
        return None if self._current_id is None else self.annotation(self._current_id)

    def annotation(self, annotation_id: int) -> Annotation | None:
        return self.session.spans.by_id(annotation_id)

    def select_annotation(self, annotation_id: int | None, *, scroll: bool = True) -> None:
        """Make an annotation current: selected in the list, outlined in the text, its links
        highlighted and its attributes, note and links shown in the side panel."""
        ann = None if annotation_id is None else self.annotation(annotation_id)
        self._current_id = None if ann is None else ann.id
        self.annotations.select_annotation(self._current_id)
        if ann is None:
            self.view.mark_current(None)
            self.panel.show_annotation(None, None, [], {})
            return
        if scroll:
            self.view.select_span(ann.start, ann.end)
        relations = self.session.project.relations_of(ann.id)
        others = {}
        linked = []
        for rel in relations:
            other = self.annotation(rel.target_id if rel.source_id == ann.id else rel.source_id)
            if other is not None:
                others[other.id] = other
                linked.append((other.start, other.end, self._relation_color(rel.type)))
        self.view.mark_current((ann.start, ann.end, self.colors.get(ann.label, "#ccc")), linked)
        self.panel.show_annotation(ann, self.label_named(ann.label), relations, others)

    def tooltip(self, ids: list[int]) -> str:
        """The text view's tooltip for the annotations under the mouse (user text escaped)."""
        parts = []
        for ann_id in ids:
            ann = self.annotation(ann_id)
            if ann is None:
                continue
            attrs = html.escape(", ".join(f"{k}: {v}" for k, v in ann.attributes.items()))
            line = f"<b>{html.escape(ann.label)}</b>" + (f" — {attrs}" if attrs else "")
            if ann.actor_id is not None:  # the registry actor's canonical name
                line += f"<br>→ {html.escape(self.actor_name(ann.actor_id))}"
            if ann.note:  # user text: escaped, so "<" in a note is shown, not parsed
                line += f"<br><i>{html.escape(ann.note[:200])}</i>"
            parts.append(line)
        return "<hr>".join(parts)

    def actor_name(self, actor_id: int) -> str:
        """A registry actor's canonical name ("" if it is gone)."""
        try:
            return self.session.project.actor(actor_id).name
        except ProjectError:
            return ""

    def _relation_color(self, name: str) -> str:
        return next((t.color for t in self.relation_types if t.name == name), "#888888")


def _about(label: str, text: str) -> str:
    """How an undo step names its annotation: ``Claim “some 1,500 North Korean …”``."""
    return f"{label} “{short(text, 40)}”"
