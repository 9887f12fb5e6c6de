"""The bulk import dialog keeps QDialog.result() (issue #9, item 15 d)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from annotator.gui.library_dialogs import BulkImportDialog


def test_the_import_result_does_not_hide_qdialog_result(tmp_path: Path, open_window, qtbot):  # type: ignore[no-untyped-def]
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(2):
        (folder / f"a{i}.txt").write_text(f"Article {i}\n\nMinisters met on day {i}.\n", "utf-8")
    window = open_window(tmp_path / "p.annotator")
    dialog = BulkImportDialog(window, [folder])
    with qtbot.waitSignal(dialog.finishedImport, timeout=20000):
        dialog.start()
    assert dialog.import_result is not None
    assert dialog.import_result.count("imported") == 2
    assert dialog.result() == QDialog.DialogCode.Rejected  # QDialog's own, callable as ever
    assert window.documentList.model().rowCount() == 2
