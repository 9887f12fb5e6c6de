"""Dialogs around import and export: choose files, report what happened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotator.formats.registry import export_formats
from annotator.services.exporting import ExportError, export_project
from annotator.services.importing import ImportOutcome
from annotator.store import Project


def report_import(parent: QWidget, outcomes: list[ImportOutcome]) -> None:
    imported = [o for o in outcomes if o.status == "imported"]
    skipped = [o for o in outcomes if o.status == "duplicate"]
    failed = [o for o in outcomes if o.status == "error"]
    summary = f"Imported {len(imported)} document(s)."
    if skipped:
        summary += f" Skipped {len(skipped)} already in the project."
    if not failed:
        parent.statusBar().showMessage(summary, 5000)  # type: ignore[attr-defined]
        return
    details = "\n".join(o.message for o in failed)
    QMessageBox.warning(parent, "Some files were not imported", f"{summary}\n\n{details}")


def ask_export(parent: QWidget, project: Project) -> None:
    formats = export_formats()
    filters = [f"{fmt.title} ({' '.join('*' + s for s in fmt.suffixes)})" for fmt in formats]
    default = project.path.with_suffix(formats[0].suffixes[0])
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export annotations", str(default), ";;".join(filters)
    )
    if not name:
        return
    fmt = formats[filters.index(chosen)] if chosen in filters else formats[0]
    try:
        summary = export_project(project, fmt.name, Path(name))
    except ExportError as exc:
        QMessageBox.critical(parent, "Export failed", str(exc))
        return
    message = f"Wrote {summary.documents} document(s) and {summary.spans} span(s) to {name}."
    if summary.warnings:
        message += "\n\n" + "\n".join(summary.warnings)
    QMessageBox.information(parent, "Export finished", message)
