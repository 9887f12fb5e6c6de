"""Parquet (issue #13): one row per document, read directly by ``datasets.load_dataset("parquet",
…)``, DuckDB, Spark and pandas.

Columns: ``id`` (int64), ``title``, ``text``, ``meta`` (the document's metadata as a JSON
string: keys differ between documents, so no struct), ``spans`` (a list of structs: ``id``,
``start``, ``end`` (code points, end-exclusive), ``label``, ``text``, ``author``, ``attributes``
(JSON string), ``note``, ``fragments`` (list of ``[start, end]``, empty for a continuous span),
``actor`` and ``actor_id`` (the span's registry actor: canonical name, id; "" and null when not
linked)), ``relations`` (a list of structs ``id``, ``type``, ``source``, ``target``: span ids)
and ``split`` ("" when the export is not split, else the split's name).

The records are the native JSONL ones (:func:`annotator.formats.jsonl.iter_records`), so what
Parquet counts as lost is what JSONL counts. pyarrow is an optional dependency
(``pip install 'annotator[parquet]'``), imported when the format is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.core.export_document import ExportSource
from annotator.formats.files import atomic_binary
from annotator.formats.jsonl import count_registry, iter_records
from annotator.formats.model import ExportOptions, ExportSummary, FormatError

INSTALL_HINT = "The Parquet format needs pyarrow: pip install 'annotator[parquet]' (or pyarrow)"
BATCH = 256  # documents per row group write: memory stays bounded on large projects


def _pyarrow() -> Any:
    try:
        import pyarrow  # an optional dependency, needed only for this format
        import pyarrow.parquet  # loads the submodule
    except ImportError:
        raise FormatError(INSTALL_HINT) from None
    return pyarrow


def schema(pa: Any) -> Any:
    """The table's schema (what ``datasets`` infers: lists of structs become sequences)."""
    span = pa.struct(
        [
            ("id", pa.int64()), ("start", pa.int64()), ("end", pa.int64()),
            ("label", pa.string()), ("text", pa.string()), ("author", pa.string()),
            ("attributes", pa.string()), ("note", pa.string()),
            ("fragments", pa.list_(pa.list_(pa.int64()))),
            ("actor", pa.string()), ("actor_id", pa.int64()),
        ]
    )  # fmt: skip
    relation = pa.struct(
        [("id", pa.int64()), ("type", pa.string()), ("source", pa.int64()),
         ("target", pa.int64())]
    )  # fmt: skip
    return pa.schema(
        [
            ("id", pa.int64()), ("title", pa.string()), ("text", pa.string()),
            ("meta", pa.string()), ("spans", pa.list_(span)),
            ("relations", pa.list_(relation)), ("split", pa.string()),
        ]
    )  # fmt: skip


def _json(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def _span_row(span: dict[str, Any]) -> dict[str, Any]:
    actor = span.get("actor") or {}
    return {
        "id": span["id"], "start": span["start"], "end": span["end"], "label": span["label"],
        "text": span["text"], "author": span.get("author", ""),
        "attributes": _json(span.get("attributes") or {}), "note": span.get("note", ""),
        "fragments": span.get("fragments") or [],
        "actor": actor.get("name", ""), "actor_id": actor.get("id"),
    }  # fmt: skip


def document_row(record: dict[str, Any], split: str = "") -> dict[str, Any]:
    """One Parquet row from a native JSONL record (styles are not written)."""
    return {
        "id": record["id"], "title": record["title"], "text": record["text"],
        "meta": _json(record["meta"]), "spans": [_span_row(s) for s in record["spans"]],
        "relations": record["relations"], "split": split,
    }  # fmt: skip


def _batches(
    source: ExportSource, options: ExportOptions, summary: ExportSummary, linked: set[int]
) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for record in iter_records(source, options, summary):
        if record.get("styles"):
            summary.lose("styles of a document (Parquet)")
        batch.append(document_row(record, options.split))
        summary.documents += 1
        summary.spans += len(record["spans"])
        linked.update(s["actor"]["id"] for s in record["spans"] if "actor" in s)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    pa = _pyarrow()
    table_schema = schema(pa)
    summary = ExportSummary()
    linked: set[int] = set()
    with atomic_binary(output) as fh, pa.parquet.ParquetWriter(fh, table_schema) as writer:
        for batch in _batches(source, options, summary, linked):
            writer.write_table(pa.Table.from_pylist(batch, schema=table_schema))
    count_registry(source, linked, summary)
    return summary
