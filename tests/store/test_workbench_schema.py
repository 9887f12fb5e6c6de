"""Schema v2: attributes, notes, fragments, relations, label attributes, full-text index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project, ProjectError, schema

TEXT = "President 🇰🇷 Yoon said the threat is real. Kim Jong Un denied it."


@pytest.fixture
def project(tmp_path: Path):
    with Project.open(tmp_path / "p.annotator") as proj:
        yield proj


def _doc(project: Project) -> int:
    return project.add_document(NewDocument("t", StyledText(TEXT)))


def _span(project: Project, doc: int, phrase: str, label: str, **kw):
    start = TEXT.index(phrase)
    return project.add_annotation(doc, start, start + len(phrase), label, **kw)


def test_default_schema_has_attributes_and_relation_types(project):
    claim, actor = project.labels()
    assert [a.name for a in claim.attributes] == ["stance", "certainty"]
    assert claim.attribute("stance").values == ("support", "oppose", "neutral")
    assert actor.attribute("type").values == ("person", "organisation", "state", "group", "other")
    assert [t.name for t in project.relation_types()] == ["claimant", "addressee", "target"]
    assert project.relation_types()[0].allows("Claim", "Actor")


def test_attributes_note_and_fragments_round_trip(project):
    doc = _doc(project)
    claim = _span(
        project,
        doc,
        "the threat is real",
        "Claim",
        attributes={"stance": "support"},
        note="hedged in the original",
    )
    again = project.annotation(claim.id)
    assert again.attributes == {"stance": "support"} and again.note == "hedged in the original"
    start = TEXT.index("President")
    frag = project.add_annotation(
        doc, start, start + 20, "Actor", fragments=((start, start + 9), (start + 13, start + 20))
    )
    assert project.annotation(frag.id).fragments == ((start, start + 9), (start + 13, start + 20))


def test_update_relabels_resizes_and_keeps_the_text_in_step(project):
    doc = _doc(project)
    ann = _span(project, doc, "Yoon said", "Claim")
    updated = project.update_annotation(ann.id, label="Actor", end=ann.start + 4, note="n")
    assert (updated.label, updated.text, updated.note) == ("Actor", "Yoon", "n")
    with pytest.raises(ValueError):
        project.update_annotation(ann.id, end=ann.start)


def test_relations_link_spans_and_go_with_a_deleted_span(project):
    doc = _doc(project)
    claim = _span(project, doc, "the threat is real", "Claim")
    actor = _span(project, doc, "Yoon", "Actor")
    rel = project.add_relation("claimant", claim.id, actor.id)
    assert project.relations(doc) == [rel]
    assert project.relations_of(actor.id) == [rel]
    project.delete_annotation(actor.id)
    assert project.relations(doc) == []
    project.restore_annotation(actor)
    project.restore_relation(rel)
    assert project.relations(doc) == [rel]


def test_a_relation_needs_two_spans_of_one_document(project):
    doc = _doc(project)
    claim = _span(project, doc, "the threat is real", "Claim")
    with pytest.raises(ProjectError):
        project.add_relation("claimant", claim.id, claim.id)
    with pytest.raises(ProjectError):
        project.add_relation("no-such-type", claim.id, _span(project, doc, "Yoon", "Actor").id)


def test_full_text_index_follows_documents(project):
    _doc(project)
    hits = project.db.execute(
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'threat'"
    ).fetchall()
    assert hits == [(1,)]


def test_failed_migration_leaves_the_v1_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "old.annotator"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    Project.open(path).close()

    def broken(db):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], broken])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    with pytest.raises(ProjectError, match=r"disk on fire.*unchanged"):
        Project.open(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    assert (tmp_path / "old.annotator.before-v2.bak").exists()
