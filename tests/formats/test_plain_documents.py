"""Writers read plain core documents (issue #16 item 5): no project, no database."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.document import Document
from annotator.core.export_document import AnnotatedDocument, ExportSource
from annotator.core.labels import AttributeDef, Label, RelationType
from annotator.core.relations import Relation
from annotator.core.spans import Annotation
from annotator.formats.jsonl import read_jsonl
from annotator.formats.model import ExportOptions, ExportSummary
from annotator.formats.registry import get_format

TEXT = "Kim 🇰🇷 said the talks would resume."
CLAIM = TEXT.index("said"), len(TEXT) - 1


def source() -> ExportSource:
    kim = Annotation(1, 7, 0, 3, "Actor", "Kim")
    claim = Annotation(2, 7, *CLAIM, "Claim", TEXT[slice(*CLAIM)], attributes={"stance": "pro"})
    doc = AnnotatedDocument(
        Document(7, "Talks", TEXT, meta={"source": "wire"}),
        [kim, claim],
        [Relation(1, 7, "claimant", 2, 1)],
    )
    labels = (
        Label("Claim", "#ff0000", attributes=(AttributeDef("stance", "enum", ("pro", "con")),)),
        Label("Actor", "#00ff00"),
    )
    claimant = RelationType("claimant", ("Claim",), ("Actor",))
    return ExportSource.of([doc], name="notes", labels=labels, relation_types=(claimant,))


def write(format_name: str, out: Path, options: ExportOptions | None = None) -> ExportSummary:
    writer = get_format(format_name).writer
    assert writer is not None
    return writer(source(), out, options or ExportOptions())


def test_jsonl_from_plain_documents_reads_back_whole(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = write("jsonl", out)
    assert (summary.documents, summary.spans, summary.lost) == (1, 2, {})
    [doc] = read_jsonl(out)
    assert doc.document.styled.text == TEXT and doc.document.meta == {"source": "wire"}
    assert [(s.start, s.end, s.label, s.attributes) for s in doc.spans] == [
        (0, 3, "Actor", {}),
        (*CLAIM, "Claim", {"stance": "pro"}),
    ]
    assert [(r.type, r.source, r.target) for r in doc.relations] == [("claimant", "2", "1")]


def test_schema_of_plain_documents_reaches_brat_and_label_studio(tmp_path: Path) -> None:
    write("brat", tmp_path / "brat")
    assert "Claim\tbgColor:#ff0000" in (tmp_path / "brat" / "visual.conf").read_text("utf-8")
    conf = (tmp_path / "brat" / "annotation.conf").read_text("utf-8")
    assert "claimant\tArg1:Claim, Arg2:Actor" in conf and "stance\tArg:Claim, Value:pro|con" in conf
    w3c = tmp_path / "out.jsonld"
    write("w3c", w3c)
    assert json.loads(w3c.read_text("utf-8"))["label"] == "notes"


def test_the_filters_apply_to_plain_documents(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write("jsonl", out, ExportOptions(labels=frozenset({"Actor"})))
    record = json.loads(out.read_text("utf-8"))
    assert [s["label"] for s in record["spans"]] == ["Actor"] and record["relations"] == []
