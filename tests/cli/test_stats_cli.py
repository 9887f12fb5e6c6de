"""`annotator stats` prints the hand-counted numbers and saves charts headless (issue #12)."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner, Result
from stats_corpus import build_stats_project

from annotator.cli import main


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return build_stats_project(tmp_path / "p.annotator")


def test_tables(project: Path) -> None:
    result = run("stats", project, "--top", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n\n") == [
        "Spans per label\nLABEL  SPANS\nClaim  5\nActor  4",
        "Top actors\nACTOR        TYPE    MENTIONS\nKim Jong Un  person  3",
        "Spans per document\nID  STATUS       SPANS  TITLE\n1   done         6      Summit\n"
        "2   in_progress  2      Talks\n3   new          1      Notes",
        "Claims per stance over time\nMONTH    SUPPORT  OPPOSE  UNSPECIFIED\n"
        "2024-03  2        1       0\n2024-04  0        1       0\nundated  0        0       1",
        "Progress\nNEW  IN PROGRESS  DONE  TOTAL\n1    1            1     3\n",
    ]


def test_json(project: Path) -> None:
    result = run("stats", project, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["labels"] == [{"label": "Claim", "spans": 5}, {"label": "Actor", "spans": 4}]
    assert [a["actor"] for a in data["actors"]] == ["Kim Jong Un", "Moon Jae-in"]
    assert data["claims_over_time"] == {
        "months": ["2024-03", "2024-04", "undated"],
        "stances": {"support": [2, 0, 0], "oppose": [1, 1, 0], "unspecified": [0, 0, 1]},
    }
    assert data["progress"]["done"] == 1


@pytest.mark.parametrize("chart", ["labels", "actors", "stances", "progress"])
def test_chart_as_svg(project: Path, tmp_path: Path, chart: str) -> None:
    out = tmp_path / "x.svg"
    result = run("stats", project, "--chart", chart, "--output", out)
    assert result.exit_code == 0, result.output
    root = ElementTree.parse(out).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_chart_as_png(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    result = run("stats", project, "--chart", "stances", "--output", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert result.stdout == f"saved\tstances\t{out}\n"


def test_chart_refuses_another_extension(project: Path, tmp_path: Path) -> None:
    result = run("stats", project, "--chart", "labels", "--output", tmp_path / "x.pdf")
    assert result.exit_code == 1
    assert "png or .svg" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_a_project_without_claims_or_spans_prints_empty_tables(tmp_path: Path) -> None:
    article = tmp_path / "quiet.txt"
    article.write_text("Quiet day\n\nNothing was claimed today.\n", encoding="utf-8")
    empty = tmp_path / "empty.annotator"
    assert run("import", empty, article).exit_code == 0
    result = run("stats", empty)  # no claims: the timeline has no rows
    assert result.exit_code == 0, result.output
    assert "Claims per stance over time\nMONTH\n" in result.stdout
