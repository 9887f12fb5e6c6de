"""The suggestions table (issue #10): kept apart from annotations, checked, removed and restored
with their documents, carried by backups, and created by the migration from schema 3."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.styled_text import StyledText
from annotator.core.suggestions import Suggestion
from annotator.services.check import check_project
from annotator.store import NewDocument, Project, ProjectError, schema
from annotator.store.backups import make_backup

TEXT = "Apple ships the iPhone 15 🔌 in 東京."


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Project.open(tmp_path / "p.annotator") as proj:
        yield proj


def add_doc(project: Project, text: str = TEXT) -> int:
    return project.add_document(NewDocument(text.split()[0], StyledText(text, [])))


def rows(path: Path, table: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()


def test_add_list_filter_and_count(project: Project) -> None:
    doc = add_doc(project)
    tokyo = TEXT.index("東京")
    stored = project.add_suggestions([
        Suggestion(doc, tokyo, tokyo + 2, "GPE", "open", "label-studio:prediction:v1", 0.5),
        Suggestion(doc, 0, 5, "PRODUCT", "rejected", "prodigy:reject", None, "ner-default"),
    ])  # fmt: skip
    assert [s.id for s in stored] == [1, 2] and all(s.created for s in stored)
    assert [(TEXT[s.start : s.end], s.status) for s in project.suggestions(doc)] == [
        ("Apple", "rejected"), ("東京", "open")
    ]  # fmt: skip
    assert [s.label for s in project.suggestions(doc, status="open")] == ["GPE"]
    assert project.count_suggestions() == 2
    assert project.count_suggestions(doc, status="rejected") == 1
    assert project.annotations(doc) == []  # a suggestion is never an annotation


@pytest.mark.parametrize(
    ("bad", "message"),
    [(Suggestion(1, 0, 99, "X"), "inside"), (Suggestion(1, 0, 5, "X", "maybe"), "status"),
     (Suggestion(7, 0, 5, "X"), "no document 7")],
)  # fmt: skip
def test_a_bad_suggestion_stores_none(project: Project, bad: Suggestion, message: str) -> None:
    add_doc(project)
    with pytest.raises(ProjectError, match=message):
        project.add_suggestions([Suggestion(1, 0, 5, "ORG"), bad])
    assert project.count_suggestions() == 0


def tables_referencing_documents(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        keys = {n: conn.execute(f"PRAGMA foreign_key_list({n})").fetchall() for n in names}
    return [n for n in names if any(fk[2] == "documents" for fk in keys[n])]


def test_remove_and_restore_copy_every_table_that_references_documents(project: Project) -> None:
    keep, gone = add_doc(project, "Keep this one."), add_doc(project)
    a = project.add_annotation(gone, 0, 5, "Actor").id
    b = project.add_annotation(gone, 16, 25, "Claim").id
    project.add_relation("claimant", b, a)
    project.add_suggestions([Suggestion(gone, 0, 5, "PRODUCT", "rejected", "prodigy:reject"),
                             Suggestion(keep, 0, 4, "X")])  # fmt: skip
    tables = tables_referencing_documents(project.path)
    assert {"annotations", "relations", "suggestions"} <= set(tables)
    before = {t: rows(project.path, t) for t in tables}
    removed = project.remove_documents([gone])
    assert removed.summary() == "1 document (2 annotations, 1 relation, 1 suggestion)"
    assert project.count_suggestions() == 1
    project.restore_documents(removed)
    assert {t: rows(project.path, t) for t in tables} == before


def test_deleting_a_document_row_cascades_to_its_suggestions(project: Project) -> None:
    doc = add_doc(project)
    project.add_suggestions([Suggestion(doc, 0, 5, "PRODUCT")])
    with project.transaction():
        project.db.execute("DELETE FROM documents WHERE id = ?", [doc])
    assert project.count_suggestions() == 0


def test_check_reports_a_suggestion_outside_its_text(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with Project.open(path) as proj:
        doc = add_doc(proj)
        proj.add_suggestions([Suggestion(doc, 0, 5, "PRODUCT")])
    with sqlite3.connect(path) as conn:
        conn.execute('UPDATE suggestions SET "end" = 999')
    report = check_project(path)
    assert [p.kind for p in report.problems] == ["suggestion"]
    assert "suggestion 1 (document 1, 0–999): it lies outside its document" in "\n".join(
        report.lines()
    )


def test_backup_carries_the_suggestions(project: Project) -> None:
    doc = add_doc(project)
    project.add_suggestions([Suggestion(doc, 0, 5, "PRODUCT", "rejected", "prodigy:reject", 0.7)])
    copy = make_backup(project)
    assert rows(copy, "suggestions") == rows(project.path, "suggestions")


def test_a_schema_3_project_gains_the_table_after_a_backup(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.annotator"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:3])
        m.setattr(schema, "SCHEMA_VERSION", 3)
        with Project.open(path) as old:
            add_doc(old)
    with Project.open(path) as proj:
        assert proj.count_suggestions() == 0
        proj.add_suggestions([Suggestion(1, 0, 5, "PRODUCT")])
        assert proj.problems == []
    assert (tmp_path / f"old.annotator.before-v{schema.SCHEMA_VERSION}.bak").exists()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (schema.SCHEMA_VERSION,)
