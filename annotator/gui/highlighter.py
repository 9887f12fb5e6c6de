"""Annotation highlights (design D3): a QSyntaxHighlighter over the open document's spans
(``services/document_spans.py``, the one model the annotation list reads too).

Spans live outside the document (not in its undo stack, never "modified"). ``highlightBlock``
finds the spans overlapping the block by bisect on the list sorted by start, in the window
``[block_start - max_len, block_end)``; rare very long spans sit in a small list of their own so
they do not widen that window. Where spans overlap, the block is cut at every span boundary: the
innermost span paints the background, the next one out draws a coloured underline.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument

from annotator.core.offsets import Utf16Map
from annotator.core.spans import Annotation
from annotator.services.document_spans import (
    DEFAULT_COLOR,
    LONG_SPAN,
    DocumentSpans,
    PaintedSpan,
)

__all__ = ["LONG_SPAN", "PaintedSpan", "SpanHighlighter"]

BACKGROUND_ALPHA = 150
_END = Annotation(-1, -1, 2**62, 2**62, "", "")  # closes the last group in highlightBlock


def _order(span: Annotation) -> tuple[int, int, int]:
    return (span.start, span.end, span.id)


class SpanHighlighter(QSyntaxHighlighter):
    """Paints the spans of ``model`` (the session's open-document spans, shared with the
    annotation list); the model is updated first, then ``repaint_range`` repaints."""

    def __init__(self, document: QTextDocument, model: DocumentSpans | None = None) -> None:
        super().__init__(document)
        self.model = model if model is not None else DocumentSpans()
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
        """Paint stand-alone spans that carry their own colour (a model of their own)."""
        self.model = DocumentSpans.from_painted(spans)

    def span_count(self) -> int:
        return len(self.model)

    def spans_at(self, cp: int) -> list[Annotation]:
        """Spans covering code point ``cp``, innermost (shortest) first."""
        return self.model.spans_at(cp)

    def recolor(self) -> None:
        """The colours changed (schema): formats are rebuilt and every block repainted."""
        self._formats.clear()
        self.rehighlight()

    # -------------------------------------------------------------- painting
    def repaint_range(self, start: int, end: int) -> list[QTextBlock]:
        """Highlight again the blocks of ``[start, end)`` (code points); returns them.

        Re-highlighting a block marks it dirty as if its text were replaced, and the plain-text
        layout answers that by repainting the whole viewport. Highlights change colours and
        underlines only (never a line's height), so the layout's signals are held while it
        runs and the caller repaints just the returned blocks."""
        doc = self.document()
        block = doc.findBlock(self._map.to_utf16(start))
        last = doc.findBlock(self._map.to_utf16(max(start, end - 1)))
        layout = doc.documentLayout()
        held = layout.blockSignals(True)
        blocks = []
        try:
            while block.isValid():
                self.rehighlightBlock(block)
                blocks.append(block)
                if block == last:
                    break
                block = block.next()
        finally:
            layout.blockSignals(held)
        return blocks

    def highlightBlock(self, text: str) -> None:  # Qt override, once per block: keep it lean
        if not text:
            return
        pos16 = self.currentBlock().position()
        offsets = self._map
        b0 = offsets.to_code_point(pos16)
        b1 = b0 + len(text)
        model = self.model
        spans = model.overlapping(b0, b1)
        if not spans:
            return
        # Without emoji-like characters in this block, block offsets are plain differences.
        to16 = offsets.to_utf16 if offsets.has_astral_in(b0, b1) else None
        if model.has_long():
            spans.sort(key=_order)
        colors = model.colors
        fmt = self._format
        set_format = self.setFormat
        group: list[Annotation] = []
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
                color = colors.get(first.label, DEFAULT_COLOR)
                if to16 is None:
                    set_format(a - b0, b - a, fmt(color, None))
                else:
                    u_a = to16(a)
                    set_format(u_a - pos16, to16(b) - u_a, fmt(color, None))
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
            color = self.model.color
            outer = color(active[1].label) if len(active) > 1 else None
            u_a, u_b = (a - b0, b - b0) if to16 is None else (to16(a) - pos16, to16(b) - pos16)
            self.setFormat(u_a, u_b - u_a, self._format(color(active[0].label), outer))

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
