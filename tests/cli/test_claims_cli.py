"""``annotator claims PROJECT [--format csv|jsonl] [--output F]``: the claims table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from actor_claims import fill_debate
from click.testing import CliRunner

from annotator.cli import main
from annotator.store import Project


def make(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.open(path) as project:
        fill_debate(project)
    return path


def test_claims_as_csv_to_a_file(tmp_path: Path) -> None:
    path, out = make(tmp_path), tmp_path / "claims.csv"
    result = CliRunner().invoke(main, ["claims", str(path), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 5 claims" in result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"), newline="")))
    assert [(r["claimant"], r["stance"], r["source"]) for r in rows[:2]] == [
        ("Kim Jong Un", "oppose", "Asia Times"),
        ("Joe Biden", "support", "Asia Times"),
    ]
    assert list(rows[0]) == [
        "id", "document_id", "title", "source", "date", "text", "claimant", "stance",
        "certainty", "note", "start", "end",
    ]  # fmt: skip


def test_claims_as_jsonl_to_standard_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["claims", str(make(tmp_path)), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["claimant"] for r in records] == [
        "Kim Jong Un", "Joe Biden", "Kim Jong Un", "Putin", "Joe Biden"
    ]  # fmt: skip
    assert records[3]["text"] == "they must go" and records[3]["date"] == ""


def test_claims_to_a_missing_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "claims.csv"
    result = CliRunner().invoke(main, ["claims", str(make(tmp_path)), "-o", str(out)])
    assert result.exit_code != 0 and "does not exist" in result.output
