"""Opening a bad project file gives a clear message and changes nothing (issue #6, part 2)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from safety_helpers import (
    REPO,
    SPANS,
    TEXT,
    file_digest,
    make_project,
    new_doc,
    raw,
    side_files,
)

from annotator.store import Project, ProjectError, schema
from annotator.store.errors import ProjectDamagedError

NOBODY = 65534


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


# Read-only for real: root may write anything, so the checks run in a child that drops to user
# nobody (the interpreter lives where nobody may not read: it drops after loading its modules).
READ_ONLY_CHILD = """
import json, os, sys, tempfile
from pathlib import Path
from annotator.store import Project
from annotator.store.errors import ProjectReadOnlyError

if os.geteuid() == 0:
    with tempfile.TemporaryDirectory() as warm:  # load what is imported lazily, while root
        with Project.open(Path(warm) / "warm.annotator"):
            pass
        with Project.open(Path(warm) / "warm.annotator", read_only=True):
            pass
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
path, then_read = sys.argv[1], sys.argv[2] == "read"
seen = {"uid": os.geteuid(), "refused": "", "read_only": None, "texts": [], "add": ""}
try:
    Project.open(path).close()
except ProjectReadOnlyError as exc:
    seen["refused"] = str(exc)
if then_read:
    with Project.open(path, read_only=True) as project:
        seen["read_only"] = project.read_only
        doc_id = project.document_ids()[0]
        seen["texts"] = [a.text for a in project.annotations(doc_id)]
        try:
            project.add_annotation(doc_id, 0, 3, "Actor")
        except ProjectReadOnlyError as exc:
            seen["add"] = str(exc)
print(json.dumps(seen))
"""


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder user nobody can reach and write (pytest's tmp_path is root's own)."""
    path = Path(tempfile.mkdtemp(prefix="annotator-read-only-"))
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    yield path
    path.chmod(0o755)
    shutil.rmtree(path)


def open_as_a_user(path: Path, *, then_read: bool = False) -> dict[str, Any]:
    """What opening ``path`` does for a user who is not root (nobody when we are root)."""
    args = [sys.executable, "-c", READ_ONLY_CHILD, str(path), "read" if then_read else "-"]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["uid"] != 0
    return seen


def users_project(folder: Path, mode: int) -> Path:
    path = folder / "project.annotator"
    make_project(path)
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    path.chmod(mode)
    return path


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_read_only_file_is_refused_then_opens_read_only(folder: Path) -> None:
    path = users_project(folder, 0o444)
    before, siblings = file_digest(path), side_files(path)
    seen = open_as_a_user(path, then_read=True)
    assert "cannot be written (the file is read-only)" in seen["refused"]
    assert "Open it read-only" in seen["refused"] and "Nothing was changed" in seen["refused"]
    assert seen["read_only"] is True
    assert seen["texts"] == [TEXT[s:e] for s, e, _ in SPANS]
    assert "read-only; nothing was saved" in seen["add"]
    assert file_digest(path) == before
    assert side_files(path) == siblings


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_project_in_a_read_only_folder_is_refused_unchanged(folder: Path) -> None:
    path = users_project(folder, 0o644)
    folder.chmod(0o555)  # the file may be written, but no WAL or lock file may be made
    before = file_digest(path)
    seen = open_as_a_user(path)
    assert "cannot be written" in seen["refused"] and "Nothing was changed" in seen["refused"]
    assert file_digest(path) == before
    assert side_files(path) == []


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
