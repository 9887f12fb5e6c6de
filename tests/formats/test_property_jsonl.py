"""JSONL round trip as a property (issue #10): any documents -- emoji, flags, ZWJ, CJK, Arabic,
combining marks, line breaks -- with spans, attributes, notes, fragments, authors and relations
come back identical through import → export → import."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from strategies import GenDocument, corpora, snapshot, store

from annotator.formats.jsonl import write_jsonl
from annotator.formats.model import ExportOptions
from annotator.services.importing import import_paths
from annotator.store import Project
from annotator.store.export_documents import export_source


def export(project: Project, out: Path) -> Path:
    summary = write_jsonl(export_source(project), out, ExportOptions())
    assert summary.lost == {}, summary.describe()
    return out


def imported(folder: Path, name: str, source: Path) -> Project:
    project = Project.open(folder / f"{name}.annotator")
    outcomes = import_paths(project, [source])
    assert [o.status for o in outcomes] == ["imported"] * len(outcomes), outcomes
    return project


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_import_export_import_keeps_everything(docs: list[GenDocument]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Project.open(folder / "origin.annotator") as origin:
            store(origin, docs)
            expected = snapshot(origin)
            first_file = export(origin, folder / "first.jsonl")
        with imported(folder, "first", first_file) as first:
            assert snapshot(first) == expected
            second_file = export(first, folder / "second.jsonl")
        with imported(folder, "second", second_file) as second:
            assert snapshot(second) == expected
