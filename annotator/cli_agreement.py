"""``annotator agreement``: inter-annotator agreement as tables or JSON (issue #13)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

import click

from annotator.core.agreement import AgreementReport, Scores
from annotator.core.decode import one_line
from annotator.services.agreement import UnknownLabelError, project_agreement


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _name(author: str) -> str:
    return one_line(author) if author else "(no author)"


def _table(title: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    from annotator.cli import _table as table  # cli.py imports this module

    return [title, *(line.rstrip() for line in table(header, rows, wrap={})), ""]


def _pair_rows(scores: Scores, label: str | None = None) -> list[tuple[str, ...]]:
    first = () if label is None else (one_line(label),)
    return [
        (*first, _name(p.a), _name(p.b), str(p.documents), _number(p.f1_exact),
         _number(p.f1_overlap), _number(p.kappa))
        for p in scores.pairs
    ]  # fmt: skip


def _tables(report: AgreementReport) -> list[str]:
    if not report.documents:
        return ["No document was annotated by two or more annotators."]
    kinds = Counter(d.mismatch.kind for d in report.disagreements)
    header = ("A", "B", "DOCS", "F1 EXACT", "F1 OVERLAP", "KAPPA")
    return [
        f"Annotators: {', '.join(_name(a) for a in report.annotators)}",
        f"Documents annotated by two or more: {len(report.documents)}"
        f" (ids {', '.join(map(str, report.documents))})",
        "",
        *_table("Pairs", header, _pair_rows(report.overall)),
        *_table("Overall", ("FLEISS KAPPA (TOKENS)", "ALPHA NOMINAL (CHARACTERS)"),
                [(_number(report.overall.fleiss_kappa),
                  _number(report.overall.alpha_nominal_chars))]),
        *_table("Per label", ("LABEL", *header),
                [row for name, s in report.labels.items() for row in _pair_rows(s, name)]),
        *_table("Per label overall", ("LABEL", "FLEISS KAPPA", "ALPHA NOMINAL"),
                [(one_line(name), _number(s.fleiss_kappa), _number(s.alpha_nominal_chars))
                 for name, s in report.labels.items()]),
        *_table("Disagreements", ("MISSING", "LABEL", "BOUNDARY", "TOTAL"),
                [(str(kinds["missing"]), str(kinds["label"]), str(kinds["boundary"]),
                  str(len(report.disagreements)))]),
    ]  # fmt: skip


@click.command(name="agreement")
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.option("--label", "labels", multiple=True, help="Only this label's spans (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
def agreement(project: str, labels: tuple[str, ...], as_json: bool) -> None:
    """Print the agreement between PROJECT's annotators: span F1 (exact and overlap), Cohen's
    kappa per pair and Fleiss' kappa on tokens, Krippendorff's alpha (nominal) on characters,
    per label and overall, on the documents two or more annotators annotated."""
    from annotator.cli import _open  # cli.py imports this module

    with _open(project, read_only=True) as proj:
        try:
            report = project_agreement(proj, list(labels) or None)
        except UnknownLabelError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(_tables(report)).rstrip())
