"""The actor registry (issue #12): names and aliases, links, mention counts, merge and undo."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project, ProjectError, schema
from annotator.store.actors import ActorClashError

TEXT = "Kim Jong-un met Moon. Later Kim Jong Un said the talks went well. The DPRK agreed."


@pytest.fixture
def project(tmp_path: Path):
    with Project.open(tmp_path / "p.annotator") as proj:
        yield proj


def _span(project: Project, doc: int, phrase: str, nth: int = 0) -> int:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return project.add_annotation(doc, start, start + len(phrase), "Actor").id


def _dump(project: Project) -> dict[str, list[tuple[object, ...]]]:
    tables = ("actors", "actor_aliases", "annotations", "documents")
    return {t: project.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}


def test_an_actor_is_found_by_its_name_or_any_alias_whatever_the_case(project):
    kim = project.add_actor("Kim Jong Un", type="person", aliases=["Kim Jong-un", "KJU"],
                            description="Leader", external_id="Q56226")  # fmt: skip
    found = project.actor_by_name_or_alias("kim jong-UN")
    assert found is not None and found.id == kim
    assert found.name == "Kim Jong Un" and found.aliases == ("Kim Jong-un", "KJU")
    assert found.external_id == "Q56226" and found.description == "Leader"
    assert project.actor_by_name_or_alias("kju") == project.actor(kim)
    assert project.actor_by_name_or_alias("Moon Jae-in") is None


def test_a_name_or_alias_another_actor_has_is_refused_naming_that_actor(project):
    kim = project.add_actor("Kim Jong Un", aliases=["Kim Jong-un"])
    before = project.db.execute("SELECT count(*) FROM actors").fetchone()
    with pytest.raises(ActorClashError, match="“KIM JONG-UN” is already a name of the actor"
                       " “Kim Jong Un”") as caught:  # fmt: skip
        project.add_actor("Kim Il Sung", aliases=["KIM JONG-UN"])
    assert caught.value.existing.id == kim
    assert project.db.execute("SELECT count(*) FROM actors").fetchone() == before
    moon = project.add_actor("Moon Jae-in", type="person")
    with pytest.raises(ActorClashError, match="Kim Jong Un"):
        project.add_alias(moon, "kim jong un")
    with pytest.raises(ActorClashError, match="Kim Jong Un"):
        project.update_actor(moon, name="Kim Jong-un")
    with pytest.raises(ProjectError, match="unknown actor type"):
        project.add_actor("Somebody", type="alien")


def test_aliases_are_added_and_removed_and_fields_updated(project):
    moon = project.add_actor("Moon Jae-in")
    assert project.add_alias(moon, "President Moon").aliases == ("President Moon",)
    assert project.remove_alias(moon, "President Moon").aliases == ()
    updated = project.update_actor(moon, type="person", external_id="Q21001", color="#123456")
    assert (updated.external_id, updated.color) == ("Q21001", "#123456")


def test_actors_lists_mention_counts_of_linked_spans(project):
    doc = project.add_document(NewDocument("t", StyledText(TEXT)))
    kim = project.add_actor("Kim Jong Un", aliases=["Kim Jong-un"])
    dprk = project.add_actor("DPRK", type="state")
    project.add_actor("Nobody")
    project.link_annotation_to_actor(_span(project, doc, "Kim Jong-un"), kim)
    project.link_annotation_to_actor(_span(project, doc, "Kim Jong Un"), kim)
    project.link_annotation_to_actor(_span(project, doc, "DPRK"), dprk)
    unlinked = _span(project, doc, "Moon")
    assert [(a.name, a.mentions) for a in project.actors()] == [
        ("DPRK", 1), ("Kim Jong Un", 2), ("Nobody", 0)
    ]  # fmt: skip
    project.link_annotation_to_actor(unlinked, dprk)
    project.link_annotation_to_actor(unlinked, None)
    assert project.annotation_actor(unlinked) is None
    with pytest.raises(ProjectError, match="no annotation 999"):
        project.link_annotation_to_actor(999, kim)


def test_linking_joins_the_callers_transaction(project):
    doc = project.add_document(NewDocument("t", StyledText(TEXT)))
    ann = _span(project, doc, "DPRK")
    with pytest.raises(RuntimeError), project.transaction():
        dprk = project.add_actor("DPRK", type="state")
        project.link_annotation_to_actor(ann, dprk)
        raise RuntimeError("the user cancelled")
    assert project.actors() == [] and project.annotation_actor(ann) is None


def test_merge_keeps_both_alias_sets_relinks_spans_and_undo_restores_every_table(project):
    doc = project.add_document(NewDocument("t", StyledText(TEXT)))
    keep = project.add_actor("Kim Jong Un", aliases=["KJU"])
    other = project.add_actor("Kim Jong-un", aliases=["Kim Jong-Un II", "kju"][:1])
    first, second = _span(project, doc, "Kim Jong-un"), _span(project, doc, "Kim Jong Un")
    project.link_annotation_to_actor(first, other)
    project.link_annotation_to_actor(second, keep)
    before = _dump(project)
    merged = project.merge_actors(keep, other)
    kept = project.actor(keep)
    assert set(kept.aliases) == {"KJU", "Kim Jong-un", "Kim Jong-Un II"}
    assert project.annotation_actor(first) == keep and merged.relinked == (first,)
    assert [(a.name, a.mentions) for a in project.actors()] == [("Kim Jong Un", 2)]
    project.unmerge(merged)
    assert _dump(project) == before


def test_an_actor_with_spans_is_not_deleted(project):
    doc = project.add_document(NewDocument("t", StyledText(TEXT)))
    dprk = project.add_actor("DPRK", type="state", aliases=["North Korea"])
    project.link_annotation_to_actor(_span(project, doc, "DPRK"), dprk)
    with pytest.raises(ProjectError, match="linked to 1 span; it was not deleted"):
        project.delete_actor(dprk)
    project.link_annotation_to_actor(project.annotations(doc)[0].id, None)
    assert project.delete_actor(dprk)["aliases"] == ["North Korea"]
    assert project.actors() == []


def test_status_counts_and_summaries(project):
    ids = [project.add_document(NewDocument(f"d{i}", StyledText(f"text {i}"))) for i in range(4)]
    assert str(project.status_counts()) == "0 of 4 done"
    before = project.set_document_status(ids[:2], "done")
    project.set_document_status(ids[2], "in_progress")
    assert before == {ids[0]: "new", ids[1]: "new"}
    counts = project.status_counts()
    assert (counts.new, counts.in_progress, counts.done, str(counts)) == (1, 1, 2, "2 of 4 done")
    assert [d.status for d in project.documents()] == ["done", "done", "in_progress", "new"]
    with pytest.raises(ProjectError, match="no document 99; nothing was changed"):
        project.set_document_status([ids[3], 99], "done")
    project.restore_document_statuses(before)
    assert str(project.status_counts()) == "0 of 4 done"


def test_integrity_reports_a_span_linked_to_a_missing_actor(tmp_path):
    path = tmp_path / "p.annotator"
    with Project.open(path) as proj:
        doc = proj.add_document(NewDocument("t", StyledText(TEXT)))
        ann = proj.add_annotation(doc, 0, 3, "Actor").id
    conn = sqlite3.connect(path)
    conn.execute("UPDATE annotations SET actor_id = 42 WHERE id = ?", [ann])
    conn.commit()
    conn.close()
    with Project.open(path) as proj:
        messages = [p.message for p in proj.problems]
    assert f"annotation {ann}: its actor 42 is not in the registry" in messages


def test_a_v4_project_upgrades_keeping_every_row(tmp_path, monkeypatch):
    path = tmp_path / "old.annotator"
    tables = ("documents", "labels", "annotations", "relations", "relation_types", "suggestions")
    with monkeypatch.context() as m:  # a project of schema 4
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:4])
        m.setattr(schema, "SCHEMA_VERSION", 4)
        with Project.open(path) as old:
            doc = old.add_document(NewDocument("t", StyledText(TEXT), meta={"date": "2018"}))
            kim = old.add_annotation(doc, 0, 11, "Actor", note="leader")
            talks = old.add_annotation(doc, 45, 64, "Claim", attributes={"stance": "support"})
            with old.transaction():  # today's add_relation reads spans as schema 5 has them
                old.db.execute(
                    "INSERT INTO relations (document_id, type_id, source_id, target_id)"
                    " VALUES (?, 1, ?, ?)",
                    [doc, talks.id, kim.id],
                )
            before = {t: old.db.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
    with Project.open(path) as new:
        assert new.db.execute("PRAGMA user_version").fetchone() == (schema.SCHEMA_VERSION,)
        after = {t: new.db.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
        assert after["documents"] == before["documents"]  # every document new: no status row
        assert new.db.execute("SELECT count(*) FROM document_status").fetchone() == (0,)
        assert after["annotations"] == [(*row, None, "") for row in before["annotations"]]
        assert after["labels"] == [(*row, "[]") for row in before["labels"]]  # v8: no rules
        assert {t: after[t] for t in tables[2:] if t != "annotations"} == {
            t: before[t] for t in tables[2:] if t != "annotations"
        }
        assert new.problems == [] and new.actors() == []
    assert (tmp_path / f"old.annotator.before-v{schema.SCHEMA_VERSION}.bak").exists()


def test_a_foreign_trigger_on_the_registry_is_refused_on_open(tmp_path):
    path = tmp_path / "p.annotator"
    with Project.open(path) as proj:
        proj.add_actor("Kim Jong Un")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON actor_aliases BEGIN DELETE FROM actors; END")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="trigger 'wipe'"):
        Project.open(path)
    with Project.open(path, allow_foreign=True, read_only=True) as proj:
        assert proj.actors()[0].name == "Kim Jong Un"


def test_store_calls_inside_one_transaction_are_one_action(tmp_path: Path) -> None:
    """A tag that also links its actor and starts its document is one commit (the window's
    Session.annotate): store calls inside ``transaction()`` join it, all or nothing."""
    with Project.open(tmp_path / "p.annotator") as project:
        doc = project.add_document(NewDocument("t", StyledText(TEXT)))
        kim = project.add_actor("Kim Jong Un")
        with project.transaction():
            ann = project.add_annotation(doc, 0, 11, "Actor")
            project.link_annotation_to_actor(ann.id, kim)
            project.set_document_status(doc, "in_progress")
        assert project.annotation(ann.id).actor_id == kim
        assert project.document_statuses([doc]) == {doc: "in_progress"}
        with pytest.raises(ProjectError), project.transaction():
            project.add_annotation(doc, 45, 64, "Claim")
            project.set_document_status(doc, "finished")  # not a status: the action fails
        assert [a.id for a in project.annotations(doc)] == [ann.id]  # the Claim went with it
