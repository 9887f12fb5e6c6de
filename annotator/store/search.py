"""Full-text search (SQLite FTS5 over ``documents_fts``, schema v2) and span-based filters.

``documents_fts`` is an external-content FTS5 table over ``documents(title, text)``, kept in sync
by triggers, so nothing here writes. Queries are FTS5 syntax; ``services/search.py`` turns what a
user types into a safe FTS5 query. Hit positions come from FTS5's own ``highlight()``, so they
agree with its tokenizer, and are returned in code points of the canonical text (D1).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from annotator.store.base import StoreBase
from annotator.store.errors import ProjectError

HIT_OPEN = "\x01"
HIT_CLOSE = "\x02"
ELLIPSIS = "…"
TEXT_COLUMN = 1  # documents_fts(title, text)


@dataclass(frozen=True, slots=True)
class SearchHit:
    document_id: int
    title: str
    snippet: str  # context around the hits, each hit between HIT_OPEN and HIT_CLOSE
    rank: float


@dataclass(frozen=True, slots=True)
class SpanFilter:
    """Documents having a span with this label (and, optionally, this text / attribute value)."""

    label: str | None = None
    text: str | None = None  # compared case-insensitively with the span's covered text
    attribute: str | None = None
    value: Any = None  # None: the attribute is set, whatever its value


def _json_path(key: str) -> str:
    return '$."' + key.replace('"', '""') + '"'


def _markers_to_offsets(marked: str) -> list[tuple[int, int]]:
    """Hit ranges in the unmarked text, from text with HIT_OPEN/HIT_CLOSE around each hit."""
    ranges: list[tuple[int, int]] = []
    position = 0
    start = 0
    for char in marked:
        if char == HIT_OPEN:
            start = position
        elif char == HIT_CLOSE:
            ranges.append((start, position))
        else:
            position += 1
    return ranges


class SearchMixin(StoreBase):
    def search(
        self,
        fts_query: str,
        *,
        limit: int = 50,
        document_ids: list[int] | None = None,
        context_tokens: int = 12,
        newest_first: bool = False,
    ) -> list[SearchHit]:
        """Documents matching an FTS5 query, best first (``newest_first``: last imported first,
        which FTS5 answers without ranking every match), with a snippet of context each."""
        sql = (
            "SELECT f.rowid, d.title, snippet(documents_fts, -1, ?, ?, ?, ?), f.rank"
            " FROM documents_fts f JOIN documents d ON d.id = f.rowid"
            " WHERE documents_fts MATCH ?"
        )
        params: list[Any] = [HIT_OPEN, HIT_CLOSE, ELLIPSIS, context_tokens, fts_query]
        if document_ids is not None:
            ids = list(document_ids)
            if not ids:
                return []
            sql += f" AND f.rowid IN ({','.join('?' * len(ids))})"
            params.extend(ids)
        sql += " ORDER BY f.rowid DESC LIMIT ?" if newest_first else " ORDER BY f.rank LIMIT ?"
        params.append(limit)
        rows = self._fts(sql, params)
        return [SearchHit(int(r[0]), r[1], r[2] or "", float(r[3])) for r in rows]

    def count_matches(
        self, fts_query: str, *, cap: int, document_ids: list[int] | None = None
    ) -> int:
        """How many documents match, counted up to ``cap + 1`` (cheap however many match)."""
        sql = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
        params: list[Any] = [fts_query]
        if document_ids is not None:
            sql += (
                f" AND rowid IN ({','.join('?' * len(document_ids))})" if document_ids else " AND 0"
            )
            params.extend(document_ids)
        rows = self._fts(f"SELECT count(*) FROM ({sql} LIMIT ?)", [*params, cap + 1])
        return int(rows[0][0])

    def search_count(self, fts_query: str) -> int:
        rows = self._fts(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", [fts_query]
        )
        return int(rows[0][0])

    def hit_offsets(self, document_id: int, fts_query: str) -> list[tuple[int, int]]:
        """Every hit of the query in one document's text, as code-point ranges."""
        rows = self._fts(
            "SELECT highlight(documents_fts, ?, ?, ?) FROM documents_fts"
            " WHERE documents_fts MATCH ? AND rowid = ?",
            [TEXT_COLUMN, HIT_OPEN, HIT_CLOSE, fts_query, document_id],
        )
        return _markers_to_offsets(rows[0][0] or "") if rows else []

    def documents_with_span(self, span_filter: SpanFilter) -> list[int]:
        """Ids of documents having at least one span that passes the filter, in id order."""
        clauses: list[str] = []
        params: list[Any] = []
        if span_filter.label:
            clauses.append("l.name = ?")
            params.append(span_filter.label)
        if span_filter.text:
            clauses.append("lower(a.text) = lower(?)")
            params.append(span_filter.text.strip())
        if span_filter.attribute:
            path = _json_path(span_filter.attribute)
            if span_filter.value is None:
                clauses.append("json_type(a.attributes, ?) IS NOT NULL")
                params.append(path)
            else:
                clauses.append("json_extract(a.attributes, ?) = ?")
                params.extend([path, span_filter.value])
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self.db.execute(
            "SELECT DISTINCT a.document_id FROM annotations a JOIN labels l ON l.id = a.label_id"
            + where
            + " ORDER BY a.document_id",
            params,
        )
        return [int(r[0]) for r in rows]

    def _fts(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        try:
            return list(self.db.execute(sql, params).fetchall())
        except sqlite3.OperationalError as exc:
            raise ProjectError(f"The search query cannot be understood: {exc}.") from exc
