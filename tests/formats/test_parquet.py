"""The Parquet writer (issue #13): one row per document, spans as a list of structs, read back
by pyarrow and by DuckDB (an independent reader); the schema is what HF ``datasets`` reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.styled_text import StyledText
from annotator.formats.model import ExportOptions, FormatError
from annotator.formats.parquet import write_parquet
from annotator.store import NewDocument, Project
from annotator.store.export_documents import export_source

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

TEXT = "Minister Kim said that taxes must rise. 🙂 Ölpreis steigt."


@pytest.fixture
def project(tmp_path: Path) -> Project:
    proj = Project.open(tmp_path / "p.annotator")
    doc = proj.add_document(
        NewDocument(title="Taxes", styled=StyledText(TEXT, []), meta={"source": "Asia Times"})
    )
    kim = proj.add_annotation(doc, 0, 12, "Actor", author="ann")
    oel = TEXT.index("Ölpreis")
    claim = proj.add_annotation(
        doc, 18, 38, "Claim", attributes={"stance": "support"}, note="check", author="bob"
    )
    proj.add_annotation(doc, oel, oel + 7, "Actor")
    proj.add_relation("claimant", claim.id, kim.id)
    proj.add_document(NewDocument(title="Empty", styled=StyledText("No spans here.", [])))
    yield proj
    proj.close()


def write(project: Project, out: Path, split: str = "") -> None:
    write_parquet(export_source(project), out, ExportOptions(split=split))


def test_one_row_per_document_with_spans_as_structs(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "data.parquet"
    write(project, out, split="train")
    rows = pq.read_table(out).to_pylist()
    assert [r["title"] for r in rows] == ["Taxes", "Empty"]
    first = rows[0]
    assert first["text"] == TEXT and first["split"] == "train"
    assert json.loads(first["meta"]) == {"source": "Asia Times"}
    spans = {s["text"]: s for s in first["spans"]}
    assert set(spans) == {"Minister Kim", "that taxes must rise", "Ölpreis"}
    oel = spans["Ölpreis"]
    assert TEXT[oel["start"] : oel["end"]] == "Ölpreis"  # code points, past an emoji
    claim = spans["that taxes must rise"]
    assert (claim["label"], claim["author"], claim["note"]) == ("Claim", "bob", "check")
    assert json.loads(claim["attributes"]) == {"stance": "support"}
    relation = first["relations"][0]
    assert relation["type"] == "claimant"
    assert (relation["source"], relation["target"]) == (claim["id"], spans["Minister Kim"]["id"])
    assert rows[1]["spans"] == [] and rows[1]["split"] == "train"


def test_schema_is_a_list_of_structs(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "data.parquet"
    write(project, out)
    schema = pq.read_schema(out)
    spans = schema.field("spans").type
    assert pa.types.is_list(spans) and pa.types.is_struct(spans.value_type)
    fields = {spans.value_type.field(i).name: spans.value_type.field(i).type
              for i in range(spans.value_type.num_fields)}  # fmt: skip
    assert fields["start"] == pa.int64() and fields["end"] == pa.int64()
    for name in ("label", "text", "author", "attributes", "note"):
        assert fields[name] == pa.string(), name
    assert schema.field("split").type == pa.string()
    assert schema.field("id").type == pa.int64()
    assert set(pq.read_table(out).column("split").to_pylist()) == {""}  # not split


def test_duckdb_reads_it(project: Project, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "data.parquet"
    write(project, out)
    labels = duckdb.sql(
        f"SELECT s.label, count(*) FROM (SELECT unnest(spans) AS s FROM '{out}') "
        "GROUP BY s.label ORDER BY s.label"
    ).fetchall()
    assert labels == [("Actor", 2), ("Claim", 1)]


def test_an_empty_export_has_the_schema(tmp_path: Path) -> None:
    with Project.open(tmp_path / "e.annotator") as empty:
        out = tmp_path / "empty.parquet"
        write(empty, out)
    table = pq.read_table(out)
    assert table.num_rows == 0 and "spans" in table.schema.names


def test_without_pyarrow_it_says_what_to_install(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed
    with pytest.raises(FormatError, match=r"annotator\[parquet\]"):
        write(project, tmp_path / "data.parquet")
    assert not (tmp_path / "data.parquet").exists()
