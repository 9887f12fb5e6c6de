"""Dialogs around import, export and opening a project: choose files, report what happened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from annotator.core.decode import decode_options
from annotator.core.plural import plural, verb
from annotator.gui.dialog_focus import text_gets_focus_back
from annotator.gui.display import message_text
from annotator.gui.export_dialog import ExportDialog
from annotator.gui.library import start_bulk_import
from annotator.services.importing import ImportOutcome, supported_suffixes

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

INVALID_UTF8 = "not valid UTF-8"  # the decoder's words for it (annotator/core/decode.py)


def report_import(parent: QMainWindow, outcomes: list[ImportOutcome]) -> None:
    imported = [o for o in outcomes if o.status == "imported"]
    skipped = [o for o in outcomes if o.status == "duplicate"]
    failed = [o for o in outcomes if o.status == "error"]
    summary = f"Imported {plural(len(imported), 'document')}."
    if skipped:
        summary += f" Skipped {len(skipped)} already in the project."
    merged = sum(1 for o in outcomes if o.status == "merged")
    if merged:
        summary += f" Added annotations to {plural(merged, 'document')} with the same text."
    if not failed:
        parent.statusBar().showMessage(summary, 5000)
        return
    details = "\n".join(o.message for o in failed)
    QMessageBox.warning(
        parent, "Some files were not imported", message_text(f"{summary}\n\n{details}")
    )


BULK_THRESHOLD = 20  # more files than this (or any folder): import off the GUI thread


def import_and_report(window: MainWindow, paths: list[Path]) -> list[ImportOutcome]:
    """Import through the window, report what happened, and offer to import files that are not
    valid UTF-8 again with U+FFFD in place of the bad bytes (nothing is imported silently).

    Folders and long lists of files go to the bulk importer instead: a worker thread with a
    progress dialog that can be cancelled (what was imported stays)."""
    if len(paths) > BULK_THRESHOLD or any(p.is_dir() for p in paths):
        start_bulk_import(window, paths)
        return []
    with text_gets_focus_back(window):  # after the reports and questions below
        return _import_and_offer_replacement(window, paths)


def _import_and_offer_replacement(window: MainWindow, paths: list[Path]) -> list[ImportOutcome]:
    outcomes: list[ImportOutcome] = window.import_files(paths)
    report_import(window, outcomes)
    invalid = [o.path for o in outcomes if o.status == "error" and INVALID_UTF8 in o.message]
    if not invalid:
        return outcomes
    names = "\n".join(p.name for p in invalid)
    answer = QMessageBox.question(
        window,
        "Import with replacement characters?",
        message_text(
            f"{plural(len(invalid), 'file')} {verb(len(invalid), 'is', 'are')} not valid UTF-8:"
            f"\n{names}\n\nImport them anyway, with"
            " each undecodable byte shown as \ufffd (U+FFFD)?"
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return outcomes
    with decode_options(errors="replace"):
        retried: list[ImportOutcome] = window.import_files(invalid)
    report_import(window, retried)
    return outcomes + retried


def ask_import(window: MainWindow) -> None:
    """File → Import Files…"""
    patterns = " ".join(f"*{s}" for s in supported_suffixes())
    with text_gets_focus_back(window):
        names, _ = QFileDialog.getOpenFileNames(
            window, "Import articles", "", f"Articles ({patterns});;All files (*)"
        )
    if names:
        import_and_report(window, [Path(n) for n in names])


def ask_open_project(window: MainWindow) -> None:
    """File → Open Project…"""
    with text_gets_focus_back(window):
        name, _ = QFileDialog.getOpenFileName(
            window, "Open project", str(window.project.path.parent),
            "Annotator projects (*.annotator *.db *.sqlite);;All files (*)",
        )  # fmt: skip
        if name:
            window.open_project(name)  # may ask: open read-only?


def ask_export(window: MainWindow) -> None:
    """File → Export… (the dialog gives the focus back)."""
    ExportDialog(window, window.project, window.document_id).exec()
