"""What ``annotator export`` prints: the counts, what was not written, and for a dataset
release (``--split``, the dataset card) the same per split (issue #13)."""

from __future__ import annotations

import click

from annotator.core.plural import plural
from annotator.formats.model import ExportSummary
from annotator.services.release import Release


def report_summary(summary: ExportSummary, where: str, *, err: bool = False) -> None:
    """``wrote N documents, M spans to WHERE`` (on stderr when the export is on stdout), then
    what was not written and the warnings, on stderr."""
    click.echo(
        f"wrote {plural(summary.documents, 'document')}, {plural(summary.spans, 'span')}"
        f" to {where}",
        err=err,
    )
    for what, count in sorted(summary.lost.items()):
        click.echo(f"not written: {count} x {what}", err=True)
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)


def report_release(release: Release) -> None:
    for split in release.splits:
        prefix = f"{split.name}: " if split.name else ""
        click.echo(prefix, nl=False)
        report_summary(split.summary, str(split.path))
    if release.card is not None:
        # on stderr: stdout keeps its one "wrote …" line per file, which scripts read
        click.echo(f"wrote the dataset card to {release.card}", err=True)
