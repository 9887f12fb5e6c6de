"""``annotator remove PROJECT ID…``: documents go with their annotations and relations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project

TEXT = "Seoul said the troops were sent. Moscow denied it."


def make(path: Path) -> tuple[int, int]:
    """Two documents; the first has 3 spans and a relation, the second 1 span."""
    with Project.open(path) as project:
        first = project.add_document(NewDocument("First", StyledText(TEXT, [])))
        second = project.add_document(NewDocument("Second", StyledText(TEXT + " Again.", [])))
        actor = project.add_annotation(first, 0, 5, "Actor")
        claim = project.add_annotation(first, 6, 31, "Claim", note="a note")
        project.add_annotation(first, 33, 39, "Actor")
        project.add_relation("claimant", claim.id, actor.id)
        project.add_annotation(second, 0, 5, "Actor")
        return first, second


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        tables = ("documents", "annotations", "relations", "documents_fts")
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_remove_takes_annotations_and_relations_along(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    first, second = make(path)
    result = CliRunner().invoke(main, ["remove", str(path), str(first)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "removed 1 document (3 annotations, 1 relation)"
    assert counts(path) == {"documents": 1, "annotations": 1, "relations": 0, "documents_fts": 1}
    with Project.open(path) as project:
        assert project.document_ids() == [second]
        assert project.search("troops")[0].document_id == second  # FTS rows went too
    listing = CliRunner().invoke(main, ["list", str(path)])
    assert "First" not in listing.output and "Second" in listing.output


def test_remove_several_and_the_count_wording(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    first, second = make(path)
    result = CliRunner().invoke(main, ["remove", str(path), str(second)])
    assert result.output.splitlines()[0] == "removed 1 document (1 annotation)"
    result = CliRunner().invoke(main, ["remove", str(path), str(first)])
    assert result.exit_code == 0
    assert counts(path)["documents"] == 0


def test_unknown_id_is_an_error_and_removes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    first, _second = make(path)
    before = counts(path)
    result = CliRunner().invoke(main, ["remove", str(path), str(first), "99"])
    assert result.exit_code == 1
    assert "No document 99" in result.output and "nothing removed" in result.output
    assert counts(path) == before
