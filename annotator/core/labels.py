"""The label schema: span labels with their attributes, and relation types.

The default schema has Claim (attributes stance, certainty) and Actor (attribute type), linked
by the relation types claimant, addressee and target.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from annotator.core.suggestion_rules import Rule

ATTRIBUTE_KINDS = ("enum", "bool", "text")


@dataclass(frozen=True, slots=True)
class AttributeDef:
    """One attribute a label's annotations can carry, e.g. Claim.stance in {support, oppose}."""

    name: str
    kind: str = "enum"  # "enum", "bool" or "text"
    values: tuple[str, ...] = ()  # for "enum"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "kind": self.kind}
        if self.values:
            data["values"] = list(self.values)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AttributeDef:
        return cls(str(data["name"]), str(data.get("kind", "enum")), tuple(data.get("values", ())))

    def accepts(self, value: Any) -> bool:
        if self.kind == "bool":
            return isinstance(value, bool)
        if self.kind == "enum":
            return value in self.values
        return isinstance(value, str)


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    color: str  # "#rrggbb"
    keys: tuple[str, ...] = ()  # keyboard keys that apply this label, e.g. ("1", "C")
    id: int | None = None  # set once stored
    position: int = 0
    attributes: tuple[AttributeDef, ...] = field(default=())
    #: Suggestion rules (issue #15), filled by ``Project.label_schema()``. None: none stored,
    #: or not given (a schema applied with None keeps the stored rules; ``()`` clears them).
    rules: tuple[Rule, ...] | None = None

    def attribute(self, name: str) -> AttributeDef | None:
        return next((a for a in self.attributes if a.name == name), None)

    def disallowed_attributes(self, attributes: dict[str, Any]) -> list[str]:
        """Names in ``attributes`` this label does not define, or whose value it refuses."""
        return [
            name
            for name, value in attributes.items()
            if (definition := self.attribute(name)) is None or not definition.accepts(value)
        ]

    def allowed_attributes(self, attributes: dict[str, Any]) -> dict[str, Any]:
        """``attributes`` without the ones this label does not allow (e.g. after a relabel)."""
        refused = set(self.disallowed_attributes(attributes))
        return {name: value for name, value in attributes.items() if name not in refused}

    def admitting(self, seen: Iterable[dict[str, Any]]) -> Label:
        """This label with the attribute definitions (or enum values) that ``seen`` needs and
        it lacks: a bool makes a "bool" attribute, a string an "enum" value (imports)."""
        defs = {a.name: a for a in self.attributes}
        for attributes in seen:
            for name, value in attributes.items():
                known = defs.get(name)
                if known is None and isinstance(value, bool):
                    defs[name] = AttributeDef(name, "bool")
                elif known is None and isinstance(value, str):
                    defs[name] = AttributeDef(name, "enum", (value,))
                elif known is not None and _new_enum_value(known, value):
                    defs[name] = replace(known, values=(*known.values, value))
        return replace(self, attributes=tuple(defs.values()))


def _new_enum_value(known: AttributeDef, value: Any) -> bool:
    return known.kind == "enum" and isinstance(value, str) and value not in known.values


@dataclass(frozen=True, slots=True)
class RelationType:
    """A kind of link between two spans, e.g. claimant: Claim -> Actor."""

    name: str
    source_labels: tuple[str, ...] = ()  # empty: any label
    target_labels: tuple[str, ...] = ()
    color: str = "#888888"
    id: int | None = None
    position: int = 0

    def allows(self, source_label: str, target_label: str) -> bool:
        return (not self.source_labels or source_label in self.source_labels) and (
            not self.target_labels or target_label in self.target_labels
        )


DEFAULT_LABELS: tuple[Label, ...] = (
    Label(
        "Claim",
        "#f6c85f",
        ("1", "C"),
        position=0,
        attributes=(
            AttributeDef("stance", "enum", ("support", "oppose", "neutral")),
            AttributeDef("certainty", "enum", ("certain", "probable", "possible", "doubtful")),
        ),
    ),
    Label(
        "Actor",
        "#6fb7e9",
        ("2", "A"),
        position=1,
        attributes=(
            AttributeDef("type", "enum", ("person", "organisation", "state", "group", "other")),
        ),
    ),
)

DEFAULT_RELATION_TYPES: tuple[RelationType, ...] = (
    RelationType("claimant", ("Claim",), ("Actor",), "#b5651d", position=0),
    RelationType("addressee", ("Claim",), ("Actor",), "#6a5acd", position=1),
    RelationType("target", ("Claim",), ("Actor",), "#c0392b", position=2),
)


def is_valid_color(color: str) -> bool:
    if len(color) != 7 or not color.startswith("#"):
        return False
    try:
        int(color[1:], 16)
    except ValueError:
        return False
    return True
