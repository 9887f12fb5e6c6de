"""Bulk import: folders, batches, duplicates with a note, broken files, cancel keeps the rest."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from library_helpers import SEED_TITLE, write_samples

from annotator.cli import main
from annotator.services.bulk_import import import_bulk
from annotator.services.importing import ImportOutcome
from annotator.store import Project


def _articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"a{index:03d}.txt"
        path.write_text(f"Title {index}\n\nBody {index} 😀 text.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_folder_with_duplicates_and_broken_files(tmp_path: Path) -> None:
    folder = write_samples(tmp_path / "in")
    (folder / "copy-of-seed.txt").write_bytes((folder / "seed.txt").read_bytes())
    (folder / "nested").mkdir()
    (folder / "nested" / "seed-again.txt").write_bytes((folder / "seed.txt").read_bytes())
    (folder / "bad.txt").write_bytes(b"caf\xe9 \xff\xfe not utf-8 \x80")
    (folder / "broken.docx").write_bytes(b"not a zip")
    (folder / "notes.xyz").write_text("ignored: unknown suffixes are not picked from folders")
    seen: list[ImportOutcome] = []
    with Project.open(tmp_path / "p.annotator") as project:
        result = import_bulk(project, [folder], batch_size=2, on_outcome=seen.append)
        assert seen == result.outcomes
        by_name = {o.path.name: o for o in result.outcomes}
        assert by_name["bad.txt"].status == "error" and "bad.txt" in by_name["bad.txt"].message
        assert by_name["broken.docx"].status == "error"
        assert "notes.xyz" not in by_name
        statuses = sorted(o.status for o in result.outcomes)
        assert statuses.count("imported") == 3  # seed, Markdown, HTML
        assert statuses.count("duplicate") == 2
        duplicates = [o for o in result.outcomes if o.status == "duplicate"]
        first = next(o.document_id for o in result.outcomes if o.path.name == "copy-of-seed.txt")
        for dup in duplicates:
            assert "same text as document" in dup.message and "skipped" in dup.message
        assert first is not None
        assert [d.title for d in project.documents()].count(SEED_TITLE) == 1
        # A second run finds everything already there.
        again = import_bulk(project, [folder])
        assert again.count("imported") == 0 and again.count("duplicate") == 5


def test_cancel_keeps_what_was_committed(tmp_path: Path) -> None:
    paths = _articles(tmp_path / "many", 25)
    progress: list[tuple[int, int]] = []
    with Project.open(tmp_path / "p.annotator") as project:
        result = import_bulk(
            project,
            paths,
            batch_size=4,
            on_progress=lambda done, total: progress.append((done, total)),
            should_cancel=lambda: len(progress) >= 10,
        )
        assert result.cancelled and result.files == 10
        assert progress[-1] == (10, 25)
        imported = [o for o in result.outcomes if o.status == "imported"]
        assert len(imported) == 10
        assert len(project.documents()) == 10  # everything reported is in the project
        assert {o.document_id for o in imported} == set(project.document_ids())


def test_duplicates_inside_one_batch(tmp_path: Path) -> None:
    folder = tmp_path / "same"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.md"):
        (folder / name).write_text("Same words here.\n", encoding="utf-8")
    with Project.open(tmp_path / "p.annotator") as project:
        result = import_bulk(project, [folder])
        assert [o.status for o in result.outcomes] == ["imported", "duplicate", "duplicate"]
        assert {o.document_id for o in result.outcomes} == {1}


def test_cli_import_of_a_folder(tmp_path: Path) -> None:
    folder = write_samples(tmp_path / "in")
    (folder / "bad.docx").write_bytes(b"nope")
    project = tmp_path / "cli.annotator"
    result = CliRunner().invoke(main, ["import", str(project), str(folder), str(folder)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert sum(line.startswith("imported\t") for line in lines) == 3
    assert sum(line.startswith("skipped\t") for line in lines) == 3
    assert sum(line.startswith("error\t") for line in lines) == 2
    assert "1 file could" not in result.output and "2 files could not be imported" in result.output
