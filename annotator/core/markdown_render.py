"""Markdown to styled text (design D2): Python-Markdown for the parse, an allow-list walker after.

Python-Markdown turns the source into HTML; ``_Walker`` (stdlib ``HTMLParser``) turns that HTML
into the canonical plain text plus exact style ranges. Nothing from the HTML reaches Qt.

- Blocks are separated by ``"\\n\\n"``; list items, table rows and anything nested in a list item
  by ``"\\n"``; table cells by a tab. ``<br>`` is a ``"\\n"``.
- Outside ``<pre>``, runs of HTML whitespace (space, tab, LF, CR, FF) collapse to one space and
  vanish at block edges. NBSP and other Unicode spaces are content and stay.
- ``script``, ``style``, ``iframe``, ``object`` and similar elements are dropped with their
  content; ``img`` contributes its alt text; unknown tags contribute only their text.
- Separators and spaces are written lazily, just before the next visible text, so a range never
  starts or ends on one and an element without text gets no range.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor

from annotator.core.styled_text import StyledText, StyleRange

RENDERER_VERSION = "markdown-1"

BLOCK_KINDS = {f"h{n}": f"heading{n}" for n in range(1, 7)} | {
    "p": "paragraph",
    "li": "list_item",
    "blockquote": "quote",
    "pre": "code_block",
}
INLINE_KINDS = {
    "strong": "bold",
    "b": "bold",
    "em": "italic",
    "i": "italic",
    "code": "code",
    "a": "link",
    "del": "strike",
    "s": "strike",
    "strike": "strike",
}


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


# Block-level tags that carry no style of their own but still separate text.
PLAIN_BLOCKS = _tags(
    "address article aside dd div dl dt figcaption figure footer form header main nav ol "
    "section table tr ul"
)
DROPPED = _tags("script style iframe object embed applet template noscript svg head frame frameset")
VOID = _tags("area base br col embed hr img input link meta param source track wbr")
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")


class _StrikeExtension(Extension):  # type: ignore[misc]  # Markdown has no type information
    """``~~text~~`` as ``<del>``, as on GitHub (Python-Markdown has no strikethrough)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # Markdown's hook name
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "strike", 45)


def markdown_to_html(source: str) -> str:
    extensions: list[Any] = ["fenced_code", "tables", "sane_lists", _StrikeExtension()]
    html: str = markdown.markdown(source, extensions=extensions)
    return html


def render_markdown(source: str) -> StyledText:
    """Render Markdown source into canonical text with style ranges in code points."""
    return render_html_fragment(markdown_to_html(source))


# Python-Markdown is quadratic in the '[' of one paragraph (each looks ahead for its ']':
# 50,000 took > 120 s) and recursive in nesting (400 levels: RecursionError; 2,000: 1.8 GB).
MARKDOWN_MAX_NESTING = 100  # list or quote levels; 200 render in 0.2 s
MARKDOWN_MAX_BRACKETS = 1_000  # '[' in one paragraph; 1,000 render in ~0.2 s
_PREFIX = re.compile(r"[ \t>]*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LIST_MARKER = re.compile(r"(?:[-*+]|\d+[.)])(?:\s|$)")


def _depth(line: str) -> int:
    """Quote and list levels of one line: its '>'s, its indent (4 per level), its marker."""
    prefix = _PREFIX.match(line).group()  # type: ignore[union-attr]
    last = prefix.rfind(">")
    indent = prefix[last + 1 :].removeprefix(" ") if last >= 0 else prefix
    marker = 1 if _LIST_MARKER.match(line, len(prefix)) else 0
    return prefix.count(">") + len(indent.expandtabs(4)) // 4 + marker


def markdown_too_complex(source: str) -> str | None:
    """Why ``source`` would take Python-Markdown too long or too deep, or None (linear scan)."""
    deepest = max(map(_depth, source.split("\n")), default=0)
    if deepest > MARKDOWN_MAX_NESTING:
        return (
            f"lists or quotes nested too deep ({deepest:,} levels; the limit is"
            f" {MARKDOWN_MAX_NESTING})"
        )
    brackets = max((block.count("[") for block in _BLANK_LINE.split(source)), default=0)
    if brackets > MARKDOWN_MAX_BRACKETS:
        return (
            f"{brackets:,} '[' in one paragraph (the limit is {MARKDOWN_MAX_BRACKETS:,}, as"
            " link syntax takes quadratic time)"
        )
    return None


def render_markdown_bounded(source: str) -> tuple[StyledText | None, str | None]:
    """(styled text, None), or (None, why) when the source is too deep or too bracketed to
    render as Markdown in bounded time and memory; the caller then reads it as plain text."""
    problem = markdown_too_complex(source)
    if problem is None:
        try:
            return render_markdown(source), None
        except RecursionError:
            problem = "nested too deep for the Markdown parser"
    return None, problem


def render_html_fragment(html: str) -> StyledText:
    """Walk (trusted-structure, untrusted-content) HTML into styled text; tags are allow-listed."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    return walker.result()


@dataclass(slots=True)
class _Open:
    tag: str
    kind: str | None
    data: dict[str, Any] | None = None
    order: int = 0  # document order, so an outer range sorts before an equal inner one
    start: int | None = None  # set when the element's first text is written


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._length = 0
        self._stack: list[_Open] = []
        # Kept beside the stack so that deep nesting stays linear (a hostile page may nest
        # thousands of levels): how many of each tag are open, and where the elements that have
        # not seen text yet begin (always a suffix of the stack).
        self._open_count: Counter[str] = Counter()
        self._unstarted = 0
        self._styles: list[tuple[int, StyleRange]] = []
        self._opened = 0
        self._meta: dict[str, Any] = {}
        self._pending_break = 0  # newlines owed before the next text (block boundary, <br>)
        self._pending_text = ""  # tabs between cells, deferred newlines in <pre>
        self._pending_space = False
        self._row_cells: list[int] = []
        self._skip: tuple[str, int] | None = None  # (dropped tag, nesting depth)

    # -- HTMLParser callbacks ------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping_start(tag):
            return
        if tag == "br":
            self._pending_break = min(self._pending_break + 1, 2)
        elif tag == "img":
            self._inline_text(dict(attrs).get("alt") or "")
        elif tag == "hr":
            self._boundary()
        elif tag not in VOID:
            self._open(tag, dict(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip is not None:
            self._skipping_end(tag)
            return
        if not self._open_count[tag]:
            return  # stray end tag
        while self._stack:
            element = self._pop()
            self._close(element)
            if element.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._skip is not None:
            return
        if self._in_pre():
            self._pre_text(data)
        else:
            self._inline_text(data)

    def close(self) -> None:
        super().close()
        while self._stack:
            self._close(self._pop())

    def result(self) -> StyledText:
        ordered = sorted(self._styles, key=lambda item: (item[1].start, -item[1].end, item[0]))
        return StyledText("".join(self._parts), [style for _, style in ordered], self._meta)

    # -- dropped elements ----------------------------------------------------------------------

    def _skipping_start(self, tag: str) -> bool:
        if self._skip is not None:
            skipped, depth = self._skip
            if tag == skipped and tag not in VOID:
                self._skip = (skipped, depth + 1)
            return True
        if tag in DROPPED:
            if tag not in VOID:
                self._skip = (tag, 0)
            return True
        return False

    def _skipping_end(self, tag: str) -> None:
        assert self._skip is not None
        skipped, depth = self._skip
        if tag == skipped:
            self._skip = (skipped, depth - 1) if depth else None

    # -- structure -----------------------------------------------------------------------------

    def _open(self, tag: str, attrs: dict[str, str | None]) -> None:
        kind = BLOCK_KINDS.get(tag) or INLINE_KINDS.get(tag)
        data = None
        if tag == "a":
            href = attrs.get("href")
            kind, data = ("link", {"href": href}) if href else (None, None)
        elif tag == "code" and self._in_pre():
            kind = None  # the whole <pre> is already a code block
        if tag in BLOCK_KINDS or tag in PLAIN_BLOCKS:
            self._boundary(tag)
        if tag == "tr":
            self._row_cells.append(0)
        elif tag in ("td", "th") and self._row_cells:
            if self._row_cells[-1]:
                self._pending_text += "\t"
            self._row_cells[-1] += 1
        self._opened += 1
        self._stack.append(_Open(tag, kind, data, self._opened))
        self._open_count[tag] += 1

    def _pop(self) -> _Open:
        element = self._stack.pop()
        self._open_count[element.tag] -= 1
        self._unstarted = min(self._unstarted, len(self._stack))
        return element

    def _close(self, element: _Open) -> None:
        if element.kind and element.start is not None and self._length > element.start:
            style = StyleRange(element.start, self._length, element.kind, element.data)
            self._styles.append((element.order, style))
            if element.tag == "h1" and "title" not in self._meta:
                self._meta["title"] = "".join(self._parts)[element.start :]
        if element.tag == "tr" and self._row_cells:
            self._row_cells.pop()
        if element.tag in ("td", "th"):
            self._pending_space = False
        elif element.tag in BLOCK_KINDS or element.tag in PLAIN_BLOCKS:
            self._boundary(element.tag)

    def _boundary(self, tag: str = "") -> None:
        """A block starts or ends here: the next text goes on a new line or after a blank one."""
        compact = tag in ("li", "tr") or self._open_count["li"] > 0
        self._pending_break = max(self._pending_break, 1 if compact else 2)
        self._pending_text = ""
        self._pending_space = False

    def _in_pre(self) -> bool:
        return self._open_count["pre"] > 0

    # -- text ----------------------------------------------------------------------------------

    def _inline_text(self, data: str) -> None:
        # A whitespace run lies between every two pieces (pieces at the edges may be empty).
        for index, piece in enumerate(_COLLAPSIBLE.split(data)):
            if index:
                self._pending_space = True
            if piece:
                self._write(piece)

    def _pre_text(self, data: str) -> None:
        pre = next(element for element in reversed(self._stack) if element.tag == "pre")
        if pre.start is None:
            data = data.lstrip("\n")  # HTML drops the newline right after <pre>
        body = data.rstrip("\n")
        if body:
            self._write(body)
        self._pending_text += data[len(body) :]  # trailing newlines: only kept if text follows

    def _write(self, text: str) -> None:
        if self._length:
            if self._pending_break:
                self._append("\n" * self._pending_break + self._pending_text)
            elif self._pending_text:
                self._append(self._pending_text)
            elif self._pending_space:
                self._append(" ")
        self._pending_break = 0
        self._pending_text = ""
        self._pending_space = False
        for element in self._stack[self._unstarted :]:
            if element.start is None:
                element.start = self._length
        self._unstarted = len(self._stack)
        self._append(text)

    def _append(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)
