"""A lone surrogate in one file is reported for that file; the bulk import goes on."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.services.bulk_import import import_bulk
from annotator.store import Project


def test_lone_surrogate_is_one_error_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"  # a Label Studio task list
    bad.write_text(json.dumps([{"data": {"text": "Kim \ud800 met"}}]), "utf-8")
    bad_lines = tmp_path / "bad.jsonl"
    bad_lines.write_text(json.dumps({"text": "Kim \ud800 met"}) + "\n", "utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Ministers met in Geneva.\n", "utf-8")
    with Project.open(tmp_path / "p.annotator") as project:
        result = import_bulk(project, [bad, bad_lines, good])
        outcomes = {o.path.name: o for o in result.outcomes}
        assert outcomes["bad.json"].status == "error"
        assert "lone surrogate (U+D800) at character 4" in outcomes["bad.json"].message
        assert outcomes["bad.jsonl"].status == "error"
        assert "surrogate" in outcomes["bad.jsonl"].message
        assert outcomes["good.txt"].status == "imported"
        assert len(project.document_ids()) == 1
