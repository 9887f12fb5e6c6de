"""LabelSchema: validation, JSON and TOML round trips, schema files."""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.label_schema import (
    LabelSchema,
    SchemaError,
    load_schema_file,
    normalize_key,
    save_schema_file,
)
from annotator.core.labels import AttributeDef, Label, RelationType

TRICKY = LabelSchema(
    (
        Label("Claim", "#f6c85f", ("1", "C"), attributes=(
            AttributeDef("stance", "enum", ("support", "oppose")),
            AttributeDef("hedged", "bool"),
            AttributeDef("gloss", "text"),
        )),
        Label('Quote "direct"\\ 引\t用', "#ABCDEF", ("F2", "Ctrl+Shift+Q", "Space")),
        Label("Actor", "#6fb7e9", ("ä",)),
    ),
    (
        RelationType("claimant", ("Claim",), ("Actor",), "#b5651d"),
        RelationType("any", (), (), "#000000"),
    ),
)  # fmt: skip


def _label(name: str = "X", color: str = "#123456", **kw) -> Label:
    return Label(name, color, **kw)


# ---------------------------------------------------------------------------- round trips
@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_file_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"schema{suffix}"
    save_schema_file(TRICKY, path)
    assert load_schema_file(path) == TRICKY


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_default_schema_round_trips(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"default{suffix}"
    save_schema_file(LabelSchema.default(), path)
    assert load_schema_file(path) == LabelSchema.default()


def test_toml_is_deterministic_and_parsed_by_tomllib(tmp_path: Path) -> None:
    text = TRICKY.to_toml()
    assert text == TRICKY.to_toml()
    data = tomllib.loads(text)
    assert data["labels"][1]["name"] == 'Quote "direct"\\ 引\t用'
    assert data["labels"][0]["attributes"][1] == {"name": "hedged", "kind": "bool"}
    assert text.startswith("# Annotator label schema\nversion = 1\n")


def test_files_carry_no_ids_but_to_json_does(tmp_path: Path) -> None:
    with_ids = LabelSchema((_label("A", id=3),), (RelationType("r", id=7),))
    assert with_ids.to_json()["labels"][0]["id"] == 3
    assert "id" not in with_ids.to_json(ids=False)["labels"][0]
    assert LabelSchema.from_json(with_ids.to_json()) == with_ids
    save_schema_file(with_ids, tmp_path / "s.json")
    save_schema_file(with_ids, tmp_path / "s.toml")
    assert "id" not in (tmp_path / "s.json").read_text()
    assert "id" not in (tmp_path / "s.toml").read_text()
    assert load_schema_file(tmp_path / "s.toml") == with_ids.without_ids()


def test_positions_follow_order() -> None:
    schema = LabelSchema((_label("B", position=5), _label("A", position=0)))
    assert [(lab.name, lab.position) for lab in schema.labels] == [("B", 0), ("A", 1)]


def test_with_ids_from_matches_by_name() -> None:
    stored = LabelSchema(
        (_label("A", id=1), _label("B", id=2)), (RelationType("r", ("A",), (), id=4),)
    )
    imported = LabelSchema((_label("B"), _label("C")), (RelationType("r"),))
    merged = imported.with_ids_from(stored)
    assert [lab.id for lab in merged.labels] == [2, None]
    assert merged.relation_types[0].id == 4


def test_handwritten_toml_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[[labels]]\nname = "Event"\ncolor = "#ff0000"\n\n[[labels.attributes]]\nname = "t"\n'
        'values = ["a", "b"]\n\n[[relation_types]]\nname = "causes"\n',
        encoding="utf-8",
    )
    schema = load_schema_file(path)
    assert schema.labels[0].attributes == (AttributeDef("t", "enum", ("a", "b")),)
    assert schema.relation_types == (RelationType("causes"),)


# ---------------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("labels", "types", "message"),
    [
        ((), (), "at least one label"),
        ((_label(""),), (), "the name is empty"),
        ((_label(" A"),), (), "starts or ends with a space"),
        ((_label("A"), _label("A")), (), "two labels are called 'A'"),
        ((_label("A", "red"),), (), "label 'A': colour 'red'"),
        ((_label("A", "#12345g"),), (), "colour"),
        ((_label("A", keys=("1",)), _label("B", keys=("1",))), (), "key '1' is used twice"),
        ((_label("A", keys=("c",)), _label("B", keys=("C",))), (), "labels 'A' and 'B'"),
        ((_label("A", keys=("ctrl+1",)), _label("B", keys=("Ctrl+1",))), (), "used twice"),
        ((_label("A", keys=("x", "X")),), (), "listed twice"),
        ((_label("A", keys=("ab",)),), (), "key 'ab' is not a single character"),
        ((_label("A", keys=("Hyper+1",)),), (), "'hyper' is not a modifier"),
        ((_label("A", keys=("",)),), (), "key ''"),
        ((_label("A", attributes=(AttributeDef("s", "color"),)),), (), "kind 'color'"),
        ((_label("A", attributes=(AttributeDef("s", "enum"),)),), (), "needs at least one"),
        ((_label("A", attributes=(AttributeDef("s", "enum", ("a", "a")),)),), (), "'a' is listed"),
        ((_label("A", attributes=(AttributeDef("s", "bool", ("a",)),)),), (), "only enum"),
        ((_label("A", attributes=(AttributeDef("", "text"),)),), (), "attribute 1: the name"),
        (
            (_label("A", attributes=(AttributeDef("s", "text"), AttributeDef("s", "bool"))),),
            (),
            "two attributes are called 's'",
        ),
        ((_label("A"),), (RelationType("r", ("B",)),), "source label 'B' is not a label"),
        ((_label("A"),), (RelationType("r", (), ("A", "A")),), "target label 'A' is listed"),
        ((_label("A"),), (RelationType("r"), RelationType("r")), "two relation types"),
        ((_label("A"),), (RelationType("r", color="#12"),), "relation type 'r': colour"),
        ((_label("A", id=1), _label("B", id=1)), (), "two labels have the id 1"),
    ],
)
def test_validation_names_the_problem(labels, types, message) -> None:
    with pytest.raises(SchemaError) as info:
        LabelSchema(labels, types)
    assert message in str(info.value)


def test_schema_error_is_a_value_error() -> None:
    assert issubclass(SchemaError, ValueError)


@pytest.mark.parametrize(
    ("key", "norm"),
    [
        ("c", "C"),
        ("Ä", "Ä"),
        ("F12", "f12"),
        ("shift+ctrl+a", "ctrl+shift+A"),
        ("Ctrl++", "ctrl++"),
    ],
)
def test_normalize_key(key: str, norm: str) -> None:
    assert normalize_key(key) == norm


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be an object"),
        ({}, "no 'labels' list"),
        ({"labels": {}}, "'labels' must be a list"),
        ({"labels": [{"name": "A", "colour": "#000000"}]}, "unknown field 'colour'"),
        ({"labels": [{"name": "A"}]}, "label 'A' has no 'color'"),
        ({"labels": [{"name": 3, "color": "#000000"}]}, "'name' must be text"),
        ({"labels": [{"name": "A", "color": "#000000", "keys": "1"}]}, "'keys' must be a list"),
        ({"labels": [{"name": "A", "color": "#000000", "id": "1"}]}, "'id' must be a whole"),
        ({"labels": [], "version": 9}, "format version 9"),
        ({"labels": [], "extra": 1}, "unknown field 'extra'"),
        (
            {"labels": [{"name": "A", "color": "#000000", "attributes": [{"name": "x", "k": 1}]}]},
            "label 'A', attribute 1: unknown field 'k'",
        ),
    ],
)
def test_from_json_errors(data, message) -> None:
    with pytest.raises(SchemaError) as info:
        LabelSchema.from_json(data)
    assert message in str(info.value)


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("[[labels]\nname = ", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"bad\.toml: not valid TOML"):
        load_schema_file(bad_toml)
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"bad\.json: not valid JSON"):
        load_schema_file(bad_json)
    invalid = tmp_path / "invalid.json"
    invalid.write_text(json.dumps({"labels": [{"name": "A", "color": "blue"}]}), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"invalid\.json: label 'A': colour 'blue'"):
        load_schema_file(invalid)
    with pytest.raises(SchemaError, match=r"\.json or \.toml"):
        load_schema_file(tmp_path / "schema.yaml")
    with pytest.raises(SchemaError, match="cannot be read"):
        load_schema_file(tmp_path / "missing.json")
    with pytest.raises(SchemaError, match=r"\.json or \.toml"):
        save_schema_file(TRICKY, tmp_path / "schema.txt")


def test_lookups() -> None:
    assert TRICKY.label("Actor") == replace(TRICKY.labels[2])
    assert TRICKY.label("nope") is None
    assert TRICKY.relation_type("any") is TRICKY.relation_types[1]
    assert TRICKY.label_names[0] == "Claim"
