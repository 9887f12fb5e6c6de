"""Span boundary editing, Qt-free: trim, snap to words, move a boundary by a character or word.

Every function returns new ``(start, end)`` code-point offsets and never cuts a grapheme cluster.
"""

from __future__ import annotations

import unicodedata

from annotator.core.graphemes import cluster_bounds, snap_to_graphemes

# Closing/opening marks stripped from the ends of a span unless they are balanced inside it.
_PAIRS = {")": "(", "]": "[", "}": "{", "”": "“", "’": "‘", "»": "«", "›": "‹"}
_OPENERS = {v: k for k, v in _PAIRS.items()}
# Straight quotes open and close with the same mark: they pair by count ("a" b "c" has 4).
_SYMMETRIC = frozenset("\"'")


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def _is_word_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "LNM" or ch in "_'’-"


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace and unbalanced punctuation around ``[start, end)``.

    A bracket or quote is kept when its partner is inside the span ("(NIS)" stays whole);
    a span that is nothing but punctuation is left as it is.
    """
    s, e = start, end
    while True:
        before = (s, e)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e and _is_punct(text[s]) and not _balanced_opener(text, s, e):
            s += 1
        if e > s and _is_punct(text[e - 1]) and not _balanced_closer(text, s, e):
            e -= 1
        if (s, e) == before:
            break
    if s >= e:
        return start, end  # all punctuation/space: leave it to the caller
    return snap_to_graphemes(text, s, e)


def _balanced_opener(text: str, s: int, e: int) -> bool:
    if text[s] in _SYMMETRIC:
        return _quote_count(text, text[s], s + 1, e) % 2 == 1
    closer = _OPENERS.get(text[s])
    return closer is not None and closer in text[s + 1 : e]


def _balanced_closer(text: str, s: int, e: int) -> bool:
    if text[e - 1] in _SYMMETRIC:
        return _quote_count(text, text[e - 1], s, e - 1) % 2 == 1
    opener = _PAIRS.get(text[e - 1])
    return opener is not None and opener in text[s : e - 1]


def _quote_count(text: str, mark: str, s: int, e: int) -> int:
    """How many times ``mark`` is used as a quote in ``text[s:e]``; an apostrophe inside a word
    (Kim's, don't) is not a quote."""
    return sum(1 for i in range(s, e) if text[i] == mark and not _inside_word(text, i))


def _inside_word(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so it neither starts nor ends inside a word."""
    while 0 < start < len(text) and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        start -= 1
    while 0 < end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
        end += 1
    return snap_to_graphemes(text, start, end)


def _step_char(text: str, pos: int, direction: int) -> int:
    if direction > 0:
        return cluster_bounds(text, pos)[1] if pos < len(text) else pos
    return cluster_bounds(text, pos - 1)[0] if pos > 0 else pos


def _step_word(text: str, pos: int, direction: int) -> int:
    n = len(text)
    if direction > 0:
        while pos < n and not _is_word_char(text[pos]):
            pos += 1
        while pos < n and _is_word_char(text[pos]):
            pos += 1
        return pos
    while pos > 0 and not _is_word_char(text[pos - 1]):
        pos -= 1
    while pos > 0 and _is_word_char(text[pos - 1]):
        pos -= 1
    return pos


def move_boundary(
    text: str, start: int, end: int, *, edge: str, direction: int, unit: str = "char"
) -> tuple[int, int]:
    """Move the ``edge`` ("start" or "end") of a span by one character or word.

    ``direction`` is +1 (towards the end of the text) or -1. The span never becomes empty:
    a move that would collapse it is ignored.
    """
    step = _step_word if unit == "word" else _step_char
    if edge == "end":
        new_end = step(text, end, direction)
        return (start, new_end) if new_end > start else (start, end)
    new_start = step(text, start, direction)
    return (new_start, end) if new_start < end else (start, end)
