"""Issue #9 "The first hour": what a new user sees when switching documents, selecting a span,
and how the window uses its width (driven with real mouse clicks and key presses)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from helpers import SEED, make_project, tag, utf16_index
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette, QTextCursor
from PySide6.QtTest import QTest

from annotator.gui.document_view import OUTLINE_DARKER

MARKDOWN = "# A Heading\n\nBody paragraph of the markdown article.\n\nSecond body paragraph.\n"
PLAIN = "First plain article\n\nThe body text of the first plain article goes on here.\n"


@pytest.fixture
def three_documents(tmp_path: Path) -> Path:
    """A Markdown article with a heading first, then two plain-text articles."""
    markdown = tmp_path / "heading.md"
    markdown.write_text(MARKDOWN, encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(PLAIN, encoding="utf-8")
    path = tmp_path / "three.annotator"
    make_project(path, [markdown, plain, SEED])
    return path


def click_document(window, row: int) -> None:  # type: ignore[no-untyped-def]
    documents = window.documentList
    rect = documents.visualRect(documents.model().index(row, 0))
    QTest.mouseClick(documents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


BODY_PHRASES = ("Second body paragraph", "The body text", "special forces had been sent")


def body_format(view):  # type: ignore[no-untyped-def]
    """Font weight and point size of a body paragraph of whichever document is shown."""
    phrase = next(p for p in BODY_PHRASES if p in view.document().toPlainText())
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16_index(view, phrase) + 2)
    fmt = cursor.charFormat()
    size = fmt.fontPointSize() or view.font().pointSizeF()
    return fmt.fontWeight(), round(size, 1)


def test_switching_documents_keeps_body_text_in_the_body_style(three_documents, open_window):
    window = open_window(three_documents)
    view = window.documentView
    normal = (QFont.Weight.Normal.value, round(view.font().pointSizeF(), 1))
    assert window.documentView.document_id == window.documentList.document_ids()[0]
    assert body_format(view) == normal
    seen = []
    for row in (1, 2, 0, 2, 1, 0, 1):  # every switch, in both directions
        click_document(window, row)
        assert window.document_id == window.documentList.document_ids()[row]
        seen.append(body_format(view))
    assert seen == [normal] * len(seen)
    heading = QTextCursor(view.document())  # the heading itself is still a heading
    heading.setPosition(2)
    assert heading.charFormat().fontWeight() == QFont.Weight.Bold.value


CLAIM = "special forces had been sent"
ACTOR = "National Intelligence Service"


def span_pixels(view, phrase: str) -> list[QColor]:  # type: ignore[no-untyped-def]
    """Every pixel of the viewport inside the line box of ``phrase`` (on one line)."""
    start = utf16_index(view, phrase)
    first, last = QTextCursor(view.document()), QTextCursor(view.document())
    first.setPosition(start)
    last.setPosition(start + len(phrase))
    a, b = view.cursorRect(first), view.cursorRect(last)
    assert a.top() == b.top(), "the phrase must sit on one line"
    image = view.viewport().grab().toImage()
    return [
        image.pixelColor(x, y)
        for x in range(a.left() + 2, b.left() - 1)
        for y in range(a.top() + 1, a.bottom())
    ]


def commonest(pixels: list[QColor]) -> QColor:
    return QColor.fromRgb(Counter(p.rgb() for p in pixels).most_common(1)[0][0])


def outline_pixels(view, phrase: str, color: QColor) -> int:  # type: ignore[no-untyped-def]
    """Pixels of exactly the darker label colour around ``phrase``'s line box."""
    start = utf16_index(view, phrase)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    box = view.cursorRect(cursor).adjusted(-4, -4, 4, 4)
    cursor.setPosition(start + len(phrase))
    box = box.united(view.cursorRect(cursor).adjusted(-4, -4, 4, 4))
    image = view.viewport().grab().toImage()
    wanted = color.darker(OUTLINE_DARKER).rgb()
    return sum(
        image.pixelColor(x, y).rgb() == wanted
        for x in range(box.left(), box.right())
        for y in range(box.top(), box.bottom())
    )


def near(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_a_selected_span_shows_its_label_colour_and_an_outline(seed_project, open_window, qtbot):
    window = open_window(seed_project)
    window.resize(1400, 900)  # a full reading column: the phrases below sit on one line each
    qtbot.waitUntil(lambda: window.documentView.width() > 600)
    view = window.documentView
    system_blue = view.palette().color(QPalette.ColorRole.Highlight)
    tag(window, ACTOR, Qt.Key.Key_2)
    claim = tag(window, CLAIM, Qt.Key.Key_1)  # just tagged: the selected annotation
    assert window.current_annotation().id == claim.id
    claim_color, actor_color = QColor(window.colors["Claim"]), QColor(window.colors["Actor"])

    pixels = span_pixels(view, CLAIM)
    assert not any(p.rgb() == system_blue.rgb() for p in pixels)
    assert near(commonest(pixels), claim_color)
    assert outline_pixels(view, CLAIM, claim_color) > 2 * len(CLAIM)

    cursor = QTextCursor(view.document())  # click on the actor: it becomes the selected one
    cursor.setPosition(utf16_index(view, ACTOR) + 3)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center()
    )
    assert window.current_annotation().label == "Actor"
    actor_pixels = span_pixels(view, ACTOR)
    assert not any(p.rgb() == system_blue.rgb() for p in actor_pixels)
    assert near(commonest(actor_pixels), actor_color)
    assert not near(commonest(actor_pixels), commonest(pixels))
    assert outline_pixels(view, ACTOR, actor_color) > 2 * len(ACTOR)
    assert outline_pixels(view, CLAIM, claim_color) == 0  # only the selected span is outlined

    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # Alt+↓: the claim
    assert window.current_annotation().id == claim.id
    assert near(commonest(span_pixels(view, CLAIM)), claim_color)
