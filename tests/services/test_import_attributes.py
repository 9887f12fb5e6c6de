"""An import declares the attributes its spans bring, so `check` finds the project healthy."""

from __future__ import annotations

from pathlib import Path

from annotator.core.labels import AttributeDef
from annotator.services.check import check_project
from annotator.services.importing import import_paths
from annotator.store import Project

TEXT = "Alice met Bob."
ANN = "T1\tPerson 0 5\tAlice\nA1\tIndividual T1\nA2\tMention T1 Name\nT2\tClaim 10 13\tBob\n"
ANN += "A3\tstance T2 pro\n"


def test_imported_attributes_are_declared_in_the_schema(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    (tmp_path / "a.ann").write_text(ANN, "utf-8")
    path = tmp_path / "p.annotator"
    with Project.open(path) as project:
        (outcome,) = import_paths(project, [tmp_path / "a.ann"])
        assert outcome.status == "imported", outcome.message
        person = project.label("Person")
        assert person.attributes == (
            AttributeDef("Individual", "bool"),
            AttributeDef("Mention", "enum", ("Name",)),
        )
        stance = project.label("Claim").attribute("stance")
        assert stance is not None and stance.values[-1] == "pro"  # the value it brought
    report = check_project(path)
    assert report.ok, report.lines()
