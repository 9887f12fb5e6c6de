"""The export dialog: every registry format, filters, progress, summary of what was lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QMessageBox, QTextEdit

from annotator.formats.registry import export_formats
from annotator.gui.export_dialog import ExportDialog
from annotator.store import Project

TEXT = "Kim Jong Un 🇰🇵 said the troops left. Putin agreed."


@pytest.fixture
def project(tmp_path: Path):
    from annotator.core.styled_text import StyledText
    from annotator.store import NewDocument

    with Project.open(tmp_path / "p.annotator") as proj:
        first = proj.add_document(NewDocument("One", StyledText(TEXT)))
        proj.add_annotation(first, 0, TEXT.index(" said"), "Actor")
        proj.add_annotation(first, 0, TEXT.index(" Putin"), "Claim")  # overlaps the actor
        second = proj.add_document(NewDocument("Two", StyledText("Putin agreed.")))
        proj.add_annotation(second, 0, 5, "Actor")
        yield proj


@pytest.fixture
def infos(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text))
    return shown


def make(qtbot, project: Project, document_id: int | None = None) -> ExportDialog:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(None, project, document_id)
    qtbot.addWidget(dialog)
    return dialog


def choose(dialog: ExportDialog, name: str) -> None:
    dialog.formatCombo.setCurrentIndex(dialog.formatCombo.findData(name))


def test_format_list_comes_from_the_registry(qtbot, project: Project) -> None:
    dialog = make(qtbot, project)
    names = [dialog.formatCombo.itemData(i) for i in range(dialog.formatCombo.count())]
    assert names == [f.name for f in export_formats()]
    assert {"jsonl", "conll", "brat", "w3c", "graphml", "network-csv"} <= set(names)


def test_every_format_exports_from_the_dialog(qtbot, project: Project, tmp_path, infos) -> None:
    dialog = make(qtbot, project)
    for i, fmt in enumerate(export_formats()):
        choose(dialog, fmt.name)
        target = tmp_path / f"out{i}"
        dialog.destinationEdit.setText(str(target) + ("" if fmt.folder else fmt.suffixes[0]))
        summary = dialog.run_export()
        assert summary is not None, fmt.name
        assert Path(dialog.destination).exists()
        assert dialog.progressBar.value() == dialog.progressBar.maximum() == 2
    assert len(infos) == len(export_formats())


def test_conll_summary_tells_what_was_lost(qtbot, project: Project, tmp_path, infos) -> None:
    dialog = make(qtbot, project)
    choose(dialog, "conll")
    assert dialog.overlapCombo.isEnabled()
    dialog.destinationEdit.setText(str(tmp_path / "out.conll"))
    dialog.run_export()
    assert "Not written: 1 × overlapping span (CoNLL)" in infos[0]
    assert "overlapping" in dialog.summaryLabel.text()


def test_label_and_document_filters(qtbot, project: Project, tmp_path, infos) -> None:
    first = project.document_ids()[0]
    dialog = make(qtbot, project, first)
    choose(dialog, "jsonl")
    dialog.labelBoxes["Claim"].setChecked(False)
    dialog.thisDocument.setChecked(True)
    out = tmp_path / "only.jsonl"
    dialog.destinationEdit.setText(str(out))
    dialog.run_export()
    [record] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert record["id"] == first
    assert [s["label"] for s in record["spans"]] == ["Actor"]
    assert (
        record["text"][record["spans"][0]["start"] : record["spans"][0]["end"]] == "Kim Jong Un 🇰🇵"
    )


def test_brat_destination_is_a_folder(qtbot, project: Project, tmp_path, infos) -> None:
    dialog = make(qtbot, project)
    choose(dialog, "brat")
    assert dialog.destination.endswith("-brat")
    assert not dialog.overlapCombo.isEnabled()
    dialog.destinationEdit.setText(str(tmp_path / "brat"))
    dialog.run_export()
    assert (tmp_path / "brat" / "annotation.conf").exists()
    assert len(list((tmp_path / "brat").glob("*.ann"))) == 2


def test_cancel_leaves_nothing_behind(qtbot, project: Project, tmp_path) -> None:
    dialog = shown(qtbot, project)
    choose(dialog, "jsonl")
    out = tmp_path / "cancelled.jsonl"
    dialog.destinationEdit.setText(str(out))
    pressed: list[str] = []

    def press_cancel() -> None:  # runs inside the export, when it serves the event loop
        pressed.append(dialog.closeButton.text())
        QTest.mouseClick(dialog.closeButton, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press_cancel)
    QTest.mouseClick(dialog.exportButton, Qt.MouseButton.LeftButton)

    assert pressed == ["Cancel"]  # the Close button is Cancel while the export runs
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert dialog.summaryLabel.isVisible()
    assert "cancelled" in dialog.summaryLabel.text()
    assert dialog.isVisible()  # Cancel stopped the export; it did not close the dialog
    assert dialog.summary is None


# ---------------------------------------------------------------- layout (issue #9, item 9)
def shown(qtbot, project: Project, document_id: int | None = None) -> ExportDialog:  # type: ignore[no-untyped-def]
    dialog = make(qtbot, project, document_id)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fully_visible(label: QLabel) -> bool:
    """Wrapped, as tall as its text needs at its width, and inside the dialog."""
    inside = label.window().rect().contains(label.geometry())
    return label.wordWrap() and label.heightForWidth(label.width()) <= label.height() and inside


def test_every_format_description_is_fully_visible(qtbot, project: Project, tmp_path, infos):
    dialog = shown(qtbot, project)
    combo = dialog.formatCombo
    for index in range(combo.count()):  # Down in the combo: the next format
        qtbot.waitUntil(lambda: fully_visible(dialog.lossLabel), timeout=1000)
        assert dialog.lossLabel.text().startswith("Keeps ")
        QTest.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() == min(index + 1, combo.count() - 1)
    choose(dialog, "jsonl")
    dialog.destinationEdit.setText(str(tmp_path / "out.jsonl"))
    QTest.mouseClick(dialog.exportButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fully_visible(dialog.lossLabel), timeout=1000)  # not squeezed
    qtbot.waitUntil(lambda: fully_visible(dialog.summaryLabel), timeout=1000)


def test_destination_shows_the_file_name(qtbot, project: Project) -> None:
    dialog = shown(qtbot, project)
    edit = dialog.destinationEdit
    path = edit.text()
    assert path == str(project.path.with_suffix(".jsonl"))
    name = Path(path).name
    assert edit.fontMetrics().horizontalAdvance(name) < edit.width() // 2  # room for a name
    assert edit.cursorPosition() == len(path)  # the end (the file name) is what is in view
    assert edit.toolTip() == path  # all of it, on hover
    choose(dialog, "brat")
    assert edit.toolTip() == edit.text() and edit.text().endswith("-brat")
    assert edit.cursorPosition() == len(edit.text())


def test_summary_appears_only_after_an_export(qtbot, project: Project, tmp_path, infos):
    dialog = shown(qtbot, project)
    assert not dialog.summaryLabel.isVisible()  # no empty box that looks like an input
    assert not dialog.progressBar.isVisible()
    dialog.destinationEdit.setText(str(tmp_path / "out.jsonl"))
    QTest.mouseClick(dialog.exportButton, Qt.MouseButton.LeftButton)
    assert dialog.summaryLabel.isVisible()
    assert "Wrote 2 documents and 3 spans." in dialog.summaryLabel.text()
    assert not isinstance(dialog.summaryLabel, QLineEdit | QTextEdit)  # a label, read-only
    assert dialog.summaryLabel.frameShape() == QFrame.Shape.NoFrame
