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


def test_the_session_author_is_recorded_on_tag_link_and_on_someone_elses_span(project):
    from annotator.services.session import Session

    one, _ = _docs(project)
    session = Session(project)
    session.set_author("  Ann  Lee ")
    claim = session.tag(one, 0, 22, "Claim").added[0]
    actor = session.tag(one, 0, 5, "Actor").added[0]
    session.link("claimant", claim.id, actor.id)
    session.update_annotation(claim.id, note="mine")
    session.set_author("Ben")
    session.update_annotation(actor.id, attributes={"type": "person"})
    rows = project.db.execute(
        "SELECT text, author, updated_by, note FROM annotations ORDER BY id"
    ).fetchall()
    assert rows == [
        ("Alice met Bob in Paris", "Ann Lee", "", "mine"),
        ("Alice", "Ann Lee", "Ben", ""),
    ]
    assert project.db.execute("SELECT author FROM relations").fetchall() == [("Ann Lee",)]
    undo = project.annotation(actor.id)
    assert undo.updated_by == "Ben"


def test_undo_of_an_edit_puts_back_who_had_changed_the_span(project):
    from annotator.services.session import Session

    one, _ = _docs(project)
    session = Session(project, author="ann")
    span = session.tag(one, 0, 5, "Actor").added[0]
    session.set_author("ben")
    old, _new = session.update_annotation(span.id, note="checked").updated[0]
    assert project.annotation(span.id).updated_by == "ben"
    session.restore_annotation_state(old)
    assert project.db.execute("SELECT note, updated_by FROM annotations").fetchall() == [("", "")]


def test_the_view_shows_one_annotators_layer_or_all(project):
    one, _ = _docs(project)
    project.add_annotation(one, 0, 5, "Actor", author="ann")
    project.add_annotation(one, 0, 5, "Actor", author="ben")
    project.add_annotation(one, 10, 13, "Actor", author="ben")
    assert len(project.annotations_for_view(one)) == 3
    assert [a.start for a in project.annotations_for_view(one, author="ben")] == [0, 10]
    assert [a.start for a in project.annotations_for_view(one, author="ann")] == [0]
    assert project.annotations_for_view(one, author="cat") == []
