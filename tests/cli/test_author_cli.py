"""Authors through the CLI (issue #13): ``import --author``, authors files carry, ``export
--author``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import main
from annotator.store import Project

TEXT = "Kim met Moon in Seoul."


def _jsonl(path: Path) -> Path:
    spans = [
        {"start": 0, "end": 3, "label": "Actor", "author": "kim", "id": "a"},
        {"start": 8, "end": 12, "label": "Actor", "id": "b"},
        {"start": 0, "end": 21, "label": "Claim", "id": "c"},
    ]
    relations = [{"type": "claimant", "source": "c", "target": "a"}]
    record = {"text": TEXT, "spans": spans, "relations": relations}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def _rows(project: Path, sql: str) -> list[tuple[object, ...]]:
    with Project.open(project, read_only=True) as proj:
        return proj.db.execute(sql).fetchall()


def test_import_author_names_the_spans_a_file_leaves_without_one(tmp_path):
    project = tmp_path / "p.annotator"
    args = ["import", str(project), str(_jsonl(tmp_path / "d.jsonl")), "--author", "lee"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    spans = _rows(project, 'SELECT text, author FROM annotations ORDER BY start, "end"')
    assert spans == [("Kim", "kim"), ("Kim met Moon in Seoul", "lee"), ("Moon", "lee")]
    assert _rows(project, "SELECT author FROM relations") == [("",)]  # JSONL has none for them


def test_export_author_writes_only_that_annotators_spans(tmp_path):
    project = tmp_path / "p.annotator"
    CliRunner().invoke(main, ["import", str(project), str(_jsonl(tmp_path / "d.jsonl"))])
    out = tmp_path / "kim.jsonl"
    result = CliRunner().invoke(main, ["export", str(project), "-o", str(out), "--author", "kim"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(s["text"], s["author"]) for s in record["spans"]] == [("Kim", "kim")]
    assert record.get("relations", []) == []
    everyone = tmp_path / "all.jsonl"
    CliRunner().invoke(main, ["export", str(project), "-o", str(everyone)])
    assert len(json.loads(everyone.read_text())["spans"]) == 3


def test_label_studio_completed_by_is_kept_and_one_user_is_one_author(tmp_path):
    region = {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
              "value": {"start": 0, "end": 3, "labels": ["Actor"]}}  # fmt: skip
    alice = {"id": 2, "email": "alice@example.org", "first_name": "Alice"}
    tasks = [
        {"id": 1, "data": {"text": TEXT}, "annotations": [
            {"id": 10, "completed_by": 2, "result": [region]},
            {"id": 11, "completed_by": 7, "result": [region]},
        ]},
        {"id": 2, "data": {"text": "Kim again."}, "annotations": [
            {"id": 12, "completed_by": alice, "result": [region]},
        ]},
    ]  # fmt: skip
    source = tmp_path / "ls.json"
    source.write_text(json.dumps(tasks), encoding="utf-8")
    project = tmp_path / "p.annotator"
    result = CliRunner().invoke(main, ["import", str(project), str(source), "--author", "lee"])
    assert result.exit_code == 0, result.output
    assert _rows(project, "SELECT document_id, author FROM annotations ORDER BY id") == [
        (1, "alice@example.org"),
        (1, "label-studio user 7"),
        (2, "alice@example.org"),
    ]


def test_an_inception_style_export_keeps_each_users_folder_file_as_the_author(tmp_path):
    export = tmp_path / "export"
    (export / "source").mkdir(parents=True)
    (export / "source" / "news.txt").write_text(TEXT, encoding="utf-8")
    (export / "annotation" / "news.txt").mkdir(parents=True)
    (export / "annotation" / "news.txt" / "alice.ann").write_text("T1\tActor 0 3\tKim\n")
    (export / "annotation" / "news.txt" / "bob.ann").write_text("T1\tActor 8 12\tMoon\n")
    project = tmp_path / "p.annotator"
    result = CliRunner().invoke(main, ["import", str(project), str(export)])
    assert result.exit_code == 0, result.output
    assert _rows(project, "SELECT title FROM documents") == [("news",)]
    assert _rows(project, "SELECT text, author FROM annotations ORDER BY start") == [
        ("Kim", "alice"),
        ("Moon", "bob"),
    ]
