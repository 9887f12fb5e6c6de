"""Adjudication units (core/curation.py): spans of several annotators that pair up."""

from __future__ import annotations

from annotator.core.curation import CURATION, build_units
from annotator.core.spans import Annotation


def _ann(i: int, start: int, end: int, label: str, author: str) -> Annotation:
    return Annotation(i, 1, start, end, label, "", author)


def _rows(layers: dict[str, list[Annotation]]) -> list[dict[str, tuple[int, int, str]]]:
    _authors, units = build_units(layers)
    return [{a: (s.start, s.end, s.label) for a, s in u.spans.items()} for u in units]


def test_three_annotators_and_the_curated_layer_pair_up() -> None:
    layers = {
        "cat": [_ann(1, 0, 3, "A", "cat"), _ann(2, 10, 15, "B", "cat")],
        "ann": [_ann(3, 0, 3, "A", "ann"), _ann(4, 10, 14, "B", "ann")],
        "ben": [_ann(5, 0, 3, "A", "ben"), _ann(6, 20, 25, "A", "ben")],
        CURATION: [_ann(7, 10, 15, "B", CURATION)],
    }
    assert _rows(layers) == [
        {"ann": (0, 3, "A"), "ben": (0, 3, "A"), "cat": (0, 3, "A")},
        {"ann": (10, 14, "B"), "cat": (10, 15, "B"), CURATION: (10, 15, "B")},
        {"ben": (20, 25, "A")},
    ]
    authors, units = build_units(layers)
    assert authors == ["ann", "ben", "cat"]
    assert [u.agreed(authors) for u in units] == [True, False, False]


def test_one_annotator_agrees_with_nobody() -> None:
    authors, units = build_units({"ann": [_ann(1, 0, 3, "A", "ann")]})
    assert not units[0].agreed(authors)
