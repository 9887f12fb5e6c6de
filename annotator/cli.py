"""The ``annotator`` command: the GUI by default, plus import, export and list."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator import __version__
from annotator.formats.model import ExportOptions
from annotator.formats.registry import export_formats
from annotator.services.default_project import default_project_path, ensure_default_project
from annotator.services.exporting import ExportError, export_project
from annotator.services.importing import import_paths
from annotator.store import Project, ProjectError


def _open(project: str | None, *, create: bool = False) -> Project:
    path = Path(project) if project else ensure_default_project()
    try:
        return Project.open(path, create=create)
    except ProjectError as exc:
        raise click.ClickException(str(exc)) from exc


def _run_gui(project: Path, files: tuple[str, ...], screenshot: str | None, quit_: bool) -> int:
    from annotator.gui.app import run_gui  # Qt is imported only when the GUI runs

    return run_gui(project, [Path(f) for f in files], screenshot=screenshot, quit_after=quit_)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--screenshot", type=click.Path(dir_okay=False), help="Save a PNG of the window once shown."
)
@click.option(
    "--quit", "quit_", is_flag=True, help="Quit once the window is shown (with --screenshot)."
)
@click.version_option(__version__, prog_name="annotator")
@click.pass_context
def main(ctx: click.Context, screenshot: str | None, quit_: bool) -> None:
    """Read news articles, tag Claim and Actor spans, export datasets.

    With no command, opens the GUI on your default project (created on first run with a sample
    article).
    """
    if ctx.invoked_subcommand is None:
        sys.exit(_run_gui(ensure_default_project(), (), screenshot, quit_))


@main.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("files", nargs=-1, type=click.Path())
@click.option(
    "--screenshot", type=click.Path(dir_okay=False), help="Save a PNG of the window once shown."
)
@click.option("--quit", "quit_", is_flag=True, help="Quit once the window is shown.")
def gui(project: str, files: tuple[str, ...], screenshot: str | None, quit_: bool) -> None:
    """Open the GUI on PROJECT (created if missing), importing FILES first."""
    sys.exit(_run_gui(Path(project), files, screenshot, quit_))


@main.command(name="import")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def import_(project: str, paths: tuple[str, ...]) -> None:
    """Import text and Markdown files (or folders of them) into PROJECT (created if missing)."""
    failed = 0
    with _open(project, create=True) as proj:
        for outcome in import_paths(proj, [Path(p) for p in paths]):
            if outcome.status == "imported":
                click.echo(f"imported\t{outcome.message}")
            elif outcome.status == "duplicate":
                click.echo(f"skipped\t{outcome.message}")
            else:
                failed += 1
                click.echo(f"error\t{outcome.message}", err=True)
    if failed:
        raise click.ClickException(f"{failed} file(s) could not be imported (see above).")


@main.command()
@click.argument("project", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "format_name",
    default="jsonl",
    show_default=True,
    type=click.Choice([f.name for f in export_formats()]),
)
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False))
@click.option("--label", "labels", multiple=True, help="Export only these labels (repeatable).")
def export(project: str | None, format_name: str, output: str, labels: tuple[str, ...]) -> None:
    """Export PROJECT (default: your default project) to a dataset file."""
    options = ExportOptions(labels=frozenset(labels) if labels else None)
    with _open(project) as proj:
        try:
            summary = export_project(proj, format_name, Path(output), options)
        except ExportError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {summary.documents} documents, {summary.spans} spans to {output}")
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)


@main.command(name="list")
@click.argument("project", required=False, type=click.Path(dir_okay=False))
def list_(project: str | None) -> None:
    """List the documents of PROJECT with their annotation counts."""
    with _open(project) as proj:
        labels = [label.name for label in proj.labels()]
        click.echo("\t".join(["id", "annotations", *labels, "title"]))
        for doc in proj.documents():
            per_label = [str(doc.counts_by_label.get(name, 0)) for name in labels]
            click.echo("\t".join([str(doc.id), str(doc.annotation_count), *per_label, doc.title]))


@main.command()
def where() -> None:
    """Print the path of your default project."""
    click.echo(default_project_path())
