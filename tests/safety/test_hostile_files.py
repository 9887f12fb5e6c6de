"""Hostile files around a project: links, folders and FIFOs where files belong, foreign schema
objects, read-only commands that must leave nothing behind (issue #17, items 1, 13, 14, 16, 17)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from nobody import run_as_nobody, world_readable_folder
from safety_helpers import make_project, new_doc, raw, side_files

from annotator.cli import main
from annotator.store import Project, ProjectError
from annotator.store.lock import lock_path
from annotator.store.wal import wal_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def saved(project_path: Path) -> dict[int, tuple[int, int, str]]:
    return make_project(project_path)


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "x.txt"
    path.write_text("Seoul said the talks were a threat.\n", encoding="utf-8")
    return path


# -------------------------------------------------------------- item 1: the lock file
def test_a_lock_file_that_is_a_symlink_is_refused_and_its_target_kept(
    project_path: Path, saved, text_file: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    lock_path(project_path).symlink_to(victim)
    result = run("import", str(project_path), str(text_file))
    assert result.exit_code == 1
    assert "lock file (it is a symbolic link)" in result.output
    assert victim.read_text() == "precious"
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_lock_file_that_is_a_hard_link_is_refused(project_path: Path, saved, tmp_path: Path):
    victim = tmp_path / "victim"
    victim.write_text("precious")
    os.link(victim, lock_path(project_path))
    with pytest.raises(ProjectError, match="hard link"):
        Project.open(project_path, lock=True)
    assert victim.read_text() == "precious"


# --------------------------------------------- item 14: loops, folders and FIFOs, no hang
def test_a_lock_path_that_is_a_folder_is_a_clear_message(project_path: Path, saved) -> None:
    lock_path(project_path).mkdir()
    result = run("check", "--repair", str(project_path))
    assert result.exit_code == 1
    assert "cannot be used as the project's lock file (Is a directory)" in result.output


def test_a_symlink_loop_as_project_is_a_clear_message(tmp_path: Path) -> None:
    loop = tmp_path / "loop.annotator"
    other = tmp_path / "other.annotator"
    loop.symlink_to(other)
    other.symlink_to(loop)
    for command in (["list"], ["check"], ["import"], ["export", "-o", str(tmp_path / "o")]):
        args = [*command, str(loop)] + ([str(tmp_path)] if command == ["import"] else [])
        result = run(*args)
        assert result.exit_code == 1, (command, result.output)
        assert "Too many levels of symbolic links" in result.output
        assert not isinstance(result.exception, RuntimeError)


def test_a_fifo_as_project_is_refused_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.annotator"
    os.mkfifo(fifo)  # reading it would wait forever for a writer
    for command in ("list", "check"):
        result = run(command, str(fifo))
        assert result.exit_code == 1
        assert "not a regular file" in result.output


def test_a_lock_file_that_is_a_fifo_is_refused(project_path: Path, saved) -> None:
    os.mkfifo(lock_path(project_path))
    with pytest.raises(ProjectError, match="not a regular file"):
        Project.open(project_path, lock=True)


# ------------------------------------------------------ item 13: foreign schema objects
EVIL = (
    "CREATE TRIGGER evil AFTER INSERT ON annotations BEGIN"
    " DELETE FROM annotations WHERE id = new.id; END"
)


def test_a_foreign_trigger_is_refused_then_removed_by_repair(
    project_path: Path, saved, text_file: Path
) -> None:
    conn = raw(project_path)
    conn.execute(EVIL)
    conn.execute("CREATE VIEW spy AS SELECT * FROM documents")
    conn.close()
    result = run("import", str(project_path), str(text_file))
    assert result.exit_code == 1
    assert "objects Annotator did not create (trigger 'evil', view 'spy')" in result.output
    result = run("check", str(project_path))
    assert result.exit_code == 1
    assert "foreign\ttrigger 'evil' (removable with --repair)" in result.output
    result = run("check", "--repair", str(project_path))
    assert result.exit_code == 0, result.output
    assert "repaired\ttrigger 'evil': removed" in result.output
    with Project.open(project_path) as project:
        doc_id = project.document_ids()[0]
        ann = project.add_annotation(doc_id, 4, 8, "Actor")
        assert project.annotation(ann.id).text == "Jong"  # the trigger no longer deletes it


def test_an_altered_builtin_trigger_is_refused(project_path: Path, saved) -> None:
    conn = raw(project_path)
    conn.execute("DROP TRIGGER documents_ai")
    conn.execute(
        "CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN DELETE FROM labels; END"
    )
    conn.close()
    with pytest.raises(ProjectError, match="trigger 'documents_ai'"):
        Project.open(project_path, read_only=True)


# -------------------------------------------- item 17: read-only commands leave nothing
def test_read_only_commands_leave_no_journal_files(project_path: Path, saved, tmp_path) -> None:
    assert side_files(project_path) == []
    for args in (["list"], ["check"], ["export", "-o", str(tmp_path / "out.jsonl")]):
        result = (
            run(*args, str(project_path))
            if args[0] != "export"
            else run("export", str(project_path), *args[1:])
        )
        assert result.exit_code == 0, result.output
        assert side_files(project_path) == [], args


def test_a_refused_wal_database_gets_no_journal_files(tmp_path: Path) -> None:
    path = tmp_path / "foreign.annotator"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    for command in ("list", "check"):
        result = run(command, str(path))
        assert result.exit_code == 1 and "not an Annotator project" in result.output
        assert side_files(path) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and POSIX users")
def test_a_project_in_a_read_only_folder_is_read_without_journal_files(
    project_path: Path, saved
) -> None:
    with world_readable_folder() as folder:  # read as user nobody: root ignores permissions
        copy = folder / project_path.name
        shutil.copy(project_path, copy)
        conn = sqlite3.connect(copy)
        conn.execute("PRAGMA journal_mode = WAL")  # as left by an older version
        conn.close()
        copy.chmod(0o444)
        folder.chmod(0o555)
        exit_code, stdout, stderr = run_as_nobody("list", str(copy))
        assert exit_code == 0, stderr
        assert "Summit 0" in stdout
        assert sorted(p.name for p in folder.iterdir()) == [copy.name]


# -------------------------------------------------- item 16: the journal folded back
def text_in_the_file_alone(project_path: Path, annotation_id: int) -> str:
    """An annotation's text as the project file holds it without its -wal (a copy of the file)."""
    alone = project_path.with_name("alone.annotator")
    shutil.copy(project_path, alone)
    with Project.open(alone, read_only=True) as copy:
        return copy.annotation(annotation_id).text


def test_closing_folds_the_journal_into_the_project_file(project_path: Path, saved) -> None:
    reader = Project.open(project_path, read_only=True)  # another window keeps it open
    try:
        with Project.open(project_path, lock=True) as writer:
            doc_id = writer.document_ids()[0]
            late = writer.add_annotation(doc_id, 4, 8, "Actor")
        assert text_in_the_file_alone(project_path, late.id) == "Jong"
    finally:
        reader.close()


def test_when_space_returns_the_journal_is_folded_at_the_next_save(
    project_path: Path, saved
) -> None:
    """After a full disk the data would stay in -wal until close: the first save that works
    again folds it into the project file. (SQLite's max_page_count makes the file "full".)"""
    reader = Project.open(project_path, read_only=True)  # another window: no fold on close
    try:
        with Project.open(project_path, lock=True) as writer:
            doc_id = writer.document_ids()[0]
            pages = writer.db.conn.execute("PRAGMA page_count").fetchone()[0]
            writer.add_annotation(doc_id, 0, 3, "Actor")  # an ordinary save stays in the -wal
            assert wal_path(project_path).stat().st_size > 0
            writer.db.conn.execute(f"PRAGMA max_page_count = {pages}")
            with pytest.raises(ProjectError, match="the disk is full"):
                writer.add_document(new_doc("A long text. " * 2000, "Too big"))
            writer.db.conn.execute("PRAGMA max_page_count = 1073741823")  # space returns
            late = writer.add_annotation(doc_id, 4, 8, "Actor")
            assert wal_path(project_path).stat().st_size == 0  # folded into the file
            assert text_in_the_file_alone(project_path, late.id) == "Jong"
    finally:
        reader.close()
