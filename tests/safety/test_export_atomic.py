"""Exports land whole or not at all (issue #17, items 2 and 3).

- Twenty processes exporting to one path at once all succeed; the file left is one complete
  export (the last writer wins, atomically) and no temporary file stays beside it.
- A brat folder is written into a temporary folder beside the target and renamed into place: a
  failure or a kill in the middle leaves the target as it was (absent, or the earlier export).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from safety_helpers import REPO, make_project

from annotator.cli import main
from annotator.formats import brat
from annotator.formats.model import ExportOptions
from annotator.services.exporting import ExportError, export_project
from annotator.store import Project


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def export_command(project: Path, fmt: str, output: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "annotator",
        "export",
        str(project),
        "--format",
        fmt,
        "--output",
        str(output),
    ]


def folder_listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ------------------------------------------------------------- item 2: twenty at once
def test_twenty_concurrent_exports_to_one_path_all_succeed(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    make_project(project, documents=60)
    alone = tmp_path / "alone.jsonl"
    assert run("export", str(project), "--format", "jsonl", "-o", str(alone)).exit_code == 0
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    same = out_dir / "same.jsonl"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    children = [
        subprocess.Popen(
            export_command(project, "jsonl", same),
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(20)
    ]
    results = [(child.wait(timeout=300), *child.communicate()) for child in children]
    failed = [(code, err) for code, _, err in results if code != 0]
    assert failed == []
    assert same.read_bytes() == alone.read_bytes()  # one whole export, not a mix of several
    assert [p.name for p in out_dir.iterdir()] == ["same.jsonl"]  # no temporary file left


# ---------------------------------------------------- item 3: a brat folder, whole or not
@pytest.fixture
def project(tmp_path: Path) -> Project:
    path = tmp_path / "p.annotator"
    make_project(path, documents=5)
    with Project.open(path, read_only=True) as proj:
        yield proj


def fail_on_third_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fault injection: the third document's ``.ann`` cannot be written (as on a full disk)."""
    real, calls = brat.ann_lines, []

    def failing(view, *args):
        calls.append(view.document.id)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(view, *args)

    monkeypatch.setattr(brat, "ann_lines", failing)


def test_a_brat_export_that_fails_midway_leaves_no_folder(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_on_third_document(monkeypatch)
    target = tmp_path / "brat"
    with pytest.raises(ExportError, match="No space left"):
        export_project(project, "brat", target)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_brat_export_that_fails_midway_keeps_the_earlier_export(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brat"
    export_project(project, "brat", target, ExportOptions(labels=frozenset({"Actor"})))
    before = folder_listing(target)
    fail_on_third_document(monkeypatch)
    with pytest.raises(ExportError):
        export_project(project, "brat", target)
    assert folder_listing(target) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_second_brat_export_replaces_the_first_whole(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "brat"
    export_project(project, "brat", target)
    (target / "00099-gone.txt").write_text("from an export of a document since removed")
    (target / "00099-gone.ann").write_text("")
    export_project(project, "brat", target, ExportOptions(document_ids=[1]))
    assert sorted(p.name for p in target.iterdir()) == [
        "00001-Summit_0.ann",
        "00001-Summit_0.txt",
        "annotation.conf",
        "visual.conf",
    ]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_folder_that_is_not_a_brat_export_is_never_replaced(
    project: Project, tmp_path: Path
) -> None:
    target = tmp_path / "Documents"
    target.mkdir()
    (target / "thesis.odt").write_text("years of work")
    with pytest.raises(ExportError, match="not an earlier brat export"):
        export_project(project, "brat", target)
    assert folder_listing(target) == {"thesis.odt": b"years of work"}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_empty_folder_receives_the_export(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "brat"
    target.mkdir()
    export_project(project, "brat", target)
    assert len(list(target.glob("*.ann"))) == 5 and (target / "annotation.conf").is_file()


def test_a_symlink_inside_an_earlier_export_is_not_written_through(
    project: Project, tmp_path: Path
) -> None:
    target = tmp_path / "brat"
    export_project(project, "brat", target)
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (target / "visual.conf").unlink()
    (target / "visual.conf").symlink_to(victim)
    with pytest.raises(ExportError, match="not an earlier brat export"):
        export_project(project, "brat", target)
    assert victim.read_text() == "precious"


KILLED_EXPORT = """
import sys, time
from pathlib import Path
from annotator.formats import brat
from annotator.services.exporting import export_project
from annotator.store import Project

real = brat.ann_lines
def announcing(view, *args):
    if view.document.id == 40:
        print("writing", flush=True)  # the parent kills us now, in the middle of the folder
        time.sleep(120)
    return real(view, *args)
brat.ann_lines = announcing
with Project.open(Path(sys.argv[1]), read_only=True) as project:
    export_project(project, "brat", Path(sys.argv[2]))
print("done", flush=True)
"""


@pytest.mark.parametrize("earlier", [False, True], ids=["new", "replacing"])
def test_a_killed_brat_export_leaves_no_partial_folder(tmp_path: Path, earlier: bool) -> None:
    path = tmp_path / "big.annotator"
    make_project(path, documents=80)
    target = tmp_path / "brat"
    before = {}
    if earlier:
        with Project.open(path, read_only=True) as proj:
            export_project(proj, "brat", target, ExportOptions(document_ids=[1, 2]))
        before = folder_listing(target)
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_EXPORT, str(path), str(target)],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n", child.stderr.read() if child.stderr else ""
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    if earlier:
        assert folder_listing(target) == before
    else:
        assert not target.exists()
