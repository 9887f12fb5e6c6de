"""``annotator export --split … --seed N`` and the dataset card (issue #13): one file per split,
counts per split, the card's labels, annotators, agreement, splits, sources, dates, options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli import main
from annotator.core.styled_text import StyledText
from annotator.services.dataset_card import LICENCE_TODO
from annotator.store import NewDocument, Project

TEXT = "Kim met Putin in Moscow on day {}."
SOURCES = ["Asia Times"] * 6 + ["Reuters"] * 4


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Ten documents; on each, ann tags Kim and Putin as Actor, bob tags Kim (Actor) and
    Moscow (Place): per document 3 Actor spans, 1 Place span."""
    path = tmp_path / "news.annotator"
    with Project.open(path) as proj:
        proj.add_label("Place", "#88cc88")
        for day, source in enumerate(SOURCES, start=1):
            meta = {"source": source, "date": f"2024-03-{day:02d}"}
            text = TEXT.format(day)
            doc = proj.add_document(
                NewDocument(title=f"Day {day}", styled=StyledText(text, []), meta=meta)
            )
            proj.add_annotation(doc, 0, 3, "Actor", author="ann")
            proj.add_annotation(doc, 8, 13, "Actor", author="ann")
            proj.add_annotation(doc, 0, 3, "Actor", author="bob")
            proj.add_annotation(doc, 17, 23, "Place", author="bob")
    return path


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_jsonl_split_writes_one_file_per_split(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "data.jsonl"
    result = run("export", project, "-o", out, "--split", "train=0.8,dev=0.1,test=0.1",
                 "--seed", 5)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "train: wrote 8 documents, 32 spans to" in result.output
    assert "dev: wrote 1 document, 4 spans to" in result.output
    assert not out.exists()
    parts = {n: lines(tmp_path / f"data.{n}.jsonl") for n in ("train", "dev", "test")}
    assert [len(parts[n]) for n in ("train", "dev", "test")] == [8, 1, 1]
    titles = [r["title"] for records in parts.values() for r in records]
    assert sorted(titles) == sorted(f"Day {d}" for d in range(1, 11))  # by document, once each
    again = tmp_path / "again.jsonl"
    run("export", project, "-o", again, "--split", "train=0.8,dev=0.1,test=0.1", "--seed", 5)
    assert lines(tmp_path / "again.test.jsonl") == parts["test"]  # reproducible


def test_parquet_split_has_the_split_column(project: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "data.parquet"
    result = run("export", project, "--format", "parquet", "-o", out,
                 "--split", "train=0.5,test=0.5", "--no-card")  # fmt: skip
    assert result.exit_code == 0, result.output
    for name in ("train", "test"):
        table = pq.read_table(tmp_path / f"data.{name}.parquet")
        assert table.num_rows == 5
        assert set(table.column("split").to_pylist()) == {name}
        assert sum(len(spans) for spans in table.column("spans").to_pylist()) == 20
    assert not (tmp_path / "data.card.md").exists()  # --no-card


def test_the_card_says_what_the_dataset_holds(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "data.jsonl"
    result = run("export", project, "-o", out, "--split", "train=0.8,dev=0.1,test=0.1",
                 "--seed", 5)  # fmt: skip
    assert result.exit_code == 0, result.output
    card = (tmp_path / "data.card.md").read_text("utf-8")
    assert "| train | data.train.jsonl | 8 | 32 |" in card
    assert "| test | data.test.jsonl | 1 | 4 |" in card
    assert "| Label | train | dev | test | Total |" in card
    assert "| Actor | 24 | 3 | 3 | 30 |" in card
    assert "| Place | 8 | 1 | 1 | 10 |" in card
    assert "| ann | 20 |" in card and "| bob | 20 |" in card
    # ann and bob agree on Kim only: exact F1 = 2·1/(2+2) = 0.5 on each of the 10 documents.
    assert "| ann | bob | 10 | 0.500 | 0.500 |" in card
    assert "Fleiss' κ" in card and "Krippendorff's α" in card
    assert "| Asia Times | 6 |" in card and "| Reuters | 4 |" in card
    assert "From 2024-03-01 to 2024-03-10" in card
    assert "--split train=0.8,dev=0.1,test=0.1 --seed 5" in card
    assert "Annotator 0.1.0" in card or "Annotator " in card
    assert LICENCE_TODO in card


def test_card_asks_for_a_card_beside_an_unsplit_export(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert run("export", project, "-o", tmp_path / "plain.jsonl").exit_code == 0
    assert not (tmp_path / "plain.card.md").exists()  # a plain export writes one file
    result = run("export", project, "-o", out, "--label", "Actor", "--card")
    assert result.exit_code == 0, result.output
    assert "wrote 10 documents, 30 spans to" in result.output
    card = (tmp_path / "all.card.md").read_text("utf-8")
    assert "| (all) | all.jsonl | 10 | 30 |" in card
    assert "Place" not in card  # the label filter applies to the card too
    assert "--label Actor" in card


def test_a_brat_split_is_one_folder_per_split(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    result = run("export", project, "--format", "brat", "-o", out, "--split", "train=0.7,test=0.3")
    assert result.exit_code == 0, result.output
    assert len(list((out / "train").glob("*.ann"))) == 7
    assert len(list((out / "test").glob("*.ann"))) == 3
    assert (out / "DATASET_CARD.md").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--split", "train=0.8,test=0.1"), "add up to 0.9"),
        (("--split", "train=1", "-o", "-"), "give --output a file name"),
    ],
)
def test_bad_splits_are_refused_and_nothing_is_written(
    project: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    before = set(tmp_path.iterdir())
    result = run("export", project, "-o", tmp_path / "x.jsonl", *args)
    assert result.exit_code != 0
    assert message in result.output
    assert set(tmp_path.iterdir()) == before
