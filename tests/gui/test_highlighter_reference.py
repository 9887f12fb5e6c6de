"""The fast highlighter paints exactly what a naive reference says, for random overlapping spans
over text with emoji, flags and CJK: innermost span's colour as fill, next one out underlined."""

from __future__ import annotations

import random

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.offsets import Utf16Map
from annotator.gui.highlighter import LONG_SPAN, PaintedSpan, SpanHighlighter

COLORS = ["#f6c85f", "#6fb7e9", "#e76f51"]
MIXED = ["word ", "北京 ", "😀 ", "🇰🇷 ", "e\u0301 ", "\n\n", "قال ", "x"]
# Mostly plain blocks, some with an emoji: both of the highlighter's offset paths run.
SPARSE = ["word ", "北京 ", "e\u0301 ", "\n\n", "\n\n", "قال ", "x", "y ", "z "] * 6 + ["😀 "]


def painted(view: QPlainTextEdit) -> dict[int, tuple[str, bool]]:
    """UTF-16 position -> (fill colour, underlined) as the layout will draw it."""
    out = {}
    block = view.document().begin()
    while block.isValid():
        for fmt_range in block.layout().formats():
            fmt = fmt_range.format
            for i in range(fmt_range.start, fmt_range.start + fmt_range.length):
                out[block.position() + i] = (fmt.background().color().name(), fmt.fontUnderline())
        block = block.next()
    return out


def expected(text: str, spans: list[PaintedSpan]) -> dict[int, tuple[str, bool]]:
    offsets = Utf16Map(text)
    out = {}
    for cp, ch in enumerate(text):
        if ch == "\n":
            continue
        covering = sorted(
            (s for s in spans if s.start <= cp < s.end), key=lambda s: (s.end - s.start, s.start)
        )
        if covering:
            colour = QColor(covering[0].color).name()
            for unit in range(offsets.to_utf16(cp), offsets.to_utf16(cp + 1)):
                out[unit] = (colour, len(covering) > 1)
    return out


@pytest.mark.parametrize("pieces", [MIXED, SPARSE], ids=["emoji-everywhere", "emoji-rare"])
def test_random_overlapping_spans_paint_like_the_reference(qtbot, pieces):
    rng = random.Random(7)
    text = "".join(rng.choice(pieces) for _ in range(400))
    cuts = [i for i in range(len(text) + 1) if i in (0, len(text)) or not (
        "\udc00" <= text[i] <= "\udfff"
    )]  # fmt: skip
    spans = []
    for span_id in range(120):
        start = rng.choice(cuts[:-1])
        end = min(len(text), start + rng.choice([1, 2, 5, 12, 40, LONG_SPAN + 10]))
        if end > start:
            spans.append(PaintedSpan(start, end, span_id, rng.choice(COLORS)))
    view = QPlainTextEdit()
    qtbot.addWidget(view)
    highlighter = SpanHighlighter(view.document())
    highlighter.set_text_map(Utf16Map(text))
    highlighter.set_spans(spans)
    view.setPlainText(text)

    assert painted(view) == expected(text, spans)
