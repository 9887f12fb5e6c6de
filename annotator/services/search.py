"""Search the corpus: what a user types -> a safe FTS5 query, plus span filters (CLI and GUI).

- Words are matched as FTS5 tokens (case- and diacritic-insensitive per ``unicode61``); every
  word must occur (AND). ``"a phrase"`` matches the words in order; ``word*`` is a prefix.
- Anything else (hyphens, colons, quotes inside words) is quoted, so no input is a syntax error.
- ``--fts`` / ``raw=True`` passes FTS5 syntax through (``OR``, ``NEAR``, column filters); the
  older ``a NEAR/3 b`` form (FTS3/4, and many tutorials) is read as FTS5's ``NEAR(a b, 3)``.
- Filters keep documents that have a span with a label, a covered text (case-insensitive) and
  an attribute value, e.g. "has an Actor 'Kim Jong Un'".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from annotator.core.plural import plural
from annotator.store import Project
from annotator.store.search import HIT_CLOSE, HIT_OPEN, SpanFilter

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_NEAR_TERM = r'(?:"[^"]*"|[^\s()"]+)'
_NEAR_INFIX = re.compile(rf"({_NEAR_TERM}(?:\s+NEAR(?:/\d+)?\s+{_NEAR_TERM})+)")
_NEAR_OPERATOR = re.compile(r"\s+NEAR(?:/(\d+))?\s+")
DEFAULT_NEAR = 10  # FTS5's default distance


def fts5_near(query: str) -> str:
    """``Kim NEAR/3 Putin`` (FTS3/4 syntax) as FTS5's ``NEAR(Kim Putin, 3)``; the rest as is.

    A chain ``a NEAR/2 b NEAR/5 c`` becomes one group with the largest distance."""

    def group(match: re.Match[str]) -> str:
        chain = match.group(1)
        distances = [int(d) if d else DEFAULT_NEAR for d in _NEAR_OPERATOR.findall(chain)]
        terms = _NEAR_OPERATOR.sub(" ", chain)
        return f"NEAR({terms}, {max(distances)})"

    return _NEAR_INFIX.sub(group, query)


def to_fts_query(query: str) -> str:
    """A user's query as FTS5 syntax: each word or "phrase" quoted, ``*`` kept as a prefix."""
    terms: list[str] = []
    for match in _TERM.finditer(query):
        phrase, word = match.group(1), match.group(2)
        text = phrase if phrase is not None else word
        prefix = phrase is None and text.endswith("*") and len(text) > 1
        text = text.rstrip("*") if prefix else text
        if not text.strip():
            continue
        quoted = '"' + text.replace('"', '""') + '"'
        terms.append(quoted + ("*" if prefix else ""))
    return " ".join(terms)


@dataclass(frozen=True, slots=True)
class SearchResult:
    document_id: int
    title: str
    snippet: str  # hits between HIT_OPEN and HIT_CLOSE
    hits: list[tuple[int, int]] = field(default_factory=list)  # code points, first few

    def snippet_marked(self, open_mark: str = "[", close_mark: str = "]") -> str:
        return self.snippet.replace(HIT_OPEN, open_mark).replace(HIT_CLOSE, close_mark)

    @property
    def first_hit(self) -> tuple[int, int] | None:
        return self.hits[0] if self.hits else None


def parse_attribute(spec: str | None) -> tuple[str | None, Any]:
    """``"stance=pro"`` -> ("stance", "pro"); ``"negated"`` -> ("negated", None: any value)."""
    if not spec:
        return None, None
    key, sep, value = spec.partition("=")
    if not sep:
        return key.strip(), None
    value = value.strip()
    parsed: Any = {"true": True, "false": False}.get(value.lower(), value)
    return key.strip(), parsed


def filtered_document_ids(project: Project, span_filter: SpanFilter | None) -> list[int] | None:
    """Documents passing the filter; None when there is no filter (all documents)."""
    if span_filter is None or not (span_filter.label or span_filter.text or span_filter.attribute):
        return None
    if isinstance(span_filter.value, bool):  # JSON booleans are stored as 1/0 by json_extract
        span_filter = SpanFilter(
            span_filter.label, span_filter.text, span_filter.attribute, int(span_filter.value)
        )
    return project.documents_with_span(span_filter)


def search_documents(
    project: Project,
    query: str,
    *,
    span_filter: SpanFilter | None = None,
    limit: int = 50,
    raw: bool = False,
    with_offsets: bool = True,
) -> list[SearchResult]:
    """Full-text search; an empty query lists the filtered documents (no snippet)."""
    ids = filtered_document_ids(project, span_filter)
    fts_query = fts5_near(query.strip()) if raw else to_fts_query(query)
    if not fts_query:
        chosen = (ids if ids is not None else project.document_ids())[:limit]
        titles = project.document_titles(chosen)
        return [SearchResult(i, titles.get(i, ""), "") for i in chosen]
    hits = project.search(fts_query, limit=limit, document_ids=ids)
    return [
        SearchResult(h.document_id, h.title, h.snippet,
                     hit_ranges(project, h.document_id, query, raw=raw) if with_offsets else [])
        for h in hits
    ]  # fmt: skip


# Ranking (bm25) reads every match: beyond this many, the window lists the newest first and
# says so (100,000 matching articles took 180-380 ms to rank; 10,000 take a tenth).
RANK_LIMIT = 10_000


@dataclass(frozen=True, slots=True)
class SearchPage:
    """What the search panel shows: the first results and how many documents match."""

    results: list[SearchResult]
    matches: int  # documents matching, counted up to RANK_LIMIT + 1
    ranked: bool  # best first; else newest first (more than RANK_LIMIT matches)

    def summary(self) -> str:
        """ "50 of 1,204 documents" / "50 of more than 10,000 documents, newest first"."""
        shown = len(self.results)
        if self.ranked:
            total = plural(self.matches, "document", grouped=True)
            return total if shown == self.matches else f"{shown:,} of {total}"
        return f"{shown:,} of more than {RANK_LIMIT:,} documents, newest first: add words to rank"


def search_page(
    project: Project, query: str, *, span_filter: SpanFilter | None = None, limit: int = 50
) -> SearchPage:
    """The window's search: ranked when at most RANK_LIMIT documents match, else newest first;
    hit ranges are left to the document shown (``hit_ranges``)."""
    fts_query = to_fts_query(query)
    if not fts_query:
        results = search_documents(project, query, span_filter=span_filter, limit=limit)
        return SearchPage(results, len(results), True)
    ids = filtered_document_ids(project, span_filter)
    matches = project.count_matches(fts_query, cap=RANK_LIMIT, document_ids=ids)
    ranked = matches <= RANK_LIMIT
    hits = project.search(fts_query, limit=limit, document_ids=ids, newest_first=not ranked)
    results = [SearchResult(h.document_id, h.title, h.snippet) for h in hits]
    return SearchPage(results, matches, ranked)


def hit_ranges(
    project: Project, document_id: int, query: str, *, raw: bool = False
) -> list[tuple[int, int]]:
    """The first hits of ``query`` in one document, as code-point ranges (what a result's
    ``hits`` holds; the window asks for them only for the document it shows)."""
    fts_query = fts5_near(query.strip()) if raw else to_fts_query(query)
    return project.hit_offsets(document_id, fts_query)[:100] if fts_query else []
