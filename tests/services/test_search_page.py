"""The window's search (issue #11): ranked while few documents match, newest first beyond
RANK_LIMIT (ranking reads every match), and the count line says which."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.styled_text import StyledText
from annotator.services import search
from annotator.services.search import search_page
from annotator.store import NewDocument, Project

TEXTS = {
    "Sanctions": "Sanctions on Pyongyang. Sanctions again, sanctions always.",
    "Talks": "Talks on sanctions in Seoul.",
    "Summit": "A summit about sanctions.",
    "Weather": "Rain in Kyiv.",
}


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Project.open(tmp_path / "p.annotator") as project:
        for title, text in TEXTS.items():
            project.add_document(NewDocument(title, StyledText(f"{title}\n\n{text}")))
        yield project


def test_few_matches_are_ranked_and_counted(project: Project) -> None:
    page = search_page(project, "sanctions")
    assert page.ranked and page.matches == 3
    assert page.results[0].title == "Sanctions"  # three hits: best first, not newest
    assert page.summary() == "3 documents"
    assert search_page(project, "sanctions", limit=2).summary() == "2 of 3 documents"


def test_beyond_the_rank_limit_the_newest_come_first_and_the_line_says_so(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    page = search_page(project, "sanctions")
    assert not page.ranked and page.matches == 3  # counted up to the limit + 1
    assert [r.title for r in page.results] == ["Summit", "Talks", "Sanctions"]
    assert page.summary() == "3 of more than 2 documents, newest first: add words to rank"


def test_the_count_is_capped(project: Project) -> None:
    assert project.count_matches("sanctions", cap=1) == 2
    assert project.count_matches("sanctions", cap=10) == 3
    assert project.count_matches("sanctions", cap=10, document_ids=[1, 4]) == 1
    assert project.count_matches("sanctions", cap=10, document_ids=[]) == 0
