"""The side panel for the selected annotation: attributes, note and links (objectName
``annotationPanel``). It only shows and emits; the window turns edits into undo commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.labels import AttributeDef, Label
from annotator.core.relations import Relation
from annotator.core.spans import Annotation
from annotator.gui.display import plain_label, rich, safe_color, short
from annotator.gui.note_edit import NoteEdit, message_label
from annotator.gui.static_label import StaticLabel

UNSET = "—"
REL_ROLE = Qt.ItemDataRole.UserRole
OTHER_ROLE = Qt.ItemDataRole.UserRole + 1


class AnnotationPanel(QWidget):
    attributeEdited = Signal(str, object)
    noteEdited = Signal(str)
    linkRequested = Signal()
    unlinkRequested = Signal(int)
    escaped = Signal()  # Esc in an editor: back to the text
    attributeEditorLeft = Signal()  # focus left an attribute editor (ends an undo step)
    linkedActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationPanel")
        self.annotation: Annotation | None = None
        #: The canonical name of a registry actor (set by the window; "" if unknown).
        self.actor_name: Callable[[int], str] = lambda _actor_id: ""
        self.editors: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        # Painted, not laid out: a new heading on every tag must not re-lay out the window.
        self.heading = StaticLabel(lines=3, rich=True)
        self.heading.setObjectName("annotationHeading")
        layout.addWidget(self.heading)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        layout.addWidget(QLabel("Note"))
        self.noteEdit = NoteEdit()
        self.noteEdit.setObjectName("noteEdit")
        self.noteEdit.setPlaceholderText("A note on this annotation (saved when you leave the box)")
        self.noteEdit.setMaximumHeight(90)
        self.noteEdit.setTabChangesFocus(True)
        self.noteEdit.installEventFilter(self)
        layout.addWidget(self.noteEdit)
        self.noteMessage = message_label()  # the note is too long to show or to add to
        self.noteEdit.messageChanged.connect(self._show_note_message)
        layout.addWidget(self.noteMessage)
        links_row = QHBoxLayout()
        links_row.addWidget(QLabel("Links"))
        links_row.addStretch(1)
        self.linkButton = QPushButton("Link…  (L)")
        self.linkButton.clicked.connect(self.linkRequested)
        self.unlinkButton = QPushButton("Unlink")
        self.unlinkButton.clicked.connect(self._unlink_current)
        links_row.addWidget(self.linkButton)
        links_row.addWidget(self.unlinkButton)
        layout.addLayout(links_row)
        self.relationList = QListWidget()
        self.relationList.setObjectName("relationList")
        self.relationList.setMaximumHeight(110)
        self.relationList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.relationList.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.relationList.itemActivated.connect(self._jump)
        self.relationList.installEventFilter(self)
        layout.addWidget(self.relationList)
        self.show_annotation(None, None, [], {})

    # ---------------------------------------------------------------- display
    def show_annotation(
        self,
        ann: Annotation | None,
        label: Label | None,
        relations: list[Relation],
        others: dict[int, Annotation],
    ) -> None:
        """Show one annotation (or none) with its links; ``others`` resolves linked spans."""
        previous = self.annotation
        self.annotation = ann
        if ann is not None and previous is not None and ann.label == previous.label:
            # Same form: refresh in place (keeps the editor the user is in, and spares the
            # window a relayout on every tag).
            self._refresh_values(ann, label, same_annotation=ann.id == previous.id)
            self._show_relations(ann, relations, others)
            return
        self._clear_form()
        enabled = ann is not None
        for widget in (self.noteEdit, self.linkButton, self.unlinkButton, self.relationList):
            widget.setEnabled(enabled)
        if ann is None:
            self.heading.setText("<i>No annotation selected.</i> Select a highlight or a row.")
            self.noteEdit.show_note("")
            self.relationList.clear()
            return
        self.heading.setText(_heading(ann, label, self._actor(ann)))
        for attr in label.attributes if label else ():
            self._add_editor(attr, ann.attributes.get(attr.name))
        self.noteEdit.show_note(ann.note)
        self._show_relations(ann, relations, others)

    def _show_relations(
        self, ann: Annotation, relations: list[Relation], others: dict[int, Annotation]
    ) -> None:
        if not relations and not self.relationList.count():
            return  # nothing shown, nothing to show: spare the repaint
        self.relationList.clear()
        for rel in relations:
            outgoing = rel.source_id == ann.id
            other = others.get(rel.target_id if outgoing else rel.source_id)
            if other is None:
                continue
            arrow = f"{rel.type} →" if outgoing else f"← {rel.type} of"
            item = QListWidgetItem(f"{arrow} {other.label}: “{short(other.text, 50)}”")
            item.setData(REL_ROLE, rel.id)
            item.setData(OTHER_ROLE, other.id)
            self.relationList.addItem(item)
        if self.relationList.count():
            self.relationList.setCurrentRow(0)

    def _refresh_values(
        self, ann: Annotation, label: Label | None, *, same_annotation: bool
    ) -> None:
        self.heading.setText(_heading(ann, label, self._actor(ann)))
        for attr in label.attributes if label else ():
            editor = self.editors.get(attr.name)
            value = ann.attributes.get(attr.name)
            if editor is None:
                continue
            editor.blockSignals(True)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(attr.values.index(value) + 1 if value in attr.values else 0)
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QLineEdit) and not (same_annotation and editor.hasFocus()):
                editor.setText(str(value or ""))
            editor.blockSignals(False)
        if not (same_annotation and self.noteEdit.hasFocus()) and (
            self.noteEdit.elided or self.noteEdit.toPlainText() != ann.note
        ):
            self.noteEdit.show_note(ann.note)

    def _actor(self, ann: Annotation) -> str:
        return "" if ann.actor_id is None else self.actor_name(ann.actor_id)

    def _clear_form(self) -> None:
        # Editors may be inside their own signal handler: delete them later, not now.
        while self.form.rowCount():
            row = self.form.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                widget = None if item is None else item.widget()
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self.editors = {}

    def _add_editor(self, attr: AttributeDef, value: Any) -> None:
        editor: QWidget
        if attr.kind == "bool":
            box = QCheckBox()
            box.setChecked(bool(value))
            box.clicked.connect(lambda checked, n=attr.name: self.attributeEdited.emit(n, checked))
            editor = box
        elif attr.kind == "enum":
            combo = QComboBox()
            combo.addItems([UNSET, *attr.values])
            combo.setCurrentIndex(attr.values.index(value) + 1 if value in attr.values else 0)
            combo.activated.connect(lambda i, n=attr.name, c=combo: self._emit_choice(n, c, i))
            editor = combo
        else:
            line = QLineEdit(str(value or ""))
            line.editingFinished.connect(
                lambda n=attr.name, w=line: self.attributeEdited.emit(n, w.text() or None)
            )
            editor = line
        editor.setObjectName(f"attribute_{attr.name}")
        editor.installEventFilter(self)
        self.editors[attr.name] = editor
        self.form.addRow(plain_label(attr.name), editor)  # a user's name: never HTML

    def _emit_choice(self, name: str, combo: QComboBox, index: int) -> None:
        self.attributeEdited.emit(name, None if index == 0 else combo.itemText(index))

    # ----------------------------------------------------------------- editing
    def focus_first_editor(self) -> None:
        editor = next(iter(self.editors.values()), self.noteEdit)
        editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_note(self) -> None:
        self.noteEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def commit_note(self) -> None:
        """Save the note if it changed (an elided note is read-only: never saved cut)."""
        if self.annotation is None or self.noteEdit.elided:
            return
        if self.noteEdit.toPlainText() != self.annotation.note:
            self.noteEdited.emit(self.noteEdit.toPlainText())

    def _show_note_message(self, message: str) -> None:
        self.noteMessage.setText(message)
        self.noteMessage.setVisible(bool(message))

    def _unlink_current(self) -> None:
        item = self.relationList.currentItem()
        if item is not None:
            self.unlinkRequested.emit(int(item.data(REL_ROLE)))

    def _jump(self, item: QListWidgetItem) -> None:
        self.linkedActivated.emit(int(item.data(OTHER_ROLE)))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt override
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.commit_note()
            self.escaped.emit()
            return True
        if (
            event.type() == QEvent.Type.FocusOut
            and isinstance(event, QFocusEvent)
            and obj in self.editors.values()
            and event.reason() != Qt.FocusReason.PopupFocusReason  # its own drop-down list
        ):
            self.attributeEditorLeft.emit()
        if obj is getattr(self, "noteEdit", None):
            if event.type() == QEvent.Type.FocusOut:
                self.commit_note()
            elif (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self.commit_note()
                return True
        if (
            obj is getattr(self, "relationList", None)
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            event.accept()  # Delete here unlinks; it must not reach the window's Delete shortcut
            return True
        if (
            obj is getattr(self, "relationList", None)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            self._unlink_current()
            return True
        return super().eventFilter(obj, event)


def _heading(ann: Annotation, label: Label | None, actor: str = "") -> str:
    """The heading's rich text: every user string in it escaped (a label named ``<img …>`` is
    shown as those characters, never loaded as an image)."""
    color = safe_color(label.color if label else "")
    return (
        f"<span style='background:{color}'>&nbsp;&nbsp;&nbsp;</span> <b>{rich(ann.label)}</b> "
        f"<small>[{ann.start}, {ann.end})</small>"
        + (f" → <b>{rich(short(actor, 60))}</b>" if actor else "")
        + f"<br>“{rich(short(ann.text, 160))}”"
    )
