"""Removing documents in the store, restoring them exactly, and the text cache (issue #9)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project, ProjectError


def doc(text: str) -> NewDocument:
    return NewDocument(text.split()[0], StyledText(text, []), source_name="x.txt")


def annotation_rows(project: Project) -> list[tuple]:
    with sqlite3.connect(project.path) as conn:
        return conn.execute("SELECT * FROM annotations ORDER BY id").fetchall()


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Project.open(tmp_path / "p.annotator") as proj:
        yield proj


def test_a_reused_id_never_shows_the_removed_documents_text(project: Project) -> None:
    project.add_document(doc("Alpha one"))
    last = project.add_document(doc("Beta two"))
    project.add_annotation(last, 0, 4, "Actor")  # reads (and caches) Beta's text
    project.remove_documents([last])
    again = project.add_document(doc("Gamma three"))
    assert again == last  # SQLite hands out the freed id again
    assert project.document(again).text == "Gamma three"
    assert project.add_annotation(again, 0, 5, "Actor").text == "Gamma"


def test_unknown_id_removes_nothing_and_restore_is_exact(project: Project) -> None:
    first = project.add_document(doc("Alpha one"))
    ann = project.add_annotation(first, 0, 5, "Actor", note="n", attributes={"type": "person"})
    before = annotation_rows(project)
    with pytest.raises(ProjectError, match="no document 7"):
        project.remove_documents([first, 7])
    assert project.document_ids() == [first]
    removed = project.remove_documents([first])
    assert removed.summary() == "1 document (1 annotation)"
    assert project.document_ids() == [] and project.search("Alpha") == []
    project.restore_documents(removed)
    assert annotation_rows(project) == before
    assert project.annotation(ann.id).note == "n"
    assert [hit.document_id for hit in project.search("Alpha")] == [first]
