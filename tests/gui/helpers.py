"""What a user does in the window, as small functions the GUI tests share."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit

from annotator.services.importing import import_paths
from annotator.store import Project

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "resources" / "pyongyang-moscow-axis.txt"


def make_project(path: Path, files: list[Path]) -> list[int]:
    """A project file with these files imported; returns the new document ids."""
    with Project.open(path) as project:
        return [o.document_id for o in import_paths(project, files) if o.document_id is not None]


def make_text_project(path: Path, articles: dict[str, str]) -> list[int]:
    """A project of these articles (file name -> text), written beside ``path`` as files and
    imported in this order; returns the new document ids."""
    files = []
    for name, text in articles.items():
        files.append(path.parent / name)
        files[-1].write_text(text, encoding="utf-8")
    return make_project(path, files)


def utf16_index(view: QPlainTextEdit, phrase: str) -> int:
    """Where ``phrase`` starts in Qt's own UTF-16 positions (computed independently of the app).

    PySide hands Qt strings to Python as ``str`` (code points), so the UTF-16 position is the
    UTF-16 length of everything before the phrase.
    """
    raw = view.document().toRawText()
    return len(raw[: raw.index(phrase)].encode("utf-16-le")) // 2


def scroll_into_view(view: QPlainTextEdit, utf16_position: int) -> QPoint:
    """Scroll with the scroll bar until a position is on screen; where it is, in the viewport."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16_position)
    bar = view.verticalScrollBar()
    for _ in range(bar.maximum() + 1):
        rect = view.cursorRect(cursor)
        if rect.top() < 0 and bar.value() > bar.minimum():
            bar.setValue(bar.value() - 1)
        elif rect.bottom() > view.viewport().height() and bar.value() < bar.maximum():
            bar.setValue(bar.value() + 1)
        else:
            break
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 1, rect.center().y())


def click_into_text(view: QPlainTextEdit, utf16_position: int) -> None:
    """A real mouse click into the text just at a position (scrolled into view first).

    A click on a highlight also selects that annotation, as it does for the user."""
    point = scroll_into_view(view, utf16_position)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )


def put_caret(view: QPlainTextEdit, utf16_position: int) -> None:
    """Move the caret to a position programmatically (as Find or navigation does), and give
    the text the keyboard. NOT a click: a click on a highlight would select that annotation
    (use ``click_into_text`` for a real click)."""
    cursor = view.textCursor()
    cursor.setPosition(utf16_position)
    view.setTextCursor(cursor)
    view.setFocus()


def select_with_keyboard(view: QPlainTextEdit, phrase: str) -> None:
    """Put the caret before ``phrase`` and extend the selection with Shift+Right, key by key."""
    start = utf16_index(view, phrase)
    put_caret(view, start)
    for _ in range(len(phrase)):  # phrases used with this are free of astral characters
        QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def select_with_mouse(view: QPlainTextEdit, phrase: str) -> None:
    """Drag the mouse from the first to just past the last character of ``phrase``."""
    start = utf16_index(view, phrase)
    end = start + len(phrase.encode("utf-16-le")) // 2
    view.ensureCursorVisible()
    begin_cursor = QTextCursor(view.document())
    begin_cursor.setPosition(start)
    view.setTextCursor(begin_cursor)
    view.centerCursor()
    first = view.cursorRect(begin_cursor)
    end_cursor = QTextCursor(view.document())
    end_cursor.setPosition(end)
    last = view.cursorRect(end_cursor)
    port = view.viewport()
    a = QPoint(first.left() + 1, first.center().y())
    b = QPoint(last.left(), last.center().y())
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    QTest.mouseMove(port, b)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


def highlight_color_at(view: QPlainTextEdit, utf16_position: int) -> QColor | None:
    """The background the highlighter painted at a position (None: not highlighted)."""
    block = view.document().findBlock(utf16_position)
    offset = utf16_position - block.position()
    for fmt_range in block.layout().formats():
        if fmt_range.start <= offset < fmt_range.start + fmt_range.length:
            brush = fmt_range.format.background()
            if brush.style() != Qt.BrushStyle.NoBrush:
                return brush.color()
    return None


def tag(window, phrase: str, key: Qt.Key):  # type: ignore[no-untyped-def]
    """Select ``phrase`` with the keyboard, press a label key; returns the new annotation."""
    select_with_keyboard(window.documentView, phrase)
    QTest.keyClick(window.documentView, key)
    return window.current_annotation()
