"""Export a project's documents and spans in one of the registry's formats."""

from __future__ import annotations

from pathlib import Path

from annotator.formats.model import ExportOptions, ExportSummary
from annotator.formats.registry import get_format
from annotator.store import Project


class ExportError(Exception):
    """The export cannot be written; the message is meant for the user."""


def export_project(
    project: Project, format_name: str, output: Path, options: ExportOptions | None = None
) -> ExportSummary:
    try:
        fmt = get_format(format_name)
    except KeyError:
        raise ExportError(f"Unknown export format {format_name!r}.") from None
    if fmt.writer is None:
        raise ExportError(f"The format {format_name!r} can be imported but not exported.")
    if output.parent and not output.parent.exists():
        raise ExportError(f"The folder {output.parent} does not exist.")
    try:
        return fmt.writer(project, output, options or ExportOptions())
    except OSError as exc:
        raise ExportError(f"Cannot write {output}: {exc.strerror or exc}.") from exc
