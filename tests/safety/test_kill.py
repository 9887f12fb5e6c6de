"""What a crash can and cannot take away (issue #6, 1).

Two different promises, two tests:

* **Atomicity** (SIGKILL while tagging through the real GUI code path): no action is ever
  half-written: after every kill the project passes ``PRAGMA integrity_check`` and the
  store's invariants, and every annotation reported saved is there at its offsets. A SIGKILL
  leaves the operating system's page cache intact, so this test cannot tell a store that syncs
  to disk from one that does not (it passes with ``synchronous=OFF``).
* **Durability** (a power loss): each committed action is synced to disk before it is reported
  saved. Measured, not assumed: a child process commits N annotations through the store API
  under ``strace`` and we count its fsync/fdatasync calls on the project's database and WAL.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from kill_harness import kill_rounds, make_seed_project
from safety_helpers import REPO, make_project

CI_KILLS = int(os.environ.get("ANNOTATOR_CI_KILLS", "10"))
COMMITS = 12
STRACE = shutil.which("strace")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_while_tagging_never_leaves_a_half_written_action(tmp_path: Path) -> None:
    path = tmp_path / "killed.annotator"
    make_seed_project(path)
    report = kill_rounds(path, CI_KILLS, seed=6)
    print(report.summary())
    assert report.failures == []  # integrity_check, invariants, every reported save present
    assert report.kills == CI_KILLS
    assert len(report.reported) > CI_KILLS  # the kills did land while spans were being saved


# The child: open the project, fsync a "begin" marker file, commit COMMITS annotations one
# action at a time, fsync an "end" marker. Only the syncs between the markers are counted.
COMMIT_CHILD = """
import os, sys
from annotator.store import Project

path, begin, end, commits = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def marker(name):
    fd = os.open(name, os.O_WRONLY | os.O_CREAT)
    os.fsync(fd)
    os.close(fd)

with Project.open(path) as project:
    doc_id = project.document_ids()[0]
    marker(begin)
    for n in range(commits):
        project.add_annotation(doc_id, 0, 3, "Actor", note=str(n))
    marker(end)
"""
SYNC = re.compile(r"\b(?:fsync|fdatasync)\(\d+<([^>]*)>\)\s*=\s*0")


def strace_works(tmp_path: Path) -> bool:
    if STRACE is None:
        return False
    probe = subprocess.run(
        [STRACE, "-f", "-o", str(tmp_path / "probe.trace"), "true"], capture_output=True
    )
    return probe.returncode == 0


def synced_paths(trace: str, begin: str, end: str) -> list[str]:
    """The paths each successful fsync/fdatasync synced, between the two marker syncs."""
    paths = [m.group(1) for m in SYNC.finditer(trace)]
    return paths[paths.index(begin) + 1 : paths.index(end)]


@pytest.mark.skipif(os.name != "posix", reason="strace is Linux")
def test_every_committed_action_is_synced_to_disk(tmp_path: Path) -> None:
    if not strace_works(tmp_path):
        pytest.skip("strace is missing or ptrace is not permitted here (apt install strace)")
    path = tmp_path / "durable.annotator"
    make_project(path)
    begin, end = str(tmp_path / "begin.marker"), str(tmp_path / "end.marker")
    trace = tmp_path / "child.trace"
    command = [STRACE, "-f", "-y", "-e", "trace=fsync,fdatasync", "-o", str(trace)]
    command += [sys.executable, "-c", COMMIT_CHILD, str(path), begin, end, str(COMMITS)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    synced = synced_paths(trace.read_text("utf-8"), begin, end)
    project_files = {str(path.resolve()), f"{path.resolve()}-wal"}
    on_project = [p for p in synced if p in project_files]
    assert len(on_project) >= COMMITS, f"{len(on_project)} syncs for {COMMITS} commits: {synced}"
