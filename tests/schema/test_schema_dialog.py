"""The label schema dialog, driven through its widgets (no database writes of its own)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QDialog, QDialogButtonBox, QFileDialog, QMessageBox

from annotator.core.label_schema import LabelSchema, load_schema_file, save_schema_file
from annotator.core.labels import Label, RelationType
from annotator.core.styled_text import StyledText
from annotator.gui.schema_dialog import SchemaDialog
from annotator.store import NewDocument, Project

TEXT = "President Yoon said the threat is real. Kim Jong Un denied it."


@pytest.fixture
def project(tmp_path: Path):
    with Project.open(tmp_path / "p.annotator") as proj:
        doc = proj.add_document(NewDocument("t", StyledText(TEXT)))
        claim = proj.add_annotation(doc, 20, 38, "Claim")
        actor = proj.add_annotation(doc, 0, 14, "Actor")
        proj.add_annotation(doc, 40, 51, "Actor")
        proj.add_relation("claimant", claim.id, actor.id)
        yield proj


class Questions:
    """Stands in for QMessageBox.question / warning, recording what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: Any) -> None:
        self.asked: list[str] = []
        self.warned: list[str] = []
        self.answer = answer
        monkeypatch.setattr(QMessageBox, "question", self._question)
        monkeypatch.setattr(QMessageBox, "warning", self._warning)

    def _question(self, parent: Any, title: str, text: str, *args: Any) -> Any:
        self.asked.append(text)
        return self.answer

    def _warning(self, parent: Any, title: str, text: str, *args: Any) -> Any:
        self.warned.append(text)
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    return Questions(monkeypatch, QMessageBox.StandardButton.Yes)


@pytest.fixture
def dialog(qtbot, project: Project, questions: Questions) -> SchemaDialog:
    dlg = SchemaDialog(project.label_schema(), project.label_usage)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def ok(qtbot, dlg: SchemaDialog) -> LabelSchema:
    click(qtbot, dlg.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert dlg.result() == QDialog.DialogCode.Accepted
    return dlg.result_schema()


def retype(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_shows_the_schema(dialog: SchemaDialog) -> None:
    assert dialog.objectName() == "schemaDialog"
    assert [dialog.label_list.item(i).text() for i in range(dialog.label_list.count())] == [
        "Claim",
        "Actor",
    ]
    assert dialog.name_edit.text() == "Claim"
    assert dialog.keys_edit.text() == "1 C"
    assert dialog.attribute_table.rowCount() == 2
    assert dialog.type_list.count() == 3


def test_unchanged_ok_returns_the_same_schema(qtbot, dialog, project) -> None:
    assert ok(qtbot, dialog) == project.label_schema()


def test_rename_keeps_id_and_follows_into_relation_types(qtbot, dialog, project) -> None:
    claim_id = project.label_schema().labels[0].id
    retype(qtbot, dialog.name_edit, "Assertion")
    assert dialog.label_list.item(0).text() == "Assertion"
    schema = ok(qtbot, dialog)
    assert schema.labels[0].name == "Assertion" and schema.labels[0].id == claim_id
    assert schema.relation_type("claimant").source_labels == ("Assertion",)
    # Applied by the caller: the annotations stay.
    project.apply_label_schema(schema)
    assert project.label_usage("Assertion") == 1


def test_recolour(qtbot, dialog, monkeypatch) -> None:
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#123456"))
    dialog.label_list.setCurrentRow(1)
    click(qtbot, dialog.color_button)
    assert dialog.color_button.text() == "#123456"
    assert ok(qtbot, dialog).labels[1].color == "#123456"


def test_cancelled_colour_changes_nothing(qtbot, dialog, monkeypatch) -> None:
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor())
    click(qtbot, dialog.color_button)
    assert ok(qtbot, dialog).labels[0].color == "#f6c85f"


def test_reorder(qtbot, dialog) -> None:
    assert not dialog.label_up_button.isEnabled()
    click(qtbot, dialog.label_down_button)
    assert dialog.label_list.currentRow() == 1
    assert dialog.name_edit.text() == "Claim"
    dialog.tabs.setCurrentIndex(1)
    dialog.type_list.setCurrentRow(2)
    click(qtbot, dialog.type_up_button)
    schema = ok(qtbot, dialog)
    assert schema.label_names == ("Actor", "Claim")
    assert [rt.name for rt in schema.relation_types] == ["claimant", "target", "addressee"]


def test_delete_used_label_asks_and_no_keeps_it(qtbot, dialog, questions) -> None:
    questions.answer = QMessageBox.StandardButton.No
    dialog.label_list.setCurrentRow(1)
    click(qtbot, dialog.remove_label_button)
    assert questions.asked == ["Label Actor is used by 2 annotations; delete it and them?"]
    assert dialog.label_list.count() == 2


def test_delete_used_label_yes_removes_it_everywhere(qtbot, dialog, questions) -> None:
    dialog.label_list.setCurrentRow(1)
    click(qtbot, dialog.remove_label_button)
    assert len(questions.asked) == 1
    schema = ok(qtbot, dialog)
    assert schema.label_names == ("Claim",)
    assert all(rt.target_labels == () for rt in schema.relation_types)


def test_renamed_label_is_counted_under_its_stored_name(qtbot, dialog, questions) -> None:
    dialog.label_list.setCurrentRow(1)
    retype(qtbot, dialog.name_edit, "Person")
    click(qtbot, dialog.remove_label_button)
    assert questions.asked == ["Label Person is used by 2 annotations; delete it and them?"]


def test_unused_or_new_label_is_deleted_without_asking(qtbot, dialog, questions) -> None:
    click(qtbot, dialog.add_label_button)
    assert dialog.name_edit.text() == "New label"
    click(qtbot, dialog.remove_label_button)
    assert questions.asked == []
    assert dialog.label_list.count() == 2


def test_add_label_with_keys_and_attributes(qtbot, dialog) -> None:
    click(qtbot, dialog.add_label_button)
    retype(qtbot, dialog.name_edit, "Event")
    retype(qtbot, dialog.keys_edit, "3 E")
    click(qtbot, dialog.add_attribute_button)
    click(qtbot, dialog.add_attribute_button)
    table = dialog.attribute_table
    table.item(0, 0).setText("kind")
    table.cellWidget(0, 1).setCurrentText("enum")
    table.item(0, 2).setText("war, election ,, protest")
    table.cellWidget(1, 1).setCurrentText("bool")
    table.item(1, 2).setText("ignored for bool")
    schema = ok(qtbot, dialog)
    event = schema.label("Event")
    assert event is not None and event.id is None and event.keys == ("3", "E")
    assert [(a.name, a.kind, a.values) for a in event.attributes] == [
        ("kind", "enum", ("war", "election", "protest")),
        ("attribute2", "bool", ()),
    ]


def test_remove_attribute(qtbot, dialog) -> None:
    dialog.attribute_table.setCurrentCell(0, 0)
    click(qtbot, dialog.remove_attribute_button)
    schema = ok(qtbot, dialog)
    assert [a.name for a in schema.labels[0].attributes] == ["certainty"]


def test_edits_survive_switching_labels(qtbot, dialog) -> None:
    retype(qtbot, dialog.keys_edit, "Q")
    dialog.attribute_table.item(0, 2).setText("yes, no")
    dialog.label_list.setCurrentRow(1)
    assert dialog.keys_edit.text() == "2 A"
    dialog.label_list.setCurrentRow(0)
    assert dialog.keys_edit.text() == "Q"
    assert dialog.attribute_table.item(0, 2).text() == "yes, no"


def test_invalid_schema_keeps_the_dialog_open(qtbot, dialog, questions) -> None:
    retype(qtbot, dialog.keys_edit, "2")  # Actor has 2 already
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert dialog.isVisible()
    assert questions.warned == ["key '2' is used twice (labels 'Claim' and 'Actor')"]
    retype(qtbot, dialog.keys_edit, "1")
    assert ok(qtbot, dialog).labels[0].keys == ("1",)


def test_enum_without_values_is_refused(qtbot, dialog, questions) -> None:
    dialog.attribute_table.item(0, 2).setText(" , ")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert dialog.isVisible()
    assert "enum attribute needs at least one value" in questions.warned[0]


def test_cancel(qtbot, dialog) -> None:
    retype(qtbot, dialog.name_edit, "Whatever")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_edit_relation_types(qtbot, dialog) -> None:
    dialog.tabs.setCurrentIndex(1)
    dialog.type_list.setCurrentRow(0)
    assert dialog.type_name_edit.text() == "claimant"
    assert dialog.source_list.item(0).checkState() == Qt.CheckState.Checked
    retype(qtbot, dialog.type_name_edit, "speaker")
    assert dialog.type_list.item(0).text() == "speaker"
    dialog.target_list.item(0).setCheckState(Qt.CheckState.Checked)  # Claim too
    click(qtbot, dialog.add_type_button)
    retype(qtbot, dialog.type_name_edit, "agrees with")
    dialog.source_list.item(1).setCheckState(Qt.CheckState.Checked)
    dialog.type_list.setCurrentRow(1)  # addressee
    click(qtbot, dialog.remove_type_button)
    schema = ok(qtbot, dialog)
    assert [(rt.name, rt.source_labels, rt.target_labels) for rt in schema.relation_types] == [
        ("speaker", ("Claim",), ("Claim", "Actor")),
        ("target", ("Claim",), ("Actor",)),
        ("agrees with", ("Actor",), ()),
    ]
    assert schema.relation_types[0].id is not None and schema.relation_types[2].id is None


def test_relation_type_colour(qtbot, dialog, monkeypatch) -> None:
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#abcdef"))
    dialog.tabs.setCurrentIndex(1)
    click(qtbot, dialog.type_color_button)
    assert ok(qtbot, dialog).relation_types[0].color == "#abcdef"


def test_new_label_shows_up_in_relation_type_lists(qtbot, dialog) -> None:
    click(qtbot, dialog.add_label_button)
    retype(qtbot, dialog.name_edit, "Event")
    dialog.tabs.setCurrentIndex(1)
    assert dialog.source_list.item(2).text() == "Event"


def test_export(qtbot, dialog, monkeypatch, tmp_path: Path) -> None:
    target = tmp_path / "exported"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "JSON (*.json)")
    )
    click(qtbot, dialog.export_button)
    written = load_schema_file(tmp_path / "exported.json")
    assert written == dialog.build_schema().without_ids()


def test_import_keeps_ids_by_name_and_asks_before_dropping(
    qtbot, dialog, monkeypatch, questions, tmp_path: Path, project: Project
) -> None:
    path = tmp_path / "other.toml"
    save_schema_file(
        LabelSchema(
            (Label("Event", "#ff0000", ("3",)), Label("Claim", "#000000", ("1",))),
            (RelationType("causes", ("Event",), ("Claim",)),),
        ),
        path,
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    questions.answer = QMessageBox.StandardButton.No
    click(qtbot, dialog.import_button)
    assert questions.asked == [
        "The imported schema has no label Actor, used by 2 annotations; delete them?"
    ]
    assert dialog.label_list.count() == 2 and dialog.label_list.item(1).text() == "Actor"
    questions.answer = QMessageBox.StandardButton.Yes
    click(qtbot, dialog.import_button)
    schema = ok(qtbot, dialog)
    stored = project.label_schema()
    assert schema.label_names == ("Event", "Claim")
    assert schema.labels[1].id == stored.labels[0].id and schema.labels[0].id is None
    assert schema.relation_types[0].id is None
    change = project.apply_label_schema(schema)
    assert project.label_usage("Claim") == 1 and project.label_usage("Actor") == 0
    assert change.deleted_labels == ("Actor",)


def test_import_of_a_bad_file_warns(qtbot, dialog, monkeypatch, questions, tmp_path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"labels": [{"name": "A", "color": "red"}]}', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    click(qtbot, dialog.import_button)
    assert questions.warned == ["bad.json: label 'A': colour 'red' is not of the form #rrggbb"]
    assert dialog.label_list.count() == 2


def test_a_labels_suggestion_rules_are_edited_with_it(qtbot, dialog, project, questions) -> None:
    """Issue #15: the rules that suggest spans for a label, one per line, saved with the schema;
    a rule that does not compile keeps the dialog open and says which line."""
    dialog.label_list.setCurrentRow(1)  # Actor
    retype(qtbot, dialog.rules_edit, "regex: Kim Jong[- ]Un")
    qtbot.keyClick(dialog.rules_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.rules_edit, "tokens: (?i)president [A-Z]\\w+")
    dialog.label_list.setCurrentRow(0)  # the edit survives switching labels
    dialog.label_list.setCurrentRow(1)
    assert dialog.rules_edit.toPlainText().splitlines()[0] == "regex: Kim Jong[- ]Un"
    retype(qtbot, dialog.rules_edit, "regex: (unclosed")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert dialog.isVisible() and "line 1" in questions.warned[0]
    retype(qtbot, dialog.rules_edit, "regex: Kim Jong[- ]Un")
    qtbot.keyClick(dialog.rules_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.rules_edit, "tokens: (?i)president [A-Z]\\w+")
    schema = ok(qtbot, dialog)
    project.apply_label_schema(schema)
    rules = [rule.to_json() for rule in project.rules()["Actor"]]
    assert rules == [{"regex": "Kim Jong[- ]Un"}, {"tokens": ["(?i)president", "[A-Z]\\w+"]}]
