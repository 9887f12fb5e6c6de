"""The read-only article view: shows a document's canonical text, its styles and highlights.

All conversions between Qt's UTF-16 cursor positions and our code-point offsets go through the
document's ``Utf16Map`` (``annotator.core.offsets``), nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextLine,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.core.document import Document
from annotator.core.offsets import Utf16Map
from annotator.core.styled_text import StyleRange
from annotator.gui.highlighter import PaintedSpan, SpanHighlighter
from annotator.services.changes import Changes
from annotator.services.document_spans import DocumentSpans

READING_WIDTH_CHARS = 80
OUTLINE_DARKER = 170  # the selected span's outline: its label colour, this much darker
OUTLINE_WIDTH = 2
SELECTED_TEXT = "#111111"  # text on a selected span (label colours are light)
STYLE_POINT_SIZES = {"title": 1.6, "heading1": 1.5, "heading2": 1.3, "heading3": 1.15}


def _style_format(kind: str, base_size: float) -> QTextCharFormat | None:
    fmt = QTextCharFormat()
    if kind in STYLE_POINT_SIZES:
        fmt.setFontPointSize(base_size * STYLE_POINT_SIZES[kind])
        fmt.setFontWeight(QFont.Weight.Bold)
    elif kind.startswith("heading") or kind == "bold":
        fmt.setFontWeight(QFont.Weight.Bold)
    elif kind == "italic" or kind == "quote":
        fmt.setFontItalic(True)
    elif kind in ("code", "code_block"):
        fmt.setFontFamilies(["monospace"])
    elif kind == "link":
        fmt.setForeground(QColor("#1a5fb4"))
        fmt.setFontUnderline(True)
    elif kind == "strike":
        fmt.setFontStrikeOut(True)
    elif kind == "boilerplate":  # syndication lines, captions, disclaimers: shown dimmed
        fmt.setForeground(QColor("#8a8a8a"))
        fmt.setFontPointSize(base_size * 0.85)
    else:
        return None
    return fmt


def _line_rects(block: QTextBlock, start: int, end: int) -> list[QRectF]:
    """Rectangles of ``[start, end)`` (UTF-16 document positions) on each line of a block,
    relative to the block's top left."""
    layout = block.layout()
    a, b = start - block.position(), end - block.position()
    rects = []
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        lo, hi = max(a, line.textStart()), min(b, line.textStart() + line.textLength())
        if lo >= hi:
            continue
        x1, x2 = _x(line, lo), _x(line, hi)
        rects.append(QRectF(x1, line.y(), x2 - x1, line.height()))
    return rects


class DocumentView(QPlainTextEdit):
    """Emits ``spanClicked(annotation_id)`` when a click lands on a highlighted span."""

    spanClicked = Signal(int)
    spanCtrlClicked = Signal(int)  # Ctrl+click: link the current annotation to it

    def __init__(
        self,
        spans: DocumentSpans | None = None,
        parent: QWidget | None = None,
        *,
        tooltip_for: Callable[[list[int]], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont()
        font.setFamilies(["Noto Serif", "DejaVu Serif", "Georgia", "serif", "Noto Color Emoji"])
        font.setPointSizeF(12.5)
        self.setFont(font)
        self.document().setDocumentMargin(18)
        self.document().setUndoRedoEnabled(False)
        # Attached before any text is set (D3): highlighting then costs one pass at load.
        self.highlighter = SpanHighlighter(self.document(), spans)
        self.offsets = Utf16Map("")
        self._text = ""
        self.document_id: int | None = None
        self._document: Document | None = None
        self._marks: list[QTextEdit.ExtraSelection] = []
        self._find_marks: list[QTextEdit.ExtraSelection] = []
        # The current annotation (UTF-16 range, label colour): outlined, and when the text
        # selection is exactly that span it is drawn in the label's colour, not the system blue.
        self._current: tuple[int, int, QColor] | None = None
        # Open suggestions (UTF-16 ranges, label colours): dashed outlines, never a fill.
        self._ghosts: list[tuple[int, int, QColor]] = []
        self._label_selection = False
        self.selectionChanged.connect(self._sync_selection_palette)
        self._pin_viewport_highlight()
        # Given by the window: annotation ids under the mouse -> tooltip text.
        self.tooltip_for = tooltip_for

    # ------------------------------------------------------------- loading
    def show_document(self, document: Document, spans: Iterable[PaintedSpan] | None = None) -> None:
        """Show ``document`` with the highlighter's model as it is (or stand-alone ``spans``)."""
        self._document = document
        self.offsets = Utf16Map(document.text)
        self._text = document.text
        self.document_id = document.id
        self.highlighter.set_text_map(self.offsets)
        if spans is not None:
            self.highlighter.set_spans(spans)
        self._marks, self._find_marks = [], []
        self.setExtraSelections([])
        self._set_plain_text(document.text)
        self._apply_styles(document.styles)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def follow(self, changes: Changes) -> None:
        """The feed's ``changed``: repaint the blocks whose highlights changed (all of them
        when colours did). The spans model already holds the change."""
        if changes.labels:
            self.highlighter.recolor()
        elif changes.in_open_document and (touched := changes.touched()) is not None:
            offset, width = self.contentOffset(), self.viewport().width()
            for block in self.highlighter.repaint_range(*touched):
                rect = self.blockBoundingGeometry(block).translated(offset)
                self.viewport().update(0, int(rect.top()) - 1, width, int(rect.height()) + 3)

    def reapply_styles(self) -> None:
        """Show the same document again (after a font change, so headings scale too)."""
        if self._document is None:
            return
        scroll = self.verticalScrollBar().value()
        cursor = self.textCursor()
        anchor, position = cursor.anchor(), cursor.position()
        self.show_document(self._document)
        cursor = self.textCursor()
        cursor.setPosition(anchor)
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scroll)

    def clear_document(self) -> None:
        self._document = None
        self.offsets = Utf16Map("")
        self._text = ""
        self.document_id = None
        self._set_plain_text("")

    def set_ghosts(self, spans: Iterable[tuple[int, int, str]]) -> None:
        """Outline these spans (code points, label colour) dashed: suggestions, not annotations."""
        old, self._ghosts = (
            self._ghosts,
            [(self.offsets.to_utf16(s), self.offsets.to_utf16(e), QColor(c)) for s, e, c in spans],
        )
        for start, end, _color in (*old, *self._ghosts):
            self._update_lines(start, end)

    def _set_plain_text(self, text: str) -> None:
        """Load text in the plain body format. ``setPlainText`` gives the new text the caret's
        current char format, and a caret left in a heading would turn the whole next document
        into heading style: reset the caret's format first."""
        self._current = None
        self._ghosts = []
        self.setCurrentCharFormat(QTextCharFormat())
        self.setPlainText(text)

    def _apply_styles(self, styles: list[StyleRange]) -> None:
        base = self.font().pointSizeF()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for style in styles:
            fmt = _style_format(style.kind, base)
            if fmt is None or style.end <= style.start:
                continue
            self._select(cursor, style.start, style.end)
            cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()

    @property
    def text(self) -> str:
        """The canonical text shown (code points), identical to the stored document text."""
        return self._text

    # ------------------------------------------------------------ selection
    def _select(self, cursor: QTextCursor, start: int, end: int) -> None:
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)

    def selected_span(self) -> tuple[int, int] | None:
        """The current selection as code-point offsets ``(start, end)``, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.offsets.to_code_point(cursor.selectionStart())
        end = self.offsets.to_code_point(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        """Select ``[start, end)`` (code points) and scroll it into view."""
        cursor = self.textCursor()
        self._select(cursor, start, end)
        self.setTextCursor(cursor)
        self.centerCursor()

    def cursor_offset(self) -> int:
        """The caret in code points (the start of the selection, if there is one)."""
        cursor = self.textCursor()
        position = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        return self.offsets.to_code_point(position)

    def mark_current(
        self,
        span: tuple[int, int, str] | None,
        linked: list[tuple[int, int, str]] | None = None,
    ) -> None:
        """Outline the current annotation and the spans linked to it (transient, D3)."""
        if self._current is not None:
            self._update_lines(*self._current[:2])  # the old outline goes
        self._marks = []
        self._current = None
        if span is not None:
            start, end, color = span
            self._current = (
                self.offsets.to_utf16(start),
                self.offsets.to_utf16(end),
                QColor(color),
            )
            self._marks.append(self._extra(start, end, QColor(color), QColor(color).darker(170)))
        for start, end, color in linked or ():
            fmt_color = QColor(color)
            self._marks.append(self._extra(start, end, None, fmt_color, wave=True))
        self.setExtraSelections(self._marks + self._find_marks)  # repaints what they cover
        self._sync_selection_palette()
        if self._current is not None:
            self._update_lines(*self._current[:2])  # the new outline

    def _update_lines(self, start: int, end: int) -> None:
        """Repaint the visible lines of ``[start, end)`` (UTF-16), across the whole width (a
        selection may run to the edge), not the whole viewport: one key paints a few lines."""
        width = self.viewport().width()
        for rect in self._span_line_rects(start, end):
            top, bottom = int(rect.top()) - OUTLINE_WIDTH, int(rect.bottom()) + OUTLINE_WIDTH + 1
            self.viewport().update(0, top, width, bottom - top)

    def _pin_viewport_highlight(self) -> None:
        """The selection colours change with the current annotation (``_sync_selection_palette``)
        on the text edit, which is what paints the selection. Pinned on the viewport, they do not
        reach it, so a change repaints the selected lines instead of the whole viewport."""
        palette = self.viewport().palette()
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            palette.setColor(role, palette.color(role))
        self.viewport().setPalette(palette)

    def _sync_selection_palette(self) -> None:
        """A text selection that is the current annotation shows in the label's colour."""
        cursor = self.textCursor()
        current = self._current
        on_span = current is not None and (
            (cursor.selectionStart(), cursor.selectionEnd()) == current[:2]
        )
        if not on_span and not self._label_selection:
            return
        self._label_selection = on_span
        palette = self.palette()
        if current is not None and on_span:
            palette.setColor(QPalette.ColorRole.Highlight, current[2])
            palette.setColor(QPalette.ColorRole.HighlightedText, QColor(SELECTED_TEXT))
        else:  # back to the application's palette (it follows the theme)
            palette = QPalette()
        self.setPalette(palette)
        self._update_lines(cursor.selectionStart(), cursor.selectionEnd())

    def mark_matches(self, spans: list[tuple[int, int]]) -> None:
        """Show every find match (code points) as a light highlight."""
        match = QColor("#f9f871")
        self._find_marks = [self._extra(s, e, match, None) for s, e in spans]
        self.setExtraSelections(self._marks + self._find_marks)

    def _extra(
        self, start: int, end: int, background: QColor | None, underline: QColor | None,
        *, wave: bool = False,
    ) -> QTextEdit.ExtraSelection:  # fmt: skip
        extra = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        self._select(cursor, start, end)
        extra.cursor = cursor
        fmt = QTextCharFormat()
        if background is not None:
            fmt.setBackground(background)
        if underline is not None:
            style = QTextCharFormat.UnderlineStyle
            fmt.setUnderlineStyle(style.WaveUnderline if wave else style.SingleUnderline)
            fmt.setUnderlineColor(underline)
        extra.format = fmt
        return extra

    # --------------------------------------------------------------- events
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        pos = self.cursorForPosition(event.position().toPoint()).position()
        spans = self.highlighter.spans_at(self.offsets.to_code_point(pos))
        if not spans:
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.spanCtrlClicked.emit(spans[0].id)
        else:
            self.spanClicked.emit(spans[0].id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            pos = self.cursorForPosition(self.viewport().mapFrom(self, event.pos())).position()
            spans = self.highlighter.spans_at(self.offsets.to_code_point(pos))
            if spans and self.tooltip_for is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_for([s.id for s in spans]), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._current is None and not self._ghosts:
            return
        painter = QPainter(self.viewport())
        for start, end, color in self._ghosts:
            self._outline(painter, start, end, QPen(color, OUTLINE_WIDTH, Qt.PenStyle.DashLine))
        if self._current is not None:
            start, end, color = self._current
            self._outline(painter, start, end, QPen(color.darker(OUTLINE_DARKER), OUTLINE_WIDTH))
        painter.end()

    def _outline(self, painter: QPainter, start: int, end: int, pen: QPen) -> None:
        painter.setPen(pen)
        for rect in self._span_line_rects(start, end):
            painter.drawRect(rect.toAlignedRect().adjusted(-1, 0, 0, -1))

    def _span_line_rects(self, start: int, end: int) -> list[QRectF]:
        """One rectangle per visible line of ``[start, end)`` (UTF-16), in viewport pixels."""
        rects: list[QRectF] = []
        block = self.document().findBlock(start)
        bottom = self.viewport().height()
        while block.isValid() and block.position() < end:
            top_left = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
            if top_left.y() > bottom:
                break
            rects.extend(r.translated(top_left) for r in _line_rects(block, start, end))
            block = block.next()
        return rects

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Keep a comfortable reading column: centre the text at about 80 characters wide.
        # The width is the widget's own: QAbstractScrollArea also forwards the *viewport's*
        # resize events here, and sizing margins from those feeds back (infinite recursion).
        column = self.fontMetrics().averageCharWidth() * READING_WIDTH_CHARS
        side = max(0, (self.width() - column) // 2)
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)


def _x(line: QTextLine, position: int) -> float:
    """The x of a cursor at ``position`` in ``line`` (PySide returns ``(x, position)``)."""
    x, _ = cast("tuple[float, int]", line.cursorToX(position))
    return x
