"""Authors of spans (issue #13): grouping by author, filtering the view, recording on edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project

TEXT = "Alice met Bob in Paris. Carol stayed home."


@pytest.fixture
def project(tmp_path: Path):
    with Project.open(tmp_path / "p.annotator") as proj:
        yield proj


def _docs(project: Project) -> tuple[int, int]:
    one = project.add_document(NewDocument("one", StyledText(TEXT)))
    two = project.add_document(NewDocument("two", StyledText(TEXT + " Dave left.")))
    return one, two


def test_spans_by_author_groups_author_then_document_in_reading_order(project):
    one, two = _docs(project)
    project.add_annotation(one, 17, 22, "Claim", author="ann")
    project.add_annotation(one, 0, 5, "Actor", author="ann")
    project.add_annotation(two, 10, 13, "Actor", author="ann")
    project.add_annotation(one, 0, 9, "Actor", author="ben")
    project.add_annotation(one, 24, 29, "Actor")
    grouped = project.spans_by_author()
    assert sorted(grouped) == ["", "ann", "ben"]
    assert [(a.start, a.label) for a in grouped["ann"][one]] == [(0, "Actor"), (17, "Claim")]
    assert [(a.start, a.text) for a in grouped["ann"][two]] == [(10, "Bob")]
    assert [a.label for a in grouped["ben"][one]] == ["Actor"]
    assert [a.text for a in grouped[""][one]] == ["Carol"]
    only_two = project.spans_by_author([two])
    assert list(only_two) == ["ann"] and list(only_two["ann"]) == [two]
    assert project.spans_by_author([]) == {}
