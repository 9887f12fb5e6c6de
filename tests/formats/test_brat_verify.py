"""brat export passes the checks of brat's own ``verify_annotations.py`` (issue #10, item 8):
every entity type, relation type (with its argument types) and attribute (with its value and the
entity type it sits on) used in a ``.ann`` is declared in ``annotation.conf``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.styled_text import StyledText
from annotator.formats.model import ExportOptions
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import NewDocument, Project

NEWS = Path(__file__).parent.parent / "fixtures" / "formats" / "brat" / "news"
ANY = "<ENTITY>"


class Conf:
    """The parts of annotation.conf that verify_annotations.py checks against."""

    def __init__(self, path: Path) -> None:
        self.entities: set[str] = set()
        self.relations: dict[str, tuple[set[str], set[str]]] = {}
        self.attributes: dict[str, tuple[set[str], set[str]]] = {}  # name: (args, values)
        section = ""
        for line in path.read_text("utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("["):
                section = line.strip("[]")
            elif section == "entities":
                self.entities.add(line.strip())
            else:
                name, spec = line.split("\t")
                parts = dict(p.strip().split(":", 1) for p in spec.split(","))
                if section == "relations":
                    self.relations[name] = (
                        set(parts["Arg1"].split("|")),
                        set(parts["Arg2"].split("|")),
                    )
                elif section == "attributes":
                    values = set(parts["Value"].split("|")) if "Value" in parts else set()
                    self.attributes[name] = (set(parts["Arg"].split("|")), values)


def allows(declared: set[str], entity_type: str) -> bool:
    return entity_type in declared or ANY in declared


def verify(folder: Path) -> list[str]:
    """What brat's verifier would report for the folder's .ann files (empty: none)."""
    conf = Conf(folder / "annotation.conf")
    problems = []
    for ann in sorted(folder.glob("*.ann")):
        lines = [line.split("\t") for line in ann.read_text("utf-8").splitlines()]
        types = {f[0]: f[1].split()[0] for f in lines if f[0].startswith("T")}
        for fields in lines:
            where, head = f"{ann.name} {fields[0]}", fields[1].split()
            if fields[0][0] == "T" and head[0] not in conf.entities:
                problems.append(f"{where}: entity type {head[0]} not declared")
            elif fields[0][0] == "R":
                arg1, arg2 = (types[a.split(":")[1]] for a in head[1:3])
                declared = conf.relations.get(head[0])
                if declared is None:
                    problems.append(f"{where}: relation type {head[0]} not declared")
                elif not (allows(declared[0], arg1) and allows(declared[1], arg2)):
                    problems.append(f"{where}: {head[0]} {arg1} → {arg2} not allowed")
            elif fields[0][0] == "A":
                problems += _attribute_problems(conf, where, head, types)
    return problems


def _attribute_problems(
    conf: Conf, where: str, head: list[str], types: dict[str, str]
) -> list[str]:
    name, target, *value = head
    if name not in conf.attributes:
        return [f"{where}: attribute {name} not declared"]
    args, values = conf.attributes[name]
    problems = []
    if not allows(args, types[target]):
        problems.append(f"{where}: attribute {name} not declared for {types[target]}")
    if (value and value[0] not in values) or (not value and values):
        problems.append(f"{where}: value {value} of {name} not declared")
    return problems


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.open(tmp_path / "p.annotator") as project:
        yield project


def test_export_of_data_beyond_the_schema_passes_the_verifier(
    project: Project, tmp_path: Path
) -> None:
    """Attributes, values and relation argument types that the data uses and the schema lacks
    (spans made before a schema change, or by the API) are declared too."""
    text = "Kim met Putin in Seoul."
    doc = project.add_document(NewDocument(title="t", styled=StyledText(text, [])))
    kim = project.add_annotation(
        doc, 0, 3, "Actor", attributes={"Mention": "Name", "Individual": True}
    )
    met = project.add_annotation(doc, 4, 7, "Claim", attributes={"stance": "doubt"})
    putin = project.add_annotation(doc, 8, 13, "Actor", attributes={"type": "person"})
    project.add_label("Place", "#888888")
    seoul = project.add_annotation(doc, 17, 22, "Place")
    project.add_relation("claimant", kim.id, putin.id)  # the schema says Claim → Actor
    project.add_relation("target", met.id, seoul.id)  # the schema says Claim → Actor
    out = tmp_path / "brat"
    export_project(project, "brat", out, ExportOptions())
    assert verify(out) == []


def test_imported_brat_collection_exports_what_brat_verifies(
    project: Project, tmp_path: Path
) -> None:
    """The tutorial-shaped news file (Mention, Individual, events, normalisations) round trip."""
    import_paths(project, [NEWS])
    out = tmp_path / "brat"
    export_project(project, "brat", out, ExportOptions())
    assert verify(out) == []
    conf = Conf(out / "annotation.conf")
    assert conf.attributes["Mention"] == ({"Person"}, {"Name"})
    assert conf.attributes["Individual"] == ({"Person"}, set())
    [ann] = out.glob("*.ann")
    assert "\tReference T1 Wikidata:Q76\tBarack Obama" in ann.read_text("utf-8")
