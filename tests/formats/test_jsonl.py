"""Native JSONL export: one object per document, spans as code-point offsets into its text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.styled_text import StyledText
from annotator.formats.jsonl import iter_records
from annotator.formats.model import ExportOptions
from annotator.formats.registry import export_formats, get_format
from annotator.services.exporting import ExportError, export_project
from annotator.services.importing import import_paths
from annotator.store import NewDocument, Project
from annotator.store.export_documents import export_source

TEXT_WITH_EMOJI = "😀 🇰🇷 👨‍👩‍👧 北朝鮮 مرحبا e\u0301: Kim Jong Un said the troops left."
PLAIN_TEXT = "Putin said nothing."


def add_doc(project: Project, text: str, title: str = "A title") -> int:
    return project.add_document(
        NewDocument(title=title, styled=StyledText(text), meta={"source_file": f"{title}.txt"})
    )


def tag(project: Project, doc_id: int, text: str, phrase: str, label: str) -> None:
    start = text.index(phrase)
    project.add_annotation(doc_id, start, start + len(phrase), label)


@pytest.fixture
def project(project_path: Path):
    with Project.open(project_path) as proj:
        first = add_doc(proj, TEXT_WITH_EMOJI, "Emoji 🇰🇷")
        tag(proj, first, TEXT_WITH_EMOJI, "Kim Jong Un said the troops left", "Claim")
        tag(proj, first, TEXT_WITH_EMOJI, "Kim Jong Un", "Actor")
        tag(proj, first, TEXT_WITH_EMOJI, "🇰🇷", "Actor")
        second = add_doc(proj, PLAIN_TEXT, "Plain")
        tag(proj, second, PLAIN_TEXT, "Putin", "Actor")
        add_doc(proj, "No spans here.", "Empty")
        yield proj


def export(project: Project, tmp_path: Path, **options: object) -> list[dict]:
    output = tmp_path / "out.jsonl"
    export_project(project, "jsonl", output, ExportOptions(**options))  # type: ignore[arg-type]
    lines = output.read_bytes().decode("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_one_object_per_document(project: Project, tmp_path: Path) -> None:
    records = export(project, tmp_path)
    assert [r["title"] for r in records] == ["Emoji 🇰🇷", "Plain", "Empty"]
    assert [r["id"] for r in records] == project.document_ids()


def test_each_record_has_id_title_text_meta_spans(project: Project, tmp_path: Path) -> None:
    first = export(project, tmp_path)[0]
    assert {"id", "title", "text", "meta", "spans"} <= first.keys()
    assert first["text"] == TEXT_WITH_EMOJI
    assert first["meta"] == {"source_file": "Emoji 🇰🇷.txt"}


def test_document_without_spans_has_an_empty_list(project: Project, tmp_path: Path) -> None:
    assert export(project, tmp_path)[2]["spans"] == []


def test_spans_are_code_points_into_the_exported_text(project: Project, tmp_path: Path) -> None:
    records = export(project, tmp_path)
    spans = [(r["text"], s) for r in records for s in r["spans"]]
    assert len(spans) == 4
    for text, span in spans:
        assert {"start", "end", "label", "text"} <= span.keys()
        assert text[span["start"] : span["end"]] == span["text"]


def test_span_after_emoji_has_the_expected_offsets(project: Project, tmp_path: Path) -> None:
    first = export(project, tmp_path)[0]
    actor = next(s for s in first["spans"] if s["text"] == "Kim Jong Un")
    assert actor["start"] == TEXT_WITH_EMOJI.index("Kim")
    assert actor["end"] - actor["start"] == len("Kim Jong Un")
    assert actor["label"] == "Actor"


def test_spans_are_ordered_by_start(project: Project, tmp_path: Path) -> None:
    spans = export(project, tmp_path)[0]["spans"]
    assert [s["start"] for s in spans] == sorted(s["start"] for s in spans)


def test_label_filter_keeps_only_those_labels(project: Project, tmp_path: Path) -> None:
    records = export(project, tmp_path, labels=frozenset({"Claim"}))
    assert len(records) == 3  # every document is still there
    labels = [s["label"] for r in records for s in r["spans"]]
    assert labels == ["Claim"]


def test_document_filter_keeps_only_those_documents(project: Project, tmp_path: Path) -> None:
    second = project.document_ids()[1]
    records = export(project, tmp_path, document_ids=[second])
    assert [r["id"] for r in records] == [second]


def test_export_summary_counts_documents_and_spans(project: Project, tmp_path: Path) -> None:
    summary = export_project(project, "jsonl", tmp_path / "out.jsonl")
    assert (summary.documents, summary.spans) == (3, 4)


def test_file_is_utf8_with_characters_written_as_is(project: Project, tmp_path: Path) -> None:
    export(project, tmp_path)
    raw = (tmp_path / "out.jsonl").read_bytes()
    assert "🇰🇷".encode() in raw and "北朝鮮".encode() in raw
    assert raw.endswith(b"\n") and raw.count(b"\n") == 3


def test_iter_records_matches_the_file(project: Project, tmp_path: Path) -> None:
    assert list(iter_records(export_source(project), ExportOptions())) == export(project, tmp_path)


def test_export_replaces_an_old_file_and_leaves_no_temp_file(
    project: Project, tmp_path: Path
) -> None:
    (tmp_path / "out.jsonl").write_text("old content that is much longer than one line\n" * 99)
    export(project, tmp_path)
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 3
    assert list(tmp_path.glob("*.part")) == []


def test_export_to_a_missing_folder_is_a_clear_error(project: Project, tmp_path: Path) -> None:
    output = tmp_path / "missing" / "out.jsonl"
    with pytest.raises(ExportError, match=r"folder .*missing does not exist"):
        export_project(project, "jsonl", output)
    assert not output.parent.exists()


def test_failed_write_is_a_clear_error_and_leaves_no_temp_file(
    project: Project, tmp_path: Path
) -> None:
    output = tmp_path / "taken"
    output.mkdir()  # a folder where the file should go: the final rename fails
    with pytest.raises(ExportError, match="Cannot write"):
        export_project(project, "jsonl", output)
    assert not (tmp_path / "taken.part").exists()


def test_unknown_format_is_a_clear_error(project: Project, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="Unknown export format 'xml'"):
        export_project(project, "xml", tmp_path / "out.xml")


def test_import_only_format_cannot_be_exported(project: Project, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="can be imported but not exported"):
        export_project(project, "text", tmp_path / "out.txt")


def test_registry_lists_jsonl_as_an_export_format() -> None:
    assert "jsonl" in [f.name for f in export_formats()]
    assert get_format("jsonl").suffixes == (".jsonl",)


def test_crlf_text_is_stored_with_lf_and_its_spans_follow(tmp_path: Path) -> None:
    """Design D1: a CRLF is two code points in the file but one position in Qt, so the stored
    text has LF only; every offset after a CRLF moves back with it, and the report says so."""
    text = "Seoul, Friday.\r\nKim met Putin.\r\n"
    start = text.index("Putin")
    record = {"text": text, "spans": [{"start": start, "end": start + 5, "label": "Actor"}]}
    source = tmp_path / "crlf.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Project.open(tmp_path / "p.annotator") as project:
        [outcome] = import_paths(project, [source])
        assert "CRLF line ends read as LF (offsets moved to match)" in outcome.message
        document = project.document(outcome.document_id)
        assert document.text == "Seoul, Friday.\nKim met Putin.\n"
        [span] = project.annotations(outcome.document_id)
        assert (span.text, document.text[span.start : span.end]) == ("Putin", "Putin")
