"""The curated layer (issue #13 item 4): accepting spans, accepting all agreed, undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from curation_corpus import CLAIM, KIM, MOON, SEOUL, build_curation_project, curated, dump

from annotator.cli import main
from annotator.core.curation import CURATION
from annotator.services.session import Session
from annotator.store import Project


@pytest.fixture
def session(tmp_path: Path) -> Session:
    path, _doc = build_curation_project(tmp_path / "p.annotator")
    return Session(Project.open(path), "lead")


def _span(session: Session, author: str, where: tuple[int, int]) -> int:
    (ann,) = [
        a
        for a in session.project.annotations(1)
        if a.author == author and (a.start, a.end) == where
    ]
    return ann.id


def test_accept_all_agreed_copies_agreed_spans_with_everything_and_the_link(session):
    before = dump(session.project)
    changes = session.accept_all_agreed(1)
    project = session.project
    assert curated(project) == [(*KIM, "Actor"), (*CLAIM, "Claim")]
    kim, claim = changes.added
    assert (kim.author, kim.actor_id) == (
        CURATION,
        project.annotation(_span(session, "ann", KIM)).actor_id,
    )
    stored = project.annotation(claim.id)
    assert (stored.attributes, stored.note, stored.author) == (
        {"stance": "support"},
        "ann's note",
        CURATION,
    )
    links = [r for r in project.relations(1) if r.author == CURATION]
    assert [(r.type, r.source_id, r.target_id) for r in links] == [("claimant", claim.id, kim.id)]
    assert changes.relations == tuple(links)
    assert session.accept_all_agreed(1).added == ()  # nothing agreed is left uncurated
    session.unaccept(changes.added, changes.relations)
    assert dump(project) == before
    session.reaccept(changes.added, changes.relations)
    assert curated(project) == [(*KIM, "Actor"), (*CLAIM, "Claim")]


def test_accept_one_version_and_no_duplicate(session):
    changes = session.accept_span(_span(session, "ben", MOON))
    assert curated(session.project) == [(*MOON, "Claim")]
    assert changes.added[0].author == CURATION
    assert session.accept_span(_span(session, "ben", MOON)).added == ()  # identical: no copy
    session.accept_span(_span(session, "ben", SEOUL))
    assert curated(session.project) == [(*MOON, "Claim"), (*SEOUL, "Actor")]


def test_a_link_is_copied_once_both_ends_are_accepted(session):
    session.accept_span(_span(session, "ann", CLAIM))
    assert [r for r in session.project.relations(1) if r.author == CURATION] == []
    changes = session.accept_span(_span(session, "ben", KIM))
    (link,) = changes.relations
    assert (link.type, link.author) == ("claimant", CURATION)


def test_a_single_annotator_agrees_with_nobody(tmp_path):
    path, doc = build_curation_project(tmp_path / "p.annotator")
    session = Session(Project.open(path), "lead")
    assert session.accept_all_agreed(doc, authors=["ann"]).added == ()
    assert len(session.accept_all_agreed(doc, authors=["ann", "ben"]).added) == 2


def test_export_layer_curation_writes_only_curated_spans(session, tmp_path):
    session.accept_all_agreed(1)
    session.project.close()
    path = session.project.path
    out = tmp_path / "curated.jsonl"
    result = CliRunner().invoke(main, ["export", str(path), "-o", str(out), "--layer", CURATION])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    spans = row.get("spans", row.get("label"))
    assert sorted((s["start"], s["end"], s["label"]) for s in spans) == [
        (*KIM, "Actor"),
        (*CLAIM, "Claim"),
    ]
    clash = ["export", str(path), "-o", str(out), "--layer", CURATION, "--author", "ann"]
    assert CliRunner().invoke(main, clash).exit_code != 0
