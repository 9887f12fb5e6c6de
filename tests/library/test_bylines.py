"""Bylines under the title give author, source and date, in .md and .html too (issue #9, item 12).

Each file is imported with the real ``annotator import`` command; the test reads the document's
stored metadata back from the project.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.store import Project

BODY = "Officials in Seoul said talks with Pyongyang would resume next week."
BYLINES = [
    ("By Ivan Petrov · Reuters · 2024-11-04", "2024-11-04"),
    ("By Ivan Petrov | Reuters | Nov. 4, 2024", "2024-11-04"),
    ("By Ivan Petrov, Reuters", None),
]


def imported_meta(tmp_path: Path, name: str, content: str) -> dict[str, Any]:
    article = tmp_path / name
    article.write_text(content, encoding="utf-8")
    project = tmp_path / "p.annotator"
    result = CliRunner().invoke(main, ["import", str(project), str(article)])
    assert result.exit_code == 0, result.output
    with Project.open(project) as proj:
        [doc_id] = proj.document_ids()
        return dict(proj.document(doc_id).meta)


def expected(date: str | None) -> dict[str, str]:
    fields = {"author": "Ivan Petrov", "source": "Reuters"}
    return {**fields, "date": date} if date else fields


def picked(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: meta[k] for k in ("author", "source", "date") if k in meta}


@pytest.mark.parametrize(("byline", "date"), BYLINES)
def test_markdown_byline_under_the_title(tmp_path: Path, byline: str, date: str | None) -> None:
    meta = imported_meta(tmp_path, "talks.md", f"# Talks to resume\n\n{byline}\n\n{BODY}\n")
    assert picked(meta) == expected(date)
    assert meta["title"] == "Talks to resume"


@pytest.mark.parametrize(("byline", "date"), BYLINES)
def test_html_byline_under_the_title(tmp_path: Path, byline: str, date: str | None) -> None:
    page = (
        "<!doctype html><html><head><title>Talks to resume</title></head><body>"
        f"<article><h1>Talks to resume</h1><p class='byline'>{byline}</p><p>{BODY}</p>"
        "</article></body></html>"
    )
    meta = imported_meta(tmp_path, "talks.html", page)
    assert picked(meta) == expected(date)


def test_plain_text_byline_under_the_title(tmp_path: Path) -> None:
    meta = imported_meta(tmp_path, "talks.txt", f"Talks to resume\n\n{BYLINES[0][0]}\n\n{BODY}\n")
    assert picked(meta) == expected("2024-11-04")


def test_html_meta_tags_give_author_source_and_date(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Talks</title>"
        '<meta name="author" content="Ivan Petrov">'
        '<meta property="article:published_time" content="2024-11-04T08:30:00Z">'
        '<meta property="og:site_name" content="Reuters">'
        f"</head><body><article><p>{BODY}</p></article></body></html>"
    )
    meta = imported_meta(tmp_path, "talks.html", page)
    assert picked(meta) == expected("2024-11-04")


def test_a_sentence_starting_with_by_is_not_a_byline(tmp_path: Path) -> None:
    text = f"# Talks\n\nBy the end of the week, both sides had agreed.\n\n{BODY}\n"
    assert picked(imported_meta(tmp_path, "talks.md", text)) == {}
