"""CoNLL-2003 as its dev set has it (4 space-separated columns, ``-DOCSTART-`` documents, IOB1 with
``B-`` only between two adjacent entities of one type, numbers as tokens): numbers stay tokens,
POS and chunk columns are kept, and import → export gives the same bytes (issue #10, item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import Project

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "formats" / "conll"
DEV = FIXTURES / "conll2003_dev_shape.conll"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = Project.open(tmp_path / "p.annotator")
    outcomes = import_paths(project, [DEV])
    assert [o.status for o in outcomes] == ["imported"] * 3, outcomes
    return project


def spans(project: Project, doc_id: int) -> list[tuple[str, str]]:
    return [(a.text, a.label) for a in project.annotations(doc_id)]


def test_numbers_stay_tokens(project: Project) -> None:
    first, second, third = (project.document(d) for d in project.document_ids())
    assert first.text.splitlines()[1] == "LONDON 1996-08-30"
    assert "took four for 38 on Friday" in first.text
    assert "innings and 39 runs ." in first.text
    assert first.text.splitlines()[-1] == "1 ."
    assert second.text.splitlines()[1] == "Feyenoord 96 Utrecht 1996 Cup"
    assert second.text.splitlines()[-1] == "2 3 4"
    assert "CD" not in first.text + second.text
    assert spans(project, second.id)[:4] == [
        ("DUTCH", "MISC"),
        ("Feyenoord", "ORG"),
        ("Utrecht", "ORG"),
        ("1996 Cup", "MISC"),
    ]
    assert spans(project, third.id)[-1] == ("Peter Blackburn", "PER")


def test_iob1_entities_adjacent_ones_and_sentences(project: Project) -> None:
    first, second, third = project.document_ids()
    assert ("Phil Simmons", "PER") in spans(project, first)
    assert ("West Indian", "MISC") in spans(project, first)
    adjacent = [
        ("German", "MISC"),
        ("Bundesliga", "MISC"),
        ("Rotterdam", "LOC"),
        ("Amsterdam", "LOC"),
    ]
    assert spans(project, second)[4:] == adjacent
    texts = [project.document(d).text for d in (first, second, third)]
    assert [t.count("\n") + 1 for t in texts] == [4, 4, 2]  # sentences, one per line
    assert [len(t.split()) for t in texts] == [37, 24, 11]  # tokens: numbers are tokens too


def test_import_export_is_byte_identical(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.conll"
    summary = export_project(project, "conll", out)
    assert out.read_bytes() == DEV.read_bytes()
    assert summary.lost == {}


def test_round_trip_through_the_cli(tmp_path: Path) -> None:
    target, out = tmp_path / "cli.annotator", tmp_path / "valid.txt"
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(target), str(DEV), "--format", "conll"])
    assert result.exit_code == 0 and result.output.count("imported\t") == 3, result.output
    result = runner.invoke(main, ["export", str(target), "--format", "conll", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "not written" not in result.output
    assert out.read_bytes() == DEV.read_bytes()


def test_a_span_off_the_tokens_is_written_from_the_tokenizer_and_said(
    project: Project, tmp_path: Path
) -> None:
    doc_id = project.document_ids()[2]
    text = project.document(doc_id).text
    start = text.index("boycott") + 3  # inside a token of the file
    project.add_annotation(doc_id, start, start + 4, "MISC")
    out = tmp_path / "out.conll"
    summary = export_project(project, "conll", out)
    assert summary.lost == {
        "imported tokens, sentences and columns of a document (its spans no longer fall on them;"
        " written from the tokenizer)": 1
    }
    written = out.read_text("utf-8")
    assert "boy O\ncott B-MISC\n" in written
    assert "EU NNP B-NP B-ORG" not in written  # that document lost its columns, as reported
    assert "CRICKET NNP I-NP O" in written  # the others kept theirs
