"""Files in and datasets out from the window: File menu, drag and drop, export dialog."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from helpers import SEED, select_with_keyboard
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton
from reader_threads import log_reader_threads


def drop_files(window, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(100, 100), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()  # the window takes file drops
    event = QDropEvent(
        QPointF(100, 100),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)


def test_dropping_files_imports_and_opens_them(tmp_path, open_window):
    notes = tmp_path / "notes.md"
    notes.write_text("# Briefing 🇺🇦\n\nThe **minister** said talks would resume.\n", "utf-8")
    window = open_window(tmp_path / "empty.annotator")
    assert window.documentList.model().rowCount() == 0

    drop_files(window, [SEED, notes])

    assert window.documentList.model().rowCount() == 2
    assert window.documentView.text.startswith("The Danger Of The Pyongyang-Moscow Axis")
    assert "Imported 2 documents" in window.statusBar().currentMessage()


def test_file_import_menu_uses_the_chosen_files(tmp_path, open_window, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(SEED)], "Articles"))
    window = open_window(tmp_path / "p.annotator")
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert window.documentList.model().rowCount() == 1


def test_a_broken_file_is_reported_and_the_rest_imported(tmp_path, open_window, monkeypatch):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait")  # Latin-1, not UTF-8
    warnings: list[str] = []
    questions: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    no = QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, q, *a: questions.append(q) or no)
    window = open_window(tmp_path / "p.annotator")
    drop_files(window, [bad, SEED])
    assert window.documentList.model().rowCount() == 1
    assert "bad.txt" in warnings[0] and "byte 3" in warnings[0]
    assert "bad.txt" in questions[0] and "U+FFFD" in questions[0]  # offered, declined


def test_invalid_utf8_can_be_imported_with_replacement_characters(
    tmp_path, open_window, monkeypatch
):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"caf\xe9 au lait")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda *a: yes)
    window = open_window(tmp_path / "p.annotator")
    drop_files(window, [bad])
    assert window.documentList.model().rowCount() == 1
    assert window.documentView.text == "caf\ufffd au lait"


def test_export_dialog_writes_exact_jsonl(seed_project, open_window, tmp_path, monkeypatch):
    out = tmp_path / "dataset.jsonl"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "Annotator JSONL (*.jsonl)")
    )
    infos: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: infos.append(text))
    window = open_window(seed_project)
    select_with_keyboard(window.documentView, "Kim Jong-un")
    QTest.keyClick(window.documentView, Qt.Key.Key_2)
    seen: list[str] = []

    def use_the_dialog() -> None:  # the modal dialog is up: Choose…, Export, Close
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, use_the_dialog)
            return
        buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
        QTest.mouseClick(buttons["Choose…"], Qt.MouseButton.LeftButton)
        QTest.mouseClick(buttons["Export"], Qt.MouseButton.LeftButton)
        seen.append(dialog.findChild(QLabel, "exportSummary").text())
        QTest.mouseClick(buttons["Close"], Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, use_the_dialog)
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)

    assert QApplication.activeModalWidget() is None  # Close closed it
    [record] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    [span] = record["spans"]
    assert span["label"] == "Actor" and span["text"] == "Kim Jong-un"
    assert record["text"][span["start"] : span["end"]] == "Kim Jong-un"
    assert "Wrote 1 document and 1 span." in infos[0] and "1 span" in seen[0]


def test_gui_command_imports_files_and_saves_a_screenshot(tmp_path):
    project = tmp_path / "cli.annotator"
    shot = tmp_path / "window.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator",
            "gui",
            str(project),
            str(SEED),
            "--screenshot",
            str(shot),
            "--quit",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_dropping_a_folder_imports_it_off_the_gui_thread(tmp_path, open_window, qtbot, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(f"Article {i}\n\nMinisters met on day {i}.\n", "utf-8")
    reader_threads = log_reader_threads(monkeypatch)
    window = open_window(tmp_path / "p.annotator")
    drop_files(window, [folder])
    qtbot.waitUntil(lambda: window.documentList.model().rowCount() == 3, timeout=10_000)
    assert len(reader_threads) == 3  # every file was read…
    assert threading.get_ident() not in reader_threads  # …and none in the GUI thread
