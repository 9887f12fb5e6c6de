"""The ``annotator`` command line: import, list, export and where (same services as the GUI)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator import __version__
from annotator.cli import main
from annotator.store import Project

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "resources" / "pyongyang-moscow-axis.txt"
SEED_TITLE = "The Danger Of The Pyongyang-Moscow Axis Is Becoming Clearer"
# The console script installed next to the interpreter running the tests (.venv/bin/annotator).
EXECUTABLE = Path(sys.executable).parent / "annotator"


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def default_project() -> Path:
    return Path(os.environ["ANNOTATOR_DEFAULT_PROJECT"])


def tag_first_document(project_path: Path) -> None:
    """Two Actor spans and one Claim on the first document."""
    with Project.open(project_path) as proj:
        doc_id = proj.document_ids()[0]
        text = proj.document(doc_id).text
        for phrase, label in [("North Korea", "Actor"), ("Russia", "Actor"), ("(NIS)", "Claim")]:
            start = text.index(phrase)
            proj.add_annotation(doc_id, start, start + len(phrase), label)


@pytest.fixture
def imported(project_path: Path) -> Path:
    assert run("import", project_path, SEED).exit_code == 0
    return project_path


# ------------------------------------------------------------------------------------- import
def test_import_prints_one_line_per_document(project_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Another article.\n")
    result = run("import", project_path, SEED, other)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"imported\t1\t{SEED_TITLE}", "imported\t2\tother"]


def test_import_creates_the_project(project_path: Path) -> None:
    run("import", project_path, SEED)
    with Project.open(project_path, create=False) as proj:
        assert len(proj.document_ids()) == 1


def test_import_twice_reports_skipped(imported: Path) -> None:
    result = run("import", imported, SEED)
    assert result.exit_code == 0
    assert result.stdout.startswith("skipped\t")
    assert "same text as document 1" in result.stdout


def test_import_of_a_missing_file_fails_but_imports_the_good_ones(
    project_path: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    result = run("import", project_path, missing, SEED)
    assert result.exit_code != 0
    assert f"error\t{missing}: no such file" in result.stderr
    assert "1 file could not be imported" in result.stderr
    assert f"imported\t1\t{SEED_TITLE}" in result.stdout
    with Project.open(project_path, create=False) as proj:
        assert len(proj.document_ids()) == 1


def test_import_of_invalid_utf8_fails_clearly(project_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9")
    result = run("import", project_path, bad)
    assert result.exit_code != 0
    assert "bad.txt: not valid UTF-8 at byte 3" in result.stderr


def test_import_into_a_file_that_is_not_a_project_fails_and_keeps_it(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    result = run("import", notes, SEED)
    assert result.exit_code != 0
    assert "not an Annotator project" in result.stderr
    assert notes.read_text() == "my notes\n"


def test_import_needs_at_least_one_path(project_path: Path) -> None:
    result = run("import", project_path)
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


# --------------------------------------------------------------------------------------- list
def test_list_shows_counts_per_label(imported: Path) -> None:
    tag_first_document(imported)
    result = run("list", imported)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "id\tstatus\tannotations\tClaim\tActor\ttitle",
        f"1\tnew\t3\t1\t2\t{SEED_TITLE}",
    ]
    assert result.stderr == "0 of 1 done\n"


def test_list_of_an_untagged_project_shows_zeros(imported: Path) -> None:
    assert run("list", imported).stdout.splitlines()[1] == f"1\tnew\t0\t0\t0\t{SEED_TITLE}"


def test_list_of_a_missing_project_fails_clearly(project_path: Path) -> None:
    result = run("list", project_path)
    assert result.exit_code != 0
    assert f"No project at {project_path}" in result.stderr
    assert not project_path.exists()


# ------------------------------------------------------------------------------------- export
def test_export_writes_jsonl(imported: Path, tmp_path: Path) -> None:
    tag_first_document(imported)
    output = tmp_path / "out.jsonl"
    result = run("export", imported, "--format", "jsonl", "--output", output)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"wrote 1 document, 3 spans to {output}"
    [record] = [json.loads(line) for line in output.read_text("utf-8").splitlines()]
    assert record["title"] == SEED_TITLE
    for span in record["spans"]:
        assert record["text"][span["start"] : span["end"]] == span["text"]


def test_export_label_filter(imported: Path, tmp_path: Path) -> None:
    tag_first_document(imported)
    output = tmp_path / "actors.jsonl"
    result = run("export", imported, "-o", output, "--label", "Actor")
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in output.read_text("utf-8").splitlines()]
    assert sorted(s["text"] for s in record["spans"]) == ["North Korea", "Russia"]


def test_export_to_a_missing_folder_fails_clearly(imported: Path, tmp_path: Path) -> None:
    output = tmp_path / "nowhere" / "out.jsonl"
    result = run("export", imported, "--output", output)
    assert result.exit_code != 0
    assert f"The folder {output.parent} does not exist" in result.stderr


def test_export_rejects_an_unknown_format(imported: Path, tmp_path: Path) -> None:
    result = run("export", imported, "--format", "xml", "--output", tmp_path / "x.xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr


# ------------------------------------------------------------------------- the default project
def test_where_prints_the_default_project_path() -> None:
    result = run("where")
    assert result.exit_code == 0
    assert result.stdout.strip() == str(default_project())
    assert not default_project().exists()


def test_list_without_a_project_uses_the_default_with_the_sample() -> None:
    assert not default_project().exists()
    result = run("list")
    assert result.exit_code == 0, result.output
    assert default_project().exists()
    assert result.stdout.splitlines()[1] == f"1\tnew\t0\t0\t0\t{SEED_TITLE}"


def test_default_project_is_created_only_once() -> None:
    run("list")
    tag_first_document(default_project())
    result = run("list")
    assert result.stdout.splitlines()[1:] == [f"1\tnew\t3\t1\t2\t{SEED_TITLE}"]


def test_export_without_a_project_uses_the_default(tmp_path: Path) -> None:
    output = tmp_path / "default.jsonl"
    result = run("export", "--output", output)
    assert result.exit_code == 0, result.output
    assert json.loads(output.read_text("utf-8"))["title"] == SEED_TITLE


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


# ------------------------------------------------------------------------ the real executable
def test_installed_command_imports_lists_and_exports(tmp_path: Path) -> None:
    project = tmp_path / "real.annotator"
    output = tmp_path / "real.jsonl"

    def annotator(*args: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(EXECUTABLE), *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=tmp_path,
            timeout=120,
            check=False,
        )

    imported = annotator("import", project, SEED)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == f"imported\t1\t{SEED_TITLE}\n"

    listed = annotator("list", project)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[1] == f"1\tnew\t0\t0\t0\t{SEED_TITLE}"

    exported = annotator("export", project, "--format", "jsonl", "--output", output)
    assert exported.returncode == 0, exported.stderr
    record = json.loads(output.read_text("utf-8"))
    assert record["title"] == SEED_TITLE and record["spans"] == []

    missing = annotator("import", project, tmp_path / "missing.txt")
    assert missing.returncode == 1
    assert "no such file" in missing.stderr
