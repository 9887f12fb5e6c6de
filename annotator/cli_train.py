"""``annotator train``: train the project's model and print its scores on held-out documents."""

from __future__ import annotations

import click

from annotator.core.decode import one_line
from annotator.core.plural import plural
from annotator.services.spacy_model import ModelUnavailable
from annotator.services.training import Score, TrainingError, TrainResult, train


def _row(name: str, score: Score) -> str:
    support = score.true_positives + score.false_negatives
    return (
        f"{one_line(name):<16}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>10.3f}"
        f"{support:>8}"
    )


def _report(result: TrainResult) -> list[str]:
    lines = [f"{'label':<16}{'precision':>10}{'recall':>10}{'F1':>10}{'spans':>8}"]
    lines += [_row(label, score) for label, score in result.scores.items()]
    lines.append(_row("micro", result.micro))
    lines.append(
        f"trained on {plural(len(result.trained_on), 'document')} ({result.epochs} epochs),"
        f" scored on {len(result.held_out)} held out;"
        f" model saved in {one_line(str(result.path))}"
    )
    return lines


@click.command(name="train")
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.option("--label", "labels", multiple=True, help="Only this label (repeatable).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the split.")
def train_model(project: str, labels: tuple[str, ...], seed: int) -> None:
    """Train a spaCy model on PROJECT's annotated documents and save it beside the project.

    A fifth of the annotated documents (drawn with --seed) is held out: precision, recall and F1
    on them (exact spans) are printed per label and micro-averaged. Labels whose spans average
    at most 6 tokens are learned as entities, longer ones by a span categorizer. Needs spaCy:
    pip install 'annotator[ml]'.
    """
    from annotator.cli import _open  # cli.py registers this command

    with _open(project, read_only=True) as proj:
        try:
            result = train(proj, labels=labels or None, seed=seed)
        except (ModelUnavailable, TrainingError) as exc:
            raise click.ClickException(str(exc)) from exc
    for line in _report(result):
        click.echo(line)


@click.command(name="use-model")
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.argument("name", required=False)
@click.option(
    "--map", "mapping", multiple=True, metavar="THEIRS=OURS",
    help="Map one of the pipeline's labels to a label of the project (repeatable).",
)  # fmt: skip
def use_model(project: str, name: str | None, mapping: tuple[str, ...]) -> None:
    """The model `annotator suggest --source model` uses: an installed spaCy pipeline NAME
    (`spacy.load(NAME)`) with its labels mapped to the project's, e.g. `--map PERSON=Actor
    --map ORG=Actor`; without NAME, the model trained on the project again."""
    from annotator.cli import _open
    from annotator.services.model_suggest import use_installed_model, use_trained_model

    pairs = [m.partition("=") for m in mapping]
    if any(not sep or not theirs.strip() or not ours.strip() for theirs, sep, ours in pairs):
        raise click.UsageError("--map takes THEIRS=OURS, e.g. --map PERSON=Actor.")
    if name and not pairs:
        raise click.UsageError("Map at least one of its labels, e.g. --map PERSON=Actor.")
    with _open(project, lock=True) as proj:
        known = {label.name for label in proj.labels()}
        if unknown := sorted({o.strip() for _, _, o in pairs} - known):
            raise click.ClickException(f"No label {', '.join(unknown)} in this project.")
        if name:
            use_installed_model(proj, name, {t.strip(): o.strip() for t, _, o in pairs})
            click.echo(f"suggestions from the model will come from {one_line(name)}")
        else:
            use_trained_model(proj)
            click.echo("suggestions from the model will come from the one trained on the project")
