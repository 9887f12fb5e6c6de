"""Annotation highlights (design D3): a QSyntaxHighlighter over a sorted span list.

Spans live outside the document (not in its undo stack, never "modified"). ``highlightBlock``
finds the spans overlapping the block by bisect on the list sorted by start, in the window
``[block_start - max_len, block_end)``; rare very long spans sit in a small list of their own so
they do not widen that window. Where spans overlap, the block is cut at every span boundary: the
innermost span paints the background, the next one out draws a coloured underline.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import pairwise
from typing import NamedTuple

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.offsets import Utf16Map

LONG_SPAN = 2_000  # code points; longer spans go to the separate list
BACKGROUND_ALPHA = 150


class PaintedSpan(NamedTuple):
    """A highlighted span: a tuple, so 50,000 of them are cheap to make and to sort."""

    start: int
    end: int
    id: int
    color: str


_END = PaintedSpan(2**62, 2**62, -1, "")  # closes the last group in highlightBlock


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._spans: list[PaintedSpan] = []
        self._starts: list[int] = []
        self._long: list[PaintedSpan] = []
        self._by_id: dict[int, PaintedSpan] = {}
        self._max_len = 0
        self._map = Utf16Map("")
        self._formats: dict[tuple[str, str | None], QTextCharFormat] = {}
        self._dark = False

    def set_dark(self, dark: bool) -> None:
        """On a dark background, highlighted text is drawn dark to stay readable."""
        if dark != self._dark:
            self._dark = dark
            self._formats.clear()
            self.rehighlight()

    # ------------------------------------------------------------------ data
    def set_text_map(self, offsets: Utf16Map) -> None:
        """The code-point map of the text about to be shown; set before ``setPlainText``."""
        self._map = offsets

    def set_spans(self, spans: Iterable[PaintedSpan]) -> None:
        """Replace every span without repainting (call before the text is set)."""
        short, long_ = [], []
        for span in spans:
            (long_ if span.end - span.start > LONG_SPAN else short).append(span)
        short.sort()
        self._by_id = {s.id: s for s in short}
        self._by_id.update((s.id, s) for s in long_)
        self._spans = short
        self._starts = [s.start for s in short]
        self._long = long_
        self._max_len = max((s.end - s.start for s in short), default=0)

    def add_span(self, span: PaintedSpan) -> None:
        self._by_id[span.id] = span
        if span.end - span.start > LONG_SPAN:
            self._long.append(span)
        else:
            i = bisect_left(self._spans, span)
            self._spans.insert(i, span)
            self._starts.insert(i, span.start)
            self._max_len = max(self._max_len, span.end - span.start)
        self.repaint_range(span.start, span.end)

    def remove_span(self, span_id: int) -> PaintedSpan | None:
        span = self._by_id.pop(span_id, None)
        if span is None:
            return None
        if span in self._long:
            self._long.remove(span)
        else:
            i = bisect_left(self._spans, span)
            del self._spans[i]
            del self._starts[i]
        self.repaint_range(span.start, span.end)
        return span

    def spans(self) -> list[PaintedSpan]:
        return [*self._spans, *self._long]

    def span_count(self) -> int:
        return len(self._spans) + len(self._long)

    def spans_at(self, cp: int) -> list[PaintedSpan]:
        """Spans covering code point ``cp``, innermost (shortest) first."""
        return sorted(self._overlapping(cp, cp + 1), key=lambda s: (s.end - s.start, s.start))

    # -------------------------------------------------------------- painting
    def repaint_range(self, start: int, end: int) -> None:
        doc = self.document()
        block = doc.findBlock(self._map.to_utf16(start))
        last = doc.findBlock(self._map.to_utf16(max(start, end - 1)))
        while block.isValid():
            self.rehighlightBlock(block)
            if block == last:
                break
            block = block.next()

    def _overlapping(self, start: int, end: int) -> list[PaintedSpan]:
        lo = bisect_left(self._starts, start - self._max_len)
        hi = bisect_left(self._starts, end)
        found = [s for s in self._spans[lo:hi] if s.end > start]
        found.extend(s for s in self._long if s.start < end and s.end > start)
        return found

    def highlightBlock(self, text: str) -> None:  # Qt override, once per block: keep it lean
        if not text:
            return
        pos16 = self.currentBlock().position()
        offsets = self._map
        b0 = offsets.to_code_point(pos16)
        b1 = b0 + len(text)
        spans = self._overlapping(b0, b1)
        if not spans:
            return
        # Without emoji-like characters in this block, block offsets are plain differences.
        to16 = offsets.to_utf16 if offsets.has_astral_in(b0, b1) else None
        if self._long:
            spans.sort()
        fmt = self._format
        set_format = self.setFormat
        group: list[PaintedSpan] = []
        reach = -1
        for span in (*spans, _END):  # sorted by start: cut only where spans overlap each other
            if group and span.start < reach:
                group.append(span)
                reach = max(reach, span.end)
                continue
            if len(group) > 1:
                self._paint_overlaps(group, b0, b1, pos16, to16)
            elif group:  # a span on its own, the common case: painted as it is
                first = group[0]
                a = first.start if first.start > b0 else b0
                b = first.end if first.end < b1 else b1
                if to16 is None:
                    set_format(a - b0, b - a, fmt(first.color, None))
                else:
                    u_a = to16(a)
                    set_format(u_a - pos16, to16(b) - u_a, fmt(first.color, None))
            group = [span]
            reach = span.end

    def _paint_overlaps(self, spans, b0, b1, pos16, to16) -> None:  # type: ignore[no-untyped-def]
        """Cut at every boundary: innermost span fills, the next one out underlines."""
        cuts = {b0, b1}
        for s in spans:
            cuts.add(min(max(s.start, b0), b1))
            cuts.add(min(max(s.end, b0), b1))
        for a, b in pairwise(sorted(cuts)):
            active = [s for s in spans if s.start <= a and s.end >= b]
            if not active:
                continue
            active.sort(key=lambda s: (s.end - s.start, s.start))
            outer = active[1].color if len(active) > 1 else None
            u_a, u_b = (a - b0, b - b0) if to16 is None else (to16(a) - pos16, to16(b) - pos16)
            self.setFormat(u_a, u_b - u_a, self._format(active[0].color, outer))

    def _format(self, inner: str, outer: str | None) -> QTextCharFormat:
        key = (inner, outer)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            background = QColor(inner)
            background.setAlpha(BACKGROUND_ALPHA)
            fmt.setBackground(background)
            if self._dark:
                fmt.setForeground(QColor("#111111"))
            if outer is not None:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(outer).darker(130))
                fmt.setFontUnderline(True)
            self._formats[key] = fmt
        return fmt
