"""services/statistics.py against the hand-counted project of tests/stats_corpus.py (#12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from stats_corpus import build_stats_project

from annotator.core.actors import StatusCounts
from annotator.services.statistics import DocumentCount, Statistics, project_statistics
from annotator.store import Project


@pytest.fixture
def stats(tmp_path: Path) -> Statistics:
    with Project.open(build_stats_project(tmp_path / "p.annotator")) as proj:
        return project_statistics(proj, top=2)


def test_spans_per_label(stats: Statistics) -> None:
    assert stats.labels == (("Claim", 5), ("Actor", 4))


def test_top_actors_are_canonical_and_cut_at_top(stats: Statistics) -> None:
    assert stats.actors == (("Kim Jong Un", "person", 3), ("Moon Jae-in", "person", 1))


def test_spans_per_document_with_status(stats: Statistics) -> None:
    assert stats.documents == (
        DocumentCount(1, "Summit", "done", 6),
        DocumentCount(2, "Talks", "in_progress", 2),
        DocumentCount(3, "Notes", "new", 1),
    )


def test_claims_per_stance_by_month_with_undated_apart(stats: Statistics) -> None:
    assert stats.stances.months == ("2024-03", "2024-04", "undated")
    assert stats.stances.counts == {
        "support": (2, 0, 0),
        "oppose": (1, 1, 0),
        "unspecified": (0, 0, 1),
    }
    assert stats.stances.total == 5


def test_progress_and_json(stats: Statistics) -> None:
    assert stats.progress == StatusCounts(new=1, in_progress=1, done=1)
    data = stats.to_json()
    assert data["progress"] == {"new": 1, "in_progress": 1, "done": 1, "total": 3}
    assert data["claims_over_time"]["stances"]["oppose"] == [1, 1, 0]


def test_an_empty_project(tmp_path: Path) -> None:
    with Project.open(tmp_path / "e.annotator") as proj:
        empty = project_statistics(proj)
    assert empty.actors == () and empty.documents == ()
    assert empty.stances.months == () and empty.stances.total == 0
