"""The label schema editor: labels (colour, keys, attributes) and relation types.

The dialog edits a copy; after ``exec()`` returns Accepted, ``result_schema()`` is the new
schema (labels keep their ids, so a rename keeps its annotations). It never writes to the
project: the caller applies the schema (as an undoable command, D5).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.label_schema import (
    LabelSchema,
    SchemaError,
    load_schema_file,
    save_schema_file,
)
from annotator.core.labels import ATTRIBUTE_KINDS, AttributeDef, Label, RelationType
from annotator.core.plural import plural
from annotator.core.suggestion_rules import Rule, RuleError, rules_from_text, rules_to_text
from annotator.gui.dialog_focus import focus_text_when_closed
from annotator.gui.display import message_text, swatch
from annotator.gui.schema_drafts import (
    AttrDraft,
    LabelDraft,
    TypeDraft,
    pick_color,
    refill_entries,
    split_values,
    swap_entries,
)
from annotator.gui.schema_types_tab import RelationTypesTab

_PALETTE = ("#f6c85f", "#6fb7e9", "#9dd866", "#ca472f", "#ffa056", "#8dddd0", "#b39ddb")
_SCHEMA_FILTER = "Label schema (*.toml *.json)"
_EXPORT_FILTERS = ("TOML (*.toml)", "JSON (*.json)")


class SchemaDialog(RelationTypesTab):
    def __init__(
        self,
        schema: LabelSchema,
        usage: Callable[[str], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("schemaDialog")
        self.setWindowTitle("Label schema")
        self.resize(760, 520)
        self._initial = schema
        self._usage = usage
        self._labels: list[LabelDraft] = []
        self._types: list[TypeDraft] = []
        self._result: LabelSchema | None = None
        self._loading = False

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("schemaTabs")
        self.tabs.addTab(self._build_labels_tab(), "Labels")
        self.tabs.addTab(self._build_types_tab(), "Relation types")

        self.import_button = QPushButton("Import…", self)
        self.import_button.setObjectName("importButton")
        self.export_button = QPushButton("Export…", self)
        self.export_button.setObjectName("exportButton")
        self.import_button.clicked.connect(self._import)
        self.export_button.clicked.connect(self._export)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(bottom)

        self._load_schema(schema)
        focus_text_when_closed(self)  # the keyboard goes back to the text

    # ================================================================== layout
    def _button(self, text: str, name: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _entry_list(
        self,
        page: QWidget,
        kind: str,
        on_row: Callable[[int], None],
        add: Callable[[], None],
        remove: Callable[[], None],
        move: Callable[[int], None],
    ) -> tuple[QVBoxLayout, QListWidget, tuple[QPushButton, ...]]:
        """A list of entries (labels or relation types) with Add / Delete / ↑ / ↓ under it."""
        entries = QListWidget(page)
        entries.setObjectName(f"{kind}List")
        entries.currentRowChanged.connect(on_row)
        buttons = (
            self._button("Add", f"add{kind.title()}Button", add),
            self._button("Delete", f"remove{kind.title()}Button", remove),
            self._button("↑", f"{kind}UpButton", lambda: move(-1), "Move up"),
            self._button("↓", f"{kind}DownButton", lambda: move(1), "Move down"),
        )
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        column = QVBoxLayout()
        column.addWidget(entries)
        column.addLayout(row)
        return column, entries, buttons

    def _build_labels_tab(self) -> QWidget:
        page = QWidget(self)
        left, self.label_list, buttons = self._entry_list(
            page, "label", self._show_label, self._add_label, self._remove_label, self._move_label
        )
        (self.add_label_button, self.remove_label_button, self.label_up_button,
         self.label_down_button) = buttons  # fmt: skip

        self.label_form = QGroupBox("Label", page)
        self.name_edit = QLineEdit(self.label_form)
        self.name_edit.setObjectName("labelName")
        self.name_edit.textEdited.connect(self._label_name_edited)
        self.color_button = self._button(
            "", "labelColor", self._choose_label_color, "Choose the highlight colour"
        )
        self.keys_edit = QLineEdit(self.label_form)
        self.keys_edit.setObjectName("labelKeys")
        self.keys_edit.setPlaceholderText("e.g. 1 C   (separate keys with spaces)")
        self.keys_edit.setToolTip(
            "Keys that tag the selection with this label: single characters"
            " or key names such as F2 or Ctrl+1, separated by spaces"
        )
        self.keys_edit.textEdited.connect(self._label_keys_edited)
        self.attribute_table = QTableWidget(0, 3, self.label_form)
        self.attribute_table.setObjectName("attributeTable")
        self.attribute_table.setHorizontalHeaderLabels(["Attribute", "Kind", "Values (a, b, c)"])
        header = self.attribute_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.attribute_table.verticalHeader().setVisible(False)
        self.attribute_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attribute_table.itemChanged.connect(self._attributes_edited)
        self.add_attribute_button = self._button(
            "Add attribute", "addAttributeButton", self._add_attribute
        )
        self.remove_attribute_button = self._button(
            "Remove attribute", "removeAttributeButton", self._remove_attribute
        )
        self.rules_edit = QPlainTextEdit(self.label_form)
        self.rules_edit.setObjectName("labelRules")
        self.rules_edit.setPlaceholderText(
            "regex: \\d+ (?:percent|%)\ntokens: (?i)president [A-Z]\\w+"
        )
        self.rules_edit.setToolTip(
            "Suggestion rules (Annotate → Suggest from Rules), one per line: “regex: PATTERN”"
            " matches the pattern; “tokens: RE1 RE2 …” matches consecutive words, each fully"
        )
        self.rules_edit.setTabChangesFocus(True)
        self.rules_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.rules_edit.textChanged.connect(self._rules_edited)
        attr_buttons = QHBoxLayout()
        attr_buttons.addWidget(self.add_attribute_button)
        attr_buttons.addWidget(self.remove_attribute_button)
        attr_buttons.addStretch(1)
        form = QFormLayout(self.label_form)
        form.addRow("Name", self.name_edit)
        form.addRow("Colour", self.color_button)
        form.addRow("Keys", self.keys_edit)
        form.addRow(QLabel("Attributes", self.label_form))
        form.addRow(self.attribute_table)
        form.addRow(attr_buttons)
        form.addRow("Rules", self.rules_edit)

        layout = QHBoxLayout(page)
        layout.addLayout(left, 2)
        layout.addWidget(self.label_form, 3)
        return page

    # ============================================================ load / build
    def _load_schema(self, schema: LabelSchema) -> None:
        originals = {lab.id: lab.name for lab in self._initial.labels if lab.id is not None}
        self._labels = [
            LabelDraft(
                name=lab.name,
                color=lab.color,
                keys=" ".join(lab.keys),
                attributes=[AttrDraft(a.name, a.kind, ", ".join(a.values)) for a in lab.attributes],
                id=lab.id,
                original=originals.get(lab.id) if lab.id is not None else None,
                rules=rules_to_text(lab.rules or ()),
                stored_rules=lab.rules,
            )
            for lab in schema.labels
        ]
        by_name = {d.name: d for d in self._labels}
        self._types = [
            TypeDraft(
                name=rt.name,
                color=rt.color,
                sources=[by_name[n] for n in rt.source_labels if n in by_name],
                targets=[by_name[n] for n in rt.target_labels if n in by_name],
                id=rt.id,
            )
            for rt in schema.relation_types
        ]
        self._refill_label_list(0)
        self._refill_type_list(0)

    def build_schema(self) -> LabelSchema:
        """The schema as currently edited; raises SchemaError if it is not valid."""
        labels = []
        for draft in self._labels:
            attributes = tuple(
                AttributeDef(
                    a.name.strip(), a.kind, split_values(a.values) if a.kind == "enum" else ()
                )
                for a in draft.attributes
            )
            labels.append(
                Label(
                    name=draft.name.strip(),
                    color=draft.color,
                    keys=tuple(draft.keys.split()),
                    id=draft.id,
                    attributes=attributes,
                    rules=_label_rules(draft),
                )
            )
        types = tuple(
            RelationType(
                name=t.name.strip(),
                source_labels=tuple(d.name.strip() for d in self._labels if d in t.sources),
                target_labels=tuple(d.name.strip() for d in self._labels if d in t.targets),
                color=t.color,
                id=t.id,
            )
            for t in self._types
        )
        return LabelSchema(tuple(labels), types)

    def result_schema(self) -> LabelSchema:
        """The accepted schema (after OK); before that, the schema as currently edited."""
        return self._result if self._result is not None else self.build_schema()

    def accept(self) -> None:
        try:
            self._result = self.build_schema()
        except SchemaError as exc:
            QMessageBox.warning(self, "The label schema is not valid", message_text(str(exc)))
            return
        super().accept()

    # ================================================================= labels
    def _current_label(self) -> LabelDraft | None:
        row = self.label_list.currentRow()
        return self._labels[row] if 0 <= row < len(self._labels) else None

    def _refill_label_list(self, select: int) -> None:
        self._loading = True
        refill_entries(self.label_list, self._labels)
        self._loading = False
        self.label_list.setCurrentRow(min(select, len(self._labels) - 1))
        self._show_label(self.label_list.currentRow())

    def _show_label(self, row: int) -> None:
        if self._loading:
            return
        draft = self._labels[row] if 0 <= row < len(self._labels) else None
        self.label_form.setEnabled(draft is not None)
        self.remove_label_button.setEnabled(draft is not None)
        self.label_up_button.setEnabled(draft is not None and row > 0)
        self.label_down_button.setEnabled(draft is not None and row < len(self._labels) - 1)
        self._loading = True
        try:
            self.name_edit.setText(draft.name if draft else "")
            self.keys_edit.setText(draft.keys if draft else "")
            self.rules_edit.setPlainText(draft.rules if draft else "")
            self._show_color(self.color_button, draft.color if draft else "#ffffff")
            self.attribute_table.setRowCount(0)
            for attr in draft.attributes if draft else ():
                self._append_attribute_row(attr)
        finally:
            self._loading = False

    def _show_color(self, button: QPushButton, color: str) -> None:
        button.setIcon(swatch(color))
        button.setText(color)

    def _label_name_edited(self, text: str) -> None:
        draft = self._current_label()
        if draft is None:
            return
        draft.name = text
        item = self.label_list.currentItem()
        item.setText(text)
        self._refresh_type_ends()

    def _rules_edited(self) -> None:
        draft = self._current_label()
        if draft is not None and not self._loading:
            draft.rules = self.rules_edit.toPlainText()

    def _label_keys_edited(self, text: str) -> None:
        draft = self._current_label()
        if draft is not None:
            draft.keys = text

    def _choose_label_color(self) -> None:
        draft = self._current_label()
        if draft is None:
            return
        color = pick_color(draft.color, self, f"Colour of {draft.name}")
        if color is None:
            return
        draft.color = color
        self._show_color(self.color_button, color)
        self.label_list.currentItem().setIcon(swatch(color))

    def _add_label(self) -> None:
        names = {d.name for d in self._labels}
        name, n = "New label", 2
        while name in names:
            name, n = f"New label {n}", n + 1
        self._labels.append(LabelDraft(name, _PALETTE[len(self._labels) % len(_PALETTE)]))
        self._refill_label_list(len(self._labels) - 1)
        self._refresh_type_ends()
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def _remove_label(self) -> None:
        row = self.label_list.currentRow()
        draft = self._current_label()
        if draft is None:
            return
        used = self._usage(draft.original) if draft.original is not None else 0
        if used > 0:
            answer = QMessageBox.question(
                self,
                "Delete label",
                message_text(
                    f"Label {draft.name} is used by {plural(used, 'annotation')};"
                    " delete it and them?"
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        del self._labels[row]
        for rtype in self._types:
            rtype.sources = [d for d in rtype.sources if d is not draft]
            rtype.targets = [d for d in rtype.targets if d is not draft]
        self._refill_label_list(row)
        self._refresh_type_ends()

    def _move_label(self, step: int) -> None:
        other = swap_entries(self.label_list, self._labels, step)
        if other is None:
            return
        self._refill_label_list(other)
        self._refresh_type_ends()

    # ------------------------------------------------------------- attributes
    def _append_attribute_row(self, attr: AttrDraft) -> None:
        was_loading, self._loading = self._loading, True
        row = self.attribute_table.rowCount()
        self.attribute_table.insertRow(row)
        self.attribute_table.setItem(row, 0, QTableWidgetItem(attr.name))
        kind = QComboBox(self.attribute_table)
        kind.addItems(list(ATTRIBUTE_KINDS))
        kind.setCurrentText(attr.kind)
        kind.currentTextChanged.connect(self._attributes_edited)
        self.attribute_table.setCellWidget(row, 1, kind)
        self.attribute_table.setItem(row, 2, QTableWidgetItem(attr.values))
        self._loading = was_loading

    def _attributes_edited(self, *_args: object) -> None:
        if self._loading:
            return
        draft = self._current_label()
        if draft is None:
            return
        table = self.attribute_table
        attrs = []
        for row in range(table.rowCount()):
            name_item, values_item = table.item(row, 0), table.item(row, 2)
            kind = table.cellWidget(row, 1)
            attrs.append(
                AttrDraft(
                    name_item.text() if name_item else "",
                    kind.currentText() if isinstance(kind, QComboBox) else "enum",
                    values_item.text() if values_item else "",
                )
            )
        draft.attributes = attrs

    def _add_attribute(self) -> None:
        draft = self._current_label()
        if draft is None:
            return
        names = {a.name for a in draft.attributes}
        name, n = "attribute", 2
        while name in names:
            name, n = f"attribute{n}", n + 1
        attr = AttrDraft(name, "text")
        draft.attributes.append(attr)
        self._append_attribute_row(attr)
        self.attribute_table.setCurrentCell(self.attribute_table.rowCount() - 1, 0)

    def _remove_attribute(self) -> None:
        draft = self._current_label()
        row = self.attribute_table.currentRow()
        if draft is None or not 0 <= row < len(draft.attributes):
            return
        del draft.attributes[row]
        self._loading = True
        self.attribute_table.removeRow(row)
        self._loading = False

    # ========================================================== import/export
    def _import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import label schema", "", _SCHEMA_FILTER)
        if not name:
            return
        try:
            imported = load_schema_file(name).with_ids_from(self._initial)
        except SchemaError as exc:
            QMessageBox.warning(self, "Cannot import the label schema", message_text(str(exc)))
            return
        kept = {lab.id for lab in imported.labels}
        dropped = [
            (d.name, self._usage(d.original))
            for d in self._labels
            if d.id is not None and d.id not in kept and d.original is not None
        ]
        used = [(n, u) for n, u in dropped if u > 0]
        if used:
            total = sum(u for _, u in used)
            names = ", ".join(n for n, _ in used)
            answer = QMessageBox.question(
                self,
                "Import label schema",
                message_text(
                    f"The imported schema has no label {names}, used by"
                    f" {plural(total, 'annotation')}; delete them?"
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._load_schema(imported)

    def _export(self) -> None:
        try:
            schema = self.build_schema()
        except SchemaError as exc:
            QMessageBox.warning(self, "The label schema is not valid", message_text(str(exc)))
            return
        name, chosen = QFileDialog.getSaveFileName(
            self, "Export label schema", "labels.toml", ";;".join(_EXPORT_FILTERS)
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".toml", ".json"):
            path = path.with_name(
                path.name + (".json" if chosen == _EXPORT_FILTERS[1] else ".toml")
            )
        try:
            save_schema_file(schema, path)
        except (OSError, SchemaError) as exc:
            QMessageBox.warning(self, "Cannot export the label schema", message_text(str(exc)))


def _label_rules(draft: LabelDraft) -> tuple[Rule, ...] | None:
    if draft.rules == rules_to_text(draft.stored_rules or ()):
        return draft.stored_rules  # unchanged (None: none stored, the store keeps it so)
    try:
        return rules_from_text(draft.rules)
    except RuleError as exc:
        raise SchemaError(f"The rules of label “{draft.name.strip()}”: {exc}") from None
