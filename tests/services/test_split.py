"""Dataset splits (issue #13): by document, reproducible (same seed and documents -> same split,
whatever order they were imported in), fractions validated, sizes add up."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.document import text_sha256
from annotator.core.styled_text import StyledText
from annotator.services.release import (
    SplitError,
    assign_splits,
    parse_split,
    split_output,
    split_sizes,
)
from annotator.store import NewDocument, Project

PARTS = parse_split("train=0.8,dev=0.1,test=0.1")
TEXTS = [f"Article {i}: the minister spoke on day {i}." for i in range(40)]


def project_with(path: Path, texts: list[str]) -> Project:
    project = Project.open(path)
    for text in texts:
        project.add_document(NewDocument(title=text[:10], styled=StyledText(text, [])))
    return project


def split_texts(project: Project, seed: int) -> dict[str, set[str]]:
    assigned = assign_splits(project.document_sha256s(), PARTS, seed)
    return {name: {project.document(d).text for d in ids} for name, ids in assigned.items()}


def test_same_documents_in_another_order_split_the_same(tmp_path: Path) -> None:
    with project_with(tmp_path / "a.annotator", TEXTS) as a:
        first = split_texts(a, seed=7)
    with project_with(tmp_path / "b.annotator", TEXTS[::-1]) as b:  # imported backwards
        second = split_texts(b, seed=7)
    assert first == second
    assert {name: len(texts) for name, texts in first.items()} == {"train": 32, "dev": 4, "test": 4}


def test_every_document_is_in_exactly_one_split_and_the_seed_matters(tmp_path: Path) -> None:
    sha256s = {i: text_sha256(t) for i, t in enumerate(TEXTS, start=1)}
    seven = assign_splits(sha256s, PARTS, 7)
    ids = [d for part in seven.values() for d in part]
    assert sorted(ids) == sorted(sha256s)
    assert assign_splits(sha256s, PARTS, 7) == seven
    assert assign_splits(sha256s, PARTS, 8) != seven


def test_sizes_add_up_by_largest_remainder() -> None:
    assert split_sizes(10, [0.8, 0.1, 0.1]) == [8, 1, 1]
    assert split_sizes(7, [0.8, 0.1, 0.1]) == [5, 1, 1]  # 5.6, 0.7, 0.7: the two largest rests
    assert split_sizes(3, [1 / 3] * 3) == [1, 1, 1]
    assert split_sizes(0, [0.5, 0.5]) == [0, 0]
    for total in range(50):
        assert sum(split_sizes(total, [0.7, 0.2, 0.1])) == total


def test_an_empty_split_is_allowed() -> None:
    parts = parse_split("train=1,test=0")
    assert assign_splits({1: "a", 2: "b"}, parts, 0) == {"train": [1, 2], "test": []}


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("train=0.8,dev=0.1", "add up to 0.9"),
        ("Train=0.5,test=0.5", "not NAME=FRACTION"),
        ("train=0.5,train=0.5", "named once"),
        ("train=half,test=0.5", "not a number"),
        ("train=1.5,test=-0.5", "between 0 and 1"),
        ("train", "not NAME=FRACTION"),
    ],
)
def test_malformed_splits_are_refused(spec: str, message: str) -> None:
    with pytest.raises(SplitError, match=message):
        parse_split(spec)


def test_fractions_within_rounding_are_accepted() -> None:
    assert [n for n, _ in parse_split("a=0.1,b=0.2,c=0.7")] == ["a", "b", "c"]  # 0.1+0.2 ≠ 0.3


def test_split_file_names() -> None:
    assert split_output(Path("out/data.jsonl"), "train", False) == Path("out/data.train.jsonl")
    assert split_output(Path("out/brat"), "dev", True) == Path("out/brat/dev")
