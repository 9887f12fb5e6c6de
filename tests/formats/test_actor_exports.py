"""Registry actors in the exports (issue #12): JSONL round trip, brat N lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from actor_claims import actor_links, fill_debate

from annotator.formats.model import ExportOptions
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import Project


def _registry(project: Project) -> list[tuple[str, str, str, int]]:
    return [(a.name, a.type, a.external_id, a.mentions) for a in project.actors()]


def test_jsonl_spans_name_their_actor(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with Project.open(tmp_path / "p.annotator") as project:
        debate = fill_debate(project)
        export_project(project, "jsonl", out, ExportOptions())
    spans = [s for line in out.read_text("utf-8").splitlines() for s in json.loads(line)["spans"]]
    kim = next(s for s in spans if s["text"] == "Kim Jong-un")
    assert kim["actor"] == {
        "id": debate.kim, "name": "Kim Jong Un", "type": "person", "external_id": "Q56226"
    }  # fmt: skip
    assert "actor" not in next(s for s in spans if s["text"] == "Putin")


def test_jsonl_round_trip_keeps_actors_and_links(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with Project.open(tmp_path / "p.annotator") as project:
        fill_debate(project)
        export_project(project, "jsonl", out, ExportOptions())
        before = (actor_links(project), _registry(project))
    with Project.open(tmp_path / "new.annotator") as fresh:
        outcomes = import_paths(fresh, [out])
        assert [o.status for o in outcomes] == ["imported", "imported"]
        assert (actor_links(fresh), _registry(fresh)) == before


def test_jsonl_import_links_to_an_actor_the_project_knows_by_an_alias(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with Project.open(tmp_path / "p.annotator") as project:
        fill_debate(project)
        export_project(project, "jsonl", out, ExportOptions())
    with Project.open(tmp_path / "new.annotator") as other:
        kju = other.add_actor("KJU", type="state", aliases=["Kim Jong Un"])
        import_paths(other, [out])
        assert {a.name for a in other.actors()} == {"KJU", "Joe Biden"}
        assert [a.actor_id for a in other.iter_annotations() if "Kim" in a.text] == [kju, kju]


# -------------------------------------------------------------------------------------- brat
def _brat_export(project: Project, folder: Path) -> list[str]:
    export_project(project, "brat", folder, ExportOptions())
    return [
        line for ann in sorted(folder.glob("*.ann")) for line in ann.read_text("utf-8").splitlines()
    ]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # bratly's pydantic v1-style config
def test_brat_writes_an_n_line_per_linked_span_that_bratly_reads(tmp_path: Path) -> None:
    from bratly.annotation_types import NormalizationAnnotation
    from bratly.io import parse_ann_file  # the independent reader (test extra)

    with Project.open(tmp_path / "p.annotator") as project:
        debate = fill_debate(project)
        lines = _brat_export(project, tmp_path / "brat")
    n_lines = [line.split("\t", 1)[1] for line in lines if line.startswith("N")]
    kim, biden = "Annotator:Q56226\tKim Jong Un", f"Annotator:{debate.biden}\tJoe Biden"
    assert sorted(line.split(" ", 2)[2] for line in n_lines) == sorted([kim, kim, biden, biden])
    found = []
    for ann in sorted((tmp_path / "brat").glob("*.ann")):
        content = ann.read_text("utf-8")
        parsed = parse_ann_file(content, str(ann), renumerotize=False)
        assert len(parsed.annotations) == len(content.splitlines())  # bratly took every line
        found += [
            (tuple(a.external_resource), a.content, a.component.id)
            for a in parsed.annotations
            if isinstance(a, NormalizationAnnotation)
        ]
    assert sorted(f[:2] for f in found) == sorted(
        [(("Annotator", "Q56226"), "Kim Jong Un")] * 2
        + [(("Annotator", str(debate.biden)), "Joe Biden")] * 2
    )


def test_brat_round_trip_keeps_actors_and_links(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        fill_debate(project)
        _brat_export(project, tmp_path / "brat")
        before = (actor_links(project), _registry(project))
    with Project.open(tmp_path / "new.annotator") as fresh:
        outcomes = import_paths(fresh, [tmp_path / "brat"])
        assert "2 spans linked to registry actors (N lines)" in outcomes[0].message
        assert (actor_links(fresh), _registry(fresh)) == before


def test_brat_n_line_of_another_database_on_an_actor_links_it_and_keeps_the_attributes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Putin spoke. Obama listened.", "utf-8")
    (folder / "a.ann").write_text(
        "T1\tActor 0 5\tPutin\nA1\ttype T1 state\nN1\tReference T1 Wikidata:Q7747\tVladimir Putin\n"
        "T2\tPerson 13 18\tObama\nN2\tReference T2 Wikidata:Q76\tBarack Obama\n",
        "utf-8",
    )
    with Project.open(tmp_path / "p.annotator") as project:
        import_paths(project, [folder])
        (actor,) = project.actors()
        putin, obama = list(project.iter_annotations())
    assert (actor.name, actor.type, actor.external_id) == (
        "Vladimir Putin",
        "state",
        "Wikidata:Q7747",
    )
    assert putin.actor_id == actor.id and putin.attributes["normalization"] == "Wikidata:Q7747"
    assert obama.actor_id is None and obama.attributes["normalization_text"] == "Barack Obama"


def test_brat_writes_a_line_break_in_an_actor_name_as_a_space_and_counts_it(
    tmp_path: Path,
) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        debate = fill_debate(project)
        project.update_actor(debate.kim, name="Kim\nJong\tUn")
        summary = export_project(project, "brat", tmp_path / "brat", ExportOptions())
    names = [
        line.rsplit("\t", 1)[1]
        for ann in sorted((tmp_path / "brat").glob("*.ann"))
        for line in ann.read_text("utf-8").split("\n")
        if line.startswith("N")
    ]
    assert names.count("Kim Jong Un") == 2
    assert summary.lost["tab or line break in an actor name (written as a space)"] == 2
