"""Full-text search (FTS5) and span filters: store, service and the ``search`` command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from library_helpers import SEED, SEED_TITLE, write_samples

from annotator.cli import main
from annotator.services.bulk_import import import_bulk
from annotator.services.search import parse_attribute, search_documents, to_fts_query
from annotator.store import Project, ProjectError
from annotator.store.search import SpanFilter


@pytest.fixture
def project(tmp_path: Path) -> Project:
    write_samples(tmp_path / "samples")
    with Project.open(tmp_path / "p.annotator") as proj:
        import_bulk(proj, [tmp_path / "samples"])
        yield proj


def _doc_id(project: Project, title: str) -> int:
    return next(d.id for d in project.documents() if d.title == title)


def test_user_queries_become_safe_fts() -> None:
    assert to_fts_query("Kim Jong-un") == '"Kim" "Jong-un"'
    assert to_fts_query('"North Korean" troop*') == '"North Korean" "troop"*'
    assert to_fts_query('say "hi') == '"say" "\\"hi"'.replace('\\"', '""')
    assert to_fts_query("  ") == ""


def test_search_gives_context_and_exact_offsets(project: Project) -> None:
    results = search_documents(project, "Kim Jong-un")
    assert [r.title for r in results] == [SEED_TITLE]
    (result,) = results
    assert "[Kim] [Jong-un]" in result.snippet_marked()
    text = project.document(result.document_id).text
    assert [text[a:b] for a, b in result.hits] == ["Kim", "Jong-un", "Kim", "Jong Un"]


def test_search_cjk_rtl_and_emoji_offsets(project: Project) -> None:
    for word in ("習近平", "بالعالم", "שלום"):
        results = search_documents(project, word)
        assert len(results) == 2, word  # the Markdown and the HTML sample
        for result in results:
            text = project.document(result.document_id).text
            assert [text[a:b] for a, b in result.hits] == [word]


def test_search_syntax_errors_are_reported(project: Project) -> None:
    with pytest.raises(ProjectError, match="cannot be understood"):
        search_documents(project, "AND (", raw=True)
    assert search_documents(project, "zyzzyva AND (") == []  # typed text is quoted: no error


def test_filter_by_label_text_and_attribute(project: Project) -> None:
    seed = _doc_id(project, SEED_TITLE)
    text = project.document(seed).text
    start = text.index("Kim Jong Un")
    actor = project.add_annotation(seed, start, start + len("Kim Jong Un"), "Actor")
    project.update_annotation(actor.id, attributes={"role": "leader", "state": True})
    assert project.documents_with_span(SpanFilter("Actor", "kim jong un")) == [seed]
    assert project.documents_with_span(SpanFilter("Actor", "Putin")) == []
    assert project.documents_with_span(SpanFilter("Claim")) == []
    assert project.documents_with_span(SpanFilter(attribute="role", value="leader")) == [seed]
    assert project.documents_with_span(SpanFilter(attribute="role")) == [seed]
    assert project.documents_with_span(SpanFilter(attribute="role", value="x")) == []
    key, value = parse_attribute("state=true")
    hits = search_documents(project, "", span_filter=SpanFilter("Actor", None, key, value))
    assert [r.document_id for r in hits] == [seed]
    both = search_documents(project, "Pyongyang", span_filter=SpanFilter("Actor"))
    assert [r.document_id for r in both] == [seed]
    assert search_documents(project, "習近平", span_filter=SpanFilter("Actor")) == []


def test_search_sees_edited_titles(project: Project) -> None:
    seed = _doc_id(project, SEED_TITLE)
    project.update_document_meta(seed, "Renamed zyzzyva", {"title": "Renamed zyzzyva"})
    assert [r.document_id for r in search_documents(project, "zyzzyva")] == [seed]


def test_cli_search(tmp_path: Path) -> None:
    project = tmp_path / "cli.annotator"
    runner = CliRunner()
    imported = runner.invoke(main, ["import", str(project), str(SEED)])
    assert imported.exit_code == 0, imported.output
    found = runner.invoke(main, ["search", str(project), "Kim Jong-un"])
    assert found.exit_code == 0, found.output
    (line,) = found.output.strip().splitlines()
    _doc_id, title, snippet = line.split("\t")
    assert title == SEED_TITLE and "[Kim] [Jong-un]" in snippet
    none = runner.invoke(main, ["search", str(project), "zyzzyva"])
    assert none.exit_code == 0 and none.output.strip() == "no matching documents"
    labelled = runner.invoke(main, ["search", str(project), "Kim", "--label", "Actor"])
    assert labelled.exit_code == 0 and "no matching documents" in labelled.output
    bad = runner.invoke(main, ["search", str(project), "AND (", "--fts"])
    assert bad.exit_code == 1 and "cannot be understood" in bad.output
