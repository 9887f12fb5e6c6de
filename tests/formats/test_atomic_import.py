"""One transaction per imported document (issue #17, item 4) and what JSONL may not smuggle in
(item 18): a refused document leaves nothing behind, and the fixed file then imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.services.importing import ImportOutcome, import_file
from annotator.store import Project

TEXT = "Putin met Kim in Vladivostok."


@pytest.fixture
def project(project_path: Path):
    with Project.open(project_path) as proj:
        yield proj


def only(project: Project, path: Path) -> ImportOutcome:
    (outcome,) = import_file(project, path)
    return outcome


def brat(folder: Path, ann: str, text: str = TEXT) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "doc.txt").write_text(text, encoding="utf-8")
    path = folder / "doc.ann"
    path.write_text(ann, encoding="utf-8")
    return path


GOOD_ANN = "T1\tActor 0 5\tPutin\nT2\tActor 10 13\tKim\nR1\tclaimant Arg1:T1 Arg2:T2\n"


@pytest.mark.parametrize(
    "broken",
    [
        "T1\tActor 10 13;0 5\tKim Putin\n",  # reversed fragments
        "T1\tActor 0 5\tPutin\nT1\tActor 10 13\tKim\n",  # a duplicate T id
        "T1\tActor 0 5\tPutin\nR1\tclaimant Arg1:T1 Arg2:T1\n",  # a relation to itself
    ],
    ids=["reversed-fragments", "duplicate-id", "self-relation"],
)
def test_a_refused_brat_document_leaves_nothing_and_the_fixed_file_imports(
    project: Project, tmp_path: Path, broken: str
) -> None:
    path = brat(tmp_path / "corpus", broken)
    outcome = only(project, path)
    assert outcome.status == "error", outcome
    assert outcome.message.startswith("doc."), outcome.message
    assert project.document_ids() == []
    brat(tmp_path / "corpus", GOOD_ANN)
    fixed = only(project, path)
    assert fixed.status == "imported", fixed.message
    [doc_id] = project.document_ids()
    assert [(a.start, a.end) for a in project.annotations(doc_id)] == [(0, 5), (10, 13)]
    assert len(project.relations(doc_id)) == 1


def label_studio(tmp_path: Path, label: str) -> Path:
    region = {"id": "r1", "type": "labels", "value": {"start": 0, "end": 5, "labels": [label]}}
    task = [{"data": {"text": TEXT}, "annotations": [{"result": [region]}]}]
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(task), encoding="utf-8")  # json escapes the surrogate as \ud800
    return path


def test_a_lone_surrogate_in_a_label_studio_label_leaves_nothing(
    project: Project, tmp_path: Path
) -> None:
    outcome = only(project, label_studio(tmp_path, "Act\ud800or"))
    assert outcome.status == "error" and "lone surrogate (U+D800)" in outcome.message
    assert project.document_ids() == []
    assert "Act\ud800or" not in {label.name for label in project.labels()}
    assert only(project, label_studio(tmp_path, "Actor")).status == "imported"
    [doc_id] = project.document_ids()
    assert [a.label for a in project.annotations(doc_id)] == ["Actor"]


# ------------------------------------------------------------------------ JSONL (item 18)
def jsonl(tmp_path: Path, *records: dict[str, object]) -> Path:
    path = tmp_path / "data.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def span(sid: str, start: object, end: object, **more: object) -> dict[str, object]:
    return {"id": sid, "start": start, "end": end, "label": "Actor", **more}


def test_relations_to_missing_or_doubled_span_ids_are_counted_not_retargeted(
    project: Project, tmp_path: Path
) -> None:
    record = {
        "text": TEXT,
        "spans": [span("a", 0, 5), span("b", 10, 13), span("b", 17, 28)],
        "relations": [
            {"type": "claimant", "source": "a", "target": "zzz"},
            {"type": "claimant", "source": "a", "target": "b"},
        ],
    }
    outcome = only(project, jsonl(tmp_path, record))
    assert outcome.status == "imported", outcome
    assert "1 relation names a span id not in the file; not imported" in outcome.message
    assert "1 relation names a span id used by two spans (b); not imported" in outcome.message
    [doc_id] = project.document_ids()
    assert len(project.annotations(doc_id)) == 3
    assert project.relations(doc_id) == []


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": "Kim\x00Putin", "spans": []}, "NUL"),
        ({"text": "", "spans": []}, "empty"),
        ({"text": "   \n", "spans": []}, "empty"),
        ({"text": TEXT, "spans": [span("a", "0", 3.9)]}, "must be integers"),
        ({"text": TEXT, "spans": [span("a", 0, 5, fragments=[["0", 3.9]])]}, "integers"),
        ({"text": TEXT, "spans": [span("a", 0, 5, fragments=[[10, 13]])]}, "outside its span"),
        ({"text": TEXT, "spans": [span("a", 0, 13, fragments=[[10, 13], [0, 5]])]}, "order"),
    ],
    ids=["nul", "empty", "blank", "string-offsets", "coerced-fragment", "fragment-out", "reversed"],
)
def test_jsonl_records_that_would_be_stored_wrong_are_refused(
    project: Project, tmp_path: Path, record: dict[str, object], message: str
) -> None:
    outcome = only(project, jsonl(tmp_path, record))
    assert outcome.status == "error", outcome
    assert outcome.message.startswith("data.jsonl, line 1: "), outcome.message
    assert message in outcome.message, outcome.message
    assert project.document_ids() == []
