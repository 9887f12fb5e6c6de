"""Names and titles with newlines or terminal escapes keep the CLI at one line per document
(issue #17, item 18): they are printed with repr-style escapes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import main


def test_import_and_list_print_one_line_per_document_with_escapes(tmp_path: Path) -> None:
    path = tmp_path / "evil\nname.txt"
    path.write_text("Kim met Putin.", encoding="utf-8")
    titled = tmp_path / "titled.jsonl"
    title = "Red \x1b[31malert\x1b[0m\u2028second line"
    titled.write_text(json.dumps({"title": title, "text": "Putin met Kim.", "spans": []}) + "\n")
    project = str(tmp_path / "p.annotator")
    result = CliRunner().invoke(main, ["import", project, str(path), str(titled)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "imported\t1\tevil\\nname",
        "imported\t2\tRed \\x1b[31malert\\x1b[0m\\u2028second line",
    ]
    listed = CliRunner().invoke(main, ["list", project]).stdout.splitlines()
    assert len(listed) == 3
    assert listed[1].endswith("\tevil\\nname")
    assert listed[2].endswith("\tRed \\x1b[31malert\\x1b[0m\\u2028second line")
    assert "\x1b" not in "".join(listed)
