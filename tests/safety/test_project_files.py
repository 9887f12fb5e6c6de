"""Opening a bad project file gives a clear message and changes nothing (issue #6, part 2)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from safety_helpers import SPANS, TEXT, file_digest, make_project, new_doc, raw, side_files

from annotator.store import Project, ProjectError, schema
from annotator.store.errors import ProjectDamagedError, ProjectReadOnlyError


@pytest.fixture
def saved(project_path: Path) -> dict[int, tuple[int, int, str]]:
    return make_project(project_path, documents=40)  # several pages, so damage lands in data


def assert_refused_unchanged(path: Path, match: str, error: type[Exception] = ProjectError):
    before, siblings = file_digest(path), side_files(path)
    with pytest.raises(error, match=match) as info:
        Project.open(path)
    assert file_digest(path) == before, "the file was changed"
    assert side_files(path) == siblings, "files were left next to it"
    assert "nothing was changed" in str(info.value).lower()
    return info.value


@pytest.mark.parametrize(
    "content",
    [
        b"Just some notes, not a project.\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        b"PK\x03\x04" + bytes(3000),  # a .docx / zip
        b"SQLite format 3",  # shorter than a header
    ],
)
def test_a_file_that_is_not_a_project_is_refused_unchanged(tmp_path: Path, content: bytes):
    path = tmp_path / "notes.annotator"
    path.write_bytes(content)
    assert_refused_unchanged(path, "not an Annotator project")


def test_a_newer_schema_is_refused_unchanged(project_path: Path, saved) -> None:
    with raw(project_path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    assert_refused_unchanged(project_path, "newer Annotator.*please upgrade")


@pytest.mark.parametrize("keep", [100, 4096, 0.5])
def test_a_truncated_project_is_refused_unchanged(project_path: Path, saved, keep) -> None:
    data = project_path.read_bytes()
    size = int(len(data) * keep) if isinstance(keep, float) else keep
    project_path.write_bytes(data[:size])
    error = assert_refused_unchanged(project_path, "is damaged", ProjectDamagedError)
    assert "Restore a backup" in str(error)


def test_a_project_with_garbage_pages_is_refused_unchanged(project_path: Path, saved) -> None:
    data = bytearray(project_path.read_bytes())
    page = 4096
    for at in range(page, len(data) - page, page * 3):  # smash every third page after the first
        data[at : at + 200] = os.urandom(200)
    project_path.write_bytes(bytes(data))
    assert_refused_unchanged(project_path, "is damaged", ProjectDamagedError)


def test_a_read_only_file_is_refused_then_opens_read_only(
    project_path: Path, saved, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_access = os.access

    def no_write(path, mode, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path) == project_path and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", no_write)  # tests may run as root, who can write anyway
    error = assert_refused_unchanged(project_path, "read-only", ProjectReadOnlyError)
    assert "Open it read-only" in str(error)
    before = file_digest(project_path)
    with Project.open(project_path, read_only=True) as project:
        assert project.read_only
        doc_id = project.document_ids()[0]
        assert [a.text for a in project.annotations(doc_id)] == [TEXT[s:e] for s, e, _ in SPANS]
        with pytest.raises(ProjectReadOnlyError, match="read-only; nothing was saved"):
            project.add_annotation(doc_id, 0, 3, "Actor")
    assert file_digest(project_path) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_a_chmod_read_only_file_is_refused(project_path: Path, saved) -> None:
    project_path.chmod(0o444)
    assert_refused_unchanged(project_path, "read-only", ProjectReadOnlyError)


def test_a_full_disk_refuses_the_write_and_keeps_everything_saved(project_path: Path, saved):
    with Project.open(project_path) as project:
        doc_id = project.document_ids()[0]
        pages = project.db.conn.execute("PRAGMA page_count").fetchone()[0]
        project.db.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now "full"
        with pytest.raises(ProjectError, match=r"the disk is full\. Nothing was saved"):
            project.add_document(new_doc("x" * 200_000, "Too big"))
        with pytest.raises(ProjectError, match="disk is full"):
            for _ in range(500):  # small writes fill the last free pages, then fail cleanly
                project.add_annotation(doc_id, 0, 3, "Claim", note="n" * 500)
        kept = {a.id for a in project.annotations(doc_id)}
        project.db.conn.execute(f"PRAGMA max_page_count = {pages * 100}")  # space again
        ann = project.add_annotation(doc_id, 4, 8, "Claim")  # the project still works
    with Project.open(project_path) as project:
        assert project.db.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert set(saved) <= {a.id for a in project.iter_annotations()}
        assert kept | {ann.id} == {a.id for a in project.annotations(doc_id)}
        assert "Too big" not in [d.title for d in project.documents()]


def test_a_failed_migration_keeps_every_row_and_a_readable_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.annotator"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    with Project.open(path, check=False) as project:
        doc_id = project.add_document(new_doc())
        project.db.execute(
            'INSERT INTO annotations (document_id, start, "end", label_id, text)'
            " VALUES (?, 0, 11, 1, 'Kim Jong Un')",
            [doc_id],
        )

    def half_done(db):  # type: ignore[no-untyped-def]
        db.execute("ALTER TABLE annotations ADD COLUMN attributes TEXT")
        db.execute("DELETE FROM annotations")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], half_done])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    with pytest.raises(ProjectError, match=r"failed.*the project is unchanged.*before-v2\.bak"):
        Project.open(path)
    for copy in (path, tmp_path / "old.annotator.before-v2.bak"):
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA user_version").fetchone() == (1,)
            assert conn.execute("SELECT text FROM annotations").fetchall() == [("Kim Jong Un",)]
            columns = [r[1] for r in conn.execute("PRAGMA table_info(annotations)")]
            assert "attributes" not in columns
        conn.close()


def test_a_folder_or_missing_project_gives_a_message(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="is a folder"):
        Project.open(tmp_path)
    with pytest.raises(ProjectError, match="No project"):
        Project.open(tmp_path / "missing.annotator", create=False)
    with pytest.raises(ProjectError, match="No project"):
        Project.open(tmp_path / "missing.annotator", read_only=True)
    assert not (tmp_path / "missing.annotator").exists()
