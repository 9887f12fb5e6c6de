"""Grapheme clusters (UAX #29, via the ``regex`` module's ``\\X``): a span never cuts one (D1).

A flag (two regional indicators), a ZWJ family, a letter with combining marks or a CRLF-free
Hangul syllable sequence is one user-perceived character; tagging half of it would export a
broken character. Scanning starts at the nearest earlier line break (always a cluster boundary),
so the cost is local to the paragraph, not the document.
"""

from __future__ import annotations

import regex

_CLUSTER = regex.compile(r"\X")
_MAX_LOOKBACK = 4_096  # code points; a paragraph longer than this starts the scan mid-way


def _scan_start(text: str, pos: int) -> int:
    newline = text.rfind("\n", max(0, pos - _MAX_LOOKBACK), pos)
    return newline + 1 if newline >= 0 else max(0, pos - _MAX_LOOKBACK)


def _ascii_break(text: str, pos: int) -> bool:
    """True when ``pos`` (0 < pos < len) sits between two ASCII characters other than CR LF:
    UAX #29 always breaks there (every rule that joins involves a non-ASCII character)."""
    before, after = text[pos - 1], text[pos]
    return before < "\x80" and after < "\x80" and not (before == "\r" and after == "\n")


def cluster_bounds(text: str, pos: int) -> tuple[int, int]:
    """The grapheme cluster containing code point ``pos``: ``(start, end)``."""
    if 0 < pos < len(text) - 1 and _ascii_break(text, pos) and _ascii_break(text, pos + 1):
        return pos, pos + 1  # the common case, without scanning the paragraph
    for match in _CLUSTER.finditer(text, _scan_start(text, pos)):
        if match.end() > pos:
            return match.start(), match.end()
    return pos, pos


def is_cluster_boundary(text: str, pos: int) -> bool:
    """Whether a grapheme cluster starts (or the text ends) at ``pos``."""
    if pos <= 0 or pos >= len(text) or _ascii_break(text, pos):
        return True
    return cluster_bounds(text, pos)[0] == pos


def snap_to_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so that both ends fall on grapheme-cluster boundaries."""
    if 0 < start < len(text):
        start = cluster_bounds(text, start)[0]
    if 0 < end < len(text):
        lo, hi = cluster_bounds(text, end)
        end = end if lo == end else hi
    return start, end
