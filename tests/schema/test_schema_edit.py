"""Project.apply_label_schema / revert_label_schema: renames, deletions, reorders, exact undo."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from annotator.core.label_schema import LabelSchema
from annotator.core.labels import AttributeDef, Label, RelationType
from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project, ProjectError

TEXT = "President Yoon said the threat is real. Kim Jong Un denied it. Moscow agreed."


@pytest.fixture
def project(tmp_path: Path):
    with Project.open(tmp_path / "p.annotator") as proj:
        yield proj


def _span(project: Project, doc: int, phrase: str, label: str, **kw: Any):
    start = TEXT.index(phrase)
    return project.add_annotation(doc, start, start + len(phrase), label, **kw)


@pytest.fixture
def filled(project: Project) -> Project:
    """Two documents with claims, actors and relations between them."""
    for title in ("one", "two"):
        doc = project.add_document(NewDocument(title, StyledText(TEXT)))
        claim = _span(project, doc, "the threat is real", "Claim", attributes={"stance": "support"})
        yoon = _span(project, doc, "President Yoon", "Actor", note="ROK")
        kim = _span(project, doc, "Kim Jong Un", "Actor")
        denial = _span(project, doc, "denied it", "Claim")
        project.add_relation("claimant", claim.id, yoon.id, author="me")
        project.add_relation("target", denial.id, claim.id)
        project.add_relation("claimant", denial.id, kim.id)
    return project


def dump(project: Project) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: project.db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in ("labels", "relation_types", "annotations", "relations")
    }


def _labels(schema: LabelSchema) -> dict[str, Label]:
    return {lab.name: lab for lab in schema.labels}


def test_label_schema_has_ids_and_order(project: Project) -> None:
    schema = project.label_schema()
    assert schema.label_names == ("Claim", "Actor")
    assert all(lab.id for lab in schema.labels)
    assert [rt.name for rt in schema.relation_types] == ["claimant", "addressee", "target"]
    assert all(rt.id for rt in schema.relation_types)


def test_label_usage(filled: Project) -> None:
    assert filled.label_usage("Claim") == 4
    assert filled.label_usage("Actor") == 4
    assert filled.label_usage("Nobody") == 0
    assert filled.relation_type_usage("claimant") == 4
    assert filled.relation_type_usage("addressee") == 0


def test_rename_keeps_annotations_and_relations(filled: Project) -> None:
    before = dump(filled)
    schema = filled.label_schema()
    claim, actor = schema.labels
    new = LabelSchema(
        (replace(claim, name="Assertion", color="#000000", keys=("Q",)), actor),
        tuple(
            replace(rt, source_labels=("Assertion",)) if "Claim" in rt.source_labels else rt
            for rt in schema.relation_types
        ),
    )
    change = filled.apply_label_schema(new)
    assert change.renamed_labels == (("Claim", "Assertion"),)
    assert change.deleted_annotations == () and change.deleted_relations == ()
    assert filled.label_usage("Assertion") == 4 and filled.label_usage("Claim") == 0
    assert dump(filled)["annotations"] == before["annotations"]
    assert dump(filled)["relations"] == before["relations"]
    assert {a.label for a in filled.iter_annotations()} == {"Assertion", "Actor"}
    stored = _labels(filled.label_schema())["Assertion"]
    assert (stored.id, stored.color, stored.keys) == (claim.id, "#000000", ("Q",))
    filled.revert_label_schema(change)
    assert dump(filled) == before


def test_swapping_names_works(filled: Project) -> None:
    before = dump(filled)
    claim, actor = filled.label_schema().labels
    change = filled.apply_label_schema(
        LabelSchema((replace(claim, name="Actor"), replace(actor, name="Claim")))
    )
    assert filled.annotation(1).label == "Actor"
    filled.revert_label_schema(change)
    assert dump(filled) == before


def test_delete_label_removes_annotations_and_relations_and_revert_restores(
    filled: Project,
) -> None:
    before = dump(filled)
    schema = filled.label_schema()
    claim, _actor = schema.labels
    change = filled.apply_label_schema(LabelSchema((claim,), ()))
    assert change.deleted_labels == ("Actor",)
    assert change.deleted_relation_types == ("claimant", "addressee", "target")
    assert len(change.deleted_annotations) == 4
    assert len(change.deleted_relations) == 6
    assert change.document_ids == (1, 2)
    # Full rows, with ids and timestamps.
    row = change.deleted_annotations[0]
    assert {"id", "created", "updated", "label_id", "note", "attributes"} <= set(row)
    after = dump(filled)
    assert [r[1] for r in after["labels"]] == ["Claim"]
    assert after["relations"] == [] and after["relation_types"] == []
    assert len(after["annotations"]) == 4
    assert {a.label for a in filled.iter_annotations()} == {"Claim"}

    filled.revert_label_schema(change)
    assert dump(filled) == before
    assert filled.label_schema() == schema


def test_deleting_a_label_drops_relations_touching_its_spans_only(filled: Project) -> None:
    before = dump(filled)
    schema = filled.label_schema()
    claim, _actor = schema.labels
    # Keep the relation types, but they can no longer name Actor.
    types = tuple(replace(rt, target_labels=()) for rt in schema.relation_types)
    change = filled.apply_label_schema(LabelSchema((claim,), types))
    # Each document keeps its "target" relation (Claim -> Claim) and loses both claimants.
    assert [r[0] for r in dump(filled)["relations"]] == [2, 5]
    assert len(change.deleted_relations) == 4
    filled.revert_label_schema(change)
    assert dump(filled) == before


def test_delete_relation_type_removes_its_relations(filled: Project) -> None:
    before = dump(filled)
    schema = filled.label_schema()
    kept = tuple(rt for rt in schema.relation_types if rt.name != "claimant")
    change = filled.apply_label_schema(LabelSchema(schema.labels, kept))
    assert change.deleted_relation_types == ("claimant",)
    assert change.deleted_annotations == ()
    assert {r.type for d in (1, 2) for r in filled.relations(d)} == {"target"}
    assert filled.relation_type_usage("claimant") == 0
    filled.revert_label_schema(change)
    assert dump(filled) == before


def test_add_labels_and_types_then_revert_removes_them(filled: Project) -> None:
    before = dump(filled)
    schema = filled.label_schema()
    new = LabelSchema(
        (
            Label("Event", "#ff0000", ("3",), attributes=(AttributeDef("real", "bool"),)),
            *schema.labels,
        ),
        (*schema.relation_types, RelationType("causes", ("Event",), ("Event", "Claim"), "#00ff00")),
    )
    change = filled.apply_label_schema(new)
    assert change.added_labels == ("Event",)
    stored = filled.label_schema()
    assert stored.label_names == ("Event", "Claim", "Actor")
    assert [lab.position for lab in filled.labels()] == [0, 1, 2]
    event = stored.labels[0]
    assert event.id is not None and event.attribute("real").kind == "bool"
    causes = stored.relation_type("causes")
    assert causes.id is not None and causes.target_labels == ("Event", "Claim")
    assert change.new == stored
    # The new label works.
    filled.add_annotation(1, 0, 9, "Event")
    filled.delete_annotation(filled.annotations(1)[0].id)
    filled.revert_label_schema(change)
    assert dump(filled) == before


def test_reorder_labels_and_relation_types(filled: Project) -> None:
    before = dump(filled)
    schema = filled.label_schema()
    new = LabelSchema(schema.labels[::-1], schema.relation_types[::-1])
    change = filled.apply_label_schema(new)
    assert [lab.name for lab in filled.labels()] == ["Actor", "Claim"]
    assert [rt.name for rt in filled.relation_types()] == ["target", "addressee", "claimant"]
    assert dump(filled)["annotations"] == before["annotations"]
    filled.revert_label_schema(change)
    assert dump(filled) == before


def test_edit_relation_type(filled: Project) -> None:
    before = dump(filled)
    schema = filled.label_schema()
    claimant = schema.relation_types[0]
    edited = replace(claimant, name="speaker", source_labels=(), target_labels=("Actor",),
                     color="#123456")  # fmt: skip
    change = filled.apply_label_schema(
        LabelSchema(schema.labels, (edited, *schema.relation_types[1:]))
    )
    assert filled.relation_type_usage("speaker") == 4
    stored = filled.label_schema().relation_type("speaker")
    assert stored.id == claimant.id and stored.allows("Actor", "Actor")
    assert stored.color == "#123456"
    filled.revert_label_schema(change)
    assert dump(filled) == before


def test_edit_attributes(filled: Project) -> None:
    schema = filled.label_schema()
    claim, actor = schema.labels
    claim2 = replace(claim, attributes=(AttributeDef("stance", "enum", ("pro", "contra")),))
    filled.apply_label_schema(LabelSchema((claim2, actor), schema.relation_types))
    assert filled.labels()[0].attributes == claim2.attributes


def test_unknown_id_is_refused_and_nothing_changes(filled: Project) -> None:
    before = dump(filled)
    schema = filled.label_schema()
    with pytest.raises(ProjectError, match="id 99"):
        filled.apply_label_schema(LabelSchema((schema.labels[0], replace(schema.labels[1], id=99))))
    assert dump(filled) == before


def test_failure_mid_apply_rolls_back(filled: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    before = dump(filled)
    schema = filled.label_schema()

    def boom(*args: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Project, "_schema_write_rows", boom)
    with pytest.raises(RuntimeError):
        filled.apply_label_schema(LabelSchema((schema.labels[0],)))
    assert dump(filled) == before


def test_revert_refuses_when_an_added_label_is_in_use(filled: Project) -> None:
    schema = filled.label_schema()
    change = filled.apply_label_schema(
        LabelSchema((*schema.labels, Label("Event", "#ff0000")), schema.relation_types)
    )
    filled.add_annotation(1, 0, 9, "Event")
    middle = dump(filled)
    with pytest.raises(ProjectError, match="cannot be undone"):
        filled.revert_label_schema(change)
    assert dump(filled) == middle


def test_apply_then_revert_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "r.annotator"
    with Project.open(path) as project:
        doc = project.add_document(NewDocument("t", StyledText(TEXT)))
        claim = _span(project, doc, "the threat is real", "Claim")
        actor = _span(project, doc, "Kim Jong Un", "Actor")
        project.add_relation("claimant", claim.id, actor.id)
        before = dump(project)
        change = project.apply_label_schema(LabelSchema((project.label_schema().labels[0],)))
    with Project.open(path) as project:
        assert project.label_usage("Actor") == 0
        project.revert_label_schema(change)
    with Project.open(path) as project:
        assert dump(project) == before


def test_replacing_a_label_never_reuses_its_id(filled: Project) -> None:
    before = dump(filled)
    claim, actor = filled.label_schema().labels
    change = filled.apply_label_schema(LabelSchema((claim, Label("Actor", "#000000"))))
    new_actor = filled.label_schema().labels[1]
    assert new_actor.id not in (claim.id, actor.id)
    assert change.deleted_labels == ("Actor",) and change.added_labels == ("Actor",)
    assert filled.label_usage("Actor") == 0
    filled.revert_label_schema(change)
    assert dump(filled) == before
