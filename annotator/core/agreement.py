"""Inter-annotator agreement over plain data (issue #13): span F1, Cohen's and Fleiss' κ on
tokens, Krippendorff's α (nominal) on characters, and the list of disagreements.

Input: for each annotator, for each document id, a list of (start, end, label) in code points,
and each document's length and tokens (:class:`DocumentShape`). An annotator *annotated* a
document when it has at least one span there (of any label, before ``labels`` filters them).

Which documents count: a pair is compared on the documents both annotated; Fleiss' κ and α use
every document annotated by at least two annotators (``documents`` of the report). On such a
document an annotator who did not annotate it is missing data: α handles it, Fleiss' κ counts
each unit with the raters it has (see :func:`reliability.fleiss_kappa`), Cohen's κ leaves it out.
Per label, the same numbers are computed with only that label's spans (labelled or "none"), on
the same documents. Undefined values (no spans; a single category) are ``None``.
How spans are matched: see :mod:`annotator.core.span_matching`; units: :mod:`reliability`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from annotator.core.reliability import (
    Span,
    Units,
    alpha_nominal,
    cohen_kappa,
    document_units,
    fleiss_kappa,
    merge_units,
    tokenize,
)
from annotator.core.span_matching import F1Counts, Mismatch, match

AuthorSpans = Mapping[str, Mapping[int, Sequence[Span]]]


@dataclass(frozen=True)
class DocumentShape:
    length: int
    tokens: tuple[tuple[int, int], ...]


def shape_of(text: str) -> DocumentShape:
    return DocumentShape(len(text), tokenize(text))


@dataclass(frozen=True)
class PairScores:
    a: str
    b: str
    f1_exact: float | None
    f1_overlap: float | None
    kappa: float | None
    documents: int  # how many documents both annotated

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "f1_exact": self.f1_exact,
                "f1_overlap": self.f1_overlap, "kappa": self.kappa}  # fmt: skip


@dataclass(frozen=True)
class Scores:
    pairs: tuple[PairScores, ...]
    fleiss_kappa: float | None
    alpha_nominal_chars: float | None

    def to_json(self) -> dict[str, Any]:
        return {"pairs": [p.to_json() for p in self.pairs], "fleiss_kappa": self.fleiss_kappa,
                "alpha_nominal_chars": self.alpha_nominal_chars}  # fmt: skip


@dataclass(frozen=True)
class Disagreement:
    document: int
    a: str
    b: str
    mismatch: Mismatch

    def to_json(self) -> dict[str, Any]:
        m = self.mismatch
        return {"document": self.document, "a": self.a, "b": self.b, "kind": m.kind,
                "a_span": None if m.a_span is None else list(m.a_span),
                "b_span": None if m.b_span is None else list(m.b_span)}  # fmt: skip


@dataclass(frozen=True)
class AgreementReport:
    annotators: tuple[str, ...]
    documents: tuple[int, ...]
    overall: Scores
    labels: dict[str, Scores]
    disagreements: tuple[Disagreement, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "annotators": list(self.annotators),
            "documents": list(self.documents),
            **self.overall.to_json(),
            "labels": {name: scores.to_json() for name, scores in self.labels.items()},
            "disagreements": [d.to_json() for d in self.disagreements],
        }


def agreement(
    spans: AuthorSpans,
    documents: Mapping[int, DocumentShape],
    labels: Sequence[str] | None = None,
) -> AgreementReport:
    """The whole report; ``labels`` keeps only those labels' spans (default: every label)."""
    names = tuple(sorted(spans))
    shared = tuple(sorted(d for d in documents if sum(bool(spans[n].get(d)) for n in names) > 1))
    annotated = {n: [d for d in shared if spans[n].get(d)] for n in names}
    kept = _filtered(spans, annotated, labels)
    all_labels = sorted({s[2] for n in names for d in shared for s in kept[n].get(d) or ()})
    per_label = list(labels) if labels is not None else all_labels
    f1, disagreements = _pair_matching(kept, names, shared)
    overall = _scores(kept, names, shared, documents, f1, None)
    by_label = {
        label: _scores(_filtered(kept, annotated, [label]), names, shared, documents, f1, label)
        for label in per_label
    }
    return AgreementReport(names, shared, overall, by_label, tuple(disagreements))


def _filtered(
    spans: AuthorSpans, annotated: Mapping[str, Sequence[int]], labels: Sequence[str] | None
) -> dict[str, dict[int, list[Span]]]:
    """Each annotator's spans on the shared documents it annotated (only ``labels``' spans; a
    document stays annotated when none of its spans is kept)."""
    keep = None if labels is None else set(labels)
    return {
        name: {doc: [s for s in spans[name][doc] if keep is None or s[2] in keep] for doc in docs}
        for name, docs in annotated.items()
    }


def _pair_matching(
    spans: Mapping[str, Mapping[int, Sequence[Span]]], names: Sequence[str], shared: Sequence[int]
) -> tuple[dict[tuple[str, str], tuple[F1Counts, int]], list[Disagreement]]:
    counts: dict[tuple[str, str], tuple[F1Counts, int]] = {}
    disagreements = []
    for a, b in combinations(names, 2):
        total, docs = F1Counts(), 0
        for doc in shared:
            if doc in spans[a] and doc in spans[b]:
                found, mismatches = match(spans[a][doc], spans[b][doc])
                total.add(found)
                docs += 1
                disagreements += [Disagreement(doc, a, b, m) for m in mismatches]
        counts[a, b] = (total, docs)
    return counts, disagreements


def _scores(
    spans: Mapping[str, Mapping[int, Sequence[Span]]],
    names: Sequence[str],
    shared: Sequence[int],
    documents: Mapping[int, DocumentShape],
    f1: Mapping[tuple[str, str], tuple[F1Counts, int]],
    label: str | None,
) -> Scores:
    chars, tokens = _units(spans, names, shared, documents)
    pairs = []
    for (a, b), (counts, docs) in f1.items():
        exact, overlap = counts.f1(label)
        kappa = cohen_kappa(tokens, names.index(a), names.index(b))
        pairs.append(PairScores(a, b, exact, overlap, kappa, docs))
    return Scores(tuple(pairs), fleiss_kappa(tokens), alpha_nominal(chars))


def _units(
    spans: Mapping[str, Mapping[int, Sequence[Span]]],
    names: Sequence[str],
    shared: Sequence[int],
    documents: Mapping[int, DocumentShape],
) -> tuple[Units, Units]:
    chars, tokens = [], []
    for doc in shared:
        shape = documents[doc]
        per_annotator = [spans[n].get(doc) for n in names]
        doc_chars, doc_tokens = document_units(per_annotator, shape.length, shape.tokens)
        chars.append(doc_chars)
        tokens.append(doc_tokens)
    return merge_units(chars), merge_units(tokens)
