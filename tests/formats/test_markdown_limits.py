"""Markdown that would take Python-Markdown quadratic time or unbounded depth (issue #17, item 10)
is read as plain text, with a message saying what was too deep or too bracketed."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services.importing import import_paths
from annotator.store import Project


@pytest.fixture
def project(project_path: Path):
    with Project.open(project_path) as proj:
        yield proj


def nested_list(depth: int) -> str:
    return "\n".join("    " * level + f"- item {level}" for level in range(depth)) + "\n"


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (nested_list(400), "lists or quotes nested too deep (400 levels; the limit is 100)"),
        (nested_list(2_000), "lists or quotes nested too deep (2,000 levels; the limit is 100)"),
        (
            "> " * 3_000 + "deep quote\n",
            "lists or quotes nested too deep (3,000 levels; the limit is 100)",
        ),
        ("[" * 50_000, "50,000 '[' in one paragraph (the limit is 1,000"),
    ],
    ids=["list-400", "list-2000", "quote-3000", "brackets-50000"],
)
def test_hostile_markdown_is_read_as_plain_text_and_says_why(
    project: Project, tmp_path: Path, source: str, problem: str
) -> None:
    path = tmp_path / "deep.md"
    path.write_text(source, encoding="utf-8")
    [outcome] = import_paths(project, [path])
    assert outcome.status == "imported", outcome.message
    assert f"deep.md: {problem}" in outcome.message
    assert "read as plain text, without Markdown styles" in outcome.message
    [doc_id] = project.document_ids()
    text = project.document(doc_id).text
    assert ("item 399" in text) if "item" in source else (text.strip("[ >\n") in ("", "deep quote"))


def test_ordinary_markdown_still_renders(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "ok.md"
    path.write_text(nested_list(20) + "\n[a link](https://example.org) and [x]\n")
    [outcome] = import_paths(project, [path])
    assert outcome.status == "imported" and "plain text" not in outcome.message
    [doc_id] = project.document_ids()
    assert "a link and [x]" in project.document(doc_id).text
