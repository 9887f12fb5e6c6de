"""The claims table (issue #12), Qt-free: one row per Claim span, with its claimant.

A claim's claimant is the Actor span its ``claimant`` relation points to, shown by the
registry actor's canonical name when that span is linked, else by the span's own text; a
claim with several claimants lists them joined by "; ", one with none has an empty claimant.
The claims dock, the statistics and ``annotator claims`` all read :func:`claim_rows`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import IO, Any

from annotator.formats.files import jsonl_line
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
    """Every Claim span of ``project``, by document then position: two queries, no document
    text read (the claims dock refreshes from this while you tag)."""
    names: dict[int, list[str]] = {}
    for claim_id, text, actor in project.claimants(CLAIMANT):
        names.setdefault(claim_id, []).append(
            actor if actor is not None else " ".join(text.split())
        )
    rows = []
    for ann_id, doc_id, title, source, date, text, attrs, note, start, end in project.claim_records(
        CLAIM_LABEL
    ):
        attributes = _attributes(attrs)
        rows.append(
            ClaimRow(
                id=ann_id,
                document_id=doc_id,
                title=title,
                source=_text(source),
                date=_text(date),
                text=text,
                claimant="; ".join(dict.fromkeys(names.get(ann_id, []))),
                stance=_text(attributes.get("stance")),
                certainty=_text(attributes.get("certainty")),
                note=note,
                start=start,
                end=end,
            )
        )
    return rows


def _attributes(raw: str) -> dict[str, Any]:
    try:
        value = json.loads(raw or "{}")
    except ValueError:  # a damaged cell: `annotator check` reports it; the table shows none
        return {}
    return value if isinstance(value, dict) else {}


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
