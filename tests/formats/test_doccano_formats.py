"""doccano and CSV (issue #10, items 7 and 9): notes are written as doccano Comments; what doccano,
doccano-rel and CSV cannot hold is counted in the export summary; doccano ``meta`` is kept;
pretty-printed JSON is read when it holds doccano records and explained when it does not."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.styled_text import StyledText
from annotator.formats.model import ExportOptions
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import NewDocument, Project

DOCCANO = Path(__file__).parent.parent / "fixtures" / "formats" / "doccano"
TEXT = "Kim said 🇰🇷 taxes must rise.\nPutin disagreed."


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.open(tmp_path / "p.annotator") as project:
        yield project


@pytest.fixture
def annotated(project: Project) -> Project:
    """Attributes on 3 spans, 2 notes, 1 discontinuous span, 1 relation."""
    doc = project.add_document(NewDocument(title="t", styled=StyledText(TEXT, [])))
    kim = project.add_annotation(doc, 0, 3, "Actor", attributes={"type": "person"}, note="who?")
    claim = project.add_annotation(
        doc, 9, 27, "Claim", attributes={"stance": "support"}, note="check the date",
        fragments=((9, 11), (12, 27)),
    )  # fmt: skip
    project.add_annotation(doc, 29, 34, "Actor", attributes={"type": "state"})
    project.add_relation("claimant", claim.id, kim.id)
    return project


def test_doccano_writes_notes_as_comments_and_counts_the_rest(
    annotated: Project, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    summary = export_project(annotated, "doccano", out, ExportOptions())
    [record] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert record["Comments"] == ["who?", "check the date"]
    assert summary.lost == {
        "attribute type": 2,
        "attribute stance": 1,
        "discontinuous span written as its whole extent (fragments)": 1,
        "note written as a document comment, not tied to its span": 2,
        "relation (use doccano-rel to keep them)": 1,
    }
    assert "Not written: 2 × attribute type." in summary.describe()


def test_doccano_rel_counts_attributes_and_fragments(annotated: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = export_project(annotated, "doccano-rel", out, ExportOptions())
    [record] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert record["Comments"] == ["who?", "check the date"]
    assert len(record["relations"]) == 1
    assert summary.lost == {
        "attribute type": 2,
        "attribute stance": 1,
        "discontinuous span written as its whole extent (fragments)": 1,
        "note written as a document comment, not tied to its span": 2,
    }


def test_csv_counts_fragments_and_relations(annotated: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    summary = export_project(annotated, "csv", out, ExportOptions())
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [json.loads(r["attributes"]) for r in rows][1] == {"stance": "support"}
    assert [r["note"] for r in rows] == ["who?", "check the date", ""]
    assert summary.lost == {
        "discontinuous span written as its whole extent (fragments)": 1,
        "relation (CSV has one row per span)": 1,
    }


def test_cli_prints_what_doccano_did_not_write(annotated: Project, tmp_path: Path) -> None:
    path = annotated.path
    annotated.close()
    out = tmp_path / "cli.jsonl"
    result = CliRunner().invoke(main, ["export", str(path), "--format", "doccano", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "not written: 2 x attribute type\n" in result.output
    assert "1 x discontinuous span written as its whole extent (fragments)" in result.output


# --------------------------------------------------------------------------------- import
def documents(project: Project) -> list[tuple[str, dict, list[tuple[str, str]]]]:
    out = []
    for doc_id in project.document_ids():
        doc = project.document(doc_id)
        spans = [
            (a.label, doc.text[a.start : a.end])
            for a in project.iter_annotations()
            if a.document_id == doc_id
        ]
        out.append((doc.text, doc.meta, spans))
    return out


def test_doccano_meta_and_comments_are_kept(project: Project) -> None:
    outcomes = import_paths(project, [DOCCANO / "sequence.jsonl"])
    assert [o.status for o in outcomes] == ["imported", "imported"]
    first, second = documents(project)
    assert first[1] == {
        "source_file": "sequence.jsonl",
        "source": "reuters",
        "date": "1996-08-22",
        "Comments": ["check MISC"],
    }
    assert second[1] == {"source_file": "sequence.jsonl", "source": "reuters"}
    assert second[2] == [("PER", "Peter Blackburn"), ("LOC", "北京")]


def test_pretty_printed_doccano_array_is_read(project: Project, tmp_path: Path) -> None:
    with Project.open(tmp_path / "ref.annotator") as reference:
        import_paths(reference, [DOCCANO / "sequence.jsonl"])
        expected = [(text, spans) for text, _, spans in documents(reference)]
    outcomes = import_paths(project, [DOCCANO / "pretty_array.jsonl"])
    assert [o.status for o in outcomes] == ["imported", "imported"], outcomes
    assert [(text, spans) for text, _, spans in documents(project)] == expected
    assert documents(project)[0][1]["source"] == "reuters"


def test_one_pretty_printed_relation_record_is_read(project: Project) -> None:
    [outcome] = import_paths(project, [DOCCANO / "pretty_object.jsonl"])
    assert outcome.status == "imported", outcome.message
    [(_, meta, spans)] = documents(project)
    assert spans == [("ORG", "Google"), ("PERSON", "Larry Page")]
    assert meta["split"] == "train"
    assert [r.type for r in project.iter_relations()] == ["foundedBy"]


def test_pretty_printed_json_of_another_tool_is_explained(project: Project) -> None:
    [outcome] = import_paths(project, [DOCCANO / "label_studio_array.jsonl"])
    assert outcome.status == "error"
    assert "line 1: not JSON" not in outcome.message
    assert outcome.message.startswith(
        "label_studio_array.jsonl: this looks like a JSON array / pretty-printed JSON"
    )
    assert "doccano/Label Studio export?" in outcome.message


def test_a_doccano_json_array_is_read_as_doccano_and_said(project: Project, tmp_path: Path) -> None:
    """doccano's JSON export (an array, .json) is doccano, not a Label Studio file."""
    path = tmp_path / "doccano_export.json"
    records = [
        {"text": "Kim met Putin.", "label": [[0, 3, "PER"], [8, 13, "PER"]]},
        {"text": "Second text.", "label": []},
    ]
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    outcomes = import_paths(project, [path])
    assert [o.status for o in outcomes] == ["imported", "imported"]
    assert "a JSON array / pretty-printed JSON, not JSONL; read record by record" in (
        outcomes[0].message
    )
    spans = [(a.label, a.text) for a in project.annotations(outcomes[0].document_id)]
    assert spans == [("PER", "Kim"), ("PER", "Putin")]


def test_pretty_printed_native_jsonl_keeps_its_spans(project: Project, tmp_path: Path) -> None:
    """json.dump(record, indent=2) of our own format: read, spans and all, and said so."""
    path = tmp_path / "pretty.jsonl"
    record = {"text": "Kim met Putin.", "spans": [{"start": 8, "end": 13, "label": "Actor"}]}
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")
    [outcome] = import_paths(project, [path])
    assert outcome.status == "imported"
    assert "pretty-printed JSON" in outcome.message
    assert [a.text for a in project.annotations(outcome.document_id)] == ["Putin"]
