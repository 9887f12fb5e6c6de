"""Issue #12 item 2: tag all occurrences of a name and its aliases across the corpus, with the
ones already tagged skipped, in one transaction, through the session (one undo step)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services.session import Session
from annotator.services.tag_all import apply_candidates, candidate_document_ids, find_candidates
from annotator.store import Project, ProjectError

SEED = (
    "North Korean leader Kim Jong-un said on Tuesday that talks had failed.\n\n"
    "Analysts doubt that Kim Jong Un will return to the table."
)
OTHER = "Seoul said KIM JONG–UN 🇰🇷 met 金正恩委员长 in Pyongyang.\r\nKimchi prices rose."
UNRELATED = "Markets in Tokyo closed higher; the yen fell."


def make_session(tmp_path: Path) -> tuple[Session, list[int]]:
    for name, text in (("a.txt", SEED), ("b.txt", OTHER), ("c.txt", UNRELATED)):
        (tmp_path / name).write_text(text, "utf-8", newline="")
    session = Session(Project.open(tmp_path / "p.annotator"), "tester")
    outcomes, _ = session.import_files(sorted(tmp_path.glob("*.txt")))
    return session, [o.document_id for o in outcomes if o.document_id is not None]


def spans(project: Project, label: str = "Actor") -> list[tuple[int, str]]:
    return [(a.document_id, a.text) for d in project.document_ids()
            for a in project.annotations(d) if a.label == label]  # fmt: skip


def test_both_spellings_are_found_across_the_corpus_with_context(tmp_path: Path) -> None:
    session, (seed, other, _) = make_session(tmp_path)
    found = find_candidates(session.project, ["Kim Jong Un", "金正恩"], label="Actor")
    assert [(c.document_id, c.text) for c in found] == [
        (seed, "Kim Jong-un"), (seed, "Kim Jong Un"), (other, "KIM JONG–UN"), (other, "金正恩"),
    ]  # fmt: skip
    assert found[0].before == "North Korean leader "
    assert found[0].after == " said on Tuesday that talks had failed.\n"
    assert not any(c.already_tagged for c in found)


def test_exact_matching_finds_only_the_same_spelling(tmp_path: Path) -> None:
    session, (seed, _, _) = make_session(tmp_path)
    found = find_candidates(session.project, ["Kim Jong Un"], label="Actor", fold=False)
    assert [(c.document_id, c.text) for c in found] == [(seed, "Kim Jong Un")]


def test_one_document_only(tmp_path: Path) -> None:
    session, (_, other, _) = make_session(tmp_path)
    found = find_candidates(session.project, ["kim jong un"], label="Actor", document_id=other)
    assert [c.text for c in found] == ["KIM JONG–UN"]


def test_tag_all_adds_every_spelling_and_skips_those_already_tagged(tmp_path: Path) -> None:
    session, (seed, other, _) = make_session(tmp_path)
    session.tag(seed, SEED.index("Kim Jong Un"), SEED.index("Kim Jong Un") + 11, "Actor")
    session.open_document(seed)
    found = find_candidates(session.project, ["Kim Jong-un"], label="Actor")
    assert [c.already_tagged for c in found] == [False, True, False]

    changes = session.tag_all(found, "Actor")

    assert [(a.document_id, a.text) for a in changes.added] == [
        (seed, "Kim Jong-un"), (other, "KIM JONG–UN"),
    ]  # fmt: skip
    assert changes.documents == {seed, other} and changes.in_open_document
    assert sorted(spans(session.project)) == sorted(
        [(seed, "Kim Jong Un"), (seed, "Kim Jong-un"), (other, "KIM JONG–UN")]
    )
    assert {a.text for a in session.spans.annotations()} == {"Kim Jong Un", "Kim Jong-un"}
    again = find_candidates(session.project, ["Kim Jong-un"], label="Actor")
    assert all(c.already_tagged for c in again)


def test_untag_all_removes_them_in_one_step(tmp_path: Path) -> None:
    session, _ = make_session(tmp_path)
    found = find_candidates(session.project, ["Kim Jong Un"], label="Actor")
    added = session.tag_all(found, "Actor").added

    changes = session.untag_all([a.id for a in added])

    assert [a.text for a in changes.removed] == [a.text for a in added]
    assert spans(session.project) == []


def test_an_unknown_label_stores_nothing(tmp_path: Path) -> None:
    session, _ = make_session(tmp_path)
    found = find_candidates(session.project, ["Kim Jong Un"], label="Actor")
    with pytest.raises(ProjectError, match="no label called 'Akteur'"):
        apply_candidates(session.project, found, "Akteur")
    with pytest.raises(ProjectError, match="no label called 'Akteur'"):
        find_candidates(session.project, ["Kim Jong Un"], label="Akteur")
    assert spans(session.project) == []


def test_a_failure_midway_rolls_everything_back(tmp_path: Path) -> None:
    session, (seed, _, _) = make_session(tmp_path)
    found = find_candidates(session.project, ["Kim Jong Un"], label="Actor")
    broken = [*found, found[0].__class__(seed, 5, 10_000, "x", "", "", False, "x")]
    with pytest.raises(ValueError):
        apply_candidates(session.project, broken, "Actor")
    assert spans(session.project) == []


def test_only_documents_that_can_match_are_read(tmp_path: Path) -> None:
    session, (seed, other, unrelated) = make_session(tmp_path)
    project = session.project
    assert candidate_document_ids(project, ["Kim Jong-un"]) == [seed, other]
    assert candidate_document_ids(project, ["金正恩", "yen"]) == [other, unrelated]
    assert candidate_document_ids(project, ["🇰🇷"]) == [seed, other, unrelated]  # no index


def test_search_syntax_in_a_needle_is_plain_text(tmp_path: Path) -> None:
    session, _ = make_session(tmp_path)
    needles = ["OR", 'Kim (Jong) "Un"*', "NEAR(a b)", "-"]
    assert find_candidates(session.project, needles, label="Actor") == []


def test_the_new_spans_link_to_the_actor_in_the_same_transaction(tmp_path: Path) -> None:
    session, _ = make_session(tmp_path)
    project = session.project
    kim = project.add_actor("Kim Jong Un", aliases=["Kim Jong-un"])
    found = find_candidates(project, project.actor(kim).names, label="Actor")

    added = session.tag_all(found, "Actor", actor_id=kim).added

    assert len(added) == 3
    assert {project.annotation_actor(a.id) for a in added} == {kim}
    assert [a.mentions for a in project.actors() if a.id == kim] == [3]
    with pytest.raises(ProjectError, match="no actor 999"):
        apply_candidates(project, found, "Actor", actor_id=999)
    assert len(spans(project)) == 3
