"""One change path: a key press goes through the session, comes back as one ``changed`` record,
and the views repaint from it; a schema change repaints in place instead of reopening."""

from __future__ import annotations

from dataclasses import replace

from helpers import highlight_color_at, tag, utf16_index
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from annotator.gui.commands import ChangeSchema

ACTOR = "Kim Jong-un"


def test_a_label_key_sends_one_record_and_undo_another(seed_project, open_window):
    window = open_window(seed_project)
    heard = []
    window.feed.changed.connect(heard.append)

    ann = tag(window, ACTOR, Qt.Key.Key_2)

    assert len(heard) == 1 and [a.id for a in heard[0].added] == [ann.id]
    at = utf16_index(window.documentView, ACTOR)
    assert highlight_color_at(window.documentView, at) is not None
    QTest.keyClick(window.documentView, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(heard) == 2 and [a.id for a in heard[1].removed] == [ann.id]
    assert highlight_color_at(window.documentView, at) is None
    assert window.annotationList.annotation_model.rowCount() == 0


def test_a_recolour_repaints_in_place_and_keeps_the_current_annotation(seed_project, open_window):
    window = open_window(seed_project)
    ann = tag(window, ACTOR, Qt.Key.Key_2)
    view = window.documentView
    at = utf16_index(view, ACTOR)
    scroll = view.verticalScrollBar().value()
    schema = window.project.label_schema()
    labels = [
        replace(lab, color="#2a9d8f") if lab.name == "Actor" else lab for lab in schema.labels
    ]
    recoloured = replace(schema, labels=tuple(labels))

    window.push(ChangeSchema(window, recoloured))  # what Annotate → Edit Label Schema… pushes

    assert highlight_color_at(view, at).name() == QColor("#2a9d8f").name()
    assert window.current_annotation().id == ann.id  # not reopened: the selection stays
    assert window.annotationPanel.heading.text().split()[0] == "Actor"
    assert view.verticalScrollBar().value() == scroll
    window.undoStack.undo()
    assert highlight_color_at(view, at).name() != QColor("#2a9d8f").name()
    assert window.current_annotation().id == ann.id
