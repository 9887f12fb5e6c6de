"""The curated layer (issue #13 item 4) and the adjudication units of one document, Qt-free.

The curated layer is the spans whose author is ``CURATION``: what an adjudicator accepted from
the annotators' versions (and may edit like any span). Exports use it when asked
(``--layer curation``).

A *unit* is a group of spans, at most one per author, that pair up under the rule of
``core/span_matching.py`` (exact, then boundary, then label overlap). Units are built by
matching each author in turn against the units so far (each unit stands for its first span);
the curated layer is matched last, so a curated span joins the unit it was accepted from. A
unit is *agreed* when every annotator has a span in it and all are the same span (start, end,
label); with fewer than two annotators nothing is agreed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from annotator.core.reliability import Span
from annotator.core.span_matching import match
from annotator.core.spans import Annotation

CURATION = "curation"


@dataclass
class Unit:
    """One row of the adjudication view: each author's span in the group (absent: none)."""

    spans: dict[str, Annotation] = field(default_factory=dict)

    def first(self) -> Annotation:
        return next(iter(self.spans.values()))

    @property
    def start(self) -> int:
        return min(a.start for a in self.spans.values())

    @property
    def end(self) -> int:
        return max(a.end for a in self.spans.values())

    def curated(self) -> Annotation | None:
        return self.spans.get(CURATION)

    def agreed(self, authors: Sequence[str]) -> bool:
        """Every annotator of ``authors`` (two or more) has the same span here."""
        found = [self.spans.get(a) for a in authors]
        if len(authors) < 2 or any(a is None for a in found):
            return False
        return len({key(a) for a in found if a is not None}) == 1


def key(ann: Annotation) -> Span:
    return (ann.start, ann.end, ann.label)


def _take(pool: dict[Span, list[int]], span: Span) -> int:
    return pool[span].pop(0)


def _pool(spans: Sequence[Span]) -> dict[Span, list[int]]:
    pool: dict[Span, list[int]] = {}
    for i, span in enumerate(spans):
        pool.setdefault(span, []).append(i)
    return pool


def _add_author(units: list[Unit], author: str, anns: Sequence[Annotation]) -> None:
    """Match ``anns`` against the units (each by its first span) and file them in."""
    reps = [key(u.first()) for u in units]
    mine = [key(a) for a in anns]
    rep_pool, my_pool = _pool(reps), _pool(mine)
    _counts, mismatches = match(reps, mine)
    for m in mismatches:
        i = None if m.a_span is None else _take(rep_pool, m.a_span)
        j = None if m.b_span is None else _take(my_pool, m.b_span)
        if j is None:
            continue
        if i is None:
            units.append(Unit({author: anns[j]}))
        else:
            units[i].spans[author] = anns[j]
    for span, left in my_pool.items():  # what is left pairs exactly (same start, end, label)
        for j in left:
            units[_take(rep_pool, span)].spans[author] = anns[j]


def build_units(
    spans_by_author: Mapping[str, Sequence[Annotation]],
) -> tuple[list[str], list[Unit]]:
    """(the annotators, in name order; the units in text order) of one document."""
    authors = sorted(a for a in spans_by_author if a != CURATION)
    units: list[Unit] = []
    for author in [*authors, CURATION]:
        _add_author(units, author, spans_by_author.get(author, ()))
    units.sort(key=lambda u: (u.start, u.end))
    return authors, units
