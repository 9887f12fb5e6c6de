"""``annotator actors …`` (the actor registry) and ``annotator status`` (issue #12)."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import click

from annotator.cli_claims import output_option, write_output
from annotator.core.actors import Actor, parse_status
from annotator.core.decode import one_line
from annotator.core.plural import plural
from annotator.formats.actor_registry import (
    ALIAS_SEPARATOR,
    REGISTRY_FORMATS,
    read_registry_json,
    registry_text,
)
from annotator.store import Project, ProjectError
from annotator.store.backups import make_backup

STATUS_WORDS = ("new", "in-progress", "done")


def _open(project: str, *, read_only: bool = False) -> Project:
    from annotator.cli import _open as open_project  # cli.py imports this module

    return open_project(project, read_only=read_only, lock=not read_only)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    from annotator.cli import _table as table

    return table(header, rows, wrap={2: 40})


@click.group()
def actors() -> None:
    """The actor registry: canonical actors with aliases, linked from Actor spans."""


@actors.command(name="list")
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--format", "fmt", type=click.Choice(["table", *REGISTRY_FORMATS]), default="table",
    show_default=True,
)  # fmt: skip
def list_actors(project: str, fmt: str) -> None:
    """List the actors of PROJECT: name, type, aliases and mentions (spans linked)."""
    with _open(project, read_only=True) as proj:
        found = proj.actors()
    if fmt != "table":
        click.echo(registry_text(found, fmt), nl=False)
        return
    rows = [(a.name, a.type, ALIAS_SEPARATOR.join(a.aliases), str(a.mentions)) for a in found]
    for line in _table(("NAME", "TYPE", "ALIASES", "MENTIONS"), [_row(r) for r in rows]):
        click.echo(line.rstrip())
    click.echo(plural(len(found), "actor"), err=True)


def _row(cells: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(one_line(c) for c in cells)


@actors.command(name="add")
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.argument("name")
@click.option("--alias", "aliases", multiple=True, help="Another name of it (repeatable).")
@click.option(
    "--type", "kind", type=click.Choice(["person", "organisation", "state", "group", "other"]),
    default="person", show_default=True,
)  # fmt: skip
@click.option("--description", default="", help="A short description.")
@click.option("--external-id", default="", help="An id elsewhere, e.g. Wikidata's Q56226.")
def add_actor(
    project: str, name: str, aliases: tuple[str, ...], kind: str, description: str,
    external_id: str,
) -> None:  # fmt: skip
    """Add the actor NAME to PROJECT's registry (a name or alias already taken is refused)."""
    with _open(project) as proj:
        try:
            actor_id = proj.add_actor(
                name, type=kind, aliases=aliases, description=description,
                external_id=external_id,
            )  # fmt: skip
        except ProjectError as exc:
            raise click.ClickException(str(exc)) from exc
        actor = proj.actor(actor_id)
    click.echo(f"added\t{actor.id}\t{_described(actor)}")


def _described(actor: Actor) -> str:
    """e.g. “Kim Jong Un” (person, 1 alias)."""
    return f"“{one_line(actor.name)}” ({actor.type}, {plural(len(actor.aliases), 'alias')})"


@actors.command(name="merge")
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.argument("keep")
@click.argument("other")
def merge_actors(project: str, keep: str, other: str) -> None:
    """Merge the actor OTHER into KEEP (each by name or alias): KEEP gains OTHER's names and
    spans. A backup copy is written first."""
    with _open(project) as proj:
        try:
            kept, merged = _find(proj, keep), _find(proj, other)
            saved = make_backup(proj, "before-merge")
            record = proj.merge_actors(kept.id, merged.id)
            result = proj.actor(kept.id)
        except ProjectError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(
        f"merged “{one_line(merged.name)}” into {_described(result)}:"
        f" {plural(len(record.relinked), 'span')} relinked"
    )
    click.echo(f"backup\tbefore merging: {saved}")


def _find(project: Project, text: str) -> Actor:
    actor = project.actor_by_name_or_alias(text)
    if actor is None:
        raise ProjectError(f"No actor is named “{text}”; nothing was changed.")
    return actor


@actors.command(name="export")
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.option("--format", "fmt", type=click.Choice(REGISTRY_FORMATS), default="json",
              show_default=True)  # fmt: skip
@output_option
def export_actors(project: str, fmt: str, output: str) -> None:
    """Export PROJECT's actor registry (names, types, aliases, ids, mentions) as JSON or CSV."""
    with _open(project, read_only=True) as proj:
        found = proj.actors()
    data = registry_text(found, fmt).encode("utf-8")

    def write(fh: IO[bytes]) -> None:
        fh.write(data)

    where = write_output(output, write)
    click.echo(f"wrote {plural(len(found), 'actor')} to {where}", err=output == "-")


@actors.command(name="import")
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
def import_actors(project: str, file: str) -> None:
    """Add the actors of a registry JSON FILE (`annotator actors export`) to PROJECT. An actor
    PROJECT already has by name or alias is left as it is; a name or alias taken by another
    actor refuses the whole file (nothing is added)."""
    try:
        found = read_registry_json(Path(file).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise click.ClickException(f"{Path(file).name}: {exc}; nothing was imported.") from exc
    with _open(project) as proj:
        try:
            with proj.transaction():
                added = [a for a in found if proj.actor_by_name_or_alias(a.name) is None]
                for actor in added:
                    proj.add_actor(
                        actor.name, type=actor.type, aliases=actor.aliases,
                        description=actor.description, external_id=actor.external_id,
                        color=actor.color,
                    )  # fmt: skip
        except ProjectError as exc:
            raise click.ClickException(f"{exc} Nothing was imported.") from exc
    known = len(found) - len(added)
    click.echo(f"imported {plural(len(added), 'actor')}; {known} already in the registry")


@click.command()
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.argument("ids", nargs=-1, required=True, type=int)
@click.argument("status", type=click.Choice(STATUS_WORDS, case_sensitive=False))
def status(project: str, ids: tuple[int, ...], status: str) -> None:
    """Mark documents IDS (see `annotator list`) as new, in-progress or done."""
    with _open(project) as proj:
        try:
            proj.set_document_status(ids, parse_status(status))
        except ProjectError as exc:
            raise click.ClickException(str(exc)) from exc
        counts = proj.status_counts()
    click.echo(f"{plural(len(set(ids)), 'document')} marked {status.lower()}; {counts}")


def status_word(stored: str) -> str:
    """A stored status as the command line writes it: in_progress → in-progress."""
    return stored.replace("_", "-")
