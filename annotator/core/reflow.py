"""Plain text to styled text (design D2): paragraphs on blank lines, one line per paragraph.

Rules, kept simple and deterministic:

- The input already has LF line endings (see ``decode.normalize_newlines``). Lines are split on
  ``"\\n"`` only, never ``str.splitlines()``, so U+2028, U+0085 and friends stay in the text.
- A blank line is one that is empty or holds only whitespace (``str.isspace``); one or more of
  them separate paragraphs. Leading and trailing blank lines are dropped.
- Inside a paragraph, each line loses its surrounding spaces and tabs, and the lines are joined
  with one space. Every other character is kept verbatim (NBSP, odd spacing between words).
- Paragraphs are separated by exactly ``"\\n\\n"``: QPlainTextEdit ignores block margins, so a
  blank line is the only way the view can show a paragraph gap.
- The first paragraph becomes the title when it is one short line (< 200 code points, not ending
  in a period) and more paragraphs follow.
"""

from __future__ import annotations

from annotator.core.styled_text import StyledText, StyleRange

RENDERER_VERSION = "plain-1"

PARAGRAPH_SEPARATOR = "\n\n"
TITLE_MAX_LENGTH = 200
# Stripped where lines are joined. NBSP, U+2028 and other Unicode spaces are content.
_EDGE_WHITESPACE = " \t\f\v"


def _is_blank(line: str) -> bool:
    return not line or line.isspace()


def split_paragraphs(text: str) -> list[list[str]]:
    """Group the lines of ``text`` into paragraphs, each a list of its raw lines."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if _is_blank(line):
            if current:
                paragraphs.append(current)
                current = []
        else:
            current.append(line)
    if current:
        paragraphs.append(current)
    return paragraphs


def join_lines(lines: list[str]) -> str:
    """One paragraph's lines as a single line: edges stripped, joined with one space."""
    stripped = (line.strip(_EDGE_WHITESPACE) for line in lines)
    return " ".join(part for part in stripped if part)


def _is_title(lines: list[str], paragraph_count: int) -> bool:
    if len(lines) != 1 or paragraph_count < 2:
        return False
    line = join_lines(lines)
    return len(line) < TITLE_MAX_LENGTH and not line.endswith(".")


def reflow_plain_text(text: str) -> StyledText:
    """Reflow plain text into paragraphs separated by a blank line, with a style range each."""
    paragraphs = split_paragraphs(text)
    has_title = bool(paragraphs) and _is_title(paragraphs[0], len(paragraphs))
    parts: list[str] = []
    styles: list[StyleRange] = []
    position = 0
    for index, lines in enumerate(paragraphs):
        paragraph = join_lines(lines)
        if index:
            parts.append(PARAGRAPH_SEPARATOR)
            position += len(PARAGRAPH_SEPARATOR)
        kind = "title" if index == 0 and has_title else "paragraph"
        styles.append(StyleRange(position, position + len(paragraph), kind))
        parts.append(paragraph)
        position += len(paragraph)
    meta = {"title": join_lines(paragraphs[0])} if has_title else {}
    return StyledText("".join(parts), styles, meta)
