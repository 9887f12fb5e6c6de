"""The open document's spans, held once (design D3): the highlighter paints from it, the
annotation list shows its rows, the window's navigation walks it. Qt-free.

Rows are sorted by ``(start, end, id)``, as a reader meets them and as the highlighter cuts
blocks. Highlighting finds the spans overlapping a range by bisect on the starts, in the window
``[start - max_len, end)``; rare very long spans are also kept in a small list of their own so
they do not widen that window. Colours live here too (label -> colour), once.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise
from typing import NamedTuple

from annotator.core.spans import Annotation

LONG_SPAN = 2_000  # code points; longer spans also go to the separate list
DEFAULT_COLOR = "#cccccc"


class PaintedSpan(NamedTuple):
    """A span with a colour and no label (highlighter tests, tools): see ``from_painted``."""

    start: int
    end: int
    id: int
    color: str


def _key(ann: Annotation) -> tuple[int, int, int]:
    return (ann.start, ann.end, ann.id)


class DocumentSpans:
    def __init__(self) -> None:
        self.document_id: int | None = None
        self.colors: dict[str, str] = {}
        self.label_counts: Counter[str] = Counter()
        self._rows: list[Annotation] = []
        self._keys: list[tuple[int, int, int]] = []
        self._starts: list[int] = []
        self._by_id: dict[int, Annotation] = {}
        self._long: list[Annotation] = []
        self._max_len = 0

    @classmethod
    def from_painted(cls, spans: Iterable[PaintedSpan]) -> DocumentSpans:
        """Spans that carry their colour: each is its own label, coloured by its name."""
        model = cls()
        anns = [Annotation(s.id, 0, s.start, s.end, s.color, "") for s in spans]
        model.colors = {a.label: a.label for a in anns}
        model.reset(None, anns)
        return model

    # ------------------------------------------------------------------ data
    def set_colors(self, colors: dict[str, str]) -> None:
        self.colors = dict(colors)

    def color(self, label: str) -> str:
        return self.colors.get(label, DEFAULT_COLOR)

    def reset(self, document_id: int | None, annotations: Iterable[Annotation]) -> None:
        rows = list(annotations)
        keys = [(a.start, a.end, a.id) for a in rows]
        if any(k1 > k2 for k1, k2 in pairwise(keys)):
            order = sorted(range(len(rows)), key=keys.__getitem__)
            rows = [rows[i] for i in order]
            keys = [keys[i] for i in order]
        self.document_id = document_id
        self._rows, self._keys = rows, keys
        self._starts = [k[0] for k in keys]
        self._by_id = {a.id: a for a in rows}
        self.label_counts = Counter(a.label for a in rows)
        self._long = [a for a in rows if a.end - a.start > LONG_SPAN]
        self._max_len = max(
            (a.end - a.start for a in rows if a.end - a.start <= LONG_SPAN), default=0
        )

    def insert(self, ann: Annotation) -> int:
        """Add a span; returns its row."""
        row = bisect_left(self._keys, _key(ann))
        self._rows.insert(row, ann)
        self._keys.insert(row, _key(ann))
        self._starts.insert(row, ann.start)
        self._by_id[ann.id] = ann
        self.label_counts[ann.label] += 1
        if ann.end - ann.start > LONG_SPAN:
            self._long.append(ann)
        else:
            self._max_len = max(self._max_len, ann.end - ann.start)
        return row

    def remove(self, annotation_id: int) -> int | None:
        """Remove a span; returns the row it had (None: not here)."""
        row = self.row_of(annotation_id)
        if row is None:
            return None
        ann = self._rows.pop(row)
        del self._keys[row]
        del self._starts[row]
        del self._by_id[ann.id]
        self.label_counts[ann.label] -= 1
        if ann.end - ann.start > LONG_SPAN:
            self._long.remove(ann)
        return row

    # --------------------------------------------------------------- reading
    def __len__(self) -> int:
        return len(self._rows)

    def row_of(self, annotation_id: int) -> int | None:
        ann = self._by_id.get(annotation_id)
        return None if ann is None else bisect_left(self._keys, _key(ann))

    def rank(self, key: tuple[int, int, int]) -> int:
        """How many spans sort before ``key`` (``(start, end, id)``)."""
        return bisect_left(self._keys, key)

    def by_id(self, annotation_id: int) -> Annotation | None:
        return self._by_id.get(annotation_id)

    def annotation(self, row: int) -> Annotation:
        return self._rows[row]

    def annotations(self) -> list[Annotation]:
        return list(self._rows)

    def has_long(self) -> bool:
        return bool(self._long)

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """Spans overlapping ``[start, end)``, sorted by start unless long spans are among them."""
        floor = start - self._max_len
        lo = bisect_left(self._starts, floor)
        hi = bisect_left(self._starts, end)
        found = [s for s in self._rows[lo:hi] if s.end > start]
        found.extend(s for s in self._long if s.start < floor and s.end > start)
        return found

    def spans_at(self, cp: int) -> list[Annotation]:
        """Spans covering code point ``cp``, innermost (shortest) first."""
        return sorted(self.overlapping(cp, cp + 1), key=lambda s: (s.end - s.start, s.start))
