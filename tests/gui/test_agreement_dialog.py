"""Issue #13: Library → Agreement… shows the service's report; Enter on a disagreement opens
the document and selects A's span, and the detail pane shows both versions."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SEED, make_project
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.gui.agreement_dialog import score
from annotator.services.agreement import project_agreement
from annotator.store import Project

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
SPANS = {
    "alice": (("North Korea", "Actor"), ("Russia", "Actor")),
    "bob": (("North Korea and", "Actor"), ("(NIS)", "Claim")),  # overlaps, not exact
}


@pytest.fixture
def two_authors(tmp_path: Path) -> Path:
    path = tmp_path / "team.annotator"
    (seed,) = make_project(path, [SEED])
    with Project.open(path) as proj:
        text = proj.document(seed).text
        for author, spans in SPANS.items():
            for phrase, label in spans:
                start = text.index(phrase)
                proj.add_annotation(seed, start, start + len(phrase), label, author=author)
    return path


def open_agreement(window):  # type: ignore[no-untyped-def]
    """Library → Agreement… (Alt+L, A)."""
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_A)
    return window.agreementDialog


def cells(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_values_are_the_services(two_authors, open_window):
    window = open_window(two_authors)
    dialog = open_agreement(window)
    assert dialog is not None and dialog.objectName() == "agreementDialog"
    report = project_agreement(window.project)
    (pair,) = report.overall.pairs
    assert cells(dialog.pairs) == [
        ["alice", "bob", "1", score(pair.f1_exact), score(pair.f1_overlap), score(pair.kappa)]
    ]
    assert score(report.overall.fleiss_kappa) in dialog.summary.text()
    assert score(report.overall.alpha_nominal_chars) in dialog.summary.text()
    dialog.labelChooser.setFocus()
    QTest.keyClick(dialog.labelChooser, Qt.Key.Key_Down)  # the first label's scores
    (label_pair,) = report.labels[dialog.labelChooser.currentText()].pairs
    assert cells(dialog.pairs)[0][3] == score(label_pair.f1_exact)
    assert dialog.disagreements.rowCount() == len(report.disagreements) > 0


def test_enter_on_a_disagreement_selects_as_span(two_authors, open_window):
    window = open_window(two_authors)
    dialog = open_agreement(window)
    table = dialog.disagreements
    row = next(r for r in range(table.rowCount()) if "Russia" in table.item(r, 2).text())
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(row):
        QTest.keyClick(table, Qt.Key.Key_Down)
    assert "alice: Russia [Actor]" in dialog.detail.toPlainText()
    assert "bob: " in dialog.detail.toPlainText()
    QTest.keyClick(table, Qt.Key.Key_Return)
    current = window.current_annotation()
    assert current is not None and (current.text, current.label) == ("Russia", "Actor")
