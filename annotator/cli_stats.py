"""``annotator stats``: a project's numbers as tables, JSON, or one chart saved (issue #12)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from annotator.core.decode import one_line
from annotator.services.statistics import Statistics, project_statistics


def _tables(stats: Statistics) -> list[str]:
    from annotator.cli import _table  # cli.py imports this module

    def table(title: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
        body = _table(header, [tuple(one_line(c) for c in r) for r in rows], wrap={})
        return [title, *(line.rstrip() for line in body), ""]

    timeline = stats.stances
    p = stats.progress
    return [
        *table("Spans per label", ("LABEL", "SPANS"), [(n, str(c)) for n, c in stats.labels]),
        *table("Top actors", ("ACTOR", "TYPE", "MENTIONS"),
               [(n, t, str(c)) for n, t, c in stats.actors]),
        *table("Spans per document", ("ID", "STATUS", "SPANS", "TITLE"),
               [(str(d.id), d.status, str(d.spans), d.title) for d in stats.documents]),
        *table("Claims per stance over time", ("MONTH", *(s.upper() for s in timeline.counts)),
               [(m, *(str(c[i]) for c in timeline.counts.values()))
                for i, m in enumerate(timeline.months)]),
        *table("Progress", ("NEW", "IN PROGRESS", "DONE", "TOTAL"),
               [(str(p.new), str(p.in_progress), str(p.done), str(p.total))]),
    ]  # fmt: skip


@click.command(name="stats")
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.option("--top", default=10, show_default=True, help="How many actors to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as one JSON object.")
@click.option(
    "--chart", type=click.Choice(["labels", "actors", "stances", "progress"]),
    help="Save this chart to --output instead of printing the numbers.",
)  # fmt: skip
@click.option("--output", type=click.Path(dir_okay=False), help="The chart's file: .png or .svg.")
def stats(project: str, top: int, as_json: bool, chart: str | None, output: str | None) -> None:
    """Print PROJECT's statistics: spans per label, top actors, spans per document, claims per
    stance and month of the article date, and progress."""
    from annotator.cli import _open  # cli.py imports this module

    if (chart is None) != (output is None):
        raise click.UsageError("--chart and --output go together.")
    with _open(project, read_only=True) as proj:
        numbers = project_statistics(proj, top=top)
    if chart is not None and output is not None:
        _save(numbers, chart, Path(output))
    elif as_json:
        click.echo(json.dumps(numbers.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(_tables(numbers)).rstrip())


def _save(numbers: Statistics, chart: str, output: Path) -> None:
    from annotator.services.charts import chart_format, save_chart

    try:
        chart_format(output)
        save_chart(numbers, chart, output)
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"saved\t{chart}\t{output}")
