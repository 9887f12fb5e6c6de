"""HTML to styled text (design D2): the article body only, through an allow-list walker.

The walker is the Markdown renderer's (``markdown_render._Walker``), so HTML and Markdown give
the same text for the same structure. On top of it, for whole web pages:

- Only the article body is rendered: the ``<article>`` with the most text, else ``<main>``, else
  ``<body>`` (or the whole input for a fragment). Navigation, asides, footers, forms and buttons
  are dropped with their content, as are scripts, styles, frames and embedded objects.
- Nothing is ever loaded: the HTML is parsed as text by the stdlib parser; ``<img>`` gives its
  alt text, links keep their ``href`` only as style data, and raw HTML never reaches Qt.
- ``<figcaption>`` becomes a boilerplate range (reason "caption").
- Metadata is read from ``<title>``, ``<meta>`` (author, description, Open Graph, article dates),
  ``<html lang>`` and ``<link rel=canonical>``.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from annotator.core.markdown_render import DROPPED, VOID, _Walker
from annotator.core.metadata import normalize_meta
from annotator.core.styled_text import StyledText

RENDERER_VERSION = "html-1"

_PAGE_CHROME = (
    "nav aside footer form button select textarea option label dialog menu video audio canvas"
    " picture map"
)
PAGE_DROPPED = DROPPED | frozenset(_PAGE_CHROME.split())
CONTAINERS = ("article", "main", "body")
_META_KEYS = {
    "author": "author",
    "article:author": "author",
    "og:title": "title",
    "twitter:title": "title",
    "og:site_name": "source",
    "publisher": "source",
    "article:published_time": "date",
    "date": "date",
    "pubdate": "date",
    "dc.date": "date",
    "dc.creator": "author",
    "og:url": "url",
    "keywords": "tags",
    "news_keywords": "tags",
    "article:tag": "tags",
    "og:locale": "language",
}


class _Survey(HTMLParser):
    """First pass: which container holds the article, and the page's metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: dict[str, list[int]] = {tag: [] for tag in CONTAINERS}
        self._open: dict[str, int] = dict.fromkeys(CONTAINERS, 0)
        self._skip = 0
        self._in_title = False
        self.title = ""
        self.meta: dict[str, Any] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CONTAINERS:
            if self._open[tag] == 0:
                self.counts[tag].append(0)
            self._open[tag] += 1
        elif tag in DROPPED and tag not in VOID and tag != "head":
            self._skip += 1
        if tag == "title":
            self._in_title = True
        self._page_meta(tag, {k.lower(): v or "" for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        if tag in CONTAINERS and self._open[tag]:
            self._open[tag] -= 1
        elif tag in DROPPED and tag not in VOID and tag != "head" and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skip:
            return
        size = len(data.strip())
        for tag in CONTAINERS:
            if self._open[tag]:
                self.counts[tag][-1] += size

    def _page_meta(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "html" and attrs.get("lang"):
            self.meta.setdefault("language", attrs["lang"])
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower().split():
            self.meta.setdefault("url", attrs.get("href", ""))
        elif tag == "meta":
            name = (attrs.get("name") or attrs.get("property") or "").lower()
            field = _META_KEYS.get(name)
            content = attrs.get("content", "").strip()
            if field and content:
                if field == "tags" and "tags" in self.meta:
                    self.meta["tags"] = f"{self.meta['tags']},{content}"
                else:
                    self.meta.setdefault(field, content)

    def choose(self) -> tuple[str | None, int]:
        """The container tag to render and which occurrence of it (None: the whole input)."""
        for tag in CONTAINERS:
            sizes = self.counts[tag]
            if sizes and max(sizes) > 0:
                return tag, sizes.index(max(sizes))
        return None, 0


class _ArticleWalker(_Walker):
    """The Markdown walker, limited to one container and with page chrome dropped."""

    def __init__(self, container: str | None, occurrence: int) -> None:
        super().__init__()
        self._container = container
        self._wanted = occurrence
        self._seen = -1
        self._depth = 0 if container else 1  # > 0: inside the chosen container

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self._container:
            if self._depth:
                self._depth += 1
            elif self._outermost_start():
                self._depth = 1
        if self._depth > 0:
            super().handle_starttag(tag, attrs)

    def _outermost_start(self) -> bool:
        self._seen += 1
        return self._seen == self._wanted

    def handle_endtag(self, tag: str) -> None:
        if self._depth <= 0:
            return
        super().handle_endtag(tag)
        if tag == self._container and self._container is not None:
            self._depth -= 1
            if self._depth == 0:
                self._depth = -1  # done: nothing after the chosen container

    def handle_data(self, data: str) -> None:
        if self._depth > 0:
            super().handle_data(data)

    def _skipping_start(self, tag: str) -> bool:
        if self._skip is None and tag in PAGE_DROPPED and tag not in VOID:
            self._skip = (tag, 0)
            return True
        return super()._skipping_start(tag)

    def _open(self, tag: str, attrs: dict[str, str | None]) -> None:
        href = attrs.get("href") or ""
        if tag == "a" and href.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
            attrs = {**attrs, "href": None}  # never even shown as a target
        super()._open(tag, attrs)
        if tag == "figcaption":
            self._stack[-1].kind = "boilerplate"
            self._stack[-1].data = {"reason": "caption"}


def render_html(source: str) -> StyledText:
    """Render an HTML page or fragment into canonical text with style ranges and metadata."""
    survey = _Survey()
    survey.feed(source)
    survey.close()
    container, occurrence = survey.choose()
    walker = _ArticleWalker(container, occurrence)
    walker.feed(source)
    walker.close()
    styled = walker.result()
    meta: dict[str, Any] = dict(survey.meta)
    page_title = " ".join(survey.title.split())
    if "title" in styled.meta:
        meta["title"] = " ".join(str(styled.meta["title"]).split())
    elif "title" not in meta and page_title:
        meta["title"] = page_title
    styled.meta = normalize_meta(meta)
    return styled
