"""User strings are shown as the characters they are, never parsed as HTML (issue #17, item 11).

A label, attribute, title or note named ``<img src="/dev/zero"><b>X</b>`` made the side panel
load /dev/zero (5.9 GB in 15 s); any local image could be loaded the same way. One test per
widget that shows user strings: what it displays holds the literal ``<img``, and no image is in
the document Qt builds from it (or the widget shows plain text only).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import make_project, scroll_into_view, utf16_index
from PySide6 import QtGui
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

HOSTILE = '<img src="/dev/zero"><b>X</b>'
TEXT = "Kim met Putin in Moscow on Friday."


@pytest.fixture
def hostile_project(tmp_path: Path) -> Path:
    """A JSONL import whose title, label, attribute name and value, and note are all HOSTILE."""
    record = {
        "title": f"Report {HOSTILE}",
        "text": TEXT,
        "spans": [
            {"start": 8, "end": 13, "label": HOSTILE, "note": f"see {HOSTILE}",
             "attributes": {HOSTILE: HOSTILE}},
        ],
    }  # fmt: skip
    source = tmp_path / "hostile.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    path = tmp_path / "hostile.annotator"
    assert make_project(path, [source])
    return path


def shown(text: str) -> str:
    """What Qt displays for ``text`` in a tooltip or an auto-format label, as plain text; fails
    if Qt would parse an image out of it."""
    if not QtGui.Qt.mightBeRichText(text):  # Qt's own test for AutoText
        return text
    doc = QTextDocument()
    doc.setHtml(text)  # parsed only: images load at layout, which a test never triggers here
    assert "<img" not in doc.toHtml(), "the user's string became an image"
    return doc.toPlainText()


@pytest.fixture
def window(open_window, hostile_project: Path):  # type: ignore[no-untyped-def]
    window = open_window(hostile_project)
    if window.document_id is None:
        rect = window.documentList.visualRect(window.documentList.model().index(0, 0))
        QTest.mouseClick(
            window.documentList.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    assert window.document_id is not None
    return window


def select_first_row(window) -> None:  # type: ignore[no-untyped-def]
    table = window.annotationList
    rect = table.visualRect(table.model().index(0, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_annotation() is not None


def test_side_panel_heading_shows_the_label_name_as_text(window) -> None:
    select_first_row(window)
    heading = window.annotationPanel.heading
    assert HOSTILE in heading.text()
    assert "Putin" in heading.text()


def test_side_panel_attribute_name_is_plain_text(window, qtbot) -> None:
    select_first_row(window)
    editor = window.annotationPanel.editors[HOSTILE]
    qtbot.waitUntil(editor.isVisible)
    assert editor.currentText() == HOSTILE  # the value: a combo box item, plain by nature
    labels = window.annotationPanel.findChildren(QLabel)
    names = [w for w in labels if w.isVisible() and w.text() == HOSTILE]
    assert len(names) == 1, "the attribute's name is shown"
    assert names[0].textFormat() == Qt.TextFormat.PlainText


def test_annotation_list_tooltip_shows_label_and_note_as_text(window) -> None:
    model = window.annotationList.model()
    tip = shown(model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole))
    assert tip.startswith(f"{HOSTILE} [8, 13)")
    assert f"{HOSTILE}: {HOSTILE}" in tip and f"Note: see {HOSTILE}" in tip


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hovering_a_span_shows_its_label_and_note_as_text(window, qtbot) -> None:
    view = window.documentView
    point = scroll_into_view(view, utf16_index(view, "Putin") + 2)
    where = view.viewport().mapTo(view, point)
    event = QHelpEvent(QEvent.Type.ToolTip, where, view.mapToGlobal(where))
    QApplication.sendEvent(view, event)
    qtbot.waitUntil(lambda: QToolTip.text() != "")
    tip = shown(QToolTip.text())
    assert HOSTILE in tip and f"see {HOSTILE}" in tip
    QToolTip.hideText()


def test_document_list_tooltips_show_title_and_label_as_text(window) -> None:
    model = window.documentList.model()
    assert shown(model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)).startswith(
        f"Report {HOSTILE}\n"
    )
    assert shown(model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)) == f"{HOSTILE}: 1"


def test_search_result_tooltip_shows_the_title_as_text(window) -> None:
    QTest.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    QTest.keyClicks(window.searchPanel.query, "Putin")
    QTest.keyClick(window.searchPanel.query, Qt.Key.Key_Return)
    results = window.searchPanel.results
    assert results.count() == 1
    assert shown(results.item(0).toolTip()) == f"Report {HOSTILE}"
    assert window.searchPanel.status.textFormat() == Qt.TextFormat.PlainText


def test_label_toolbar_tooltip_shows_the_label_name_as_text(window) -> None:
    action = window.label_actions[HOSTILE]
    assert shown(action.toolTip()).startswith(f"Tag the selection as {HOSTILE}")


def test_export_summary_names_labels_as_text(window, qtbot, monkeypatch, tmp_path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from annotator.gui.export_dialog import ExportDialog

    monkeypatch.setattr(QMessageBox, "information", lambda *args: QMessageBox.StandardButton.Ok)
    dialog = ExportDialog(None, window.project, None)
    qtbot.addWidget(dialog)
    dialog.formatCombo.setCurrentIndex(dialog.formatCombo.findData("brat"))
    dialog.destinationEdit.setText(str(tmp_path / "brat"))
    QTest.mouseClick(dialog.exportButton, Qt.MouseButton.LeftButton)
    assert HOSTILE in dialog.summaryLabel.text()  # "brat names cannot hold spaces: '<img …"
    assert dialog.summaryLabel.textFormat() == Qt.TextFormat.PlainText


def test_a_tooltip_keeps_its_line_breaks(window) -> None:
    model = window.annotationList.model()
    tip = shown(model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole))
    assert tip.splitlines()[-1] == "Putin"


def test_message_boxes_show_the_title_as_text(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Library → Remove Document… names the document in a message box (which guesses plain or
    rich text from what it is given): the title shows as the characters it is."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def answer(_parent, _title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.removeDocumentAction.trigger()
    [text] = asked
    assert f"Report {HOSTILE}" in shown(text)
    assert window.project.document_ids()  # answered No: nothing removed
