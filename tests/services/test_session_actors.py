"""Session operations on the actor registry and document status return Changes for undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services.changes import Changes
from annotator.services.session import Session
from annotator.store import Project, ProjectError

TEXT = "Kim Jong-un met Putin. Kim Jong Un left."


def make_session(tmp_path: Path) -> tuple[Session, int]:
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    session = Session(Project.open(tmp_path / "p.annotator"), "tester")
    outcomes, _ = session.import_files([tmp_path / "a.txt"])
    doc = outcomes[0].document_id
    assert doc is not None
    return session, doc


def _dump(project: Project) -> dict[str, list[tuple[object, ...]]]:
    tables = ("actors", "actor_aliases", "annotations")
    return {t: project.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}


def test_create_and_link_then_undo_by_deleting_and_a_deleted_span_keeps_its_actor(tmp_path):
    session, doc = make_session(tmp_path)
    session.open_document(doc)
    (ann,) = session.tag(doc, 0, 11, "Actor").added
    heard: list[Changes] = []
    session.subscribe(heard.append)
    kim, changes = session.create_actor("Kim Jong Un", link=ann.id, aliases=["Kim Jong-un"])
    assert changes.actors and changes.updated[0][1].actor_id == kim
    assert session.spans.by_id(ann.id).actor_id == kim  # the open spans know it
    assert heard == [changes]
    removed = session.delete_annotation(ann.id).removed[0]
    session.restore_annotation(removed)  # undo of a delete keeps the link
    assert session.project.annotation(ann.id).actor_id == kim
    with pytest.raises(ProjectError, match="linked to 1 span"):
        session.delete_actor(kim)
    assert session.delete_actor(kim, unlink=[ann.id]).actors
    assert session.project.actors() == [] and session.project.annotation(ann.id).actor_id is None


def test_link_then_undo_links_back_to_the_actor_before(tmp_path):
    session, doc = make_session(tmp_path)
    (ann,) = session.tag(doc, 0, 11, "Actor").added
    kim, _ = session.create_actor("Kim Jong Un")
    changes = session.link_actor(ann.id, kim)
    before, after = changes.updated[0]
    assert (before.actor_id, after.actor_id) == (None, kim) and changes.actors
    session.link_actor(ann.id, before.actor_id)
    assert session.project.annotation(ann.id).actor_id is None


def test_merge_and_undo_merge_through_the_session(tmp_path):
    session, doc = make_session(tmp_path)
    session.open_document(doc)
    first = session.tag(doc, 0, 11, "Actor").added[0]
    second = session.tag(doc, 23, 34, "Actor").added[0]
    keep, _ = session.create_actor("Kim Jong Un", link=second.id)
    other, _ = session.create_actor("Kim Jong-un", link=first.id, aliases=["KJU"])
    before = _dump(session.project)
    merged, changes = session.merge_actors(keep, other)
    assert changes.actors and session.spans.by_id(first.id).actor_id == keep
    assert session.undo_merge(merged).actors
    assert _dump(session.project) == before
    assert session.spans.by_id(first.id).actor_id == other


def test_set_status_and_restore(tmp_path):
    session, doc = make_session(tmp_path)
    before, changes = session.set_status([doc], "done")
    assert changes.documents == frozenset([doc]) and before == {doc: "new"}
    assert str(session.project.status_counts()) == "1 of 1 done"
    session.restore_statuses(before)
    assert str(session.project.status_counts()) == "0 of 1 done"
