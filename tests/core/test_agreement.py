"""Agreement metrics (issue #13): hand-computed values on tiny cases, and α against the
`krippendorff` package on random data."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import agreement, shape_of
from annotator.core.reliability import (
    NONE,
    Span,
    Units,
    alpha_nominal,
    char_labels,
    cohen_kappa,
    fleiss_kappa,
    tokenize,
)

krippendorff = pytest.importorskip("krippendorff")
np = pytest.importorskip("numpy")

TEXT = "aa bb cc dd"  # tokens aa, bb, cc, dd; 11 characters


def test_tiny_case_by_hand() -> None:
    # A: X on "aa bb"; B: X on "aa".
    report = agreement({"A": {1: [(0, 5, "X")]}, "B": {1: [(0, 2, "X")]}}, {1: shape_of(TEXT)})
    data = report.to_json()
    # F1 exact: no identical span → 0; overlap: the two X spans share "aa" → 2·1/(1+1) = 1.
    # Tokens A: X X – –, B: X – – –. p_o = 3/4; p_e = ½·¼ + ½·¾ = ½; κ = (¾ − ½)/(1 − ½) = ½.
    assert data["pairs"] == [{"a": "A", "b": "B", "f1_exact": 0.0, "f1_overlap": 1.0, "kappa": 0.5}]
    # Fleiss, 2 raters: P_i = 1, 0, 1, 1 → P̄ = ¾; p_X = 3/8, p_none = 5/8 → P_e = 34/64.
    assert data["fleiss_kappa"] == pytest.approx((0.75 - 34 / 64) / (1 - 34 / 64))
    # Characters: (X,X)×2, (X,–)×3, (–,–)×6. o_XX = 4, o_X– = o_–X = 3, o_–– = 12;
    # n_X = 7, n_– = 15, n = 22; α = 1 − 21·6 / (2·7·15) = 0.4.
    assert data["alpha_nominal_chars"] == pytest.approx(0.4)
    assert data["annotators"] == ["A", "B"] and data["documents"] == [1]
    assert data["disagreements"] == [
        {"document": 1, "a": "A", "b": "B", "kind": "boundary",
         "a_span": [0, 5, "X"], "b_span": [0, 2, "X"]},
    ]  # fmt: skip


def test_perfect_agreement_is_one() -> None:
    spans = [(0, 2, "X"), (6, 8, "Y")]
    docs = {1: shape_of(TEXT)}
    report = agreement({"A": {1: spans}, "B": {1: list(spans)}, "C": {1: spans}}, docs)
    assert {(p.f1_exact, p.f1_overlap, p.kappa) for p in report.overall.pairs} == {(1, 1, 1)}
    assert report.overall.fleiss_kappa == 1 and report.overall.alpha_nominal_chars == 1
    assert report.disagreements == ()
    assert set(report.labels) == {"X", "Y"}


def test_disagreement_kinds_and_missing_on_both_sides() -> None:
    a = [(0, 2, "X"), (3, 5, "X"), (9, 11, "X")]
    b = [(0, 2, "Y"), (3, 8, "X"), (6, 8, "Z")]
    report = agreement({"A": {1: a}, "B": {1: b}}, {1: shape_of(TEXT)})
    kinds = [(d.mismatch.a_span, d.mismatch.b_span, d.mismatch.kind) for d in report.disagreements]
    assert kinds == [
        ((0, 2, "X"), (0, 2, "Y"), "label"),
        ((3, 5, "X"), (3, 8, "X"), "boundary"),
        (None, (6, 8, "Z"), "missing"),
        ((9, 11, "X"), None, "missing"),
    ]
    pair = report.overall.pairs[0]
    assert (pair.f1_exact, pair.f1_overlap) == (0.0, pytest.approx(2 * 1 / 6))
    assert report.labels["Z"].pairs[0].f1_overlap == 0.0


def test_overlap_matches_each_span_once_by_largest_overlap() -> None:
    # B's long span overlaps both of A's; it pairs with the larger overlap ("bb cc", 5 chars).
    a = [(0, 2, "X"), (3, 8, "X")]
    b = [(0, 8, "X")]
    report = agreement({"A": {1: a}, "B": {1: b}}, {1: shape_of(TEXT)})
    assert report.overall.pairs[0].f1_overlap == pytest.approx(2 * 1 / 3)
    kinds = [(d.mismatch.a_span, d.mismatch.kind) for d in report.disagreements]
    assert kinds == [((0, 2, "X"), "missing"), ((3, 8, "X"), "boundary")]


def test_only_shared_documents_count_and_absent_annotator_is_missing() -> None:
    docs = {1: shape_of(TEXT), 2: shape_of(TEXT), 3: shape_of(TEXT)}
    spans = {
        "A": {1: [(0, 2, "X")], 2: [(0, 2, "X")], 3: [(0, 2, "X")]},
        "B": {1: [(0, 2, "X")], 2: [(3, 5, "X")]},
        "C": {2: [(3, 5, "X")]},
    }
    report = agreement(spans, docs)
    assert report.documents == (1, 2)  # document 3: only A
    by_pair = {(p.a, p.b): p for p in report.overall.pairs}
    assert (by_pair["A", "B"].documents, by_pair["A", "C"].documents) == (2, 1)
    assert by_pair["B", "C"].kappa == 1.0  # document 2 only, where they agree
    assert by_pair["A", "C"].f1_exact == 0.0


def test_label_filter_keeps_documents_annotated_with_other_labels() -> None:
    spans = {"A": {1: [(0, 2, "X"), (3, 5, "Y")]}, "B": {1: [(3, 5, "Y")]}}
    report = agreement(spans, {1: shape_of(TEXT)}, labels=["X"])
    assert report.documents == (1,)
    assert list(report.labels) == ["X"]
    pair = report.overall.pairs[0]
    assert (pair.f1_exact, pair.f1_overlap) == (0.0, 0.0)
    # Tokens A: X – – –, B: – – – –: p_o = ¾, p_e = ¼·0 + ¾·1 = ¾ → κ = 0.
    assert pair.kappa == 0.0


def test_innermost_label_and_tokens() -> None:
    assert char_labels([(0, 5, "Outer"), (3, 5, "In")], 6) == ["Outer"] * 3 + ["In"] * 2 + [NONE]
    assert tokenize("Kim's 2 cafés.") == ((0, 3), (3, 4), (4, 5), (6, 7), (8, 13), (13, 14))


def test_a_span_inside_a_token_labels_the_token() -> None:
    # B tags only "b" of "abc" (not its first character): the token is X for B.
    report = agreement({"A": {1: [(4, 7, "X")]}, "B": {1: [(1, 2, "X")]}}, {1: shape_of("abc def")})
    # Tokens A: – X, B: X –: p_o = 0, p_e = ½ → κ = −1.
    assert report.overall.pairs[0].kappa == -1.0


def test_undefined_values_are_none() -> None:
    units: Units = Counter({("X", "X"): 5})
    assert cohen_kappa(units, 0, 1) is None
    assert fleiss_kappa(units) is None
    assert alpha_nominal(units) is None


def test_fleiss_kappa_wikipedia_example() -> None:
    # 10 subjects, 14 raters, 5 categories (Fleiss' kappa article): κ ≈ 0.210.
    rows = [(0, 0, 0, 0, 14), (0, 2, 6, 4, 2), (0, 0, 3, 5, 6), (0, 3, 9, 2, 0),
            (2, 2, 8, 1, 1), (7, 7, 0, 0, 0), (3, 2, 6, 3, 0), (2, 5, 3, 2, 2),
            (6, 5, 2, 1, 0), (0, 2, 2, 3, 7)]  # fmt: skip
    units: Units = Counter(
        tuple(str(c) for c, n in enumerate(row) for _ in range(n)) for row in rows
    )
    assert fleiss_kappa(units) == pytest.approx(0.20993, abs=1e-5)


def _krippendorff(columns: list[list[str | None]]) -> float:
    codes = {v: i for i, v in enumerate(sorted({v for c in columns for v in c if v is not None}))}
    data = [[np.nan if v is None else codes[v] for v in col] for col in columns]
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


values = st.one_of(st.none(), st.sampled_from(["a", "b", "c"]))


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 4).flatmap(lambda k: st.lists(st.lists(values, min_size=k, max_size=k),
                                                    min_size=2, max_size=30)))  # fmt: skip
def test_alpha_equals_krippendorff_package_on_random_units(units: list[list[str | None]]) -> None:
    ours = alpha_nominal(Counter(tuple(u) for u in units))
    columns = [list(col) for col in zip(*units, strict=True)]
    pairable = [v for u in units if sum(x is not None for x in u) > 1 for v in u if v is not None]
    if len(set(pairable)) < 2:
        assert ours is None
        return
    assert ours is not None and math.isclose(ours, _krippendorff(columns), abs_tol=1e-9)


spans_st = st.lists(
    st.tuples(st.integers(0, 19), st.integers(1, 6), st.sampled_from(["X", "Y"])), max_size=4
).map(lambda ss: [(s, min(20, s + n), label) for s, n, label in ss])


def _innermost(spans: list[Span], i: int) -> str | None:
    covering = [s for s in spans if s[0] <= i < s[1]]
    # the shortest; of equally short ones the last to start, then the greatest label
    return max(covering, key=lambda s: (s[0] - s[1], s[0], s[2]))[2] if covering else "-"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(spans_st, min_size=3, max_size=3), min_size=1, max_size=4))
def test_alpha_on_characters_equals_package(docs: list[list[list[Span]]]) -> None:
    """Each character of each document a unit, each annotator's innermost label painted naively
    here; an annotator with no span on a document did not annotate it (missing)."""
    text = "abcd efgh ijkl mnop "
    spans = {name: {d: doc[k] for d, doc in enumerate(docs) if doc[k]}
             for k, name in enumerate("ABC")}  # fmt: skip
    report = agreement(spans, {d: shape_of(text) for d in range(len(docs))})
    columns: list[list[str | None]] = [[], [], []]
    for d in report.documents:
        for k, name in enumerate("ABC"):
            own = spans[name].get(d)
            columns[k] += [None if not own else _innermost(own, i) for i in range(len(text))]
    ours = report.overall.alpha_nominal_chars
    if ours is None:
        return
    assert math.isclose(ours, _krippendorff(columns), abs_tol=1e-9)
