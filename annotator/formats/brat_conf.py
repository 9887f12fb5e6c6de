"""``annotation.conf`` for a brat export: the schema PLUS what the exported data uses, so that
brat's own verifier (``verify_annotations.py``) accepts every ``.ann`` line: each entity type,
each relation type with the types of its arguments, each attribute with the values it takes and
the entity types it occurs on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.labels import Label, RelationType

ANY_ENTITY = "<ENTITY>"
_UNSAFE = re.compile(r"[\s:;|,=<>!]+")  # what cannot appear in a brat type or attribute name


def brat_name(name: str) -> str:
    """A label, relation or attribute name as brat accepts it (no whitespace or separators)."""
    return _UNSAFE.sub("_", name.strip()) or "_"


@dataclass(slots=True)
class BratUsage:
    """What the written ``.ann`` lines use, in brat names (filled while writing them)."""

    entities: dict[str, None] = field(default_factory=dict)  # ordered set
    relations: dict[str, tuple[dict[str, None], dict[str, None]]] = field(default_factory=dict)
    attribute_owners: dict[str, dict[str, None]] = field(default_factory=dict)
    attribute_values: dict[str, dict[str, None]] = field(default_factory=dict)

    def entity(self, label: str) -> None:
        self.entities[label] = None

    def relation(self, rtype: str, source: str, target: str) -> None:
        arg1, arg2 = self.relations.setdefault(rtype, ({}, {}))
        arg1[source] = None
        arg2[target] = None

    def attribute(self, name: str, label: str, value: str | None) -> None:
        self.attribute_owners.setdefault(name, {})[label] = None
        values = self.attribute_values.setdefault(name, {})
        if value is not None:
            values[value] = None


def annotation_conf(
    labels: list[Label], relation_types: Sequence[RelationType], usage: BratUsage
) -> str:
    """``annotation.conf``: entities, relations and attributes of the schema and the data."""
    entities = {brat_name(label.name): None for label in labels} | usage.entities
    lines = ["[entities]", *entities, "", "[relations]"]
    lines += _relation_lines(relation_types, usage, entities)
    lines += ["", "[events]", "", "[attributes]"]
    lines += [f"{name}\t{spec}" for name, spec in _attribute_specs(labels, usage).items()]
    return "\n".join(lines) + "\n"


def _relation_lines(
    relation_types: Sequence[RelationType], usage: BratUsage, entities: dict[str, None]
) -> list[str]:
    args: dict[str, tuple[dict[str, None], dict[str, None]]] = {}
    for rtype in relation_types:
        args[brat_name(rtype.name)] = (
            _declared(rtype.source_labels, entities),
            _declared(rtype.target_labels, entities),
        )
    for name, used in usage.relations.items():
        in_schema = name in args
        for declared, seen in zip(args.setdefault(name, ({}, {})), used, strict=True):
            if declared or not in_schema:  # an empty list in the schema: any entity
                declared.update(seen)
    return [
        f"{name}\tArg1:{'|'.join(arg1) or ANY_ENTITY}, Arg2:{'|'.join(arg2) or ANY_ENTITY}"
        for name, (arg1, arg2) in args.items()
    ]


def _declared(names: tuple[str, ...], entities: dict[str, None]) -> dict[str, None]:
    """The schema's argument labels that are declared entities (empty: any entity)."""
    return {brat_name(n): None for n in names if brat_name(n) in entities}


def _attribute_specs(labels: list[Label], usage: BratUsage) -> dict[str, str]:
    owners: dict[str, dict[str, None]] = {}
    values: dict[str, dict[str, None]] = {}
    for label in labels:
        for attr in label.attributes:
            if attr.kind == "text":
                continue  # free text has no brat declaration unless the data uses it
            name = brat_name(attr.name)
            owners.setdefault(name, {})[brat_name(label.name)] = None
            if attr.kind == "enum":
                values.setdefault(name, {}).update(dict.fromkeys(attr.values))
    for name, used in usage.attribute_owners.items():
        owners.setdefault(name, {}).update(used)
        values.setdefault(name, {}).update(usage.attribute_values[name])
    specs = {}
    for name, args in owners.items():
        spec = f"Arg:{'|'.join(args)}"
        if values.get(name):
            spec += f", Value:{'|'.join(values[name])}"
        specs[name] = spec
    return specs
