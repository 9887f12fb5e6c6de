"""The relation-types tab of the schema dialog (the base class of ``SchemaDialog``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.display import swatch
from annotator.gui.schema_drafts import (
    LabelDraft,
    TypeDraft,
    pick_color,
    refill_entries,
    swap_entries,
)


class RelationTypesTab(QDialog):
    """Relation types: name, colour, and which labels each end may have. The base of
    ``SchemaDialog``, which provides the drafts and the three helpers declared below."""

    _labels: list[LabelDraft]
    _types: list[TypeDraft]
    _loading: bool

    def _entry_list(
        self, page: QWidget, kind: str, on_row: Callable[[int], None], add: Callable[[], None],
        remove: Callable[[], None], move: Callable[[int], None],
    ) -> tuple[QVBoxLayout, QListWidget, tuple[QPushButton, ...]]:  # fmt: skip
        raise NotImplementedError  # SchemaDialog's

    def _button(self, text: str, name: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
        raise NotImplementedError  # SchemaDialog's

    def _show_color(self, button: QPushButton, color: str) -> None:
        raise NotImplementedError  # SchemaDialog's

    def _build_types_tab(self) -> QWidget:
        page = QWidget(self)
        left, self.type_list, buttons = self._entry_list(
            page, "type", self._show_type, self._add_type, self._remove_type, self._move_type
        )
        (self.add_type_button, self.remove_type_button, self.type_up_button,
         self.type_down_button) = buttons  # fmt: skip

        self.type_form = QGroupBox("Relation type", page)
        self.type_name_edit = QLineEdit(self.type_form)
        self.type_name_edit.setObjectName("typeName")
        self.type_name_edit.textEdited.connect(self._type_name_edited)
        self.type_color_button = self._button(
            "", "typeColor", self._choose_type_color, "Choose the arrow colour"
        )
        self.source_list = QListWidget(self.type_form)
        self.source_list.setObjectName("sourceLabels")
        self.target_list = QListWidget(self.type_form)
        self.target_list.setObjectName("targetLabels")
        self.source_list.itemChanged.connect(self._type_ends_edited)
        self.target_list.itemChanged.connect(self._type_ends_edited)
        ends = QHBoxLayout()
        for title, widget in (
            ("From (none ticked: any)", self.source_list),
            ("To (none ticked: any)", self.target_list),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(title, self.type_form))
            column.addWidget(widget)
            ends.addLayout(column)
        form = QFormLayout(self.type_form)
        form.addRow("Name", self.type_name_edit)
        form.addRow("Colour", self.type_color_button)
        form.addRow(ends)

        layout = QHBoxLayout(page)
        layout.addLayout(left, 2)
        layout.addWidget(self.type_form, 3)
        return page

    # ========================================================= relation types
    def _current_type(self) -> TypeDraft | None:
        row = self.type_list.currentRow()
        return self._types[row] if 0 <= row < len(self._types) else None

    def _refill_type_list(self, select: int) -> None:
        self._loading = True
        refill_entries(self.type_list, self._types)
        self._loading = False
        self.type_list.setCurrentRow(min(select, len(self._types) - 1))
        self._show_type(self.type_list.currentRow())

    def _show_type(self, row: int) -> None:
        if self._loading:
            return
        draft = self._types[row] if 0 <= row < len(self._types) else None
        self.type_form.setEnabled(draft is not None)
        self.remove_type_button.setEnabled(draft is not None)
        self.type_up_button.setEnabled(draft is not None and row > 0)
        self.type_down_button.setEnabled(draft is not None and row < len(self._types) - 1)
        self._loading = True
        try:
            self.type_name_edit.setText(draft.name if draft else "")
            self._show_color(self.type_color_button, draft.color if draft else "#ffffff")
        finally:
            self._loading = False
        self._refresh_type_ends()

    def _refresh_type_ends(self) -> None:
        """Refill the source/target checklists with the current label names."""
        draft = self._current_type()
        self._loading = True
        try:
            for widget, chosen in (
                (self.source_list, draft.sources if draft else []),
                (self.target_list, draft.targets if draft else []),
            ):
                widget.clear()
                for label in self._labels:
                    item = QListWidgetItem(swatch(label.color), label.name)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(
                        Qt.CheckState.Checked if label in chosen else Qt.CheckState.Unchecked
                    )
                    widget.addItem(item)
        finally:
            self._loading = False

    def _type_ends_edited(self, *_args: object) -> None:
        if self._loading:
            return
        draft = self._current_type()
        if draft is None:
            return

        def ticked(widget: QListWidget) -> list[LabelDraft]:
            return [
                label
                for i, label in enumerate(self._labels)
                if widget.item(i).checkState() == Qt.CheckState.Checked
            ]

        draft.sources = ticked(self.source_list)
        draft.targets = ticked(self.target_list)

    def _type_name_edited(self, text: str) -> None:
        draft = self._current_type()
        if draft is None:
            return
        draft.name = text
        self.type_list.currentItem().setText(text)

    def _choose_type_color(self) -> None:
        draft = self._current_type()
        if draft is None:
            return
        color = pick_color(draft.color, self, f"Colour of {draft.name}")
        if color is None:
            return
        draft.color = color
        self._show_color(self.type_color_button, color)
        self.type_list.currentItem().setIcon(swatch(color))

    def _add_type(self) -> None:
        names = {t.name for t in self._types}
        name, n = "new relation", 2
        while name in names:
            name, n = f"new relation {n}", n + 1
        self._types.append(TypeDraft(name))
        self._refill_type_list(len(self._types) - 1)
        self.type_name_edit.setFocus()
        self.type_name_edit.selectAll()

    def _remove_type(self) -> None:
        row = self.type_list.currentRow()
        if not 0 <= row < len(self._types):
            return
        del self._types[row]
        self._refill_type_list(row)

    def _move_type(self, step: int) -> None:
        other = swap_entries(self.type_list, self._types, step)
        if other is None:
            return
        self._refill_type_list(other)
