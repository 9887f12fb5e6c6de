"""Annotating in the window: tag, relabel, resize, delete, link, attributes and notes.

Every change goes through an undoable command (``gui/commands.py``) that asks the session
(``services/session.py``); the session's ``Changes`` come back through the window's feed, and
the ``_follow_*`` slots refresh what concerns the window (which document, labels, selection).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox

from annotator.core.graphemes import snap_to_graphemes
from annotator.core.labels import Label, RelationType
from annotator.core.plural import plural
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
from annotator.gui.schema_dialog import SchemaDialog
from annotator.services.changes import Changes
from annotator.store import ProjectError

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

SNAP_SETTING = "gui.snap_to_words"


class AnnotatingMixin:
    """Mixed into MainWindow; ``self`` is the window."""

    def _init_annotating(self: MainWindow) -> None:
        self.undoStack = QUndoStack(self)
        self.labels: list[Label] = []
        self.relation_types: list[RelationType] = []
        self.label_actions: dict[str, QAction] = {}
        self._current_id: int | None = None
        self._edit_session = 0  # attribute edits merge into one undo step until it changes
        self.snap_to_words = True

    # ----------------------------------------------------------------- labels
    def edit_schema(self: MainWindow) -> None:
        """Annotate → Edit Label Schema…: the dialog proposes, an undoable command applies."""
        if self.project_read_only():
            return
        dialog = SchemaDialog(self.project.label_schema(), self.project.label_usage, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self.push(ChangeSchema(self, dialog.result_schema())):
            self.statusBar().showMessage("Label schema saved.", 3000)

    def _load_schema(self: MainWindow) -> None:
        """Labels, colours, keys or relation types (re)read: rebuild what lists them."""
        self.labels = self.project.labels()
        self.relation_types = self.project.relation_types()
        self.colors = dict(self.session.spans.colors)
        self.set_label_actions()
        self._fill_label_filter()

    def label_named(self: MainWindow, name: str) -> Label | None:
        return next((label for label in self.labels if label.name == name), None)

    # ---------------------------------------------------------------- tagging
    def apply_label(self: MainWindow, label: str) -> Annotation | None:
        """A label key: tag the selection, or relabel the selected annotation."""
        current = self.current_annotation()
        selection = self.documentView.selected_span()
        if current is not None and (selection is None or selection == (current.start, current.end)):
            if current.label != label:
                what = f"Relabel {_about(current.label, current.text)} as {label}"
                command = UpdateAnnotation(self, current, what, label=label)
                if self.push(command) and command.dropped:
                    self.statusBar().showMessage(
                        f"Relabelled as {label}; {', '.join(command.dropped)} dropped: {label}"
                        " does not allow it. Ctrl+Z brings it back.",
                        8000,
                    )
            return self.current_annotation()
        return self.tag_selection(label)

    def tag_selection(self: MainWindow, label: str) -> Annotation | None:
        """Tag the selected text with ``label``; saved before it is shown."""
        if self.document_id is None:
            return None
        if self.project_read_only():
            return None
        span = self.documentView.selected_span()
        if span is None:
            self.statusBar().showMessage("Select some text first, then press a label key.", 4000)
            return None
        text = self.documentView.text
        start, end = trim_span(text, *span)
        if self.snap_to_words:
            start, end = snap_to_words(text, start, end)
        start, end = snap_to_graphemes(text, start, end)
        if start >= end or not text[start:end].strip():
            self.statusBar().showMessage("The selection is only whitespace.", 4000)
            return None
        command = AddAnnotation(self, self.document_id, start, end, label)
        command.setText(f"Tag {_about(label, text[start:end])}")
        if not self.push(command) or command.ann is None:
            return None
        self.statusBar().showMessage(f"Saved {label}: “{short(command.ann.text)}”", 3000)
        return command.ann

    def project_read_only(self: MainWindow) -> bool:
        if getattr(self.project, "read_only", False):
            self.statusBar().showMessage("This project is open read-only.", 4000)
            return True
        return False

    def push(self: MainWindow, command: Edit) -> bool:
        """Apply ``command`` once; pushed on the undo stack only when it was saved."""
        try:
            command.apply()
        except (ProjectError, ValueError) as exc:
            self.report_error(exc)
            return False
        self.undoStack.push(command)
        return True

    def report_error(self: MainWindow, exc: Exception) -> None:
        QMessageBox.critical(self, "Not saved", message_text(str(exc)))

    # ---------------------------------------------------------- span editing
    def delete_current_annotation(self: MainWindow) -> None:
        ann = self.current_annotation()
        if ann is None:
            self.statusBar().showMessage("Select an annotation to delete.", 3000)
            return
        command = DeleteAnnotation(self, ann)
        command.setText(f"Delete {_about(ann.label, ann.text)}")
        if self.push(command):
            self.statusBar().showMessage(f"Deleted {ann.label}: “{short(ann.text)}”", 3000)

    def resize_current(self: MainWindow, edge: str, direction: int, unit: str) -> None:
        ann = self.current_annotation()
        if ann is None:
            self.statusBar().showMessage("Select an annotation to resize.", 3000)
            return
        start, end = move_boundary(
            self.documentView.text, ann.start, ann.end, edge=edge, direction=direction, unit=unit
        )
        if (start, end) != (ann.start, ann.end):
            what = f"Resize {_about(ann.label, self.documentView.text[start:end])}"
            self.push(UpdateAnnotation(self, ann, what, start=start, end=end))

    def set_attribute(self: MainWindow, name: str, value: Any) -> None:
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

    def end_attribute_edit(self: MainWindow) -> None:
        """The user left an attribute editor: the next change is a new undo step."""
        self._edit_session += 1

    def set_note(self: MainWindow, note: str) -> None:
        ann = self.current_annotation()
        if ann is not None and note != ann.note:
            what = f"Edit the note of {_about(ann.label, ann.text)}"
            self.push(UpdateAnnotation(self, ann, what, note=note))

    def cycle_overlapping(self: MainWindow) -> None:
        """Select the next of the annotations covering the caret (innermost first)."""
        spans = self.session.spans.spans_at(self.documentView.cursor_offset())
        if not spans:
            self.statusBar().showMessage("No annotation at the cursor.", 3000)
            return
        ids = [s.id for s in spans]
        nxt = (
            ids[(ids.index(self._current_id) + 1) % len(ids)] if self._current_id in ids else ids[0]
        )
        self.select_annotation(nxt, scroll=False)

    # ----------------------------------------------------------------- links
    def link_current(self: MainWindow) -> None:
        ann = self.current_annotation()
        if ann is None:
            self.statusBar().showMessage("Select a claim to link first.", 3000)
            return
        candidates = nearby_candidates(
            ann, self.annotationList.annotation_model.annotations(), self.relation_types
        )
        if not candidates:
            self.statusBar().showMessage(f"Nothing this {ann.label} can be linked to.", 4000)
            return
        dialog = LinkDialog(ann, candidates, self.relation_types, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.activateWindow()  # give the keyboard back to the text
        self.documentView.setFocus()
        if not accepted or dialog.choice() is None:
            return
        rtype, target = dialog.choice()  # type: ignore[misc]
        self.push(AddRelation(self, rtype, ann.id, target))

    def link_to(self: MainWindow, target_id: int) -> None:
        """Mouse: Ctrl+click a span links the selected annotation to it (first allowed type)."""
        source = self.current_annotation()
        target = self._annotation(target_id)
        if source is None or target is None or source.id == target.id:
            return
        rtype = next((t for t in self.relation_types if t.allows(source.label, target.label)), None)
        if rtype is None:
            self.statusBar().showMessage(
                f"No relation type links {source.label} to {target.label}."
            )
            return
        self.push(AddRelation(self, rtype.name, source.id, target.id))

    def unlink(self: MainWindow, relation_id: int) -> None:
        self.push(DeleteRelation(self, self.project.relation(relation_id)))

    # ------------------------------------------------- following the feed
    def _follow_document(self: MainWindow, changes: Changes) -> None:
        """Which document is shown: the one a change is in (an undo elsewhere switches to it,
        read fresh); after a removal, the current one if it is left, else the first."""
        if changes.documents:
            self.refresh_documents()
        target = changes.document_id
        if target is not None and not changes.in_open_document:
            self.open_document(target)
        elif changes.documents:
            ids = self.documentList.document_ids()
            if self.document_id in ids:
                self.documentList.select_document(self.document_id)
            elif ids:
                self.open_document(ids[0])
            else:
                self.close_document()

    def _follow_labels(self: MainWindow, changes: Changes) -> None:
        if changes.labels:
            self._load_schema()

    def _follow_selection(self: MainWindow, changes: Changes) -> None:
        """The current annotation after a change: the one added or updated, or none if it went;
        its side panel and outline are shown again (its links may have changed)."""
        if changes.labels:
            self._apply_label_filter()
        focus = changes.focus()
        if focus is not None and self._annotation(focus) is not None:
            self.select_annotation(focus, scroll=False)
        elif self._current_id is not None and self._annotation(self._current_id) is None:
            self.select_annotation(None)
        elif changes.relations or changes.labels:
            self.select_annotation(self._current_id, scroll=False)

    # -------------------------------------------------------------- selection
    def current_annotation(self: MainWindow) -> Annotation | None:
        return None if self._current_id is None else self._annotation(self._current_id)

    def _annotation(self: MainWindow, annotation_id: int) -> Annotation | None:
        return self.session.spans.by_id(annotation_id)

    def select_annotation(
        self: MainWindow, annotation_id: int | None, *, scroll: bool = True
    ) -> None:
        """Make an annotation current: selected in the list, outlined in the text, its links
        highlighted and its attributes, note and links shown in the side panel."""
        ann = None if annotation_id is None else self._annotation(annotation_id)
        self._current_id = None if ann is None else ann.id
        self.annotationList.select_annotation(self._current_id)
        if ann is None:
            self.documentView.mark_current(None)
            self.annotationPanel.show_annotation(None, None, [], {})
            return
        if scroll:
            self.documentView.select_span(ann.start, ann.end)
        relations = self.project.relations_of(ann.id)
        others = {}
        linked = []
        for rel in relations:
            other = self._annotation(rel.target_id if rel.source_id == ann.id else rel.source_id)
            if other is not None:
                others[other.id] = other
                linked.append((other.start, other.end, self._relation_color(rel.type)))
        self.documentView.mark_current(
            (ann.start, ann.end, self.colors.get(ann.label, "#ccc")), linked
        )
        self.annotationPanel.show_annotation(ann, self.label_named(ann.label), relations, others)

    def _relation_color(self: MainWindow, name: str) -> str:
        return next((t.color for t in self.relation_types if t.name == name), "#888888")

    def _update_counts(self: MainWindow, _changes: Changes | None = None) -> None:
        model = self.session.spans
        counts = {label.name: model.label_counts.get(label.name, 0) for label in self.labels}
        text = "   ".join(f"{name}: {n}" for name, n in counts.items())
        self.countsLabel.setText(
            f"{text}   ·   {plural(len(self.documentView.text), 'character', grouped=True)}"
        )
        if self.document_id is not None:
            self.documentList.update_count(self.document_id, len(model))


def _about(label: str, text: str) -> str:
    """How an undo step names its annotation: ``Claim “some 1,500 North Korean …”``."""
    return f"{label} “{short(text, 40)}”"
