"""`annotator agreement` on the hand-counted project of tests/agreement_corpus.py (#13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from agreement_corpus import build_agreement_project
from click.testing import CliRunner, Result

from annotator.cli import main

approx = pytest.approx


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return build_agreement_project(tmp_path / "p.annotator")


def test_json_fields_and_values(project: Path) -> None:
    result = run("agreement", project, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["annotators", "documents", "pairs", "fleiss_kappa",
                          "alpha_nominal_chars", "labels", "disagreements"]  # fmt: skip
    assert data["annotators"] == ["ana", "ben"] and data["documents"] == [1, 2]
    # Worked out by hand in tests/services/test_agreement_service.py.
    assert data["pairs"] == [{"a": "ana", "b": "ben", "f1_exact": approx(1 / 3),
                              "f1_overlap": approx(2 / 3), "kappa": approx(1 / 3)}]  # fmt: skip
    assert data["fleiss_kappa"] == approx(29 / 101)
    assert data["alpha_nominal_chars"] == approx(1068 / 3000)
    assert list(data["labels"]) == ["Actor", "Claim"]
    assert list(data["labels"]["Claim"]) == ["pairs", "fleiss_kappa", "alpha_nominal_chars"]
    assert data["labels"]["Claim"]["pairs"] == [{"a": "ana", "b": "ben", "f1_exact": 0.0,
                                                 "f1_overlap": approx(2 / 3),
                                                 "kappa": approx(16 / 43)}]  # fmt: skip
    assert data["disagreements"] == [
        {"document": 1, "a": "ana", "b": "ben", "kind": "boundary",
         "a_span": [9, 19, "Claim"], "b_span": [9, 20, "Claim"]},
        {"document": 2, "a": "ana", "b": "ben", "kind": "missing",
         "a_span": [0, 4, "Actor"], "b_span": None},
        {"document": 2, "a": "ana", "b": "ben", "kind": "missing",
         "a_span": None, "b_span": [5, 14, "Claim"]},
    ]  # fmt: skip


def test_label_option(project: Path) -> None:
    data = json.loads(run("agreement", project, "--label", "Actor", "--json").stdout)
    assert list(data["labels"]) == ["Actor"]
    assert data["pairs"][0]["kappa"] == approx(14 / 23)
    assert [d["kind"] for d in data["disagreements"]] == ["missing"]


def test_unknown_label_is_an_error(project: Path) -> None:
    result = run("agreement", project, "--label", "Opinion")
    assert result.exit_code == 1
    assert "No label named Opinion" in result.output


def test_tables(project: Path) -> None:
    result = run("agreement", project)
    assert result.exit_code == 0, result.output
    blocks = result.stdout.split("\n\n")
    assert blocks[0] == "Annotators: ana, ben\nDocuments annotated by two or more: 2 (ids 1, 2)"
    assert blocks[1] == (
        "Pairs\nA    B    DOCS  F1 EXACT  F1 OVERLAP  KAPPA\nana  ben  2     0.333     0.667"
        "       0.333"
    )
    assert blocks[2] == (
        "Overall\nFLEISS KAPPA (TOKENS)  ALPHA NOMINAL (CHARACTERS)\n0.287                  0.356"
    )
    assert blocks[-1] == (
        "Disagreements\nMISSING  LABEL  BOUNDARY  TOTAL\n2        0      1         3\n"
    )


def test_no_shared_document(tmp_path: Path) -> None:
    from annotator.store import Project

    path = tmp_path / "empty.annotator"
    Project.open(path).close()
    result = run("agreement", path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "No document was annotated by two or more annotators.\n"
