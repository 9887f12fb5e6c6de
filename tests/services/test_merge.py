"""Merging annotators' projects (issue #13): matched documents, kept authors, idempotence."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from team_projects import make_ann, make_ben

from annotator.services.merge import merge_projects
from annotator.store import Project, ProjectError

SPANS = """
SELECT d.title, a.start, a."end", l.name, a.author, a.attributes, a.note, a.text
FROM annotations a JOIN documents d ON d.id = a.document_id JOIN labels l ON l.id = a.label_id
ORDER BY d.id, a.start, a.author, a.id
"""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    return [make_ann(tmp_path / "ann.annotator"), make_ben(tmp_path / "ben.annotator")]


def test_merge_matches_documents_by_text_and_keeps_each_authors_spans(tmp_path, inputs):
    out = tmp_path / "team.annotator"
    ann, ben = merge_projects(out, inputs)
    assert (ann.documents_added, ann.documents_matched) == (2, 0)
    assert (ben.documents_added, ben.documents_matched) == (0, 2)
    assert (ann.spans_added, ben.spans_added, ben.spans_authorless) == (2, 4, 1)
    with Project.open(out, read_only=True) as proj:
        assert proj.db.execute("SELECT title FROM documents ORDER BY id").fetchall() == [
            ("one",),
            ("two",),
        ]
        assert proj.db.execute(SPANS).fetchall() == [
            ("one", 0, 3, "Actor", "ann", "{}", "", "Kim"),
            ("one", 0, 3, "Actor", "ben", "{}", "", "Kim"),
            ("one", 4, 28, "Claim", "ann", '{"stance": "support"}', "", "said the talks went well"),
            ("one", 4, 28, "Claim", "ben", '{"stance": "oppose"}', "", "said the talks went well"),
            ("one", 4, 28, "Claim", "ben", "{}", "second thoughts", "said the talks went well"),
            ("two", 0, 8, "Actor", "ben", "{}", "", "The DPRK"),
        ]


def test_relations_and_actor_links_survive_with_new_ids(tmp_path, inputs):
    out = tmp_path / "team.annotator"
    merge_projects(out, inputs)
    with Project.open(out, read_only=True) as proj:
        assert [(a.name, a.aliases) for a in proj.actors()] == [("Kim Jong Un", ("Kim",))]
        kim = proj.actors()[0].id
        linked = proj.db.execute(
            "SELECT author FROM annotations WHERE actor_id = ? ORDER BY author", [kim]
        ).fetchall()
        assert linked == [("ann",), ("ben",)]
        (rel,) = proj.iter_relations()
        source, target = proj.annotation(rel.source_id), proj.annotation(rel.target_id)
        assert (rel.type, rel.author) == ("claimant", "ann")
        assert (source.label, source.author, target.label, target.author) == (
            "Claim", "ann", "Actor", "ann"
        )  # fmt: skip
        assert proj.problems == []


def test_merging_the_same_files_again_adds_nothing(tmp_path, inputs):
    out = tmp_path / "team.annotator"
    merge_projects(out, inputs)
    with Project.open(out, read_only=True) as proj:
        before = proj.db.execute(SPANS).fetchall()
    again = merge_projects(out, [*inputs, inputs[1]])
    assert [(c.spans_added, c.relations_added, c.documents_added) for c in again] == [(0, 0, 0)] * 3
    assert [c.spans_skipped for c in again] == [2, 4, 4]
    with Project.open(out, read_only=True) as proj:
        assert proj.db.execute(SPANS).fetchall() == before
        assert proj.db.execute("SELECT count(*) FROM relations").fetchone() == (1,)
        assert len(proj.actors()) == 1


def test_the_inputs_are_never_modified(tmp_path, inputs):
    before = {p: _sha(p) for p in inputs}
    merge_projects(tmp_path / "team.annotator", inputs)
    merge_projects(tmp_path / "team.annotator", inputs)
    assert {p: _sha(p) for p in inputs} == before
    names = sorted(p.name for p in tmp_path.iterdir())
    assert not [n for n in names if n.startswith(("ann", "ben")) and n.endswith(("-wal", "-shm"))]


def test_conflicts_are_listed_and_both_versions_kept(tmp_path, inputs):
    _ann, ben = merge_projects(tmp_path / "team.annotator", inputs)
    assert _ann.conflicts == []
    assert ben.conflicts == [
        "document 1 'one', ben at 4-28 'said the talks went well': Claim"
        ' {"stance": "oppose"} / Claim note \'second thoughts\' (both kept)'
    ]


def test_a_label_with_other_attribute_definitions_is_a_listed_conflict(tmp_path, inputs):
    from annotator.core.labels import AttributeDef

    with Project.open(inputs[1]) as proj, proj.transaction():
        proj.db.execute("UPDATE labels SET attributes = '[]' WHERE name = 'Actor'")
        proj.db.execute("INSERT INTO labels (name, color) VALUES ('Place', '#123456')")
    _ann, ben = merge_projects(tmp_path / "team.annotator", inputs)
    assert ben.labels_added == ["Place"]
    assert ben.conflicts[0] == (
        "label 'Actor': its attribute definitions differ; the merged project keeps its own"
    )
    with Project.open(tmp_path / "team.annotator", read_only=True) as proj:
        assert proj.label("Actor").attributes[0] == AttributeDef(
            "type", "enum", ("person", "organisation", "state", "group", "other")
        )
        assert proj.label("Place").color == "#123456"


def test_a_failing_input_leaves_the_output_as_it_was(tmp_path, inputs):
    bad = tmp_path / "notes.annotator"
    bad.write_text("not a project")
    with pytest.raises(ProjectError):
        merge_projects(tmp_path / "team.annotator", [inputs[0], bad])
    assert not (tmp_path / "team.annotator").exists()
    text = tmp_path / "out.txt"
    text.write_text("mine")
    with pytest.raises(ProjectError):
        merge_projects(text, inputs)
    assert text.read_text() == "mine"


def test_an_input_that_fails_halfway_adds_nothing_of_itself(tmp_path, inputs):
    out = tmp_path / "team.annotator"
    merge_projects(out, inputs[:1])
    with Project.open(inputs[1]) as proj, proj.transaction():  # a relation across documents
        ids = proj.db.execute("SELECT min(id), max(id) FROM annotations").fetchone()
        proj.db.execute(
            "INSERT INTO relations (document_id, type_id, source_id, target_id)"
            " VALUES (1, 1, ?, ?)",
            [ids[1], ids[0]],
        )
    with Project.open(out, read_only=True) as proj:
        before = proj.db.execute(SPANS).fetchall()
    with pytest.raises(ProjectError, match=r"Merging ben\.annotator failed"):
        merge_projects(out, inputs)
    with Project.open(out, read_only=True) as proj:
        assert proj.db.execute(SPANS).fetchall() == before
        assert proj.db.execute("SELECT count(*) FROM relations").fetchone() == (1,)
