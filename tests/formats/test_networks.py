"""Networks by actor (issue #12), read back with networkx: registry actors are one node each,
claims meet at their concept, and the one-mode networks tie actors as DNA does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from actor_claims import fill_debate

from annotator.formats.model import ExportOptions, ExportSummary
from annotator.services.exporting import export_project
from annotator.store import Project

nx = pytest.importorskip("networkx")  # the test extra


def _graph(tmp_path: Path, fmt: str, *, concept: bool = True) -> tuple[Any, ExportSummary]:
    out = tmp_path / f"{fmt}.graphml"
    with Project.open(tmp_path / f"{fmt}-{concept}.annotator") as project:
        fill_debate(project, concept=concept)
        summary = export_project(project, fmt, out, ExportOptions())
    return nx.read_graphml(out), summary


def _named(graph: Any) -> dict[tuple[str, str], tuple[str, float]]:
    label = graph.nodes
    return {
        (label[a]["label"], label[b]["label"]): (d.get("stance", ""), d["weight"])
        for a, b, d in graph.edges(data=True)
    }


def test_two_spellings_linked_to_one_actor_are_one_node(tmp_path: Path) -> None:
    graph, _ = _graph(tmp_path, "graphml")
    actors = {d["label"]: d for _, d in graph.nodes(data=True) if d["kind"] == "Actor"}
    assert sorted(actors) == ["Joe Biden", "Kim Jong Un", "Putin"]  # not "Kim Jong-un"
    assert (actors["Kim Jong Un"]["mentions"], actors["Kim Jong Un"]["type"]) == (2, "person")
    assert _named(graph) == {
        ("Kim Jong Un", "sanctions"): ("oppose", 2.0),
        ("Joe Biden", "sanctions"): ("support", 1.0),
        ("Putin", "sanctions"): ("oppose", 1.0),
        ("Joe Biden", "talks"): ("support", 1.0),
    }
    concepts = {
        d["label"]: d["mentions"] for _, d in graph.nodes(data=True) if d["kind"] == "Concept"
    }
    assert concepts == {"sanctions": 4, "talks": 1}


def test_without_a_concept_attribute_claims_meet_at_their_document(tmp_path: Path) -> None:
    graph, _ = _graph(tmp_path, "graphml", concept=False)
    assert _named(graph) == {
        ("Kim Jong Un", "Kim on sanctions"): ("oppose", 1.0),
        ("Joe Biden", "Kim on sanctions"): ("support", 1.0),
        ("Kim Jong Un", "Reactions"): ("oppose", 1.0),
        ("Putin", "Reactions"): ("oppose", 1.0),
        ("Joe Biden", "Reactions"): ("support", 1.0),
    }


def _ties(graph: Any) -> dict[frozenset[str], float]:
    label = graph.nodes
    return {
        frozenset((label[a]["label"], label[b]["label"])): d["weight"]
        for a, b, d in graph.edges(data=True)
    }


@pytest.mark.parametrize(
    ("concept", "congruence", "conflict"),
    [
        # sanctions: Kim and Putin oppose, Biden supports; talks: Biden alone
        (True, {("Kim Jong Un", "Putin"): 1.0},
         {("Joe Biden", "Kim Jong Un"): 1.0, ("Joe Biden", "Putin"): 1.0}),
        # by document: doc 1 Kim against Biden; doc 2 Kim and Putin against Biden
        (False, {("Kim Jong Un", "Putin"): 1.0},
         {("Joe Biden", "Kim Jong Un"): 2.0, ("Joe Biden", "Putin"): 1.0}),
    ],
    ids=["by-concept", "by-document"],
)  # fmt: skip
def test_congruence_and_conflict_ties(
    tmp_path: Path,
    concept: bool,
    congruence: dict[tuple[str, str], float],
    conflict: dict[tuple[str, str], float],
) -> None:
    same, _ = _graph(tmp_path, "graphml-congruence", concept=concept)
    opposed, _ = _graph(tmp_path, "graphml-conflict", concept=concept)
    assert not same.is_directed() and not opposed.is_directed()
    assert sorted(d["label"] for _, d in same.nodes(data=True)) == [
        "Joe Biden", "Kim Jong Un", "Putin"
    ]  # fmt: skip
    assert _ties(same) == {frozenset(pair): w for pair, w in congruence.items()}
    assert _ties(opposed) == {frozenset(pair): w for pair, w in conflict.items()}
