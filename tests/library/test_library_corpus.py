"""Import every file of ../shared/corpus (plus our Markdown/HTML samples) and check the result.

The brat, CoNLL and IOB2 readers are the formats engineer's (issue #5); these tests check what
a bulk import of the whole corpus stores, through the same path the CLI and the GUI use.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from library_helpers import CORPUS, SEED, SEED_TITLE, write_samples

from annotator.core.news_cleanup import boilerplate_ranges
from annotator.services.bulk_import import BulkResult, import_bulk
from annotator.store import Project

BRAT = CORPUS / "brat_tutorial_news"
DATASETS = sorted([*CORPUS.glob("*/*.conll"), *CORPUS.glob("*/*.iob2")])

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BulkResult]:
    tmp = tmp_path_factory.mktemp("corpus")
    samples = write_samples(tmp / "samples")
    project = Project.open(tmp / "corpus.annotator")
    result = import_bulk(project, [CORPUS, *DATASETS, samples], batch_size=3)
    yield project, result
    project.close()


def _by_file(project: Project) -> dict[str, int]:
    return {d.source_name: d.id for d in project.documents()}


def test_every_file_is_imported_or_explained(imported: tuple[Project, BulkResult]) -> None:
    project, result = imported
    errors = [o.message for o in result.outcomes if o.status == "error"]
    assert errors == []
    names = _by_file(project)
    for txt in BRAT.glob("*.txt"):
        assert txt.name in names, txt.name
    assert SEED.name in names
    assert "sample.md" in names and "sample.html" in names
    assert [o.status for o in result.outcomes if o.path.name == "seed.txt"] == ["duplicate"]
    for dataset in DATASETS:
        assert any(o.path == dataset and o.status == "imported" for o in result.outcomes)


def _ann_lines(ann: Path) -> list[list[str]]:
    return [line.split("\t") for line in ann.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("ann", sorted(BRAT.glob("*.ann")), ids=lambda p: p.stem)
def test_brat_spans_relations_attributes_notes(
    imported: tuple[Project, BulkResult], ann: Path
) -> None:
    project, _ = imported
    doc_id = _by_file(project)[ann.with_suffix(".txt").name]
    text = project.document(doc_id).text
    assert text == ann.with_suffix(".txt").read_text("utf-8")  # brat text is kept verbatim
    stored = {(a.label, a.start, a.end): a for a in project.annotations(doc_id)}
    t_ids = {}
    for fields in _ann_lines(ann):
        if not fields[0].startswith("T"):
            continue
        label, *ranges = re.split(r"[ ;]", fields[1])
        offsets = [int(x) for x in ranges]
        start, end = offsets[0], offsets[-1]
        annotation = stored[(label, start, end)]
        if len(offsets) == 2:
            assert text[start:end] == fields[2] == annotation.text
        else:  # discontinuous: fragments kept, text joined by one space as brat does
            pairs = list(zip(offsets[::2], offsets[1::2], strict=True))
            assert " ".join(text[a:b] for a, b in pairs) == fields[2]
            assert annotation.fragments == tuple(pairs)
        t_ids[fields[0]] = annotation
    relations = project.relations(doc_id)
    for fields in _ann_lines(ann):
        kind, *args = fields[1].split()
        if fields[0].startswith("R"):
            source, target = (arg.split(":")[1] for arg in args)
            assert any(
                r.type == kind
                and r.source_id == t_ids[source].id
                and r.target_id == t_ids[target].id
                for r in relations
            ), fields
        elif fields[0].startswith("A") and args[0] in t_ids:
            assert kind in t_ids[args[0]].attributes, fields
        elif fields[0].startswith("#") and args[0] in t_ids:
            assert t_ids[args[0]].note == fields[2], fields


def test_brat_unsupported_lines_are_reported(imported: tuple[Project, BulkResult]) -> None:
    _, result = imported
    messages = " ".join(o.message for o in result.outcomes if o.path == BRAT)
    assert "1 event line not supported" in messages


def test_seed(imported: tuple[Project, BulkResult]) -> None:
    project, _ = imported
    document = project.document(_by_file(project)[SEED.name])
    assert document.title == SEED_TITLE
    assert document.meta["source"] == "Asia Times" and document.meta["date"] == "2024-10-22"
    assert all("\n" not in p for p in document.text.split("\n\n"))
    reasons = {reason for _, _, reason in boilerplate_ranges(document.styles)}
    assert {"disclaimer", "syndication header", "syndication id", "caption"} <= reasons
    assert project.source_bytes(document.id) == SEED.read_bytes()


def test_markdown_and_html_samples(imported: tuple[Project, BulkResult]) -> None:
    project, _ = imported
    names = _by_file(project)
    for name in ("sample.md", "sample.html"):
        document = project.document(names[name])
        assert document.title == "Kim 😀 meets 習近平"
        for piece in ("🇰🇷", "مرحبا بالعالم", "👨‍👩‍👧", "北京 first", "שלום second"):
            assert piece in document.text
        for style in document.styles:
            assert 0 <= style.start < style.end <= len(document.text)


def test_datasets_spans_cover_their_text(imported: tuple[Project, BulkResult]) -> None:
    project, _ = imported
    dataset_docs = [
        d for d in project.documents() if Path(d.source_name).suffix in (".conll", ".iob2")
    ]
    assert dataset_docs and sum(d.annotation_count for d in dataset_docs) > 0
    for summary in dataset_docs:
        text = project.document(summary.id).text
        for annotation in project.annotations(summary.id):
            assert text[annotation.start : annotation.end] == annotation.text


def test_jsonl_export_reimports_exactly_with_metadata(
    imported: tuple[Project, BulkResult], tmp_path: Path
) -> None:
    from annotator.formats.model import ExportOptions
    from annotator.services.exporting import export_project

    project, _ = imported
    out = tmp_path / "corpus.jsonl"
    # Boilerplate is left out of exports by default; the lossless round trip keeps it.
    export_project(project, "jsonl", out, ExportOptions(include_boilerplate=True))
    with Project.open(tmp_path / "again.annotator") as again:
        result = import_bulk(again, [out])
        assert [o.status for o in result.outcomes if o.status != "imported"] == []
        before = {project.document(i).text: i for i in project.document_ids()}
        assert len(again.documents()) == len(before) == len(project.documents())
        for summary in again.documents():
            new = again.document(summary.id)
            old = project.document(before[new.text])
            assert new.text == old.text
            for key in ("title", "source", "date"):
                assert new.meta.get(key) == old.meta.get(key)
            old_spans = [(a.start, a.end, a.label, a.text) for a in project.annotations(old.id)]
            new_spans = [(a.start, a.end, a.label, a.text) for a in again.annotations(new.id)]
            assert new_spans == old_spans
            assert len(again.relations(new.id)) == len(project.relations(old.id))
