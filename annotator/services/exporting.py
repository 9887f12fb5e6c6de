"""Export a project's documents and spans in one of the registry's formats."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import IO

from annotator.formats.model import ExportCancelled, ExportOptions, ExportSummary, FormatError
from annotator.formats.registry import Format, get_format
from annotator.store import Project
from annotator.store.export_documents import export_source

_log = logging.getLogger(__name__)

__all__ = [
    "ExportCancelled",
    "ExportError",
    "export_project",
    "export_to_stream",
    "writer_format",
]


class ExportError(Exception):
    """The export cannot be written; the message is meant for the user."""


def writer_format(format_name: str) -> Format:
    try:
        fmt = get_format(format_name)
    except KeyError:
        raise ExportError(f"Unknown export format {format_name!r}.") from None
    if fmt.writer is None:
        raise ExportError(f"The format {format_name!r} can be imported but not exported.")
    return fmt


def export_project(
    project: Project, format_name: str, output: Path, options: ExportOptions | None = None
) -> ExportSummary:
    """Write ``output`` (a folder for brat). Raises ExportError with a message for the user;
    ExportCancelled passes through when ``options.progress`` raised it (nothing is left)."""
    fmt = writer_format(format_name)
    assert fmt.writer is not None
    if output.parent and not output.parent.exists():
        raise ExportError(f"The folder {output.parent} does not exist.")
    if fmt.folder and output.exists() and not output.is_dir():
        raise ExportError(f"{output} is a file; {fmt.title} is written to a folder.")
    try:
        summary = fmt.writer(export_source(project), output, options or ExportOptions())
    except FormatError as exc:
        raise ExportError(str(exc)) from exc
    except OSError as exc:
        raise ExportError(f"Cannot write {output}: {exc.strerror or exc}.") from exc
    _log.info(
        "export of %s as %s to %s: %s", project.path.name, format_name, output,
        " ".join(summary.describe().split()),
    )  # fmt: skip
    return summary


def export_to_stream(
    project: Project, format_name: str, stream: IO[bytes], options: ExportOptions | None = None
) -> ExportSummary:
    """Write a single-file format to ``stream`` (``--output -``: standard output).

    The export is written to a temporary file first, so a failed export writes nothing."""
    fmt = writer_format(format_name)
    if fmt.folder:
        raise ExportError(
            f"{fmt.title} is written to a folder, not to standard output: give --output a folder."
        )
    with tempfile.TemporaryDirectory(prefix="annotator-export-") as folder:
        output = Path(folder) / ("export" + (fmt.suffixes[0] if fmt.suffixes else ""))
        summary = export_project(project, format_name, output, options)
        with output.open("rb") as fh:
            shutil.copyfileobj(fh, stream)
    stream.flush()
    return summary
