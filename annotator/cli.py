"""The ``annotator`` command: the GUI by default, plus import, export and list."""

from __future__ import annotations

import logging
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import click

from annotator import __version__
from annotator.cli_actors import actors, status, status_word
from annotator.cli_agreement import agreement
from annotator.cli_claims import claims
from annotator.cli_release import report_release, report_summary
from annotator.cli_stats import stats
from annotator.cli_suggest import suggest, suggestions
from annotator.cli_tag_all import tag_all
from annotator.cli_team import merge
from annotator.cli_train import train_model, use_model
from annotator.core.decode import DEFAULT_MAX_BYTES, MB, decode_options, one_line
from annotator.core.plural import plural
from annotator.desktop_install import install_desktop
from annotator.formats.files import is_stream
from annotator.formats.model import CONLL_OVERLAP_POLICIES, ExportOptions
from annotator.formats.registry import FORMATS, export_formats, forced_reader, import_formats
from annotator.logs import setup_logging
from annotator.services.bulk_import import import_bulk
from annotator.services.check import check_project
from annotator.services.default_project import default_project_path, ensure_default_project
from annotator.services.exporting import ExportError, export_project, export_to_stream
from annotator.services.importing import ImportOutcome, default_author
from annotator.services.release import export_release
from annotator.services.search import parse_attribute, search_documents
from annotator.store import Project, ProjectError, schema
from annotator.store.backups import make_backup
from annotator.store.errors import DatabaseError, ProjectNeedsUpgradeError
from annotator.store.search import SpanFilter


def _open(
    project: str | None, *, create: bool = False, read_only: bool = False, lock: bool = False
) -> Project:
    path = Path(project) if project else ensure_default_project()
    try:
        return Project.open(path, create=create, read_only=read_only, lock=lock)
    except ProjectNeedsUpgradeError:
        _upgrade(path)  # a project from an earlier version: list/export/search still read it
        return _open(project, read_only=read_only, lock=lock)
    except ProjectError as exc:
        raise click.ClickException(str(exc)) from exc


def _upgrade(path: Path) -> None:
    """Bring an older project to this version's schema (a writer's open does it, after a backup
    copy), saying so on stderr; or say why it cannot be done now."""
    try:
        with Project.open(path, lock=True):
            pass
    except ProjectError as exc:
        raise click.ClickException(
            f"{path.name} was made by an earlier Annotator and needs an upgrade before it can be"
            f" read, which cannot be made now: {exc}"
        ) from exc
    version = schema.SCHEMA_VERSION
    backup = path.with_name(f"{path.name}.before-v{version}.bak")
    click.echo(
        f"upgraded {one_line(path.name)} to this version's schema ({version}); the file as it"
        f" was is kept as {one_line(backup.name)}",
        err=True,
    )


def _run_gui(
    project: Path,
    files: tuple[str, ...],
    screenshot: str | None,
    quit_: bool,
    read_only: bool = False,
) -> int:
    from annotator.gui.app import run_gui  # Qt is imported only when the GUI runs

    return run_gui(
        project,
        [Path(f) for f in files],
        screenshot=screenshot,
        quit_after=quit_,
        read_only=read_only,
    )


class _Commands(click.Group):
    """Damage found in the middle of a command (a byte flipped in a text, a broken index) ends
    it with a message and exit status 1, never a traceback (issue #17)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DatabaseError as exc:
            logging.getLogger(__name__).error("%s stopped: %s", ctx.invoked_subcommand, exc)
            raise click.ClickException(
                f"The project file is damaged ({exc}); the command stopped. Run `annotator check"
                " PROJECT` for what is damaged and how to recover it (a backup is kept in"
                " PROJECT.backups)."
            ) from exc


@click.group(
    cls=_Commands,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
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
    if ctx.invoked_subcommand not in (None, "gui"):  # the GUI sets up its own log
        setup_logging(f"cli {ctx.invoked_subcommand}")
    if ctx.invoked_subcommand is None:
        sys.exit(_run_gui(ensure_default_project(), (), screenshot, quit_))


@main.command()
@click.argument("project", type=click.Path(dir_okay=False), required=False)
@click.argument("files", nargs=-1, type=click.Path())
@click.option(
    "--screenshot", type=click.Path(dir_okay=False), help="Save a PNG of the window once shown."
)
@click.option("--quit", "quit_", is_flag=True, help="Quit once the window is shown.")
@click.option("--read-only", is_flag=True, help="Open without the lock; nothing can be changed.")
def gui(
    project: str | None,
    files: tuple[str, ...],
    screenshot: str | None,
    quit_: bool,
    read_only: bool,
) -> None:
    """Open the GUI on PROJECT (created if missing; your default project when left out, as the
    menu entry does), importing FILES first."""
    path = Path(project) if project else ensure_default_project()
    sys.exit(_run_gui(path, files, screenshot, quit_, read_only))


@main.command(name="import")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--replace-invalid",
    is_flag=True,
    help="Import text with invalid bytes or NULs, putting U+FFFD (�) in their place.",
)
@click.option(
    "--max-size",
    type=click.FloatRange(min=0.001),
    default=DEFAULT_MAX_BYTES / MB,
    show_default=True,
    help="Refuse text files larger than this many MB.",
)
@click.option(
    "--format",
    "format_name",
    type=click.Choice([f.name for f in import_formats()]),
    help="Read every file as this format (default: by suffix and content).",
)
@click.option("--author", default="", help="Author of imported spans whose file names none.")
def import_(
    project: str,
    paths: tuple[str, ...],
    replace_invalid: bool,
    max_size: float,
    format_name: str | None = None,
    author: str = "",
) -> None:
    """Import files or folders into PROJECT (created if missing), in batches.

    Text, Markdown, HTML, Word (.docx) and the annotated formats of `annotator formats`;
    folders are walked recursively. A file with the same text as a document already in the
    project adds its annotations to that document (exact duplicates skipped); a broken
    file is reported and the others are still imported.
    """
    failed = 0

    def report(outcome: ImportOutcome) -> None:
        nonlocal failed
        if outcome.status == "imported":  # message: "id<TAB>title; notes"
            doc_id, _, rest = outcome.message.partition("\t")
            click.echo(f"imported\t{doc_id}\t{one_line(rest)}")
        elif outcome.status == "merged":
            click.echo(f"merged\t{one_line(outcome.message)}")
        elif outcome.status == "duplicate":
            click.echo(f"skipped\t{one_line(outcome.message)}")
        else:
            failed += 1
            click.echo(f"error\t{one_line(outcome.message)}", err=True)

    errors = "replace" if replace_invalid else "strict"
    with (
        _open(project, create=True, lock=True) as proj,
        decode_options(errors=errors, max_bytes=int(max_size * MB)),
        forced_reader(format_name),
        default_author(author),
    ):
        import_bulk(proj, [Path(p) for p in paths], on_outcome=report)
    if failed:
        raise click.ClickException(f"{plural(failed, 'file')} could not be imported (see above).")


@main.command()
@click.argument("project", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "format_name",
    default="jsonl",
    show_default=True,
    type=click.Choice([f.name for f in export_formats()]),
)
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(allow_dash=True),
    help="File (brat: folder); - for standard output.",
)
@click.option("--label", "labels", multiple=True, help="Export only these labels (repeatable).")
@click.option("--document", "documents", multiple=True, type=int, help="Only these document ids.")
@click.option("--author", help="Export only this annotator's spans.")
@click.option("--layer", help="Only this layer: curation (adjudicated) or an annotator.")
@click.option("--include-boilerplate", is_flag=True, help="Keep text marked as boilerplate.")
@click.option(
    "--conll-overlap",
    type=click.Choice(CONLL_OVERLAP_POLICIES),
    default="longest",
    show_default=True,
    help="CoNLL: which of overlapping spans to keep ('error' refuses to export).",
)
@click.option("--split", help="Split by document, e.g. train=0.8,dev=0.1,test=0.1.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of --split.")
@click.option("--card/--no-card", default=None, help="Dataset card beside it (default: --split).")
def export(
    project: str | None,
    format_name: str,
    output: str,
    labels: tuple[str, ...],
    documents: tuple[int, ...] = (),
    include_boilerplate: bool = False,
    conll_overlap: str = "longest",
    author: str | None = None,
    split: str | None = None,
    seed: int = 0,
    card: bool | None = None,
    layer: str | None = None,
) -> None:
    """Export PROJECT (default: your default project) to a dataset (see `annotator formats`)."""
    if author not in (None, layer) and layer is not None:
        raise click.UsageError("--layer is --author by another name: give one of them.")
    author = author if layer is None else layer
    options = ExportOptions(
        labels=frozenset(labels) if labels else None,
        document_ids=list(documents) if documents else None,
        include_boilerplate=include_boilerplate,
        conll_overlap=conll_overlap,
        author=author,
    )
    to_stdout = output == "-"
    if split is not None and (to_stdout or is_stream(Path(output))):
        raise click.UsageError("--split writes one file per split: give --output a file name.")
    with _open(project, read_only=True) as proj, proj.snapshot():  # consistent under a writer
        try:
            if to_stdout:
                sys.stdout.flush()
                summary = export_to_stream(proj, format_name, sys.stdout.buffer, options)
            elif split is None and not (card and not is_stream(Path(output))):
                summary = export_project(proj, format_name, Path(output), options)
            else:
                out, card = Path(output), card is not False
                release = export_release(proj, format_name, out, options, split, seed, card)
                return report_release(release)
        except ExportError as exc:
            raise click.ClickException(str(exc)) from exc
    where = "standard output" if to_stdout else output
    report_summary(summary, where, err=to_stdout or is_stream(Path(output)))


@main.command()
def formats() -> None:
    """List the formats as a table: name, suffixes, import/export, what each keeps and loses."""
    header = ("FORMAT", "FILES", "DIRECTION", "KEEPS", "LOSES")
    rows = [
        (
            fmt.name,
            "folder" if fmt.folder else " ".join(fmt.suffixes),
            "/".join(w for w, f in (("import", fmt.reader), ("export", fmt.writer)) if f),
            fmt.keeps,
            fmt.loses,
        )
        for fmt in FORMATS
    ]
    for line in _table(header, rows, wrap={3: 44, 4: 34}):
        click.echo(line.rstrip())


def _table(
    header: tuple[str, ...], rows: Sequence[tuple[str, ...]], wrap: dict[int, int]
) -> list[str]:
    """Aligned columns; the columns in ``wrap`` are wrapped to that many characters."""
    cells = [[textwrap.wrap(v, wrap[i]) if i in wrap else [v] for i, v in enumerate(row)]
             for row in rows]  # fmt: skip
    widths = [
        max([len(header[i]), *(len(part) for row in cells for part in row[i])])  # no rows: header
        for i in range(len(header))
    ]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    for row in cells:
        for k in range(max(len(c) for c in row)):
            parts = [c[k] if k < len(c) else "" for c in row]
            lines.append("  ".join(p.ljust(w) for p, w in zip(parts, widths, strict=True)))
    return lines


@main.command()
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.argument("query", required=False, default="")
@click.option("--label", help="Only documents having a span with this label.")
@click.option("--span-text", help="...whose covered text is this (case-insensitive).")
@click.option("--attribute", help="...with this attribute (KEY or KEY=VALUE).")
@click.option("--limit", default=20, show_default=True, help="Show at most this many documents.")
@click.option("--fts", "raw", is_flag=True, help="QUERY is FTS5 syntax (OR, NEAR, prefix*).")
def search(
    project: str,
    query: str,
    label: str | None,
    span_text: str | None,
    attribute: str | None,
    limit: int,
    raw: bool,
) -> None:
    """Full-text search in PROJECT: one line per document (id, title, context of the hits)."""
    key, value = parse_attribute(attribute)
    span_filter = SpanFilter(label, span_text, key, value)
    with _open(project, read_only=True) as proj, proj.snapshot():  # reads like list/export
        try:
            results = search_documents(
                proj, query, span_filter=span_filter, limit=limit, raw=raw, with_offsets=False
            )
        except ProjectError as exc:
            raise click.ClickException(str(exc)) from exc
    for result in results:
        snippet = " ".join(result.snippet_marked().split())
        click.echo("\t".join([str(result.document_id), result.title, snippet]))
    if not results:
        click.echo("no matching documents", err=True)


@main.command(name="list")
@click.argument("project", required=False, type=click.Path(dir_okay=False))
def list_(project: str | None) -> None:
    """List the documents of PROJECT with their status and annotation counts; then, on
    stderr, how many are done ("12 of 40 done")."""
    with _open(project, read_only=True) as proj, proj.snapshot():
        labels = [label.name for label in proj.labels()]
        click.echo("\t".join(["id", "status", "annotations", *map(one_line, labels), "title"]))
        for doc in proj.documents():
            per_label = [str(doc.counts_by_label.get(name, 0)) for name in labels]
            row = [str(doc.id), status_word(doc.status), str(doc.annotation_count), *per_label]
            click.echo("\t".join([*row, one_line(doc.title)]))
        click.echo(str(proj.status_counts()), err=True)


@main.command()
@click.argument("project", required=False, type=click.Path(dir_okay=False))
@click.option("--repair", is_flag=True, help="Fix what can be fixed, after a backup copy.")
def check(project: str | None, repair: bool) -> None:
    """Check PROJECT: SQLite's integrity check and the annotation invariants.

    Exits with status 1 if a problem remains. Without --repair nothing is written.
    """
    path = Path(project) if project else default_project_path()
    report = check_project(path, fix=repair)
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        sys.exit(1)


@main.command()
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.argument("ids", nargs=-1, required=True, type=int)
def remove(project: str, ids: tuple[int, ...]) -> None:
    """Remove documents IDS (see `annotator list`) with their annotations and relations.

    A backup copy is written first. An unknown id removes nothing and exits with status 1.
    """
    with _open(project, lock=True) as proj:
        try:
            if unknown := sorted(set(ids) - set(proj.document_ids())):
                listed = ", ".join(map(str, unknown))
                raise ProjectError(f"No document {listed} in {proj.path.name}; nothing removed.")
            saved = make_backup(proj, "before-remove")
            removed = proj.remove_documents(ids)
        except ProjectError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"removed {removed.summary()}")
    click.echo(f"backup\tbefore removing: {saved}")


main.add_command(actors)
main.add_command(status)


@main.command()
def where() -> None:
    """Print the path of your default project."""
    click.echo(default_project_path())


main.add_command(tag_all)
main.add_command(suggest)
main.add_command(suggestions)
main.add_command(stats)
main.add_command(claims)
main.add_command(agreement)
main.add_command(merge)
main.add_command(train_model)
main.add_command(use_model)
main.add_command(install_desktop)
