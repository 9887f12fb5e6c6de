"""Benchmark: inter-annotator agreement over 1,000 documents × 3 annotators (issue #13), each
figure next to a same-run reference and the ratio (design D8: no goal is asserted).

Generates N documents (~2 KB of words each) with ~12 gold spans (labels Claim and Actor),
and three annotators who each keep a gold span as it is (80 %), move one of its ends (8 %),
change its label (6 %) or leave it out (6 %), and add a span of their own now and then. Median
of --repeats:

- the whole report from plain data (``core.agreement.agreement``: F1 exact and overlap, Cohen's
  and Fleiss' κ on tokens, α on characters, per label and overall, the disagreements);
- the whole report from a project file (``annotator agreement``'s service: SQLite reads of the
  spans by author and of the texts, tokenizing, then the above);
- α alone, ours (``reliability.document_units`` + ``alpha_nominal``) next to the reference: the
  ``krippendorff`` package's ``alpha(level_of_measurement="nominal")`` on the same reliability
  data (3 × every character of every document, built beforehand, not timed; numpy).

Run:  .venv/bin/python benchmarks/bench_agreement.py [--documents 1000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

import krippendorff
import numpy as np
from bench_library import WORDS, median_of, show

from annotator.core.agreement import DocumentShape, agreement, shape_of
from annotator.core.document import NewDocument
from annotator.core.reliability import Span, alpha_nominal, document_units, merge_units
from annotator.core.styled_text import StyledText
from annotator.services.agreement import project_agreement
from annotator.store import Project
from annotator.store.project import now_iso

LABELS = ["Claim", "Actor"]  # a new project's labels
ANNOTATORS = ["ana", "ben", "cem"]
Data = dict[str, dict[int, list[Span]]]


def _gold(rng: random.Random, text: str) -> list[Span]:
    spans = []
    for _ in range(12):
        start = rng.randrange(len(text) - 60)
        spans.append((start, start + rng.randrange(3, 60), rng.choice(LABELS)))
    return spans


def _annotate(rng: random.Random, gold: list[Span], length: int) -> list[Span]:
    out = []
    for start, end, label in gold:
        roll = rng.random()
        if roll < 0.80:
            out.append((start, end, label))
        elif roll < 0.88:
            out.append((start, min(length, end + rng.randrange(1, 8)), label))
        elif roll < 0.94:
            out.append((start, end, rng.choice([x for x in LABELS if x != label])))
    if rng.random() < 0.3:
        start = rng.randrange(length - 30)
        out.append((start, start + rng.randrange(3, 30), rng.choice(LABELS)))
    return out


def generate(count: int) -> tuple[list[str], Data]:
    rng = random.Random(13)
    texts = [" ".join(rng.choices(WORDS, k=300)) + "." for _ in range(count)]
    data: Data = {name: {} for name in ANNOTATORS}
    for doc, text in enumerate(texts, start=1):
        gold = _gold(rng, text)
        for name in ANNOTATORS:
            data[name][doc] = _annotate(rng, gold, len(text))
    return texts, data


def build_project(path: Path, texts: list[str], data: Data) -> None:
    with Project.open(path) as project:
        ids = project.add_documents([NewDocument(f"D{i}", StyledText(t)) for i, t in
                                     enumerate(texts, start=1)])  # fmt: skip
        stamp = now_iso()
        with project.transaction():
            for name, docs in data.items():
                for doc, spans in docs.items():
                    text = texts[doc - 1]
                    for start, end, label in spans:
                        project.insert_annotation_row(ids[doc - 1], text, start, end, label,
                                                      name, {}, "", None, stamp)  # fmt: skip


def reliability_data(data: Data, shapes: dict[int, DocumentShape]) -> np.ndarray:
    """The reference's input: one row per annotator, one column per character, label codes."""
    from annotator.core.reliability import char_labels

    codes = {label: i for i, label in enumerate(["", *LABELS])}
    rows = []
    for name in ANNOTATORS:
        row: list[int] = []
        for doc, shape in shapes.items():
            row += [codes[x] for x in char_labels(data[name][doc], shape.length)]
        rows.append(row)
    return np.array(rows, dtype=float)


def our_alpha(data: Data, shapes: dict[int, DocumentShape]) -> float | None:
    parts = [document_units([data[n][d] for n in ANNOTATORS], s.length, s.tokens)[0]
             for d, s in shapes.items()]  # fmt: skip
    return alpha_nominal(merge_units(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    texts, data = generate(args.documents)
    shapes = {doc: shape_of(text) for doc, text in enumerate(texts, start=1)}
    spans = sum(len(s) for docs in data.values() for s in docs.values())
    chars = sum(s.length for s in shapes.values())
    print(f"{args.documents} documents, {chars:,} characters, {len(ANNOTATORS)} annotators,"
          f" {spans:,} spans")  # fmt: skip
    report = agreement(data, shapes)
    overall = report.overall
    print(f"alpha {overall.alpha_nominal_chars:.4f}  fleiss {overall.fleiss_kappa:.4f}"
          f"  disagreements {len(report.disagreements):,}")  # fmt: skip
    matrix = reliability_data(data, shapes)
    reference = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))
    print(f"krippendorff package alpha {reference:.4f} (ours {our_alpha(data, shapes):.4f})")
    kripp_s = median_of(args.repeats, lambda: krippendorff.alpha(
        reliability_data=matrix, level_of_measurement="nominal"))  # fmt: skip
    core_s = median_of(args.repeats, lambda: agreement(data, shapes))
    show("whole report, plain data", core_s, kripp_s, "krippendorff alpha alone")
    alpha_s = median_of(args.repeats, lambda: our_alpha(data, shapes))
    show("our alpha alone         ", alpha_s, kripp_s, "krippendorff alpha alone")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "agreement.annotator"
        build_project(path, texts, data)
        with Project.open(path, read_only=True) as project:
            file_s = median_of(args.repeats, lambda: project_agreement(project))
    show("whole report, project   ", file_s, kripp_s, "krippendorff alpha alone")


if __name__ == "__main__":
    main()
