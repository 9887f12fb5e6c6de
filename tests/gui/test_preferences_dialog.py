"""Edit → Preferences… (Ctrl+,; issue #14 item 4), driven with real keys: every change applies
at once (palette, text font, snap, backups), lands where it belongs (QSettings for the machine,
the project's settings table for the project), and the dialog shows it when opened again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.gui.export_dialog import ExportDialog
from annotator.gui.pane_state import window_settings

CTRL = Qt.KeyboardModifier.ControlModifier
DARK_WINDOW = "#2b2b2b"


def open_preferences(window, qtbot):  # type: ignore[no-untyped-def]
    QTest.keyClick(window.documentView, Qt.Key.Key_Comma, CTRL)
    dialog = window.preferencesDialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.objectName() == "preferencesDialog"
    return dialog


def press(widget, key: Qt.Key, times: int = 1) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    for _ in range(times):
        QTest.keyClick(widget, key)


def project_setting(path: Path, key: str) -> str | None:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def test_theme_and_text_size_apply_at_once(seed_project, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    dialog = open_preferences(window, qtbot)
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() != DARK_WINDOW
    size = window.documentView.font().pointSizeF()

    press(dialog.themeCombo, Qt.Key.Key_Down, 2)  # System → Light → Dark
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == DARK_WINDOW
    assert window.themeActions["dark"].isChecked()  # the View menu says the same
    press(dialog.sizeCombo, Qt.Key.Key_Down)
    assert window.documentView.font().pointSizeF() > size
    press(dialog.fontCombo, Qt.Key.Key_Down)  # Serif → Sans-serif
    assert "Noto Sans" in window.documentView.font().families()
    assert window.fontActions["sans"].isChecked()

    window.fontActions["serif"].trigger()  # View → Serif Text, the dialog open: it follows
    assert dialog.fontCombo.currentText() == "Serif"

    QTest.keyClick(dialog.fontCombo, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(window.documentView.hasFocus)  # the keyboard is back in the text
    window.apply_theme("light")  # leave the application's palette as other tests expect


def test_name_backups_and_snap_are_stored_and_shown_again(seed_project, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    dialog = open_preferences(window, qtbot)
    dialog.nameEdit.setFocus()
    QTest.keyClick(dialog.nameEdit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.nameEdit, "Ana Lima")  # replaces the name shown (tests: "tester")
    QTest.keyClick(dialog.nameEdit, Qt.Key.Key_Tab)  # leaving the box stores it
    assert window_settings().value("identity/annotator") == "Ana Lima"
    every = dialog.backupEvery.value()
    press(dialog.backupEvery, Qt.Key.Key_Up)
    assert project_setting(seed_project, "backup.every_minutes") == str(every + 1)
    press(dialog.backupKeep, Qt.Key.Key_Down)
    kept = dialog.backupKeep.value()
    assert project_setting(seed_project, "backup.keep") == str(kept)
    press(dialog.snapBox, Qt.Key.Key_Space)  # snap to words: on by default, now off
    assert not window.snapAction.isChecked()
    assert project_setting(seed_project, "gui.snap_to_words") == "0"
    QTest.keyClick(dialog.snapBox, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(window.documentView.hasFocus)

    again = open_preferences(window, qtbot)
    window.themeActions["dark"].trigger()  # View → Dark Theme: the open dialog follows
    assert again.themeCombo.currentText() == "Dark"
    window.themeActions["light"].trigger()
    assert again.nameEdit.text() == "Ana Lima"
    assert again.backupEvery.value() == every + 1
    assert again.backupKeep.value() == kept
    assert not again.snapBox.isChecked()


def test_the_export_dialog_starts_in_the_default_export_folder(
    seed_project, open_window, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog = open_preferences(window, qtbot)
    dialog.exportFolderEdit.setFocus()
    QTest.keyClicks(dialog.exportFolderEdit, str(folder))
    QTest.keyClick(dialog.exportFolderEdit, Qt.Key.Key_Return)

    export = ExportDialog(window, window.project, window.document_id)
    qtbot.addWidget(export)
    assert Path(export.destination).parent == folder


def test_how_often_the_model_is_trained_again_is_a_project_setting(
    seed_project, open_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    dialog = open_preferences(window, qtbot)
    assert dialog.retrainAfter.value() == 50  # the default (issue #15)
    press(dialog.retrainAfter, Qt.Key.Key_Down)
    assert project_setting(seed_project, "model.retrain_after") == "49"
    dialog.retrainAfter.setValue(1)
    press(dialog.retrainAfter, Qt.Key.Key_Down)  # 0: never by itself
    assert project_setting(seed_project, "model.retrain_after") == "0"
    assert dialog.retrainAfter.text() == "never by itself (this project)"
