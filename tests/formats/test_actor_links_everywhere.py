"""Issue #12, nothing lost in silence: every export writes a span's registry actor link or counts
it ("actor link of a span"), and a JSONL export says what of the registry it does not carry."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from actor_claims import actor_links, fill_debate
from click.testing import CliRunner

from annotator.cli import main
from annotator.formats.model import ExportOptions
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import Project

LINKED = 4  # the debate's Actor spans linked to a registry actor (Kim twice, Biden twice)


@pytest.fixture
def debate_project(tmp_path: Path) -> Path:
    path = tmp_path / "debate.annotator"
    with Project.open(path) as project:
        fill_debate(project)
    return path


def test_csv_has_actor_and_actor_id_columns(debate_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "spans.csv"
    with Project.open(debate_project) as project:
        summary = export_project(project, "csv", out, ExportOptions())
        kim = next(a for a in project.actors() if a.name == "Kim Jong Un")
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    by_text = {(r["text"], r["actor"], r["actor_id"]) for r in rows if r["label"] == "Actor"}
    assert ("Kim Jong-un", "Kim Jong Un", str(kim.id)) in by_text
    assert ("Putin", "", "") in by_text
    assert not any("actor" in key for key in summary.lost)


def test_w3c_names_the_actor_in_an_identifying_body(debate_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonld"
    with Project.open(debate_project) as project:
        export_project(project, "w3c", out, ExportOptions())
    items = json.loads(out.read_text("utf-8"))["first"]["items"]
    identifying = [
        (item["target"]["selector"][0]["exact"], body["value"])
        for item in items
        for body in item["body"]
        if body["purpose"] == "identifying"
    ]
    assert sorted(identifying) == sorted(
        [("Kim Jong-un", "Kim Jong Un"), ("Kim Jong Un", "Kim Jong Un"), ("Biden", "Joe Biden"),
         ("Biden", "Joe Biden")]
    )  # fmt: skip


@pytest.mark.parametrize(("name", "suffix"), [("prodigy", ".jsonl"), ("spacy", ".spacy")])
def test_prodigy_and_spacy_round_trips_keep_the_links(
    debate_project: Path, tmp_path: Path, name: str, suffix: str
) -> None:
    if name == "spacy":
        pytest.importorskip("spacy")
    out = tmp_path / f"out{suffix}"
    with Project.open(debate_project) as project:
        summary = export_project(project, name, out, ExportOptions())
        before = actor_links(project)
    assert not any("actor" in key for key in summary.lost)
    with Project.open(tmp_path / "fresh.annotator") as fresh:
        outcomes = import_paths(fresh, [out])
        assert all(o.ok for o in outcomes), [o.message for o in outcomes]
        assert actor_links(fresh) == before
        assert {a.name for a in fresh.actors()} == {"Kim Jong Un", "Joe Biden"}


@pytest.mark.parametrize(
    ("name", "suffix"),
    [("conll", ".conll"), ("doccano", ".jsonl"), ("doccano-rel", ".jsonl"),
     ("label-studio", ".json")],
)  # fmt: skip
def test_formats_without_a_place_count_the_links_in_the_cli_summary(
    debate_project: Path, tmp_path: Path, name: str, suffix: str
) -> None:
    out = tmp_path / f"out{suffix}"
    result = CliRunner().invoke(
        main,
        ["export", str(debate_project), "-o", str(out), "--format", name],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "actor link of a span" in line]
    assert len(lines) == 1 and f"not written: {LINKED} x actor link of a span" in lines[0], (
        result.output
    )


def test_one_mode_networks_count_the_links_of_spans_that_are_no_claimant(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        fill_debate(project)
        doc = project.document_ids()[0]
        text = project.document(doc).text
        start = text.index("Kim Jong-un")  # "Kim" as another actor: no relation, no node
        lone = project.add_annotation(doc, start, start + 3, "Actor")
        project.link_annotation_to_actor(lone.id, project.add_actor("Kim Yo Jong"))
        congruence = export_project(
            project, "graphml-congruence", tmp_path / "c.graphml", ExportOptions()
        )
        edges = export_project(project, "network-csv", tmp_path / "e.csv", ExportOptions())
        graph = export_project(project, "graphml", tmp_path / "g.graphml", ExportOptions())
    assert sum(n for key, n in congruence.lost.items() if "actor link" in key) == 1
    assert sum(n for key, n in edges.lost.items() if "actor link" in key) == 1
    assert not any("actor link" in key for key in graph.lost)


# ----------------------------------------------------------------------- the registry in JSONL
def test_jsonl_export_counts_what_of_the_registry_it_does_not_carry(
    debate_project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    with Project.open(debate_project) as project:
        project.add_actor("Xi Jinping", type="person", aliases=["Xi"])  # no span names him
    result = CliRunner().invoke(
        main, ["export", str(debate_project), "-o", str(out), "--format", "jsonl"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "not written: 1 x registry actor with no span in this export" in result.output
    # Kim and Biden have aliases, which a span's actor does not carry
    assert "not written: 2 x aliases, description or colour of a registry actor" in result.output
    assert "annotator actors export" in result.output


def test_registry_and_jsonl_together_rebuild_the_registry(
    debate_project: Path, tmp_path: Path
) -> None:
    """What the summary advises: `actors export`, then `actors import` and the JSONL."""
    with Project.open(debate_project) as project:
        project.add_actor("Xi Jinping", type="state", aliases=["Xi"], description="leader")
    registry, out = tmp_path / "registry.json", tmp_path / "out.jsonl"
    fresh = tmp_path / "fresh.annotator"
    with Project.open(fresh):
        pass
    runner = CliRunner()
    for args in (
        ["actors", "export", str(debate_project), "--output", str(registry)],
        ["export", str(debate_project), "-o", str(out), "--format", "jsonl"],
        ["actors", "import", str(fresh), str(registry)],
        ["import", str(fresh), str(out)],
    ):
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        if args[0] == "export":  # the summary gives this very advice
            assert "`annotator actors import` before the JSONL" in result.output

    def registry_of(path: Path) -> list[tuple[object, ...]]:
        with Project.open(path) as project:
            return sorted(
                (a.name, a.type, a.aliases, a.description, a.external_id, a.mentions)
                for a in project.actors()
            )

    assert registry_of(fresh) == registry_of(debate_project)
