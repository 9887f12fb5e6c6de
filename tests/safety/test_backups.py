"""Automatic rotating backups, and restoring one (issue #6, part 2)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from safety_helpers import make_project

from annotator.store import Project, ProjectError
from annotator.store.backups import (
    CONFIG_ENV,
    EVERY_SETTING,
    FOLDER_SETTING,
    KEEP_SETTING,
    backup_folder,
    backup_if_due,
    choose_backup_folder,
    list_backups,
    make_backup,
    restore_backup,
)


@pytest.fixture(autouse=True)
def _machine_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config"))


@pytest.fixture
def project(project_path: Path):
    make_project(project_path)
    with Project.open(project_path) as proj:
        yield proj


def autos(project: Project) -> list[Path]:
    return [b.path for b in list_backups(backup_folder(project), project.path.name)
            if b.reason == "auto"]  # fmt: skip


def test_opening_for_writing_makes_a_backup_that_opens(project_path: Path) -> None:
    saved = make_project(project_path)
    with Project.open(project_path, lock=True) as project:
        (backup,) = autos(project)
    assert backup.parent == project_path.with_name("test.annotator.backups")
    with Project.open(backup, read_only=True) as copy:
        assert {a.id for a in copy.iter_annotations()} == set(saved)
        assert copy.db.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file


def test_backups_are_spaced_by_the_interval_and_rotate(project: Project) -> None:
    project.set_setting(KEEP_SETTING, "3")
    project.set_setting(EVERY_SETTING, "10")
    now = datetime.now(UTC)
    assert backup_if_due(project, now=now) is not None
    assert backup_if_due(project, now=now + timedelta(minutes=5)) is None  # not due yet
    made = [backup_if_due(project, now=now + timedelta(minutes=11 * n)) for n in range(1, 6)]
    assert all(made)
    kept = autos(project)
    assert len(kept) == 3
    assert made[-1] in kept


def test_backups_can_be_turned_off_or_moved(project: Project, tmp_path: Path) -> None:
    project.set_setting(KEEP_SETTING, "0")
    assert backup_if_due(project) is None
    project.set_setting(KEEP_SETTING, "5")
    choose_backup_folder(project.path, tmp_path / "elsewhere")  # chosen in the window
    path = backup_if_due(project)
    assert path is not None and path.parent == tmp_path / "elsewhere"


def test_a_backup_folder_written_into_the_project_is_ignored(project: Project, tmp_path: Path):
    project.set_setting(FOLDER_SETTING, str(tmp_path / "anywhere"))  # e.g. a received file
    path = backup_if_due(project)
    assert path is not None and path.parent == project.path.with_name("test.annotator.backups")
    assert not (tmp_path / "anywhere").exists()


def test_restore_brings_back_the_backup_and_keeps_the_current_state(project: Project) -> None:
    backup = make_backup(project)
    doc_id = project.document_ids()[0]
    before = {a.id for a in project.annotations(doc_id)}
    late = project.add_annotation(doc_id, 4, 8, "Actor")
    saved_state = restore_backup(project, backup)
    assert {a.id for a in project.annotations(doc_id)} == before
    assert project.db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert project.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with Project.open(saved_state, read_only=True) as previous:  # nothing lost by restoring
        assert previous.annotation(late.id).text == "Jong"
    assert "before-restore" in saved_state.name


def test_restoring_a_damaged_backup_is_refused_and_changes_nothing(
    project: Project, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.annotator"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    count = len(list(project.iter_annotations()))
    with pytest.raises(ProjectError):
        restore_backup(project, bad)
    assert len(list(project.iter_annotations())) == count


def test_a_failing_backup_reports_and_leaves_no_partial_file(
    project: Project, tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    choose_backup_folder(project.path, blocker / "sub")
    with pytest.raises(ProjectError, match=r"backup of test\.annotator could not be written"):
        make_backup(project)
    assert backup_if_due(project) is None  # automatic backups never stop the user


def test_backup_is_consistent_while_the_project_is_written(project: Project) -> None:
    doc_id = project.document_ids()[0]
    other = Project.open(project.path)
    try:
        with other.transaction():  # an open write transaction in another connection
            other.db.execute("DELETE FROM relations")
            path = make_backup(project)
    finally:
        other.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        n = conn.execute("SELECT count(*) FROM annotations WHERE document_id = ?", [doc_id])
        assert n.fetchone()[0] == len(project.annotations(doc_id))
    conn.close()
