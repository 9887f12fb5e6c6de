"""News clean-up, non-destructive: every rule that recognises boilerplate and metadata lives here.

The canonical text is never changed. Clean-up only *adds*:

- ``StyleRange(kind="boilerplate", data={"reason": ...})`` over syndication headers
  ("(MENAFN- Asia Times)"), syndication ID lines ("MENAFN22102024000159011032ID1108807929"),
  syndication footers (the source name alone after the ID line), legal disclaimers, image
  placeholders and captions, and "read more / follow us" promotions. The view shows these dimmed;
  exporters leave them out by default; the text and the stored original keep every byte.
- metadata it recognises: ``source`` (the syndication header), ``date`` (the MENAFN ID line is
  ``MENAFN`` + DDMMYYYY + ..., or a "Published:" line), ``author`` (a "By Jane Doe" byline, which
  may go on with the source and the date: "By Jane Doe · Reuters · 2024-11-04",
  "By Jane Doe | Reuters | Nov. 4, 2024", "By Jane Doe, Reuters").

Rules work on the rendered blocks (paragraphs separated by ``"\\n\\n"``, see docs/design.md), so
the same rules serve plain text, Markdown, HTML and .docx. Lines were already reflowed by the
renderer (``core/reflow.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from annotator.core.metadata import date_from_ddmmyyyy, find_date, normalize_date
from annotator.core.styled_text import StyledText, StyleRange

CLEANUP_VERSION = "news-1"
BOILERPLATE = "boilerplate"

_SYNDICATION_HEADER = re.compile(r"\(MENAFN\s*[-–—]\s*([^()\n]{1,100}?)\s*\)")
_AGENCY_HEADER = re.compile(r"\((Reuters|AP|AFP|Bloomberg|Xinhua|Yonhap|dpa|UPI)\)\s*[-–—]?")
_SYNDICATION_ID = re.compile(r"MENAFN(\d{8})\d*ID\d+")
_DISCLAIMER = re.compile(r"(?:Legal\s+)?Disclaimer\s*:", re.IGNORECASE)
_CAPTION_CREDIT = re.compile(r"\b(?:Photo|Image|Picture|Photograph|Credit)s?\s*:\s", re.IGNORECASE)
_IMAGE_PLACEHOLDER = re.compile(r".{0,250}\sImage")
_PROMOTION = re.compile(
    r"(?:Read more|Read also|Also read|Related|Follow us|Subscribe|Sign up|Click here)\b.{0,200}",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"By\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von)){0,5})")
_BYLINE_START = re.compile(r"By\s+(.+)")
_BYLINE_SEPARATOR = re.compile(r"\s*[·•|,;/]\s*|\s+[-–—]\s+")
BYLINE_MAX_LENGTH = 120
SOURCE_MAX_WORDS = 5  # "Reuters", "The Korea Herald", "Asia Times"
_PUBLISHED = re.compile(r"(?:Published|Updated|Posted)(?:\s+on)?\s*:?\s+(.{6,60})", re.IGNORECASE)
CAPTION_MAX_LENGTH = 400


@dataclass(frozen=True, slots=True)
class Block:
    start: int
    end: int
    text: str


def iter_blocks(text: str) -> Iterator[Block]:
    """The rendered blocks (separated by a blank line) with their code-point ranges."""
    position = 0
    for piece in text.split("\n\n"):
        stripped = piece.strip("\n")
        if stripped.strip():
            offset = position + (len(piece) - len(piece.lstrip("\n")))
            yield Block(offset, offset + len(stripped), stripped)
        position += len(piece) + 2


def _mark(block: Block, reason: str, start: int = 0, end: int | None = None) -> StyleRange:
    stop = block.end if end is None else block.start + end
    return StyleRange(block.start + start, stop, BOILERPLATE, {"reason": reason})


class _Cleaner:
    def __init__(self, styled: StyledText) -> None:
        self.styled = styled
        self.blocks = list(iter_blocks(styled.text))
        self.marks: list[StyleRange] = []
        self.meta: dict[str, str] = {}
        self.title = str(styled.meta.get("title") or "")

    def run(self) -> StyledText:
        after_id = False
        for index, block in enumerate(self.blocks):
            after_id = self._block(index, block, after_id) or after_id
        styles = sorted([*self.styled.styles, *self.marks], key=lambda s: (s.start, -s.end))
        meta = {**self.meta, **self.styled.meta}
        return StyledText(self.styled.text, styles, meta)

    def _block(self, index: int, block: Block, after_id: bool) -> bool:
        """Apply every rule to one block; True when it is a syndication ID line."""
        text = block.text
        id_line = _SYNDICATION_ID.fullmatch(text)
        if id_line:
            self.marks.append(_mark(block, "syndication id"))
            found = date_from_ddmmyyyy(id_line.group(1))
            if found:
                self.meta.setdefault("date", found)
            return True
        if _DISCLAIMER.match(text):
            self.marks.append(_mark(block, "disclaimer"))
        elif after_id and text == self.meta.get("source"):
            self.marks.append(_mark(block, "syndication footer"))
        elif self._is_caption(index, text):
            self.marks.append(_mark(block, "caption"))
        elif len(text) <= 200 and _PROMOTION.fullmatch(text):
            self.marks.append(_mark(block, "promotion"))
        else:
            self._header(index, block)
            self._byline_and_date(block)
        return False

    def _is_caption(self, index: int, text: str) -> bool:
        if len(text) > CAPTION_MAX_LENGTH or index == 0:
            return False
        if text.endswith(" Image") and (
            text[: -len(" Image")] == self.title or _IMAGE_PLACEHOLDER.fullmatch(text)
        ):
            return True
        return bool(_CAPTION_CREDIT.search(text))

    def _header(self, index: int, block: Block) -> None:
        if index > 4:  # after the title, a byline and a date line at most
            return
        match = _SYNDICATION_HEADER.match(block.text) or _AGENCY_HEADER.match(block.text)
        if match:
            self.marks.append(_mark(block, "syndication header", 0, match.end()))
            self.meta.setdefault("source", match.group(1).strip())

    def _byline_and_date(self, block: Block) -> None:
        if len(block.text) > BYLINE_MAX_LENGTH:
            return
        byline = parse_byline(block.text)
        if byline:
            for key, value in byline.items():
                self.meta.setdefault(key, value)
            return
        published = _PUBLISHED.fullmatch(block.text) if len(block.text) <= 80 else None
        if published:
            found = normalize_date(published.group(1))
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", found):
                self.meta.setdefault("date", found)


def parse_byline(line: str) -> dict[str, str] | None:
    """``author`` (and ``source``, ``date`` when they follow it) from a byline, else None.

    "By Ivan Petrov · Reuters · 2024-11-04", "By Ivan Petrov | Reuters | Nov. 4, 2024" and
    "By Ivan Petrov, Reuters" all give author Ivan Petrov and source Reuters.
    """
    start = _BYLINE_START.fullmatch(line.strip())
    if not start:
        return None
    rest = start.group(1)
    found: dict[str, str] = {}
    dated = find_date(rest)
    if dated:
        found["date"] = dated[0]
        rest = rest[: dated[1]] + " · " + rest[dated[2] :]
    parts = [p for p in _BYLINE_SEPARATOR.split(rest) if p.strip()]
    author = _BYLINE.fullmatch("By " + parts[0]) if parts else None
    if not author or len(parts) > 2:
        return None
    found["author"] = author.group(1)
    if len(parts) == 2 and parts[1][:1].isupper() and len(parts[1].split()) <= SOURCE_MAX_WORDS:
        found["source"] = parts[1].strip()
    return found


def clean_news(styled: StyledText) -> StyledText:
    """Mark boilerplate and recognise metadata; the text itself is returned unchanged.

    Metadata the renderer already found (an HTML ``<meta>``, a Markdown ``# title``) wins over
    what the clean-up recognises in the text.
    """
    return _Cleaner(styled).run()


def boilerplate_ranges(styles: list[StyleRange]) -> list[tuple[int, int, str]]:
    """``(start, end, reason)`` of every boilerplate range, for exporters and views."""
    return [
        (s.start, s.end, str((s.data or {}).get("reason", "")))
        for s in styles
        if s.kind == BOILERPLATE
    ]
