"""The annotation workbench driven from the keyboard: tag, link, attributes, notes, boundaries,
undo/redo — checked on screen and in SQLite."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers import SEED, make_project, select_with_keyboard, tag
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
CLAIM = "some 1,500 North Korean special forces had been sent"
ACTOR = "National Intelligence Service"


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table that holds user work."""
    with sqlite3.connect(path) as conn:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("annotations", "relations", "labels", "relation_types")
        }


def spans(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT l.name, a.text, a.attributes, a.note FROM annotations a"
            " JOIN labels l ON l.id = a.label_id ORDER BY a.id"
        ).fetchall()


def relations(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT t.name, s.text, o.text FROM relations r"
            " JOIN relation_types t ON t.id = r.type_id"
            " JOIN annotations s ON s.id = r.source_id JOIN annotations o ON o.id = r.target_id"
        ).fetchall()


def find_and_select(window, phrase: str) -> None:  # type: ignore[no-untyped-def]
    """Keyboard only: Ctrl+F, type the phrase, Esc — the match stays selected."""
    QTest.keyClick(window, Qt.Key.Key_F, CTRL)
    QTest.keyClicks(window.findBar.edit, phrase)
    QTest.keyClick(window.findBar.edit, Qt.Key.Key_Escape)
    assert window.documentView.textCursor().selectedText() == phrase


def accept_link_dialog_when_open(choose_text: str) -> None:
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "linkDialog"
        QTest.keyClicks(dialog.filterEdit, choose_text)
        QTest.keyClick(dialog.list, Qt.Key.Key_Return)

    QTimer.singleShot(50, act)


def test_keyboard_only_session(seed_project, open_window, qtbot):
    window = open_window(seed_project)
    view = window.documentView

    find_and_select(window, CLAIM)
    QTest.keyClick(view, Qt.Key.Key_1)  # tag the claim
    find_and_select(window, ACTOR)
    QTest.keyClick(view, Qt.Key.Key_2)  # tag its actor
    QTest.keyClick(view, Qt.Key.Key_Down, ALT)  # next annotation: the claim after the actor
    assert window.current_annotation().label == "Claim"

    accept_link_dialog_when_open("Intelligence")
    QTest.keyClick(view, Qt.Key.Key_L)  # link claim -> actor
    assert relations(seed_project) == [("claimant", CLAIM, ACTOR)]
    qtbot.waitUntil(window.isActiveWindow)  # the dialog has handed focus back

    QTest.keyClick(view, Qt.Key.Key_E)  # attributes: focus goes to stance
    stance = window.annotationPanel.editors["stance"]
    assert stance.hasFocus()
    QTest.keyClick(stance, Qt.Key.Key_Down)  # — -> support
    QTest.keyClick(stance, Qt.Key.Key_Escape)
    QTest.keyClick(view, Qt.Key.Key_N)  # note
    QTest.keyClicks(window.annotationPanel.noteEdit, "Attributed to the NIS")
    QTest.keyClick(window.annotationPanel.noteEdit, Qt.Key.Key_Escape)
    assert view.hasFocus()
    QTest.keyClick(view, Qt.Key.Key_Right, CTRL | SHIFT | ALT)  # end + 1 word: "... sent already"

    claim = next(s for s in spans(seed_project) if s[0] == "Claim")
    assert claim == ("Claim", CLAIM + " already", '{"stance": "support"}', "Attributed to the NIS")

    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo the resize
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo the note
    claim = next(s for s in spans(seed_project) if s[0] == "Claim")
    assert claim == ("Claim", CLAIM, '{"stance": "support"}', "")
    assert window.annotationPanel.noteEdit.toPlainText() == ""

    QTest.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)  # redo the note
    claim = next(s for s in spans(seed_project) if s[0] == "Claim")
    assert claim == ("Claim", CLAIM, '{"stance": "support"}', "Attributed to the NIS")
    assert relations(seed_project) == [("claimant", CLAIM, ACTOR)]
    model = window.annotationList.model()
    assert model.rowCount() == 2


def test_undo_and_redo_leave_the_database_identical(seed_project, open_window):
    window = open_window(seed_project)
    view = window.documentView
    before = dump(seed_project)
    tag(window, CLAIM, Qt.Key.Key_C)
    tag(window, ACTOR, Qt.Key.Key_A)
    claim_id = next(a.id for a in window.project.annotations(1) if a.label == "Claim")
    window.select_annotation(claim_id)
    window.link_to(next(a.id for a in window.project.annotations(1) if a.label == "Actor"))
    QTest.keyClick(view, Qt.Key.Key_2)  # relabel the claim as an Actor
    QTest.keyClick(view, Qt.Key.Key_Left, SHIFT | ALT)  # shrink its end
    window.set_attribute("type", "organisation")
    QTest.keyClick(view, Qt.Key.Key_Delete)  # delete it (and its link)
    after = dump(seed_project)
    steps = window.undoStack.count()
    assert steps == 7

    for _ in range(steps):
        window.undoStack.undo()
    assert dump(seed_project) == before
    assert window.annotationList.model().rowCount() == 0
    for _ in range(steps):
        window.undoStack.redo()
    assert dump(seed_project) == after


def test_undo_survives_switching_documents(tmp_path, open_window):
    other = tmp_path / "other.txt"
    other.write_text("Ministers met in Geneva on Tuesday.\n", "utf-8")
    path = tmp_path / "two.annotator"
    first, second = make_project(path, [SEED, other])
    window = open_window(path)
    window.open_document(first)
    select_with_keyboard(window.documentView, CLAIM)
    QTest.keyClick(window.documentView, Qt.Key.Key_1)
    window.open_document(second)

    window.undoStack.undo()

    assert window.document_id == first  # the undo is shown where it happened
    assert spans(path) == []
    assert window.annotationList.model().rowCount() == 0


def test_label_key_on_a_selected_annotation_relabels_it(seed_project, open_window):
    window = open_window(seed_project)
    view = window.documentView
    tag(window, ACTOR, Qt.Key.Key_1)
    QTest.keyClick(view, Qt.Key.Key_2)
    assert spans(seed_project) == [("Actor", ACTOR, "{}", "")]


def test_selection_snaps_to_words_unless_turned_off(seed_project, open_window):
    window = open_window(seed_project)
    tag(window, "ational Intelligence Serv", Qt.Key.Key_2)
    assert spans(seed_project)[-1][1] == ACTOR
    window.snapAction.setChecked(False)
    tag(window, "ational Intelligence Serv", Qt.Key.Key_1)
    assert spans(seed_project)[-1][1] == "ational Intelligence Serv"


def test_cycle_overlapping_annotations(seed_project, open_window):
    window = open_window(seed_project)
    view = window.documentView
    tag(window, CLAIM, Qt.Key.Key_1)
    tag(window, "North Korean", Qt.Key.Key_2)
    seen = set()
    for _ in range(2):
        QTest.keyClick(view, Qt.Key.Key_O, ALT)
        seen.add(window.current_annotation().label)
    assert seen == {"Claim", "Actor"}


def test_linked_actor_is_marked_when_the_claim_is_selected(seed_project, open_window):
    window = open_window(seed_project)
    view = window.documentView
    claim = tag(window, CLAIM, Qt.Key.Key_1)
    actor = tag(window, ACTOR, Qt.Key.Key_2)
    window.select_annotation(claim.id)
    window.link_to(actor.id)

    window.select_annotation(claim.id)

    marks = view.extraSelections()
    marked = {(m.cursor.selectionStart(), m.cursor.selectionEnd()) for m in marks}
    assert (view.offsets.to_utf16(actor.start), view.offsets.to_utf16(actor.end)) in marked
    relation_rows = window.annotationPanel.relationList
    assert relation_rows.count() == 1 and "claimant" in relation_rows.item(0).text()
    assert "stance" in window.annotationPanel.editors


def test_deleting_a_span_removes_its_links_and_undo_restores_them(seed_project, open_window):
    window = open_window(seed_project)
    view = window.documentView
    claim = tag(window, CLAIM, Qt.Key.Key_1)
    tag(window, ACTOR, Qt.Key.Key_2)
    window.select_annotation(claim.id)
    window.link_to(window.project.annotations(1)[0].id)
    window.select_annotation(window.project.annotations(1)[0].id)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert relations(seed_project) == []
    window.undoStack.undo()
    assert relations(seed_project) == [("claimant", CLAIM, ACTOR)]


def test_find_highlights_every_match(seed_project, open_window):
    window = open_window(seed_project)
    QTest.keyClick(window, Qt.Key.Key_F, CTRL)
    QTest.keyClicks(window.findBar.edit, "north korea")
    assert len(window.findBar.matches) == window.documentView.text.lower().count("north korea")
    assert len(window.documentView.extraSelections()) >= len(window.findBar.matches)


def test_label_filter_hides_other_labels(seed_project, open_window):
    window = open_window(seed_project)
    tag(window, CLAIM, Qt.Key.Key_1)
    tag(window, ACTOR, Qt.Key.Key_2)
    window.labelFilter.setCurrentIndex(window.labelFilter.findText("Actor"))
    hidden = [window.annotationList.isRowHidden(r) for r in range(2)]
    labels = [window.annotationList.annotation_model.annotation(r).label for r in range(2)]
    assert [lab for lab, h in zip(labels, hidden, strict=True) if not h] == ["Actor"]


def test_zoom_and_theme_are_remembered(seed_project, open_window):
    window = open_window(seed_project)
    size = window.documentView.font().pointSizeF()
    QTest.keyClick(window, Qt.Key.Key_Plus, CTRL)
    assert window.documentView.font().pointSizeF() > size
    window.themeActions["dark"].trigger()
    window.close()
    again = open_window(seed_project)
    assert again.documentView.font().pointSizeF() > size
    assert again.theme == "dark"
    again.themeActions["light"].trigger()
