"""Label Studio JSON export (issue #10, item 3): every annotation of a task with its annotator,
one span per label of a multi-label region, relations to missing regions reported, cancelled
annotations counted, predictions kept as open suggestions (never annotations).

The fixture is shaped like Label Studio's "JSON" export: a list of tasks with ``data.text``,
``annotations`` (``completed_by`` as an int id or a user object, ``was_cancelled``, ``result``
items of type labels/choices/relation with ``from_name``/``to_name`` and ids) and ``predictions``
(``model_version``, ``score``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import Project

FIXTURE = (
    Path(__file__).resolve().parents[1]
    / "fixtures" / "formats" / "label_studio" / "project-3-at-2024-03-01.json"
)  # fmt: skip
MERKEL = "Angela Merkel met Emmanuel Macron in Paris 🇫🇷 on Monday."
USER_1, ALICE = "label-studio user 1", "alice@example.org"


@pytest.fixture
def project(tmp_path: Path):
    with Project.open(tmp_path / "p.annotator") as proj:
        yield proj


def doc_id(project: Project, text: str) -> int:
    return next(d for d in project.document_ids() if project.document(d).text == text)


def test_every_annotation_is_imported_with_its_annotator(project: Project) -> None:
    outcomes = import_paths(project, [FIXTURE])
    assert [o.status for o in outcomes] == ["imported"] * 3
    spans = sorted((a.text, a.label, a.author, a.attributes)
                   for a in project.annotations(doc_id(project, MERKEL)))  # fmt: skip
    assert spans == [
        ("Angela Merkel", "Person", ALICE, {}),
        ("Angela Merkel", "Person", USER_1, {}),
        ("Angela Merkel", "Politician", USER_1, {}),  # a region with two labels: two spans
        ("Emmanuel Macron", "Person", USER_1, {"stance": "support"}),
        ("Paris", "Location", ALICE, {}),
        ("Paris", "Location", USER_1, {}),
    ]  # the cancelled annotation's "Monday" is not among them
    assert "3 tasks: 3 annotations imported, 1 cancelled annotation skipped" in outcomes[0].message
    assert "1 × region with several labels, kept as one span per label" in outcomes[0].message


def test_relations_follow_direction_and_a_missing_region_is_reported(project: Project) -> None:
    outcomes = import_paths(project, [FIXTURE])
    rows = []
    for rel in project.iter_relations():
        source, target = project.annotation(rel.source_id), project.annotation(rel.target_id)
        rows.append((rel.type, source.text, target.text, rel.document_id))
    merkel, cjk = (
        doc_id(project, MERKEL),
        doc_id(project, "習近平主席は北京でプーチン大統領と会談した。"),
    )
    assert sorted(rows) == [
        ("home_of", "Emmanuel Macron", "Paris", merkel),  # direction "left": to_id → from_id
        ("met", "Angela Merkel", "Emmanuel Macron", merkel),
        ("met", "習近平", "プーチン", cjk),
    ]
    assert "1 × relation to a missing region, not kept" in outcomes[0].message


def test_predictions_are_open_suggestions_not_annotations(project: Project) -> None:
    outcomes = import_paths(project, [FIXTURE])
    assert "3 predicted regions kept as open suggestions (not annotations)" in outcomes[0].message
    merkel = doc_id(project, MERKEL)
    found = [(MERKEL[s.start : s.end], s.label, s.status, s.source, s.score)
             for s in project.suggestions(merkel)]  # fmt: skip
    assert found == [
        ("Angela Merkel", "Person", "open", "label-studio:prediction:ner-v2", 0.97),
        ("Monday", "Date", "open", "label-studio:prediction:ner-v2", 0.81),  # the task's score
    ]
    arabic = doc_id(project, "قال الرئيس ماكرون إن المحادثات ستستمر")
    assert project.annotations(arabic) == []
    assert [(s.label, s.score) for s in project.suggestions(arabic, status="open")] == [
        ("Person", 0.4)
    ]
    assert all(a.text != "Monday" for d in project.document_ids() for a in project.annotations(d))


def test_export_writes_one_annotation_per_annotator(project: Project, tmp_path: Path) -> None:
    import_paths(project, [FIXTURE])
    out = tmp_path / "out.json"
    export_project(project, "label-studio", out)
    tasks = json.loads(out.read_text("utf-8"))
    merkel = next(t for t in tasks if t["data"]["text"] == MERKEL)
    by = {json.dumps(a.get("completed_by")): a["result"] for a in merkel["annotations"]}
    assert sorted(by) == ["1", '{"email": "alice@example.org"}']
    assert merkel["predictions"] == []  # suggestions are never written as annotations
    with Project.open(tmp_path / "copy.annotator") as copy:
        import_paths(copy, [out])
        authors = sorted((a.text, a.label, a.author) for a in copy.annotations(1))
        assert authors == sorted((a.text, a.label, a.author) for a in project.annotations(1))
