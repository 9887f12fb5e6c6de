"""Prodigy datasets (issue #10, item 2): only accepted answers become annotations; rejected and
ignored spans are kept as rejected suggestions; records repeating a text make one document whose
accepted spans are merged; every file says how many records of each answer it held.

The fixtures are shaped like ``prodigy db-out`` of ``ner.teach`` (one suggested span per record,
texts repeated, ``meta.score``), ``ner.manual`` (token_start/token_end, two annotators on one
text) and a spans dataset written without ``tokens``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.formats.registry import reader_for
from annotator.services.bulk_import import import_bulk
from annotator.services.importing import import_paths
from annotator.store import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "prodigy"


@pytest.fixture
def project(tmp_path: Path):
    with Project.open(tmp_path / "p.annotator") as proj:
        yield proj


def spans_by_text(project: Project) -> dict[str, list[tuple[str, str, str]]]:
    """Each document's text -> its annotations as (covered text, label, author)."""
    return {
        project.document(d).text: [(a.text, a.label, a.author) for a in project.annotations(d)]
        for d in project.document_ids()
    }


def suggestions_by_text(project: Project) -> dict[str, list[tuple[str, str, str, str, object]]]:
    """Each document's text -> its suggestions as (covered text, label, status, source, score)."""
    found = {}
    for d in project.document_ids():
        text = project.document(d).text
        found[text] = [(text[s.start : s.end], s.label, s.status, s.source, s.score)
                       for s in project.suggestions(d)]  # fmt: skip
    return found


def test_ner_teach_keeps_accepts_as_spans_and_rejects_as_suggestions(project: Project) -> None:
    outcomes = import_paths(project, [FIXTURES / "ner_teach.jsonl"])
    assert [o.status for o in outcomes] == ["imported"] * 4  # 12 records, 4 texts
    assert "12 records: 7 accepted, 4 rejected, 1 ignored" in outcomes[0].message
    assert "kept as rejected suggestions, not annotations" in outcomes[0].message
    session = "ner_products-default"
    assert spans_by_text(project) == {
        "Apple updates its analytics service with new metrics": [
            ("Apple", "ORG", session), ("analytics service", "PRODUCT", session)],
        "The new iPhone 15 ships with USB-C 🔌 in Europe": [("iPhone 15", "PRODUCT", session)],
        "Samsung's Galaxy S24 beats the Pixel 8 in benchmarks": [
            ("Galaxy S24", "PRODUCT", session), ("Pixel 8", "PRODUCT", session)],
        "東京で 新しい Walkman が発売された": [("Walkman", "PRODUCT", session)],
    }  # fmt: skip
    suggestions = suggestions_by_text(project)
    assert suggestions["Apple updates its analytics service with new metrics"] == [
        ("Apple", "PRODUCT", "rejected", "prodigy:reject", 0.71)
    ]
    assert suggestions["The new iPhone 15 ships with USB-C 🔌 in Europe"] == [
        ("USB-C", "PRODUCT", "rejected", "prodigy:reject", 0.61),
        ("Europe", "PRODUCT", "rejected", "prodigy:reject", 0.12),
    ]
    assert suggestions["Samsung's Galaxy S24 beats the Pixel 8 in benchmarks"] == [
        ("Samsung", "PRODUCT", "rejected", "prodigy:reject", 0.52),
        ("benchmarks", "PRODUCT", "rejected", "prodigy:ignore", 0.33),
    ]
    assert project.count_suggestions(status="rejected") == 5
    # the iPhone 15 span was accepted twice: kept once, and the file says so
    assert "1 × accepted span repeated in another record of its text" in outcomes[0].message


def test_prodigy_spans_without_tokens_are_not_taken_for_native_jsonl(project: Project) -> None:
    path = FIXTURES / "spans_no_tokens.jsonl"
    fmt = reader_for(path)
    assert fmt is not None and fmt.name == "prodigy"
    outcomes = import_paths(project, [path])
    assert "3 records: 1 accepted, 2 rejected" in outcomes[0].message
    labelled = [a for spans in spans_by_text(project).values() for a in spans]
    assert labelled == [("iPhone 15", "PRODUCT", "products-default")]
    assert project.count_suggestions(status="rejected") == 2


def test_ner_manual_merges_two_annotators_and_keeps_rejects(project: Project) -> None:
    outcomes = import_paths(project, [FIXTURES / "ner_manual.jsonl"])
    assert len(outcomes) == 3  # 5 records of 3 texts
    assert "5 records: 3 accepted, 1 rejected, 1 ignored" in outcomes[0].message
    spans = spans_by_text(project)
    assert sorted(spans["Angela Merkel met Emmanuel Macron in Paris on Monday"]) == [
        ("Angela Merkel", "PERSON", "news_ner-alice"),
        ("Angela Merkel", "PERSON", "news_ner-bob"),
        ("Emmanuel Macron", "PERSON", "news_ner-alice"),
        ("Paris", "GPE", "news_ner-alice"),
        ("Paris", "LOC", "news_ner-bob"),
    ]
    assert spans["Zoë Schröder from Siemens spoke in Berlin"] == [
        ("Zoë Schröder", "PERSON", "news_ner-alice"), ("Siemens", "ORG", "news_ner-alice")
    ]  # fmt: skip
    assert spans["El presidente Sánchez visitó Rabat 🇲🇦 ayer"] == []
    suggestions = suggestions_by_text(project)
    assert suggestions["Zoë Schröder from Siemens spoke in Berlin"] == [
        ("Siemens", "PERSON", "rejected", "prodigy:reject", None)
    ]
    assert suggestions["El presidente Sánchez visitó Rabat 🇲🇦 ayer"] == [
        ("Sánchez", "PERSON", "rejected", "prodigy:ignore", None)
    ]


def test_cli_format_prodigy_reports_every_record(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["import", str(tmp_path / "p.annotator"), str(FIXTURES / "ner_teach.jsonl"),
         "--format", "prodigy"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "12 records: 7 accepted, 4 rejected, 1 ignored" in result.output
    assert "12 records of 4 texts became 4 documents" in result.output
    with Project.open(tmp_path / "p.annotator") as proj:
        assert sum(len(proj.annotations(d)) for d in proj.document_ids()) == 6
        assert proj.count_suggestions() == 5


def test_a_file_of_only_ignored_records_still_says_so(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "ignored.jsonl"
    path.write_text(
        '{"text": "Nothing to see", "_input_hash": 1, "_task_hash": 2, "answer": "ignore"}\n'
        '{"text": "Nothing to see", "_input_hash": 1, "_task_hash": 3, "answer": "ignore"}\n',
        encoding="utf-8",
    )
    result = import_bulk(project, [path])
    assert [o.status for o in result.outcomes] == ["imported"]
    assert "2 records: 2 ignored" in result.outcomes[0].message
