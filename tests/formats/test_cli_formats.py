"""`annotator formats`, `annotator export --format …` and `annotator import --format …`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from corpora import OWN_BRAT
from export_fixtures import fill_tricky

from annotator.cli import main
from annotator.formats.registry import export_formats
from annotator.store import Project


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.open(path) as project:
        fill_tricky(project)
    return path


def run(*args: str) -> object:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def test_formats_lists_every_format_with_keeps_and_loses() -> None:
    result = run("formats")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    out = result.output  # type: ignore[attr-defined]
    lines = out.splitlines()
    assert lines[0].split() == ["FORMAT", "FILES", "DIRECTION", "KEEPS", "LOSES"]
    first_words = {line.split()[0] for line in lines[1:] if line[:1].strip()}
    for name in ("jsonl", "prodigy", "spacy", "doccano", "label-studio", "brat", "conll", "csv",
                 "w3c", "graphml", "network-csv"):  # fmt: skip
        assert name in first_words
    keeps_column = lines[0].index("KEEPS")
    jsonl_row = next(line for line in lines if line.startswith("jsonl "))
    assert jsonl_row[keeps_column:].startswith("everything")


@pytest.mark.parametrize("fmt", [f.name for f in export_formats()])
def test_export_every_format(project_file: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / ("brat" if fmt == "brat" else f"out.{fmt}")
    result = run("export", str(project_file), "--format", fmt, "--output", str(out))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "wrote 6 documents" in result.output  # type: ignore[attr-defined]
    assert out.exists()


def test_export_label_filter_and_conll_policy(project_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.conll"
    args = ["export", str(project_file), "--format", "conll", "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--conll-overlap", "error"])
    assert result.exit_code != 0 and "overlaps another span" in result.output
    result = CliRunner().invoke(main, [*args, "--label", "Actor"])
    assert result.exit_code == 0
    assert "B-Claim" not in out.read_text("utf-8") and "B-Actor" in out.read_text("utf-8")


def test_import_with_format_and_brat_folder(project_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset.data"  # a suffix nobody claims: --format says what it is
    run("export", str(project_file), "--format", "doccano", "-o", str(out))
    target = tmp_path / "new.annotator"
    result = run("import", str(target), str(out), "--format", "doccano")
    assert result.output.count("imported\t") == 6  # type: ignore[attr-defined]
    result = run("import", str(target), str(OWN_BRAT))
    output = result.output  # type: ignore[attr-defined]
    assert output.count("imported\t") == len(list(OWN_BRAT.glob("*.ann"))) == 4
    assert "030-events.ann: 1 event kept as trigger spans with 2 role relations" in output
    assert "030-events.ann: 1 normalisation kept as span attributes" in output
