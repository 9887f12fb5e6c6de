"""The claims table (issue #12), Qt-free: one row per Claim span, with its claimant.

A claim's claimant is the Actor span its ``claimant`` relation points to, shown by the
registry actor's canonical name when that span is linked, else by the span's own text; a
claim with several claimants lists them joined by "; ", one with none has an empty claimant.
The claims dock, the statistics and ``annotator claims`` all read :func:`claim_rows`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from typing import IO

from annotator.core.export_document import AnnotatedDocument, ExportSource
from annotator.core.spans import Annotation
from annotator.formats.files import jsonl_line
from annotator.store.export_documents import export_source
from annotator.store.project import Project

CLAIM_LABEL = "Claim"
CLAIMANT = "claimant"  # relation type: Claim -> Actor


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: int  # the Claim span's id
    document_id: int
    title: str
    source: str  # the document's meta "source", e.g. "Asia Times"
    date: str  # the document's meta "date"
    text: str  # the claim's text
    claimant: str  # canonical actor name, else the Actor span's text, else ""
    stance: str
    certainty: str
    note: str
    start: int  # code points in the document's text
    end: int


CLAIM_COLUMNS = tuple(f.name for f in fields(ClaimRow))
CLAIM_FORMATS = ("csv", "jsonl")


def claim_rows(project: Project) -> list[ClaimRow]:
    """Every Claim span of ``project``, by document then position."""
    return list(iter_claim_rows(export_source(project)))


def iter_claim_rows(source: ExportSource) -> Iterator[ClaimRow]:
    """The claim rows of any export source (a project's, or one built in memory)."""
    for annotated in source.read(source.document_ids):
        yield from _document_rows(source, annotated)


def claimant_names(source: ExportSource, annotated: AnnotatedDocument) -> dict[int, list[str]]:
    """Claim span id -> its claimants' names (canonical when linked to the registry)."""
    by_id = {ann.id: ann for ann in annotated.spans}
    names: dict[int, list[str]] = {}
    for rel in annotated.relations:
        target = by_id.get(rel.target_id)
        if rel.type == CLAIMANT and target is not None:
            names.setdefault(rel.source_id, []).append(actor_name(source, target))
    return names


def actor_name(source: ExportSource, ann: Annotation) -> str:
    """The registry's canonical name of the actor ``ann`` names, else its text (spaces folded)."""
    actor = source.actor_of(ann)
    return actor.name if actor is not None else " ".join(ann.text.split())


def _document_rows(source: ExportSource, annotated: AnnotatedDocument) -> Iterator[ClaimRow]:
    doc = annotated.document
    claimants = claimant_names(source, annotated)
    for ann in annotated.spans:
        if ann.label != CLAIM_LABEL:
            continue
        yield ClaimRow(
            id=ann.id,
            document_id=doc.id,
            title=doc.title,
            source=_text(doc.meta.get("source")),
            date=_text(doc.meta.get("date")),
            text=ann.text,
            claimant="; ".join(dict.fromkeys(claimants.get(ann.id, []))),
            stance=_text(ann.attributes.get("stance")),
            certainty=_text(ann.attributes.get("certainty")),
            note=ann.note,
            start=ann.start,
            end=ann.end,
        )


def _text(value: object) -> str:
    return "" if value is None else str(value)


def write_claims(rows: Sequence[ClaimRow], fmt: str, out: IO[bytes]) -> None:
    """``rows`` as CSV (a header of CLAIM_COLUMNS, UTF-8, RFC 4180 quoting) or JSONL."""
    if fmt == "jsonl":
        for row in rows:
            out.write(jsonl_line(asdict(row)))
        return
    if fmt != "csv":
        raise ValueError(f"unknown claims format {fmt!r}; known: {', '.join(CLAIM_FORMATS)}")
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(CLAIM_COLUMNS)
    writer.writerows([getattr(row, c) for c in CLAIM_COLUMNS] for row in rows)
    text.detach()  # flushed; ``out`` stays open for its owner
