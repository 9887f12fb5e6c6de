"""`annotator actors list|add|merge|export` and `annotator status` (issue #12)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli import main
from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project

TEXT = "Kim Jong-un met Moon. Later Kim Jong Un left Seoul."


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.open(path) as proj:
        doc = proj.add_document(NewDocument("Talks", StyledText(TEXT)))
        proj.add_document(NewDocument("Other", StyledText("Nothing here.")))
        for phrase in ("Kim Jong-un", "Kim Jong Un", "Moon"):
            start = TEXT.index(phrase)
            proj.add_annotation(doc, start, start + len(phrase), "Actor")
    return path


def link(path: Path, phrase: str, actor: str) -> None:
    with Project.open(path) as proj:
        (ann,) = [a for a in proj.iter_annotations() if a.text == phrase]
        found = proj.actor_by_name_or_alias(actor)
        assert found is not None
        proj.link_annotation_to_actor(ann.id, found.id)


def test_add_then_list_as_a_table_with_mentions(project: Path) -> None:
    added = run("actors", "add", project, "Kim Jong Un", "--alias", "Kim Jong-un",
                "--alias", "KJU", "--type", "person", "--external-id", "Q56226")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert added.stdout == "added\t1\t“Kim Jong Un” (person, 2 aliases)\n"
    assert run("actors", "add", project, "Moon Jae-in", "--type", "person").exit_code == 0
    link(project, "Kim Jong-un", "Kim Jong Un")
    link(project, "Kim Jong Un", "kju")
    listed = run("actors", "list", project)
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.splitlines() == [
        "NAME         TYPE    ALIASES            MENTIONS",
        "Kim Jong Un  person  Kim Jong-un | KJU  2",
        "Moon Jae-in  person                     0",
    ]
    assert listed.stderr == "2 actors\n"


def test_a_name_already_taken_is_refused_naming_the_actor(project: Path) -> None:
    run("actors", "add", project, "Kim Jong Un", "--alias", "Kim Jong-un")
    result = run("actors", "add", project, "KIM JONG-UN")
    assert result.exit_code == 1
    assert "“KIM JONG-UN” is already a name of the actor “Kim Jong Un” (id 1)" in result.stderr
    assert len(json.loads(run("actors", "list", project, "--format", "json").stdout)) == 1


def test_merge_by_alias_relinks_spans_and_writes_a_backup_first(project: Path) -> None:
    run("actors", "add", project, "Kim Jong Un")
    run("actors", "add", project, "Kim Jong-un", "--alias", "KJU")
    link(project, "Kim Jong-un", "Kim Jong-un")
    link(project, "Kim Jong Un", "Kim Jong Un")
    result = run("actors", "merge", project, "kim jong un", "kju")
    assert result.exit_code == 0, result.output
    first, backup = result.stdout.splitlines()
    assert first == "merged “Kim Jong-un” into “Kim Jong Un” (person, 2 aliases): 1 span relinked"
    saved = Path(backup.split(": ", 1)[1])
    assert saved.exists() and "before-merge" in saved.name
    with Project.open(saved) as before:
        assert len(before.actors()) == 2
    (kim,) = json.loads(run("actors", "export", project).stdout)
    assert kim["aliases"] == ["Kim Jong-un", "KJU"] and kim["mentions"] == 2
    unknown = run("actors", "merge", project, "Kim Jong Un", "Putin")
    assert unknown.exit_code == 1 and "No actor is named “Putin”" in unknown.stderr


def test_export_writes_the_registry_as_csv(project: Path, tmp_path: Path) -> None:
    run("actors", "add", project, "DPRK", "--type", "state", "--alias", "North Korea",
        "--description", "the state", "--external-id", "Q423")  # fmt: skip
    out = tmp_path / "actors.csv"
    result = run("actors", "export", project, "--format", "csv", "--output", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote 1 actor to {out}\n"  # the data went to the file
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert rows == [
        {"id": "1", "name": "DPRK", "type": "state", "aliases": "North Korea",
         "description": "the state", "external_id": "Q423", "color": "", "mentions": "0"}
    ]  # fmt: skip


def test_status_marks_documents_and_list_shows_it_with_the_count(project: Path) -> None:
    result = run("status", project, 1, "in-progress")
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 document marked in-progress; 0 of 2 done\n"
    assert run("status", project, 1, 2, "done").stdout == "2 documents marked done; 2 of 2 done\n"
    run("status", project, 2, "new")
    listed = run("list", project)
    assert [line.split("\t")[1] for line in listed.stdout.splitlines()] == ["status", "done", "new"]
    assert listed.stderr == "1 of 2 done\n"
    unknown = run("status", project, 1, 9, "new")
    assert (
        unknown.exit_code == 1 and "There is no document 9; nothing was changed" in unknown.stderr
    )
    assert run("list", project).stderr == "1 of 2 done\n"


def _registry(path: Path) -> list[tuple[object, ...]]:
    with Project.open(path, read_only=True) as proj:
        return [(a.name, a.type, a.aliases, a.external_id, a.description) for a in proj.actors()]


def test_import_a_registry_export_into_another_project(project: Path, tmp_path: Path) -> None:
    run("actors", "add", project, "Kim Jong Un", "--alias", "Kim Jong-un", "--type", "person",
        "--external-id", "Q56226", "--description", "leader")  # fmt: skip
    run("actors", "add", project, "UN Security Council", "--type", "organisation")
    exported = tmp_path / "actors.json"
    assert run("actors", "export", project, "--output", exported).exit_code == 0
    other = tmp_path / "other.annotator"
    Project.open(other).close()
    imported = run("actors", "import", other, exported)
    assert imported.exit_code == 0, imported.output
    assert imported.stdout == "imported 2 actors; 0 already in the registry\n"
    assert _registry(other) == _registry(project)
    again = run("actors", "import", other, exported)
    assert again.stdout == "imported 0 actors; 2 already in the registry\n"
    assert _registry(other) == _registry(project)


def test_import_refuses_a_file_whose_alias_another_actor_has(project: Path, tmp_path: Path) -> None:
    run("actors", "add", project, "KJU", "--alias", "Kim Jong-un")
    registry = tmp_path / "actors.json"
    records = [{"name": "Moon Jae-in", "type": "person"},
               {"name": "Kim Jong Un", "type": "person", "aliases": ["Kim Jong-un"]}]  # fmt: skip
    registry.write_text(json.dumps(records), "utf-8")
    refused = run("actors", "import", project, registry)
    assert refused.exit_code != 0 and "Nothing was imported" in refused.output
    assert [row[0] for row in _registry(project)] == ["KJU"]  # Moon was not added either
