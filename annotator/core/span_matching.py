"""Matching two annotators' spans on one document (issue #13): F1 counts and disagreements.

The matching rule, in three passes over the spans of A and B (each span used at most once):
1. *exact*: same start, end and label;
2. *boundary*: of the rest, spans with the same label that share at least one character, paired
   greedily by the largest overlap (ties: A's span first in text order, then B's);
3. *label*: of the rest, spans with different labels that share a character, paired the same way.
What is left on either side is *missing* on the other. Exact pairs count for F1 exact; exact and
boundary pairs for F1 overlap. F1 = 2·matched / (|A| + |B|), which is symmetric.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.core.reliability import Span

MISSING, LABEL, BOUNDARY = "missing", "label", "boundary"


@dataclass(frozen=True)
class Mismatch:
    """One disagreement between A and B on a document (``None``: that side has no span)."""

    a_span: Span | None
    b_span: Span | None
    kind: str


@dataclass
class F1Counts:
    """Per label: spans of A, spans of B, exact pairs, overlap pairs (exact included)."""

    a: Counter[str] = field(default_factory=Counter)
    b: Counter[str] = field(default_factory=Counter)
    exact: Counter[str] = field(default_factory=Counter)
    overlap: Counter[str] = field(default_factory=Counter)

    def add(self, other: F1Counts) -> None:
        for mine, theirs in zip(self.counters(), other.counters(), strict=True):
            mine.update(theirs)

    def counters(self) -> tuple[Counter[str], ...]:
        return self.a, self.b, self.exact, self.overlap

    def f1(self, label: str | None = None) -> tuple[float | None, float | None]:
        """(F1 exact, F1 overlap) for ``label``, or micro over all labels; None: no spans."""

        def total(c: Counter[str]) -> int:
            return sum(c.values()) if label is None else c[label]

        spans = total(self.a) + total(self.b)
        if spans == 0:
            return None, None
        return 2 * total(self.exact) / spans, 2 * total(self.overlap) / spans


def _exact(a: Sequence[Span], b: Sequence[Span]) -> list[tuple[int, int]]:
    free: dict[Span, list[int]] = {}
    for j, span in enumerate(b):
        free.setdefault(span, []).append(j)
    pairs = []
    for i, span in enumerate(a):
        if free.get(span):
            pairs.append((i, free[span].pop(0)))
    return pairs


def _overlaps(
    a: Sequence[Span], b: Sequence[Span], ai: Iterable[int], bi: Iterable[int]
) -> list[tuple[int, int, int]]:
    """(−overlap, i, j) for each pair a[i], b[j] sharing a character (a sweep in text order)."""
    order_b = sorted(bi, key=lambda j: b[j][:2])
    active: list[int] = []
    found: list[tuple[int, int, int]] = []
    k = 0
    for i in sorted(ai, key=lambda i: a[i][:2]):
        start, end, _label = a[i]
        while k < len(order_b) and b[order_b[k]][0] < end:
            active.append(order_b[k])
            k += 1
        active = [j for j in active if b[j][1] > start]
        for j in active:
            shared = min(end, b[j][1]) - max(start, b[j][0])
            if shared > 0:
                found.append((-shared, i, j))
    return found


def _greedy(
    candidates: list[tuple[int, int, int]], used_a: set[int], used_b: set[int]
) -> list[tuple[int, int]]:
    pairs = []
    for _shared, i, j in sorted(candidates):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return pairs


def match(a: Sequence[Span], b: Sequence[Span]) -> tuple[F1Counts, list[Mismatch]]:
    """The F1 counts and the disagreements of A and B on one document."""
    counts = F1Counts(Counter(s[2] for s in a), Counter(s[2] for s in b))
    exact = _exact(a, b)
    used_a, used_b = {i for i, _ in exact}, {j for _, j in exact}
    for i, _j in exact:
        counts.exact[a[i][2]] += 1
        counts.overlap[a[i][2]] += 1
    free_a = [i for i in range(len(a)) if i not in used_a]
    free_b = [j for j in range(len(b)) if j not in used_b]
    candidates = _overlaps(a, b, free_a, free_b)
    same = [c for c in candidates if a[c[1]][2] == b[c[2]][2]]
    mismatches = []
    for i, j in _greedy(same, used_a, used_b):
        counts.overlap[a[i][2]] += 1
        mismatches.append(Mismatch(a[i], b[j], BOUNDARY))
    for i, j in _greedy(candidates, used_a, used_b):
        mismatches.append(Mismatch(a[i], b[j], LABEL))
    mismatches += [Mismatch(a[i], None, MISSING) for i in free_a if i not in used_a]
    mismatches += [Mismatch(None, b[j], MISSING) for j in free_b if j not in used_b]
    mismatches.sort(key=lambda m: min(s[:2] for s in (m.a_span, m.b_span) if s is not None))
    return counts, mismatches
