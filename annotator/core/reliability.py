"""Chance-corrected agreement on units (issue #13): Cohen's κ, Fleiss' κ, Krippendorff's α.

A *unit* is one token or one character; its *values* are one label per annotator, ``None`` where
that annotator did not annotate the unit's document (missing data), ``NONE`` ("" internally)
where the annotator left it unlabelled. Units with the same values are counted together
(``Counter[tuple[str | None, ...]]``), so a document of 100,000 characters with a few dozen
spans costs a few dozen entries, not 100,000.

Labels of a unit: the *innermost* covering span's label (the shortest; among equally short ones
the one starting last, then the greatest label), else NONE. A token takes the label of its first
labelled character (any overlap with a span labels the token).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise

import regex

NONE = ""  # "no label" inside the computation; never a label name (labels are not empty)
Span = tuple[int, int, str]  # start, end (code points), label
Values = tuple[str | None, ...]
Units = Counter[Values]

_TOKEN = regex.compile(r"\w+|[^\w\s]")


def tokenize(text: str) -> tuple[tuple[int, int], ...]:
    """Token boundaries in code points: runs of word characters, and each other non-space."""
    return tuple(m.span() for m in _TOKEN.finditer(text))


def char_labels(spans: Iterable[Span], length: int) -> list[str]:
    """Each character's innermost covering label, or NONE."""
    labels = [NONE] * length
    # Paint the longest first, so that the innermost (shortest) span is painted last.
    for start, end, label in sorted(spans, key=lambda s: (s[0] - s[1], s[0], s[2])):
        labels[start:end] = [label] * (end - start)
    return labels


def token_labels(
    labels: Sequence[str], tokens: Sequence[tuple[int, int]], cuts: Iterable[int]
) -> list[str]:
    """Each token's label: that of its first labelled character, else NONE. ``cuts``: where the
    labels may change (the annotator's span starts and ends); only a token with a cut inside
    can hold a label its first character lacks, so only those are read further."""
    starts = [start for start, _end in tokens]
    found = [labels[start] for start in starts]
    for cut in cuts:
        index = bisect_right(starts, cut) - 1
        if index >= 0 and not found[index] and cut < tokens[index][1]:
            start, end = tokens[index]
            found[index] = next(filter(None, labels[start:end]), NONE)
    return found


def document_units(
    spans: Sequence[Sequence[Span] | None], length: int, tokens: Sequence[tuple[int, int]]
) -> tuple[Units, Units]:
    """One document's character units and token units, from each annotator's spans (``None``:
    that annotator did not annotate it). A run of characters where no annotator's label changes
    is one entry, counted by its length."""
    labels = [None if s is None else char_labels(s, length) for s in spans]
    own_cuts = [{c for start, end, _label in s or () for c in (start, end)} for s in spans]
    bounds = sorted({0, length}.union(*own_cuts))
    chars: Units = Counter()
    for start, end in pairwise(bounds):
        chars[tuple(None if lab is None else lab[start] for lab in labels)] += end - start
    columns = [
        [None] * len(tokens) if lab is None else token_labels(lab, tokens, cuts)
        for lab, cuts in zip(labels, own_cuts, strict=True)
    ]
    return chars, Counter(zip(*columns, strict=True))


def cohen_kappa(units: Units, a: int, b: int) -> float | None:
    """Cohen's κ between annotators ``a`` and ``b`` (indexes into the values) over the units
    both labelled; None when undefined (no units, or both used one single category)."""
    pairs: Counter[tuple[str, str]] = Counter()
    for values, count in units.items():
        va, vb = values[a], values[b]
        if va is not None and vb is not None:
            pairs[va, vb] += count
    n = sum(pairs.values())
    if n == 0:
        return None
    observed = sum(c for (va, vb), c in pairs.items() if va == vb) / n
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for (va, vb), c in pairs.items():
        left[va] += c
        right[vb] += c
    expected = sum(left[k] * right[k] for k in left) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def fleiss_kappa(units: Units) -> float | None:
    """Fleiss' κ over the units labelled by at least two annotators. A unit with fewer raters
    than the others counts with its own number of raters n_i: P_i = Σ_j n_ij(n_ij − 1) /
    (n_i(n_i − 1)), P̄ = the mean of P_i over units, p_j = Σ_i n_ij / Σ_i n_i (with the same n
    for every unit this is Fleiss' 1971 formula); None when undefined."""
    agree = 0.0
    total_units = 0
    category: Counter[str] = Counter()
    for values, count in units.items():
        present = Counter(v for v in values if v is not None)
        n_i = sum(present.values())
        if n_i < 2:
            continue
        agree += count * sum(c * (c - 1) for c in present.values()) / (n_i * (n_i - 1))
        total_units += count
        for value, c in present.items():
            category[value] += c * count
    ratings = sum(category.values())
    if total_units == 0:
        return None
    p_bar = agree / total_units
    p_e = sum((c / ratings) ** 2 for c in category.values())
    return None if p_e == 1 else (p_bar - p_e) / (1 - p_e)


def coincidences(units: Units) -> dict[tuple[str, str], float]:
    """Krippendorff's coincidence matrix o_ck from the pairable units (m_u ≥ 2 values)."""
    matrix: defaultdict[tuple[str, str], float] = defaultdict(float)
    for values, count in units.items():
        present = Counter(v for v in values if v is not None)
        m_u = sum(present.values())
        if m_u < 2:
            continue
        for c, n_c in present.items():
            for k, n_k in present.items():
                pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                if pairs:
                    matrix[c, k] += count * pairs / (m_u - 1)
    return matrix


def alpha_nominal(units: Units) -> float | None:
    """Krippendorff's α for nominal data: 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k.
    None when undefined (fewer than two pairable values, or a single value used)."""
    matrix = coincidences(units)
    totals: defaultdict[str, float] = defaultdict(float)
    for (c, _k), o in matrix.items():
        totals[c] += o
    n = sum(totals.values())
    expected = n * n - sum(t * t for t in totals.values())  # Σ_{c≠k} n_c n_k
    if n <= 1 or expected <= 0:
        return None
    observed = sum(o for (c, k), o in matrix.items() if c != k)
    return 1 - (n - 1) * observed / expected


def merge_units(parts: Iterable[Units]) -> Units:
    total: Units = Counter()
    for part in parts:
        total.update(part)
    return total
