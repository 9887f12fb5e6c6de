"""``annotator suggest`` fills the suggestion layer; ``annotator suggestions`` lists them and
accepts or rejects them in bulk (issue #15)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any

import click

from annotator.core.decode import one_line
from annotator.core.plural import plural
from annotator.core.suggestions import SUGGESTION_STATUSES, Suggestion
from annotator.services import suggesting
from annotator.store import Project, ProjectError

MODEL_MISSING = (
    "The model source needs `annotator train` first / spaCy: pip install 'annotator[ml]'."
)


def _model_counts(project: Project, document_ids: Sequence[int] | None) -> Mapping[Any, int]:
    """The model source (``services/model_suggest.py``), when it is there."""
    try:
        module = importlib.import_module("annotator.services.model_suggest")
    except ImportError:
        raise click.ClickException(MODEL_MISSING) from None
    try:
        result = module.suggest_with_model(project, document_ids)
    except module.ModelUnavailable as exc:  # no spaCy, or no model trained yet
        raise click.ClickException(str(exc)) from exc
    counts = getattr(result, "counts", result)
    return counts if isinstance(counts, Mapping) else {}


def _print_counts(counts: Mapping[Any, int]) -> None:
    for key, count in sorted(counts.items(), key=lambda kv: str(kv[0])):
        source, label = key if isinstance(key, tuple) else ("model", key)
        click.echo(f"{source}\t{label}\t{count}")


@click.command(name="suggest")
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--source",
    "sources",
    multiple=True,
    type=click.Choice(["registry", "rules", "model"]),
    help="Where suggestions come from (repeatable; default: registry and rules).",
)
@click.option("--document", "document_ids", type=int, multiple=True,
              help="Only this document id (repeatable).")  # fmt: skip
def suggest(project: str, sources: tuple[str, ...], document_ids: tuple[int, ...]) -> None:
    """Fill PROJECT's suggestion layer and print how many were added per source and label.

    Spans already annotated with the label, suggested before or rejected are not suggested
    again: running it twice adds nothing. Suggestions are never exported as annotations.
    """
    from annotator.cli import _open  # cli.py registers this command

    wanted = sources or suggesting.SOURCES
    ids = list(document_ids) or None
    with _open(project, read_only=False, lock=True) as proj:
        try:
            plain = [s for s in wanted if s != "model"]
            counts: dict[Any, int] = dict(suggesting.suggest(proj, plain, ids).counts)
            if "model" in wanted:
                counts.update(_model_counts(proj, ids))
        except (ProjectError, ValueError) as exc:
            raise click.ClickException(str(exc)) from exc
    _print_counts(counts)
    click.echo(f"{plural(sum(counts.values()), 'suggestion')} added")


def _show(suggestion: Suggestion, text: str) -> str:
    score = "" if suggestion.score is None else f"{suggestion.score:g}"
    return (f"{suggestion.id}\t{suggestion.document_id}\t{suggestion.start}\t{suggestion.end}"
            f"\t{suggestion.label}\t{suggestion.status}\t{suggestion.source}\t{score}"
            f"\t{one_line(text[suggestion.start : suggestion.end])}")  # fmt: skip


def _decide(proj: Project, found: Sequence[Suggestion], accept: bool) -> str:
    ids = [s.id for s in found]
    if accept:
        accepted = suggesting.accept(proj, ids)
        return (f"accepted {plural(len(accepted.ids), 'suggestion')}"
                f" ({plural(len(accepted.added), 'new annotation')})")  # fmt: skip
    rejected = suggesting.decide(proj, ids, "rejected", only="open")
    return f"rejected {plural(len(rejected), 'suggestion')}"


@click.command(name="suggestions")
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--document",
    "document_ids",
    type=int,
    multiple=True,
    help="Only this document id (repeatable).",
)
@click.option("--status", type=click.Choice(SUGGESTION_STATUSES), help="Only this status.")
@click.option("--accept-all", is_flag=True, help="Accept the open ones (one transaction).")
@click.option("--reject-all", is_flag=True, help="Reject the open ones (one transaction).")
@click.option("--min-score", type=float, help="With --accept-all/--reject-all: score at least S.")
def suggestions(
    project: str, document_ids: tuple[int, ...], status: str | None,
    accept_all: bool, reject_all: bool, min_score: float | None,
) -> None:  # fmt: skip
    """List PROJECT's suggestions (id, document, start, end, label, status, source, score,
    text), or accept or reject the open ones in one transaction."""
    from annotator.cli import _open

    if accept_all and reject_all:
        raise click.UsageError("Give --accept-all or --reject-all, not both.")
    deciding = accept_all or reject_all
    ids = list(document_ids) or None
    with _open(project, read_only=not deciding, lock=deciding) as proj:
        try:
            found = proj.project_suggestions(ids, "open" if deciding else status)
            if deciding:
                found = [s for s in found if min_score is None
                         or (s.score is not None and s.score >= min_score)]  # fmt: skip
                click.echo(_decide(proj, found, accept_all))
                return
            texts: dict[int, str] = {}
            for s in found:
                text = texts.setdefault(s.document_id, proj.document(s.document_id).text)
                click.echo(_show(s, text))
        except (ProjectError, ValueError) as exc:
            raise click.ClickException(str(exc)) from exc
