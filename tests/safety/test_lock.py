"""Two windows or processes on one project: one writer holds a lock; readers see snapshots."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from safety_helpers import make_project, python

from annotator.cli import main
from annotator.store import Project
from annotator.store.errors import ProjectLockedError
from annotator.store.lock import lock_path, read_holder

HOLD = """
import sys, time
from annotator.store import Project
project = Project.open(sys.argv[1], lock=True)
print("locked", flush=True)
time.sleep(60)
"""

WRITE_PAIRS = """
import sys
from annotator.store import Project
project = Project.open(sys.argv[1], lock=True)
doc = project.document_ids()[0]
print("writing", flush=True)
for n in range(100000):
    with project.transaction():  # two spans and the relation between them: all or nothing
        a = project.db.execute(
            'INSERT INTO annotations (document_id, start, "end", label_id, text)'
            " VALUES (?, 0, 3, 1, 'Kim')", [doc]).lastrowid
        b = project.db.execute(
            'INSERT INTO annotations (document_id, start, "end", label_id, text)'
            " VALUES (?, 4, 8, 2, 'Jong')", [doc]).lastrowid
        project.db.execute(
            "INSERT INTO relations (document_id, type_id, source_id, target_id)"
            " VALUES (?, 1, ?, ?)", [doc, a, b])
"""


@pytest.fixture
def saved(project_path: Path) -> dict[int, tuple[int, int, str]]:
    return make_project(project_path)


def test_a_second_writer_is_told_who_holds_the_project(project_path: Path, saved) -> None:
    with Project.open(project_path, lock=True) as first:
        with pytest.raises(ProjectLockedError, match=r"in use by .* \(process \d+") as info:
            Project.open(project_path, lock=True)
        assert info.value.holder is not None and info.value.holder.pid == os.getpid()
        with Project.open(project_path, read_only=True) as reader:  # reading is always allowed
            doc_id = first.document_ids()[0]
            ann = first.add_annotation(doc_id, 4, 8, "Actor")
            assert reader.annotation(ann.id).text == "Jong"  # sees each commit at once
    assert not lock_path(project_path).exists()  # released on close
    Project.open(project_path, lock=True).close()


def test_a_lock_of_a_killed_process_is_taken_over(project_path: Path, saved) -> None:
    holder = python(HOLD, str(project_path))
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(ProjectLockedError, match=f"process {holder.pid}"):
            Project.open(project_path, lock=True)
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
    finally:
        holder.kill()
    stale = read_holder(project_path)
    assert stale is not None and stale.pid == holder.pid  # the file outlived the process…
    with Project.open(project_path, lock=True) as project:  # …but the OS lock did not
        assert project.lock is not None and project.lock.previous == stale
        assert project.lock.holder.pid == os.getpid()


def test_export_while_another_process_writes_is_a_consistent_snapshot(
    project_path: Path, saved, tmp_path: Path
) -> None:
    writer = python(WRITE_PAIRS, str(project_path))
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        base = len(saved)
        for n in range(5):
            out = tmp_path / f"export{n}.jsonl"
            result = CliRunner().invoke(main, ["export", str(project_path), "-o", str(out)])
            assert result.exit_code == 0, result.output
            spans = int(result.output.split(" spans")[0].rsplit(" ", 1)[1])
            assert (spans - base) % 2 == 0, result.output  # never half a transaction
            with Project.open(project_path, read_only=True) as reader, reader.snapshot():
                before = reader.db.execute("SELECT count(*) FROM annotations").fetchone()[0]
                time.sleep(0.05)  # the writer commits meanwhile…
                after = reader.db.execute("SELECT count(*) FROM annotations").fetchone()[0]
                relations = reader.db.execute("SELECT count(*) FROM relations").fetchone()[0]
            assert before == after == base + 2 * relations  # …but not into this snapshot
        assert writer.poll() is None, "the writer stopped"
    finally:
        writer.kill()
        writer.wait(10)
    with Project.open(project_path) as project:
        assert project.problems == []
