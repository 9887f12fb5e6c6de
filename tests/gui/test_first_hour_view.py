"""Issue #9 "The first hour": what a new user sees when switching documents, selecting a span,
and how the window uses its width (driven with real mouse clicks and key presses)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SEED, make_project, utf16_index
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtTest import QTest

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
    rect = documents.visualItemRect(documents.topLevelItem(row))
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
