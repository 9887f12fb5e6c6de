"""A whole label schema (span labels and relation types), validated, and its file formats.

``LabelSchema`` is what the schema editor edits and what ``Project.apply_label_schema`` stores.
Constructing one validates it and raises ``SchemaError`` naming the first problem found.

Files: JSON (``.json``) or TOML (``.toml``), both holding the same structure::

    version = 1

    [[labels]]
    name = "Claim"
    color = "#f6c85f"
    keys = ["1", "C"]

    [[labels.rules]]                 # suggestion rules (issue #15, core/suggestion_rules.py)
    tokens = ["(?i)the", "[A-Z]+"]

    [[labels.attributes]]
    name = "stance"
    kind = "enum"
    values = ["support", "oppose", "neutral"]

    [[relation_types]]
    name = "claimant"
    source_labels = ["Claim"]
    target_labels = ["Actor"]
    color = "#b5651d"

Order in the file is display order. Database ids are never written to a file (they belong to
one project); ``to_json()`` includes them unless ``ids=False``.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from annotator.core.labels import (
    ATTRIBUTE_KINDS,
    DEFAULT_LABELS,
    DEFAULT_RELATION_TYPES,
    AttributeDef,
    Label,
    RelationType,
    is_valid_color,
)
from annotator.core.suggestion_rules import Rule, RuleError, rules_from_json

FORMAT_VERSION = 1
FILE_SUFFIXES = (".json", ".toml")

# Key names Qt's QKeySequence understands in portable text, beyond single characters.
_KEY_NAMES = """Space Tab Backtab Backspace Return Enter Ins Insert Del Delete Home End PgUp
PgDown Left Right Up Down Esc Escape Pause Print SysReq Clear Menu Help"""
_NAMED_KEYS = frozenset(
    name.casefold() for name in (*(f"F{i}" for i in range(1, 36)), *_KEY_NAMES.split())
)
_MODIFIERS = ("ctrl", "shift", "alt", "meta")


class SchemaError(ValueError):
    """A label schema (or schema file) is invalid; the message names the problem."""


# ----------------------------------------------------------------------------- keys
def normalize_key(key: str) -> str:
    """Canonical form of a key for comparison ("c" and "C", "shift+f2" and "Shift+F2" clash).

    Raises SchemaError unless ``key`` is one character or a Qt-style key name, optionally with
    modifiers: ``"1"``, ``"C"``, ``"F2"``, ``"Space"``, ``"Ctrl+Shift+X"``.
    """
    if not isinstance(key, str) or not key or key != key.strip():
        raise SchemaError(f"key {key!r} is not a single character or a key name such as F2")
    if len(key) == 1:
        return key.upper()
    if key.endswith("++"):
        mods, last = key[:-2].split("+"), "+"
    elif "+" in key:
        *mods, last = key.split("+")
    else:
        mods, last = [], key
    folded_mods = [m.casefold() for m in mods]
    for mod in folded_mods:
        if mod not in _MODIFIERS:
            raise SchemaError(
                f"key {key!r}: {mod!r} is not a modifier (use Ctrl, Shift, Alt or Meta)"
            )
    if len(set(folded_mods)) != len(folded_mods):
        raise SchemaError(f"key {key!r} repeats a modifier")
    if len(last) == 1 and not last.isspace():
        base = last.upper()
    elif last.casefold() in _NAMED_KEYS:
        base = last.casefold()
    else:
        raise SchemaError(
            f"key {key!r} is not a single character or a key name such as F2, Space or Ctrl+1"
        )
    return "+".join([*sorted(folded_mods), base])


# --------------------------------------------------------------------------- schema
@dataclass(frozen=True, slots=True)
class LabelSchema:
    """Span labels and relation types, in display order. Validated on construction."""

    labels: tuple[Label, ...]
    relation_types: tuple[RelationType, ...] = ()

    def __post_init__(self) -> None:
        labels = tuple(self.labels)
        rtypes = tuple(self.relation_types)
        # Positions always follow the order given.
        labels = tuple(
            lab if lab.position == i else replace(lab, position=i) for i, lab in enumerate(labels)
        )
        rtypes = tuple(
            rt if rt.position == i else replace(rt, position=i) for i, rt in enumerate(rtypes)
        )
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "relation_types", rtypes)
        _validate(self)

    @classmethod
    def default(cls) -> LabelSchema:
        return cls(DEFAULT_LABELS, DEFAULT_RELATION_TYPES)

    # ---------------------------------------------------------------- lookups
    def label(self, name: str) -> Label | None:
        return next((lab for lab in self.labels if lab.name == name), None)

    def relation_type(self, name: str) -> RelationType | None:
        return next((rt for rt in self.relation_types if rt.name == name), None)

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(lab.name for lab in self.labels)

    def without_ids(self) -> LabelSchema:
        return LabelSchema(
            tuple(replace(lab, id=None) for lab in self.labels),
            tuple(replace(rt, id=None) for rt in self.relation_types),
        )

    def with_ids_from(self, other: LabelSchema) -> LabelSchema:
        """Give entries without an id the id of the same-named entry in ``other``.

        Importing a schema file into a project this way keeps the annotations of every label
        whose name is still there.
        """
        label_ids = {lab.name: lab.id for lab in other.labels}
        type_ids = {rt.name: rt.id for rt in other.relation_types}
        taken_l = {lab.id for lab in self.labels if lab.id is not None}
        taken_t = {rt.id for rt in self.relation_types if rt.id is not None}

        def pick(current: int | None, candidate: int | None, taken: set[int]) -> int | None:
            if current is not None or candidate is None or candidate in taken:
                return current
            taken.add(candidate)
            return candidate

        return LabelSchema(
            tuple(
                replace(lab, id=pick(lab.id, label_ids.get(lab.name), taken_l))
                for lab in self.labels
            ),
            tuple(
                replace(rt, id=pick(rt.id, type_ids.get(rt.name), taken_t))
                for rt in self.relation_types
            ),
        )

    # ------------------------------------------------------------------- json
    def to_json(self, *, ids: bool = True) -> dict[str, Any]:
        def label_json(lab: Label) -> dict[str, Any]:
            data: dict[str, Any] = {"name": lab.name, "color": lab.color, "keys": list(lab.keys)}
            if lab.attributes:
                data["attributes"] = [a.to_json() for a in lab.attributes]
            if lab.rules:
                data["rules"] = [rule.to_json() for rule in lab.rules]
            if ids and lab.id is not None:
                data["id"] = lab.id
            return data

        def type_json(rt: RelationType) -> dict[str, Any]:
            data: dict[str, Any] = {
                "name": rt.name,
                "source_labels": list(rt.source_labels),
                "target_labels": list(rt.target_labels),
                "color": rt.color,
            }
            if ids and rt.id is not None:
                data["id"] = rt.id
            return data

        return {
            "version": FORMAT_VERSION,
            "labels": [label_json(lab) for lab in self.labels],
            "relation_types": [type_json(rt) for rt in self.relation_types],
        }

    @classmethod
    def from_json(cls, data: Any) -> LabelSchema:
        """Build a schema from ``to_json()`` output (or a parsed file); raises SchemaError."""
        if not isinstance(data, dict):
            raise SchemaError("a label schema must be an object with a 'labels' list")
        _check_fields("the schema", data, {"version", "labels", "relation_types"})
        version = data.get("version", FORMAT_VERSION)
        if not isinstance(version, int) or isinstance(version, bool):
            raise SchemaError(f"'version' must be a whole number, not {version!r}")
        if version > FORMAT_VERSION:
            raise SchemaError(
                f"this schema is format version {version}; this Annotator reads up to "
                f"{FORMAT_VERSION}"
            )
        if "labels" not in data:
            raise SchemaError("the schema has no 'labels' list")
        labels_data = _list(data["labels"], "'labels'")
        types_data = _list(data.get("relation_types", []), "'relation_types'")
        labels = tuple(_label_from_json(d, i) for i, d in enumerate(labels_data))
        rtypes = tuple(_type_from_json(d, i) for i, d in enumerate(types_data))
        return cls(labels, rtypes)

    # ------------------------------------------------------------------- toml
    def to_toml(self) -> str:
        """The schema as TOML (no ids), written deterministically."""
        out = ["# Annotator label schema", f"version = {FORMAT_VERSION}"]
        for lab in self.labels:
            out += [
                "",
                "[[labels]]",
                f"name = {_toml_str(lab.name)}",
                f"color = {_toml_str(lab.color)}",
                f"keys = {_toml_list(lab.keys)}",
            ]
            for attr in lab.attributes:
                out += [
                    "",
                    "[[labels.attributes]]",
                    f"name = {_toml_str(attr.name)}",
                    f"kind = {_toml_str(attr.kind)}",
                ]
                if attr.values:
                    out.append(f"values = {_toml_list(attr.values)}")
            for rule in lab.rules or ():
                key, value = next(iter(rule.to_json().items()))
                text = _toml_str(value) if rule.kind == "regex" else _toml_list(rule.patterns)
                out += ["", "[[labels.rules]]", f"{key} = {text}"]
        for rt in self.relation_types:
            out += [
                "",
                "[[relation_types]]",
                f"name = {_toml_str(rt.name)}",
                f"source_labels = {_toml_list(rt.source_labels)}",
                f"target_labels = {_toml_list(rt.target_labels)}",
                f"color = {_toml_str(rt.color)}",
            ]
        return "\n".join(out) + "\n"

    @classmethod
    def from_toml(cls, text: str) -> LabelSchema:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise SchemaError(f"not valid TOML: {exc}") from exc
        return cls.from_json(data)


# ---------------------------------------------------------------------------- files
def load_schema_file(path: str | Path) -> LabelSchema:
    """Read a ``.json`` or ``.toml`` schema file; raises SchemaError naming file and problem."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FILE_SUFFIXES:
        raise SchemaError(f"{path.name}: a schema file ends in .json or .toml")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError(f"{path.name} cannot be read: {exc}") from exc
    try:
        if suffix == ".toml":
            return LabelSchema.from_toml(text)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SchemaError(f"not valid JSON: {exc}") from exc
        return LabelSchema.from_json(data)
    except SchemaError as exc:
        raise SchemaError(f"{path.name}: {exc}") from exc


def save_schema_file(schema: LabelSchema, path: str | Path) -> None:
    """Write ``schema`` (without ids) as JSON or TOML, chosen by the suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".toml":
        text = schema.to_toml()
    elif suffix == ".json":
        text = json.dumps(schema.to_json(ids=False), indent=2, ensure_ascii=False) + "\n"
    else:
        raise SchemaError(f"{path.name}: a schema file ends in .json or .toml")
    path.write_text(text, encoding="utf-8")


# ----------------------------------------------------------------------- validation
def _validate(schema: LabelSchema) -> None:
    if not schema.labels:
        raise SchemaError("a schema needs at least one label")
    names: set[str] = set()
    ids: set[int] = set()
    keys: dict[str, str] = {}
    for i, lab in enumerate(schema.labels):
        if not isinstance(lab, Label):
            raise SchemaError(f"label {i + 1} is not a Label")
        where = _check_entry("label", i, lab, names, ids)
        for key in lab.keys:
            try:
                norm = normalize_key(key)
            except SchemaError as exc:
                raise SchemaError(f"{where}: {exc}") from None
            if norm in keys:
                other = keys[norm]
                raise SchemaError(
                    f"key {key!r} is used twice (labels {other!r} and {lab.name!r})"
                    if other != lab.name
                    else f"{where}: key {key!r} is listed twice"
                )
            keys[norm] = lab.name
        attr_names: set[str] = set()
        for j, attr in enumerate(lab.attributes):
            if not isinstance(attr, AttributeDef):
                raise SchemaError(f"{where}: attribute {j + 1} is not an AttributeDef")
            awhere = (
                f"{where}, attribute {attr.name!r}" if attr.name else f"{where}, attribute {j + 1}"
            )
            _check_name(attr.name, awhere)
            if attr.name in attr_names:
                raise SchemaError(f"{where}: two attributes are called {attr.name!r}")
            attr_names.add(attr.name)
            if attr.kind not in ATTRIBUTE_KINDS:
                raise SchemaError(
                    f"{awhere}: kind {attr.kind!r} is not one of {', '.join(ATTRIBUTE_KINDS)}"
                )
            if attr.kind == "enum":
                if not attr.values:
                    raise SchemaError(f"{awhere}: an enum attribute needs at least one value")
                for value in attr.values:
                    if not isinstance(value, str) or not value.strip():
                        raise SchemaError(f"{awhere}: the value {value!r} is empty")
                dup = _first_duplicate(attr.values)
                if dup is not None:
                    raise SchemaError(f"{awhere}: the value {dup!r} is listed twice")
            elif attr.values:
                raise SchemaError(f"{awhere}: only enum attributes have values ({attr.kind})")
    type_names: set[str] = set()
    type_ids: set[int] = set()
    for i, rt in enumerate(schema.relation_types):
        if not isinstance(rt, RelationType):
            raise SchemaError(f"relation type {i + 1} is not a RelationType")
        where = _check_entry("relation type", i, rt, type_names, type_ids)
        for side, refs in (("source", rt.source_labels), ("target", rt.target_labels)):
            for ref in refs:
                if ref not in names:
                    raise SchemaError(f"{where}: {side} label {ref!r} is not a label of the schema")
            dup = _first_duplicate(refs)
            if dup is not None:
                raise SchemaError(f"{where}: {side} label {dup!r} is listed twice")


def _check_entry(
    kind: str, index: int, entry: Label | RelationType, names: set[str], ids: set[int]
) -> str:
    """Name, uniqueness, id and colour of a label or relation type; returns how to name it in
    messages ("label 'Claim'", or "label 3" when it has no usable name)."""
    name = entry.name
    where = f"{kind} {name!r}" if isinstance(name, str) and name else f"{kind} {index + 1}"
    _check_name(name, where)
    if name in names:
        raise SchemaError(f"two {kind}s are called {name!r}")
    names.add(name)
    _check_id(entry.id, where, ids, f"{kind}s")
    if not isinstance(entry.color, str) or not is_valid_color(entry.color):
        raise SchemaError(f"{where}: colour {entry.color!r} is not of the form #rrggbb")
    return where


def _check_name(name: Any, where: str) -> None:
    if not isinstance(name, str) or not name.strip():
        raise SchemaError(f"{where}: the name is empty")
    if name != name.strip():
        raise SchemaError(f"{where}: the name starts or ends with a space")


def _check_id(value: Any, where: str, seen: set[int], what: str) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise SchemaError(f"{where}: id {value!r} is not a positive whole number")
    if value in seen:
        raise SchemaError(f"two {what} have the id {value}")
    seen.add(value)


def _first_duplicate(items: tuple[str, ...]) -> str | None:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None


# ------------------------------------------------------------------------ from json
_LABEL_FIELDS = {"name", "color", "keys", "attributes", "id", "rules"}
_ATTR_FIELDS = {"name", "kind", "values"}
_TYPE_FIELDS = {"name", "source_labels", "target_labels", "color", "id"}


def _check_fields(where: str, data: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise SchemaError(
            f"{where}: unknown field {unknown[0]!r} (expected {', '.join(sorted(allowed))})"
        )


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise SchemaError(f"{where} must be a list")
    return value


def _str(data: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    if key not in data:
        if default is None:
            raise SchemaError(f"{where} has no {key!r}")
        return default
    value = data[key]
    if not isinstance(value, str):
        raise SchemaError(f"{where}: {key!r} must be text, not {value!r}")
    return value


def _strs(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = _list(data.get(key, []), f"{where}: {key!r}")
    for value in values:
        if not isinstance(value, str):
            raise SchemaError(f"{where}: {key!r} must list text, not {value!r}")
    return tuple(values)


def _id(data: dict[str, Any], where: str) -> int | None:
    value = data.get("id")
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise SchemaError(f"{where}: 'id' must be a whole number, not {value!r}")
    return value


def _label_from_json(data: Any, index: int) -> Label:
    where = f"label {index + 1}"
    if not isinstance(data, dict):
        raise SchemaError(f"{where} must be an object with a name and a color")
    if isinstance(data.get("name"), str) and data["name"]:
        where = f"label {data['name']!r}"
    _check_fields(where, data, _LABEL_FIELDS)
    attributes = []
    for j, attr in enumerate(_list(data.get("attributes", []), f"{where}: 'attributes'")):
        awhere = f"{where}, attribute {j + 1}"
        if not isinstance(attr, dict):
            raise SchemaError(f"{awhere} must be an object with a name and a kind")
        _check_fields(awhere, attr, _ATTR_FIELDS)
        attributes.append(
            AttributeDef(
                _str(attr, "name", awhere),
                _str(attr, "kind", awhere, "enum"),
                _strs(attr, "values", awhere),
            )
        )
    return Label(
        name=_str(data, "name", where),
        color=_str(data, "color", where),
        keys=_strs(data, "keys", where),
        id=_id(data, where),
        position=index,
        attributes=tuple(attributes),
        rules=_rules(data, where),
    )


def _rules(data: dict[str, Any], where: str) -> tuple[Rule, ...] | None:
    if "rules" not in data:
        return None
    try:
        return rules_from_json(_list(data["rules"], f"{where}: 'rules'"))
    except RuleError as exc:
        raise SchemaError(f"{where}: {exc}") from None


def _type_from_json(data: Any, index: int) -> RelationType:
    where = f"relation type {index + 1}"
    if not isinstance(data, dict):
        raise SchemaError(f"{where} must be an object with a name")
    if isinstance(data.get("name"), str) and data["name"]:
        where = f"relation type {data['name']!r}"
    _check_fields(where, data, _TYPE_FIELDS)
    return RelationType(
        name=_str(data, "name", where),
        source_labels=_strs(data, "source_labels", where),
        target_labels=_strs(data, "target_labels", where),
        color=_str(data, "color", where, "#888888"),
        id=_id(data, where),
        position=index,
    )


# ------------------------------------------------------------------------------ toml
def _toml_str(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(_toml_str(v) for v in values) + "]"
