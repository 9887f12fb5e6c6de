"""``annotator tag-all``: tag every occurrence of a name (and an actor's aliases) in a project."""

from __future__ import annotations

from collections.abc import Sequence

import click

from annotator.core.decode import one_line
from annotator.core.plural import plural
from annotator.services.tag_all import Candidate, apply_candidates, find_candidates
from annotator.store import Project, ProjectError


def _actor_needles(project: Project, name: str) -> tuple[int, list[str]]:
    """The registry actor called ``name`` (or with that alias): its id, name and aliases."""
    actor = project.actor_by_name_or_alias(name)
    if actor is None:
        raise click.ClickException(
            f"There is no actor called {name!r} in this project (`annotator actors add`)."
        )
    return actor.id, list(actor.names)


def _describe(candidates: Sequence[Candidate], tagged: int, *, dry_run: bool) -> str:
    done = sum(c.already_tagged for c in candidates)
    docs = len({c.document_id for c in candidates if not c.already_tagged})
    verb = "would tag" if dry_run else "tagged"
    line = f"{verb} {plural(tagged, 'occurrence')} in {plural(docs, 'document')}"
    return line + (f"; {done} already tagged" if done else "")


def _show(candidate: Candidate) -> str:
    mark = "already tagged" if candidate.already_tagged else "new"
    where = f"{candidate.document_id}\t{candidate.start}\t{candidate.end}\t{mark}"
    return (
        f"{where}\t…{one_line(candidate.before)}[{one_line(candidate.text)}]"
        + one_line(candidate.after)
        + "…"
    )


@click.command(name="tag-all")
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.option("--label", required=True, help="The label of the new spans, e.g. Actor.")
@click.option("--text", "texts", multiple=True, help="A name to find (repeatable).")
@click.option("--actor", help="A registry actor: its name and aliases are found, spans linked.")
@click.option("--document", "document_id", type=int, help="Only this document id.")
@click.option("--exact", is_flag=True, help="Match case, dashes and spaces exactly.")
@click.option("--dry-run", is_flag=True, help="Print the occurrences with context; write nothing.")
def tag_all(
    project: str,
    label: str,
    texts: tuple[str, ...],
    actor: str | None,
    document_id: int | None,
    exact: bool,
    dry_run: bool,
) -> None:
    """Tag every whole-word occurrence of TEXT in PROJECT with LABEL.

    By default case, dashes and spaces may differ ("Kim Jong-un" finds "KIM JONG UN" too).
    Occurrences already tagged with LABEL are skipped. The spans are added in one transaction:
    all or none. The command line cannot undo it: run with --dry-run first to review the
    occurrences; unwanted spans can be removed in the GUI.
    """
    from annotator.cli import _open  # cli.py registers this command

    with _open(project, read_only=dry_run, lock=not dry_run) as proj:
        try:
            actor_id, needles = _actor_needles(proj, actor) if actor else (None, [])
            needles = [*texts, *needles]
            if not needles:
                raise click.UsageError("Give --text TEXT or --actor NAME.")
            found = find_candidates(
                proj, needles, label=label, document_id=document_id, fold=not exact
            )
            if dry_run:
                for candidate in found:
                    click.echo(_show(candidate))
                tagged = sum(not c.already_tagged for c in found)
            else:
                tagged = len(apply_candidates(proj, found, label, actor_id).added)
        except (ProjectError, ValueError) as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(_describe(found, tagged, dry_run=dry_run))
