"""The window's side of issue #6: in-use dialog, read-only banner, restore from backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from safety_helpers import TEXT, make_project, raw

from annotator.gui import safety
from annotator.store import Project


@pytest.fixture
def saved(project_path: Path) -> dict[int, tuple[int, int, str]]:
    return make_project(project_path)


@pytest.fixture
def window_on(qtbot):  # type: ignore[no-untyped-def]
    from annotator.gui import MainWindow

    def _open(target):  # type: ignore[no-untyped-def]
        window = MainWindow(target)
        qtbot.addWidget(window)
        window.show()
        return window

    return _open


def tag(window, start: int, end: int, label: str = "Actor"):  # type: ignore[no-untyped-def]
    window.documentView.select_span(start, end)
    return window.tag_selection(label)


def test_second_window_is_offered_read_only_and_cannot_edit(
    project_path: Path, saved, window_on, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = window_on(project_path)
    asked: list[str] = []
    monkeypatch.setattr(safety, "ask_read_only", lambda _p, msg: asked.append(msg) or True)
    project = safety.open_project_for_window(None, project_path)
    assert project is not None and project.read_only
    assert "is in use by" in asked[0] and "Open it read-only?" in asked[0]
    second = window_on(project)
    assert second.safety.bar.isVisibleTo(second)
    assert "open read-only" in second.safety.banner.text()
    assert tag(second, 4, 8) is None
    assert "read-only" in second.statusBar().currentMessage()
    assert not second.safety.restoreAction.isEnabled()
    ann = tag(first, 4, 8)  # the writer still writes…
    assert ann is not None
    assert second.project.annotation(ann.id).text == "Jong"  # …and the reader sees it


def test_declining_read_only_opens_nothing(
    project_path: Path, saved, window_on, monkeypatch: pytest.MonkeyPatch
) -> None:
    window_on(project_path)
    monkeypatch.setattr(safety, "ask_read_only", lambda _p, _m: False)
    assert safety.open_project_for_window(None, project_path) is None


def test_a_writer_window_has_no_banner_and_a_backup(project_path: Path, saved, window_on):
    window = window_on(project_path)
    assert not window.safety.bar.isVisibleTo(window)
    assert project_path.with_name("test.annotator.backups").is_dir()


def test_restore_from_backup_through_the_window(
    project_path: Path, saved, window_on, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_on(project_path)
    assert window.safety.back_up_now() is not None
    count = window.annotationList.annotation_model.rowCount()
    assert tag(window, 4, 8) is not None
    assert window.annotationList.annotation_model.rowCount() == count + 1
    monkeypatch.setattr(safety, "choose_backup", lambda _w, backups: backups[0])
    monkeypatch.setattr(safety, "confirm", lambda *_a: True)
    assert window.safety.restore()
    assert window.annotationList.annotation_model.rowCount() == count
    assert "Restored the backup" in window.statusBar().currentMessage()
    assert not window.undoStack.canUndo()


def test_problems_found_on_open_are_shown_not_dropped(project_path: Path, saved, window_on):
    conn = raw(project_path)
    conn.execute("UPDATE annotations SET text = 'Vladimir' WHERE id = 1")
    conn.close()
    window = window_on(project_path)
    assert window.safety.bar.isVisibleTo(window)
    assert "1 problem found" in window.safety.banner.text()
    assert "annotator check" in window.safety.banner.text()
    assert window.documentView.text == TEXT  # the document is shown as it is…
    shown = window.annotationList.annotation_model.annotations()
    assert sorted(a.id for a in shown) == sorted(saved)  # …with every span, none dropped
    with Project.open(project_path, read_only=True) as project:
        assert project.annotation(1).text == "Vladimir"  # …and nothing was "repaired"


def test_a_text_whose_hash_does_not_match_is_reported_when_its_document_opens(
    project_path: Path, window_on
):
    make_project(project_path, documents=2)
    conn = raw(project_path)  # the text changed behind Annotator's back: its hash no longer fits
    conn.execute("UPDATE documents SET text = text || 'Added later.' WHERE id = 2")  # spans fit
    conn.close()
    window = window_on(project_path)  # opening checks no text's hash (it would read them all)
    assert window.document_id == 1 and not window.safety.bar.isVisibleTo(window)
    documents = window.documentList
    rect = documents.visualRect(documents.model().index(1, 0))
    QTest.mouseClick(documents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.document_id == 2
    assert window.documentView.text == TEXT + " Added later."  # shown as it is
    assert window.safety.bar.isVisibleTo(window)
    banner = window.safety.banner.text()
    assert "1 problem found" in banner and "document 2: its SHA-256 does not match" in banner
    with Project.open(project_path, read_only=True) as project:
        assert project.document(2).text == TEXT + " Added later."  # nothing "repaired"
