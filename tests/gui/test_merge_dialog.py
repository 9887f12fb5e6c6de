"""Issue #13: File → Merge Projects… merges other annotators' files into the open project,
after a backup, and reports what each brought; the document list and the view follow."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from helpers import SEED, make_project
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from annotator.store import Project
from annotator.store.backups import backup_folder, list_backups

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture
def bobs_project(tmp_path: Path) -> Path:
    """Bob's file: the same seed article (one span of his) and an article of his own."""
    other = tmp_path / "bobs.txt"
    other.write_text("Bob's article\n\nNothing happened in Vladivostok today.\n", "utf-8")
    path = tmp_path / "bob.annotator"
    seed, _other = make_project(path, [SEED, other])
    with Project.open(path) as proj:
        start = proj.document(seed).text.index("(NIS)")
        proj.add_annotation(seed, start, start + 5, "Actor", author="bob")
    return path


def merge_with_keys(window, monkeypatch, chosen: Path) -> None:  # type: ignore[no-untyped-def]
    """File → Merge Projects… (Alt+F, M), the file dialog answering ``chosen``."""
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(chosen)], ""))
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_M)


def spans(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT text, author FROM annotations ORDER BY id").fetchall()


def test_merge_adds_bobs_spans_and_documents_and_reports(
    seed_project, bobs_project, open_window, monkeypatch
):
    before = hashlib.sha256(bobs_project.read_bytes()).hexdigest()
    window = open_window(seed_project)
    assert len(window.documentList.document_ids()) == 1
    merge_with_keys(window, monkeypatch, bobs_project)
    report = window.mergeReport
    assert report is not None and report.isVisible()
    details = report.details.toPlainText()
    assert "documents: 1 matched, 1 added" in details
    assert "spans: 1 added, 0 already here" in details
    assert "conflicts: 0" in details
    assert spans(seed_project) == [("(NIS)", "bob")]
    assert len(window.documentList.document_ids()) == 2  # the list follows
    assert window.annotationList.annotation_model.rowCount() == 1  # the open article too
    assert list_backups(backup_folder(window.project), seed_project.name)  # made first
    assert hashlib.sha256(bobs_project.read_bytes()).hexdigest() == before  # only read
    QTest.keyClick(report, Qt.Key.Key_Escape)
    merge_with_keys(window, monkeypatch, bobs_project)  # again: nothing new
    assert "spans: 0 added, 1 already here" in window.mergeReport.details.toPlainText()
    assert spans(seed_project) == [("(NIS)", "bob")]
