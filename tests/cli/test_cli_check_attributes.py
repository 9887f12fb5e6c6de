"""``annotator check`` reports attributes the schema does not allow, and never drops them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project

TEXT = "Seoul said the troops were sent. Moscow denied it."


def project_with_stale_attributes(path: Path) -> int:
    """An Actor carrying a Claim's stance (as a relabel before the fix left it), and a Claim
    whose stance has a value the schema does not list; plus one clean Claim."""
    with Project.open(path) as project:
        doc = project.add_document(NewDocument("Troops", StyledText(TEXT, [])))
        project.add_annotation(doc, 0, 5, "Actor", attributes={"stance": "oppose"})
        bad = project.add_annotation(doc, 6, 31, "Claim", attributes={"stance": "maybe"})
        project.add_annotation(doc, 33, 39, "Claim", attributes={"stance": "support"})
        return bad.id


def attributes(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT attributes FROM annotations ORDER BY id")]


def test_check_reports_attributes_the_schema_does_not_allow(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    bad = project_with_stale_attributes(path)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if line.startswith("problem\t")]
    assert len(problems) == 2
    assert (
        "annotation 1: attribute stance = 'oppose' is not defined for the label Actor"
        in (problems[0])
    )
    assert f"annotation {bad}: attribute stance = 'maybe'" in problems[1]
    assert all("fix by hand" in line for line in problems)


def test_check_repair_reports_them_but_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    project_with_stale_attributes(path)
    before = attributes(path)
    result = CliRunner().invoke(main, ["check", "--repair", str(path)])
    assert result.exit_code == 1  # still a problem: only the user knows what was meant
    assert "repaired\t" not in result.output
    assert result.output.count("problem\t") == 2
    assert attributes(path) == before  # nothing dropped
