"""Issue #15: the suggestion layer's registry and rule sources, and accepting or rejecting
suggestions through the session (one transaction, one undo step each)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.label_schema import LabelSchema, SchemaError
from annotator.core.suggestion_rules import Rule
from annotator.services.session import Session
from annotator.services.suggesting import suggest
from annotator.store import Project, ProjectError

SEED = (
    "North Korean leader Kim Jong-un said on Tuesday that talks had failed.\n\n"
    "Analysts doubt that Kim Jong Un will return to the table. The DPRK said 42 missiles."
)
OTHER = "Seoul said KIM JONG–UN met Moon Jae-in in Pyongyang.\r\nKimchi prices rose 3.5 percent."


def make_session(tmp_path: Path) -> tuple[Session, list[int]]:
    for name, text in (("a.txt", SEED), ("b.txt", OTHER)):
        (tmp_path / name).write_text(text, "utf-8", newline="")
    session = Session(Project.open(tmp_path / "p.annotator"), "tester")
    outcomes, _ = session.import_files(sorted(tmp_path.glob("*.txt")))
    project = session.project
    project.add_actor("Kim Jong Un", aliases=["DPRK leader"])
    project.add_actor("Moon Jae-in")
    return session, [o.document_id for o in outcomes if o.document_id is not None]


def open_texts(project: Project) -> list[tuple[str, str, str]]:
    """(text, label, source) of every open suggestion, in document and reading order."""
    texts = {d: project.document(d).text for d in project.document_ids()}
    return [(texts[s.document_id][s.start : s.end], s.label, s.source)
            for s in project.project_suggestions(status="open")]  # fmt: skip


def dump(project: Project) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (to compare a project before and after an undo)."""
    conn = sqlite3.connect(project.path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    finally:
        conn.close()


def test_registry_suggests_every_alias_occurrence_in_every_spelling(tmp_path: Path) -> None:
    session, _ = make_session(tmp_path)
    kim, moon = (a.id for a in sorted(session.project.actors(), key=lambda a: a.name))
    result = suggest(session.project, ["registry"])
    assert open_texts(session.project) == [
        ("Kim Jong-un", "Actor", f"registry:{kim}"),
        ("Kim Jong Un", "Actor", f"registry:{kim}"),
        ("KIM JONG–UN", "Actor", f"registry:{kim}"),
        ("Moon Jae-in", "Actor", f"registry:{moon}"),
    ]
    assert result.counts == {("registry", "Actor"): 4}
    assert all(s.score == 1.0 for s in result.added)


def test_regex_and_token_rules_suggest_their_label(tmp_path: Path) -> None:
    session, _ = make_session(tmp_path)
    project = session.project
    label = project.labels()[-1].name
    project.set_rules(label, [Rule("regex", (r"\d+(?:\.\d+)? percent",)),
                              Rule("tokens", ("(?i)the", "[A-Z]{3,}"))])  # fmt: skip
    result = suggest(project, ["rules"])
    assert open_texts(project) == [
        ("The DPRK", label, f"rules:{label}"), ("3.5 percent", label, f"rules:{label}"),
    ]  # fmt: skip
    assert result.counts == {("rules", label): 2}
    assert project.rules()[label][1] == Rule("tokens", ("(?i)the", "[A-Z]{3,}"))


def test_a_bad_rule_is_refused(tmp_path: Path) -> None:
    session, _ = make_session(tmp_path)
    with pytest.raises(ProjectError, match="not a regular expression"):
        session.project.set_rules("Actor", [Rule("regex", ("(unclosed",))])
    assert session.project.rules()["Actor"] == ()


def test_suggest_is_idempotent_and_skips_what_is_annotated(tmp_path: Path) -> None:
    session, (seed, _) = make_session(tmp_path)
    start = SEED.index("Kim Jong Un")
    session.tag(seed, start, start + 11, "Actor")
    first = suggest(session.project)
    assert first.total == 3  # the tagged one is not suggested
    assert suggest(session.project).total == 0
    assert session.project.count_suggestions() == 3


def test_a_rejected_span_is_not_suggested_again(tmp_path: Path) -> None:
    session, _ = make_session(tmp_path)
    first = suggest(session.project, ["registry"])
    moon = next(s for s in first.added if s.start == OTHER.index("Moon"))
    changes = session.reject_suggestions([moon.id])
    assert changes.suggestions == (moon.id,)
    assert suggest(session.project, ["registry"]).total == 0
    assert [s.id for s in session.project.project_suggestions(status="rejected")] == [moon.id]
    session.reopen_suggestions([moon.id])
    assert session.project.count_suggestions(status="open") == 4


def test_accept_adds_linked_annotations_and_undo_restores_every_table(tmp_path: Path) -> None:
    session, (seed, other) = make_session(tmp_path)
    added = suggest(session.project, ["registry"]).added
    before = dump(session.project)
    changes = session.accept_suggestions([s.id for s in added])
    anns = [a for d in (seed, other) for a in session.project.annotations(d)]
    assert [(a.text, a.label) for a in anns] == [
        ("Kim Jong-un", "Actor"), ("Kim Jong Un", "Actor"),
        ("KIM JONG–UN", "Actor"), ("Moon Jae-in", "Actor"),
    ]  # fmt: skip
    kim = session.project.actor_by_name_or_alias("Kim Jong Un")
    assert kim is not None and [a.actor_id for a in anns][:3] == [kim.id] * 3
    assert session.project.count_suggestions(status="accepted") == 4
    after = dump(session.project)
    session.unaccept_suggestions(changes.suggestions, changes.added)
    assert dump(session.project) == before
    session.reaccept_suggestions(changes.suggestions, changes.added)
    assert dump(session.project) == after


def test_accept_all_in_a_document_with_a_minimum_score(tmp_path: Path) -> None:
    session, (seed, other) = make_session(tmp_path)
    suggest(session.project, ["registry"])
    assert not session.accept_all(seed, min_score=1.5).added
    changes = session.accept_all(seed)
    assert [a.text for a in changes.added] == ["Kim Jong-un", "Kim Jong Un"]
    assert session.project.count_suggestions(other, status="open") == 2


def test_a_renamed_label_keeps_its_rules_and_undo_keeps_them_too(tmp_path: Path) -> None:
    session, _ = make_session(tmp_path)
    project = session.project
    name = project.add_label("Place", "#123456").name
    schema = project.label_schema()
    rule = Rule("regex", ("Pyongyang",))
    project.set_rules(name, [rule])
    renamed = tuple(replace(lab, name="Renamed") if lab.name == name else lab
                    for lab in schema.labels)  # fmt: skip
    change, _ = session.change_schema(replace(schema, labels=renamed))
    assert project.rules()["Renamed"] == (rule,)
    session.revert_schema(change)
    assert project.rules()[name] == (rule,)


def test_rules_travel_with_the_schema_file_and_a_schema_without_them_keeps_them(
    tmp_path: Path,
) -> None:
    session, _ = make_session(tmp_path)
    project = session.project
    rules = (Rule("regex", (r"\d+ percent\b",)), Rule("tokens", ("(?i)the", "[A-Z]+")))
    project.set_rules("Actor", rules)
    schema = project.label_schema()
    from_toml = LabelSchema.from_toml(schema.to_toml())
    from_json = LabelSchema.from_json(json.loads(json.dumps(schema.to_json(ids=False))))
    for read in (from_toml, from_json):
        assert [lab.rules for lab in read.labels if lab.name == "Actor"] == [rules]
    plain = tuple(replace(lab, rules=None) for lab in schema.labels)  # the dialog's labels
    session.change_schema(replace(schema, labels=plain))
    assert project.rules()["Actor"] == rules
    with pytest.raises(SchemaError, match="not a regular expression"):
        LabelSchema.from_json({"labels": [{"name": "A", "color": "#000000",
                                           "rules": [{"regex": "("}]}]})  # fmt: skip
