"""Issue #15: suggestions (open, rejected) are never exported as annotations, in ANY format: each
export format writes the same bytes before and after the suggestion layer is filled, and the
suggested-only span ("Zorblax") is no annotation in the text formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.styled_text import StyledText
from annotator.core.suggestion_rules import Rule
from annotator.core.suggestions import Suggestion
from annotator.formats.model import ExportOptions
from annotator.formats.registry import export_formats
from annotator.services.exporting import export_project
from annotator.services.suggesting import suggest
from annotator.store import NewDocument, Project

TEXT = "Kim Jong Un met Zorblax in Pyongyang.\n\nZorblax left on Tuesday."
FORMATS = [f.name for f in export_formats()]


def written(project: Project, name: str, out: Path) -> dict[str, bytes]:
    """Every file an export wrote (one, or a folder's), by relative path."""
    out.parent.mkdir()
    export_project(project, name, out, ExportOptions())
    files = sorted(out.rglob("*")) if out.is_dir() else [out]
    return {str(f.relative_to(out.parent)): f.read_bytes() for f in files if f.is_file()}


@pytest.mark.parametrize("name", FORMATS)
def test_no_export_format_writes_a_suggestion(name: str, tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        doc = project.add_document(NewDocument("talks", StyledText(TEXT, [])))
        project.add_annotation(doc, 0, len("Kim Jong Un"), "Actor")
        suffix = next(iter(f.suffixes for f in export_formats() if f.name == name), ())
        before = written(project, name, tmp_path / "before" / f"out{(suffix or ('',))[0]}")
        project.set_rules("Actor", [Rule("regex", ("Zorblax",))])
        added = suggest(project, ["rules"]).added
        assert len(added) == 2
        project.add_suggestions([Suggestion(doc, 27, 36, "Actor", "rejected", "test")])
        after = written(project, name, tmp_path / "after" / f"out{(suffix or ('',))[0]}")
    assert list(after.values()) == list(before.values())
