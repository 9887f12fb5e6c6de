"""Round trips: export → import into a new project gives the same spans, for every format that
can hold them; and import → export → import is stable on the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_fixtures import BOILER, relation_rows, span_rows

from annotator.formats.model import ExportOptions
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import Project

SUFFIX = {
    "jsonl": "out.jsonl", "prodigy": "out.jsonl", "spacy": "out.spacy", "doccano": "out.jsonl",
    "doccano-rel": "out.jsonl", "label-studio": "out.json", "brat": "brat_out",
    "conll": "out.conll",
}  # fmt: skip


def reimport(project: Project, fmt: str, tmp_path: Path, **options: object) -> Project:
    out = tmp_path / SUFFIX[fmt]
    export_project(project, fmt, out, ExportOptions(include_boilerplate=True, **options))  # type: ignore[arg-type]
    copy = Project.open(tmp_path / f"copy-{fmt}.annotator")
    outcomes = import_paths(copy, [out])
    assert outcomes and all(o.status == "imported" for o in outcomes), outcomes
    return copy


def only(rows: list[tuple], keep: int) -> list[tuple]:
    return sorted((r[:keep] for r in rows), key=repr)


# Everything: labels, offsets, text, attributes, notes, fragments and relations.
@pytest.mark.parametrize("fmt", ["jsonl", "prodigy", "spacy", "brat"])
def test_lossless_round_trip(tricky: Project, tmp_path: Path, fmt: str) -> None:
    with reimport(tricky, fmt, tmp_path) as copy:
        assert span_rows(copy) == span_rows(tricky)
        assert relation_rows(copy) == relation_rows(tricky)
        texts = [copy.document(d).text for d in copy.document_ids()]
        assert texts == [tricky.document(d).text for d in tricky.document_ids()]


def test_label_studio_keeps_all_but_fragments(tricky: Project, tmp_path: Path) -> None:
    with reimport(tricky, "label-studio", tmp_path) as copy:

        def without_fragments(p: Project) -> list[tuple]:
            return sorted((r[:7] for r in span_rows(p)), key=repr)

        assert without_fragments(copy) == without_fragments(tricky)
        assert relation_rows(copy) == relation_rows(tricky)


@pytest.mark.parametrize("fmt", ["doccano", "doccano-rel"])
def test_doccano_keeps_offsets_and_labels(tricky: Project, tmp_path: Path, fmt: str) -> None:
    with reimport(tricky, fmt, tmp_path) as copy:
        assert only(span_rows(copy), 5) == only(span_rows(tricky), 5)
        expected = relation_rows(tricky) if fmt == "doccano-rel" else []
        assert relation_rows(copy) == expected


def test_native_jsonl_keeps_titles_meta_and_styles(tricky: Project, tmp_path: Path) -> None:
    with reimport(tricky, "jsonl", tmp_path) as copy:
        for a, b in zip(tricky.document_ids(), copy.document_ids(), strict=True):
            old, new = tricky.document(a), copy.document(b)
            assert (new.title, new.meta, new.styles) == (old.title, old.meta, old.styles)


def test_conll_import_export_import_is_stable(everything: Project, tmp_path: Path) -> None:
    first = tmp_path / "first.conll"
    export_project(everything, "conll", first)
    with Project.open(tmp_path / "a.annotator") as a:
        import_paths(a, [first])
        second = tmp_path / "second.conll"
        export_project(a, "conll", second)
        with Project.open(tmp_path / "b.annotator") as b:
            import_paths(b, [second])
            assert span_rows(b, full=False) == span_rows(a, full=False)
            assert second.read_bytes() == first.read_bytes()


def test_corpus_round_trips_through_every_lossless_format(
    everything: Project, tmp_path: Path
) -> None:
    for fmt in ("jsonl", "prodigy", "spacy", "brat"):
        with reimport(everything, fmt, tmp_path) as copy:
            assert span_rows(copy) == span_rows(everything), fmt
            assert relation_rows(copy) == relation_rows(everything), fmt


def test_boilerplate_is_left_out_and_offsets_remapped(tricky: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = export_project(tricky, "jsonl", out)
    with Project.open(tmp_path / "copy.annotator") as copy:
        import_paths(copy, [out])
        doc_id = copy.document_ids()[-1]
        text = copy.document(doc_id).text
        assert text == "The minister said taxes must rise.\n\n"
        spans = [(a.start, a.end, a.text) for a in copy.annotations(doc_id)]
        assert spans == [(0, 12, "The minister"), (18, 33, "taxes must rise")]  # shifted left
    assert summary.lost == {"span inside boilerplate": 1}
    original = tricky.document(tricky.document_ids()[-1])
    assert original.text == BOILER  # the export cut a copy: the project keeps its boilerplate
    assert len(tricky.annotations(original.id)) == 3
