"""Library → Agreement… (issue #13): the report of ``services/agreement.py`` in a window.

Pairs of annotators (F1 exact and overlap, Cohen's κ), overall Fleiss' κ and Krippendorff's α,
all labels or one (the chooser), and the disagreements: Enter or a double click opens the
document and selects A's span (B's when A has none); the detail pane shows both versions with
the text around them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.core.agreement import AgreementReport, Disagreement, Scores
from annotator.core.plural import plural
from annotator.core.reliability import Span
from annotator.gui.display import short
from annotator.services.agreement import project_agreement

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

ALL_LABELS = "All labels"
CONTEXT = 60  # characters of text shown either side of a disagreement


def score(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def show_agreement(window: MainWindow) -> AgreementDialog:
    """Library → Agreement…: computed now, shown beside the window (not modal)."""
    dialog = AgreementDialog(window, project_agreement(window.project))
    window.agreementDialog = dialog
    dialog.show()
    return dialog


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()


class AgreementDialog(QDialog):
    def __init__(self, window: MainWindow, report: AgreementReport) -> None:
        super().__init__(window)
        self.window_ = window
        self.report = report
        self.setObjectName("agreementDialog")
        self.setWindowTitle("Agreement")
        self.resize(860, 620)
        self._texts: dict[int, str] = {}
        self.labelChooser = QComboBox()
        self.labelChooser.setObjectName("agreementLabel")
        self.labelChooser.addItems([ALL_LABELS, *sorted(report.labels)])
        self.summary = QLabel()
        self.summary.setObjectName("agreementSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.pairs = _table(
            "agreementPairs", ["A", "B", "Documents", "F1 exact", "F1 overlap", "κ"]
        )
        self.disagreements = _table("disagreements", ["Document", "Kind", "A", "B"])
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("disagreementDetail")
        self.detail.setReadOnly(True)
        self.detail.setMaximumHeight(110)
        layout = QVBoxLayout(self)
        for widget in (self.labelChooser, self.summary, self.pairs, QLabel("Disagreements")):
            layout.addWidget(widget)
        layout.addWidget(self.disagreements, 1)
        layout.addWidget(self.detail)
        self.labelChooser.currentTextChanged.connect(self.show_scores)
        self.disagreements.currentCellChanged.connect(lambda row, *_: self.show_detail(row))
        self.disagreements.activated.connect(self.open_disagreement)
        self.show_scores(ALL_LABELS)
        _fill(self.disagreements, [self._row(d) for d in report.disagreements])

    def scores(self, label: str) -> Scores:
        return self.report.overall if label == ALL_LABELS else self.report.labels[label]

    def show_scores(self, label: str) -> None:
        scores = self.scores(label)
        r = self.report
        self.summary.setText(
            f"{plural(len(r.annotators), 'annotator')},"
            f" {plural(len(r.documents), 'shared document')} ·"
            f" Fleiss' κ {score(scores.fleiss_kappa)} · Krippendorff's α (characters)"
            f" {score(scores.alpha_nominal_chars)}"
        )
        rows = [
            [p.a or "(no author)", p.b or "(no author)", str(p.documents), score(p.f1_exact),
             score(p.f1_overlap), score(p.kappa)]
            for p in scores.pairs
        ]  # fmt: skip
        _fill(self.pairs, rows)

    def _text(self, document_id: int) -> str:
        if document_id not in self._texts:
            self._texts[document_id] = self.window_.project.document(document_id).text
        return self._texts[document_id]

    def _version(self, document_id: int, span: Span | None) -> str:
        if span is None:
            return "—"
        start, end, label = span
        return f"{short(self._text(document_id)[start:end])} [{label}]"

    def _row(self, d: Disagreement) -> list[str]:
        m = d.mismatch
        title = self.window_.project.document(d.document).title
        return [short(title, 40), m.kind, f"{d.a}: {self._version(d.document, m.a_span)}",
                f"{d.b}: {self._version(d.document, m.b_span)}"]  # fmt: skip

    def show_detail(self, row: int) -> None:
        if not 0 <= row < len(self.report.disagreements):
            self.detail.clear()
            return
        d = self.report.disagreements[row]
        m = d.mismatch
        spans = [s for s in (m.a_span, m.b_span) if s is not None]
        start, end = min(s[0] for s in spans), max(s[1] for s in spans)
        text = self._text(d.document)
        context = " ".join(text[max(0, start - CONTEXT) : end + CONTEXT].split())
        self.detail.setPlainText(
            f"{d.a}: {self._version(d.document, m.a_span)}\n"
            f"{d.b}: {self._version(d.document, m.b_span)}\n"
            f"({m.kind}) …{context}…"
        )

    def open_disagreement(self, index: QModelIndex) -> None:
        """Open the document and select A's span (B's when A has none), all layers shown."""
        d = self.report.disagreements[index.row()]
        span = d.mismatch.a_span or d.mismatch.b_span
        window = self.window_
        if window.session.layer is not None:
            window.session.set_layer(None)
            window.layers.refresh_status()
        window.open_document(d.document)
        if span is not None:
            match = next(
                (
                    a
                    for a in window.session.spans.overlapping(span[0], span[1])
                    if (a.start, a.end, a.label) == span
                ),
                None,
            )
            if match is not None:
                window.select_annotation(match.id)
        window.activateWindow()
