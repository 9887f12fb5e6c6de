"""The export dialog: every registry format, filters, progress, summary of what was lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

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


def test_cancel_leaves_nothing_behind(qtbot, project: Project, tmp_path, monkeypatch) -> None:
    dialog = make(qtbot, project)
    choose(dialog, "jsonl")
    out = tmp_path / "cancelled.jsonl"
    dialog.destinationEdit.setText(str(out))
    original = dialog._progress

    def cancel_on_first(done: int, total: int) -> None:
        dialog._cancelled = True
        original(done, total)

    monkeypatch.setattr(dialog, "_progress", cancel_on_first)
    assert dialog.run_export() is None
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert "cancelled" in dialog.summaryLabel.text()
