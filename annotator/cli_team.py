"""``annotator merge``: several annotators' project files into one (issue #13)."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.core.decode import one_line
from annotator.services.merge import MergeCounts, merge_projects
from annotator.store import ProjectError


@click.command(name="merge")
@click.argument("out", type=click.Path(dir_okay=False))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True))
def merge(out: str, inputs: tuple[str, ...]) -> None:
    """Merge the projects INPUTS into OUT (created, or an existing project merged into).

    Documents are matched by their text, labels and relation types by name, registry actors by
    name or alias; every span keeps its author (a span without one gets the input's file name).
    A span OUT already has is not added twice. The inputs are only read, never changed."""
    try:
        results = merge_projects(Path(out), [Path(p) for p in inputs])
    except ProjectError as exc:
        raise click.ClickException(str(exc)) from exc
    for counts in results:
        for line in report_lines(counts):
            click.echo(line)
    click.echo(f"merged\t{len(results)} project(s) into {Path(out).name}")


def report_lines(counts: MergeCounts) -> list[str]:
    """What merging one input did, tab-separated like the other commands' reports."""
    lines = [
        f"input\t{counts.source}",
        f"documents\t{counts.documents_matched} matched, {counts.documents_added} added",
        f"spans\t{counts.spans_added} added, {counts.spans_skipped} skipped as duplicates",
        f"relations\t{counts.relations_added} added, {counts.relations_skipped} skipped as"
        " duplicates",
        f"actors\t{counts.actors_matched} matched, {counts.actors_added} added",
    ]
    if counts.spans_authorless:
        lines.append(
            f"authors\t{counts.spans_authorless} span(s) had no author and are filed under"
            f" {counts.default_author!r}"
        )
    if counts.links_dropped:
        lines.append(
            f"actors\t{counts.links_dropped} span(s) linked to an actor missing from the input's"
            " registry were merged without the link"
        )
    if counts.labels_added or counts.relation_types_added:
        added = ", ".join([*counts.labels_added, *counts.relation_types_added])
        lines.append(f"schema\tadded {added}")
    lines.append(f"conflicts\t{len(counts.conflicts)}")
    lines.extend(f"conflict\t{one_line(c)}" for c in counts.conflicts)
    return lines
