"""File → New Project…, Open Recent, Save a Copy As…, Close Project, driven with real keys
(issue #14 item 3). Only the file dialogs are patched, at their boundary."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers import SEED, make_project, tag
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.gui.recent_projects import recent_projects
from annotator.store import Project
from annotator.store.schema import SCHEMA_VERSION

CTRL = Qt.KeyboardModifier.ControlModifier


def _save_dialog_returns(monkeypatch, path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    titles: list[str] = []

    def dialog(_parent, title, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        titles.append(title)
        return str(path), "Annotator projects (*.annotator)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return titles


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


def test_ctrl_n_creates_a_project_and_opens_it(open_window, seed_project, tmp_path, monkeypatch):
    window = open_window(seed_project)
    new = tmp_path / "fresh" / "interviews"  # no suffix typed: .annotator is added
    new.parent.mkdir()
    titles = _save_dialog_returns(monkeypatch, new)
    QTest.keyClick(window.documentView, Qt.Key.Key_N, CTRL)
    created = new.with_suffix(".annotator")
    assert titles == ["New project"]
    assert created.is_file()
    assert window.windowTitle() == "interviews.annotator — Annotator"
    assert window.documentList.document_ids() == []
    assert window.undoStack.count() == 0
    with Project.open(created, read_only=True) as project:
        assert [label.name for label in project.labels()] == ["Claim", "Actor"]
    with sqlite3.connect(created) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert recent_projects()[0] == created.resolve()


def test_new_project_never_replaces_an_existing_file(
    open_window, seed_project, tmp_path, monkeypatch
):
    window = open_window(seed_project)
    other = tmp_path / "other.annotator"
    make_project(other, [SEED])
    before = other.read_bytes()
    _save_dialog_returns(monkeypatch, other)
    errors: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.critical", lambda _p, title, text: errors.append(text)
    )
    QTest.keyClick(window.documentView, Qt.Key.Key_N, CTRL)
    assert errors and "already exists" in errors[0]
    assert other.read_bytes() == before
    assert window.windowTitle() == "seed.annotator — Annotator"


def test_close_project_shows_the_welcome_screen_and_enter_reopens(open_window, seed_project):
    window = open_window(seed_project)
    ids = window.documentList.document_ids()
    QTest.keyClick(window.documentView, Qt.Key.Key_W, CTRL)
    welcome = window.findChild(QWidget, "welcomeScreen")
    assert welcome is not None and welcome.isVisible()
    assert not window.documentView.isVisible()
    assert window.windowTitle() == "Annotator"
    assert not window.actionRegistry["export"].isEnabled()  # nothing to export
    recent = welcome.recentList
    assert recent.hasFocus() and recent.currentRow() == 0
    assert seed_project.name in recent.currentItem().text()
    QTest.keyClick(recent, Qt.Key.Key_Return)
    assert not welcome.isVisible() and window.documentView.isVisible()
    assert window.windowTitle() == "seed.annotator — Annotator"
    assert window.documentList.document_ids() == ids
    assert window.actionRegistry["export"].isEnabled()
    assert window.document_id == ids[0]
    assert window.documentView.text  # the article is shown again


def test_a_missing_recent_project_is_pruned(open_window, seed_project, tmp_path, monkeypatch):
    window = open_window(seed_project)
    gone = tmp_path / "gone.annotator"
    make_project(gone, [SEED])
    for target in (gone, seed_project):  # File → Open Project… twice (Ctrl+O)
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", lambda *_a, t=target, **_k: (str(t), "")
        )
        QTest.keyClick(window.documentView, Qt.Key.Key_O, CTRL)
    assert recent_projects() == [seed_project.resolve(), gone.resolve()]
    gone.unlink()
    QTest.keyClick(window.documentView, Qt.Key.Key_W, CTRL)
    welcome = window.findChild(QWidget, "welcomeScreen")
    assert welcome.recent_paths() == [seed_project.resolve()]
    window.projects.recentMenu.aboutToShow.emit()  # what File → Open Recent lists
    names = [a.text() for a in window.projects.recentMenu.actions() if a.text()]
    assert names == ["&1 seed.annotator", "&Clear Recent"]


def test_save_a_copy_has_the_same_rows(open_window, seed_project, tmp_path, monkeypatch):
    window = open_window(seed_project)
    tag(window, "Pyongyang", Qt.Key.Key_2)
    copy = tmp_path / "copy.annotator"
    titles = _save_dialog_returns(monkeypatch, copy)
    window.actionRegistry["savecopy"].trigger()  # File → Save a Copy As… (no shortcut)
    assert titles == ["Save a copy of the project"]
    assert window.windowTitle() == "seed.annotator — Annotator"  # still on the original
    with Project.open(copy, read_only=True) as project:
        assert len(project.documents()) == 1
    for table in ("documents", "annotations", "labels", "relations"):
        assert _rows(copy, table) == _rows(seed_project, table)
    assert len(_rows(copy, "annotations")) == 1


def test_read_only_title_mark(seed_project, qtbot):
    from annotator.gui import MainWindow

    window = MainWindow(Project.open(seed_project, read_only=True))  # `gui --read-only`
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "seed.annotator [read-only] — Annotator"


def test_save_a_copy_never_replaces_an_open_project(
    open_window, seed_project, tmp_path, monkeypatch
):
    window = open_window(seed_project)
    other = tmp_path / "other.annotator"
    make_project(other, [])
    with Project.open(other, lock=True):  # open elsewhere: its journal is next to it
        before = other.read_bytes()
        _save_dialog_returns(monkeypatch, other)
        errors: list[str] = []
        monkeypatch.setattr(
            "PySide6.QtWidgets.QMessageBox.critical", lambda _p, _title, text: errors.append(text)
        )
        window.actionRegistry["savecopy"].trigger()
        assert errors and "is open or was not closed" in errors[0]
        assert other.read_bytes() == before
