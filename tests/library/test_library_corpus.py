"""Import a whole corpus folder (plus our Markdown/HTML samples) and check the result: our own
small corpus in every clone, and ../shared/corpus too when it is there.

The brat, CoNLL and IOB2 readers are the formats engineer's (issue #5); these tests check what
a bulk import of a whole corpus stores, through the same path the CLI and the GUI use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from corpora import OWN_CORPUS, SHARED_CORPUS, brat_folder, datasets, needs_shared
from library_helpers import SEED, SEED_TITLE, write_samples

from annotator.core.news_cleanup import boilerplate_ranges
from annotator.services.bulk_import import BulkResult, import_bulk
from annotator.store import Project


@dataclass
class Imported:
    project: Project
    result: BulkResult
    brat: Path  # the corpus's brat folder
    datasets: list[Path]


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(OWN_CORPUS, id="own-corpus"),
        pytest.param(SHARED_CORPUS, id="shared-corpus", marks=needs_shared),
    ],
)
def imported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    corpus: Path = request.param
    tmp = tmp_path_factory.mktemp("corpus")
    samples = write_samples(tmp / "samples")
    project = Project.open(tmp / "corpus.annotator")
    files = datasets(corpus)
    result = import_bulk(project, [corpus, SEED, *files, samples], batch_size=3)
    yield Imported(project, result, brat_folder(corpus), files)
    project.close()


def _by_file(project: Project) -> dict[str, int]:
    return {d.source_name: d.id for d in project.documents()}


def test_every_file_is_imported_or_explained(imported: Imported) -> None:
    project, result = imported.project, imported.result
    errors = [o.message for o in result.outcomes if o.status == "error"]
    assert errors == []
    names = _by_file(project)
    for txt in imported.brat.glob("*.txt"):
        assert txt.name in names, txt.name
    assert SEED.name in names
    assert "sample.md" in names and "sample.html" in names
    assert [o.status for o in result.outcomes if o.path.name == "seed.txt"] == ["duplicate"]
    assert imported.datasets
    for dataset in imported.datasets:
        assert any(o.path == dataset and o.status == "imported" for o in result.outcomes)


def _ann_lines(ann: Path) -> list[list[str]]:
    return [line.split("\t") for line in ann.read_text("utf-8").splitlines() if line.strip()]


def test_brat_spans_relations_attributes_notes(imported: Imported) -> None:
    anns = sorted(imported.brat.glob("*.ann"))
    assert anns
    for ann in anns:
        check_brat_document(imported.project, ann)


def check_brat_document(project: Project, ann: Path) -> None:
    """Every T, R, A and # line of ``ann`` is in the project as the user sees it."""
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


def test_brat_events_are_kept_and_reported(imported: Imported) -> None:
    outcomes = imported.result.outcomes
    messages = " ".join(o.message for o in outcomes if o.path == imported.brat)
    assert re.search(r"\b\d+ events? kept as trigger spans with \d+ role relations?", messages)


def test_seed(imported: Imported) -> None:
    project = imported.project
    document = project.document(_by_file(project)[SEED.name])
    assert document.title == SEED_TITLE
    assert document.meta["source"] == "Asia Times" and document.meta["date"] == "2024-10-22"
    assert all("\n" not in p for p in document.text.split("\n\n"))
    reasons = {reason for _, _, reason in boilerplate_ranges(document.styles)}
    assert {"disclaimer", "syndication header", "syndication id", "caption"} <= reasons
    assert project.source_bytes(document.id) == SEED.read_bytes()


def test_markdown_and_html_samples(imported: Imported) -> None:
    project = imported.project
    names = _by_file(project)
    for name in ("sample.md", "sample.html"):
        document = project.document(names[name])
        assert document.title == "Kim 😀 meets 習近平"
        for piece in ("🇰🇷", "مرحبا بالعالم", "👨‍👩‍👧", "北京 first", "שלום second"):
            assert piece in document.text
        for style in document.styles:
            assert 0 <= style.start < style.end <= len(document.text)


def test_datasets_spans_cover_their_text(imported: Imported) -> None:
    project = imported.project
    dataset_docs = [
        d for d in project.documents() if Path(d.source_name).suffix in (".conll", ".iob2")
    ]
    assert dataset_docs and sum(d.annotation_count for d in dataset_docs) > 0
    for summary in dataset_docs:
        text = project.document(summary.id).text
        for annotation in project.annotations(summary.id):
            assert text[annotation.start : annotation.end] == annotation.text


def test_jsonl_export_reimports_exactly_with_metadata(imported: Imported, tmp_path: Path) -> None:
    from annotator.formats.model import ExportOptions
    from annotator.services.exporting import export_project

    project = imported.project
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
