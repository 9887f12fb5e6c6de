"""The dataset card written beside an export (issue #13): a Markdown file that says what the
dataset holds -- files and splits, label counts (per split), annotators and their span counts,
agreement when two or more annotated the same documents, sources, the date range of the texts,
the Annotator version and the export's options. The licence is left for the publisher to state.

Counts are taken from what the export wrote (the same label filter and boilerplate cut), so the
card and the files agree. The card has no export date: the same export gives the same card.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator import __version__
from annotator.core.agreement import AgreementReport, Scores
from annotator.formats.export_view import iter_views
from annotator.formats.files import atomic_text
from annotator.formats.model import ExportOptions, ExportSummary
from annotator.services.agreement import project_agreement
from annotator.store import Project
from annotator.store.export_documents import export_source

LICENCE_TODO = "TODO: state the licence of the texts."


@dataclass(frozen=True)
class CardSplit:
    name: str  # "" when the export is not split
    path: Path
    document_ids: list[int]
    summary: ExportSummary


@dataclass
class _Counts:
    labels: Counter[str] = field(default_factory=Counter)
    authors: Counter[str] = field(default_factory=Counter)


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    if not rows:
        return ["None.", ""]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _counts(project: Project, split: CardSplit, options: ExportOptions) -> _Counts:
    counts = _Counts()
    view_options = replace(options, document_ids=split.document_ids, progress=None)
    for view in iter_views(export_source(project), view_options, ExportSummary()):
        counts.labels.update(a.label for a in view.spans)
        counts.authors.update(a.author for a in view.spans)
    return counts


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _agreement(report: AgreementReport) -> list[str]:
    if len(report.annotators) < 2 or not report.documents:
        return ["Fewer than two annotators annotated the same documents: no agreement.", ""]
    lines = [
        f"On the {len(report.documents)} documents annotated by two or more annotators "
        "(F1 on spans, κ on tokens, α on characters; `annotator agreement` gives details).",
        "",
    ]
    rows: list[list[object]] = [
        [_author(p.a), _author(p.b), p.documents, _number(p.f1_exact), _number(p.f1_overlap),
         _number(p.kappa)]
        for p in report.overall.pairs
    ]  # fmt: skip
    lines += _table(["A", "B", "Documents", "F1 exact", "F1 overlap", "Cohen's κ"], rows)
    lines += _overall("All labels", report.overall)
    for label, scores in sorted(report.labels.items()):
        lines += _overall(label, scores)
    return [*lines, ""]


def _overall(what: str, scores: Scores) -> list[str]:
    return [
        f"- {_cell(what)}: Fleiss' κ {_number(scores.fleiss_kappa)}, Krippendorff's α "
        f"(nominal, characters) {_number(scores.alpha_nominal_chars)}"
    ]


def _author(name: str) -> str:
    return name or "(no author)"


def _sources_and_dates(project: Project, ids: set[int]) -> tuple[Counter[str], list[str]]:
    sources: Counter[str] = Counter()
    dates: list[str] = []
    for doc_id, _title, _name, source, date, _status in project.document_rows():
        if doc_id in ids:
            sources[source or "(no source)"] += 1
            if date:
                dates.append(date)
    return sources, sorted(dates)


def export_command(
    format_name: str, output: Path, options: ExportOptions, split: str | None, seed: int
) -> str:
    """The ``annotator export`` options that made this export (the project left out)."""
    words = ["annotator export", f"--format {format_name}", f"--output {shlex.quote(output.name)}"]
    words += [f"--label {shlex.quote(label)}" for label in sorted(options.labels or ())]
    words += [f"--document {d}" for d in options.document_ids or ()]
    words += ["--include-boilerplate"] if options.include_boilerplate else []
    words += [f"--conll-overlap {options.conll_overlap}"] if format_name == "conll" else []
    words += [f"--split {split}", f"--seed {seed}"] if split is not None else []
    return " ".join(words)


def card_markdown(
    project: Project, splits: Sequence[CardSplit], options: ExportOptions, command: str
) -> str:
    counts = {s.name: _counts(project, s, options) for s in splits}
    ids = {d for s in splits for d in s.document_ids}
    named = [s.name for s in splits if s.name]
    lines = [f"# Dataset card: {_cell(project.path.stem)}", ""]
    lines += [f"Exported with Annotator {__version__}: `{command}`", ""] if command else []
    lines += ["## Files and splits", ""]
    lines += _table(
        ["Split", "File", "Documents", "Spans"],
        [[s.name or "(all)", s.path.name, s.summary.documents, s.summary.spans] for s in splits],
    )
    lines += ["## Labels", ""]
    total_labels = sum((c.labels for c in counts.values()), Counter[str]())
    lines += _table(
        ["Label", *named, "Total"],
        [[label, *(counts[n].labels[label] for n in named), total_labels[label]]
         for label in sorted(total_labels)],
    )  # fmt: skip
    authors = sum((c.authors for c in counts.values()), Counter[str]())
    lines += ["## Annotators", ""]
    lines += _table(["Annotator", "Spans"], [[_author(a), n] for a, n in sorted(authors.items())])
    lines += ["## Agreement", ""]
    known = {label.name for label in project.labels()}
    labels = None if options.labels is None else sorted(options.labels & known)
    lines += _agreement(project_agreement(project, labels, sorted(ids)))
    sources, dates = _sources_and_dates(project, ids)
    lines += ["## Sources", ""]
    lines += _table(["Source", "Documents"], sorted(sources.items()))
    lines += ["## Dates", ""]
    lines += [_date_range(dates, len(ids)), ""]
    lines += ["## Licence", "", LICENCE_TODO, ""]
    return "\n".join(lines)


def _date_range(dates: list[str], documents: int) -> str:
    if not dates:
        return "No document has a date (metadata `date`)."
    undated = documents - len(dates)
    rest = f"; {undated} without a date" if undated else ""
    return f"From {dates[0]} to {dates[-1]} (metadata `date` of {len(dates)} documents{rest})."


def write_card(
    project: Project,
    path: Path,
    splits: Sequence[CardSplit],
    options: ExportOptions,
    command: str,
) -> None:
    with atomic_text(path) as fh:
        fh.write(card_markdown(project, splits, options, command))
