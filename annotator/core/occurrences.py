"""Every whole-word occurrence of some needles in a text (issue #12, tag all), Qt-free.

Offsets are code points, ``[start, end)``. The rules:

- **Whole words**: each end of a match is a word boundary (the characters on either side are
  not both word characters: letters, marks, digits, ``_``) and a grapheme-cluster boundary (a
  match never ends between "e" and its combining accent, inside an emoji ZWJ sequence or a
  flag, or between CR and LF).
- **Scripts written without spaces** (Han, Hiragana, Katakana, Hangul, Thai, Lao, Khmer,
  Myanmar): no word test where either character on that side belongs to one, so "金正恩" is
  found in "金正恩委员长" and "김정은" in "김정은은" (a name with its particle); only the
  grapheme test applies there. Arabic is spaced: a needle must match a whole word (an
  attached clitic such as "و" makes another word).
- **Folding** (``fold=True``, the default): case-insensitive (per code point, so offsets never
  shift; "ß" does not match "SS") and separator-insensitive: any run of spaces, tabs, NBSP,
  hyphens (also U+2010/U+2011), dashes (figure, en, em, bar) or minus signs matches any other,
  so "Kim Jong-un" ≈ "Kim Jong Un" ≈ "KIM JONG–UN". Line breaks are not separators: a match
  never crosses a line. ``normalise`` is this equivalence. Unicode normalisation (NFC/NFD) is
  not applied: "é" as one code point and as e + accent are different texts.
- **Overlaps**: the longest match wins ("Kim Jong Un" over "Kim"), then the earliest; the
  results never overlap and come in text order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

from annotator.core.graphemes import is_cluster_boundary

SEPARATORS = " \t\u00a0\u2007\u202f\u3000-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SEPARATOR_RUN = regex.compile(f"[{regex.escape(SEPARATORS)}]+")
_WORD = regex.compile(r"[\w\p{M}]")
_NO_SPACES = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]"
)
_NO_SPACE_RUN = regex.compile(_NO_SPACES.pattern + "+")
_PIECE_SEPARATOR = _SEPARATOR_RUN.pattern


@dataclass(frozen=True, slots=True)
class Occurrence:
    start: int
    end: int
    needle: str  # the needle it matched, as given


def fold_case(text: str) -> str:
    """Lower case, one code point for one (offsets unchanged; "İ" stays as it is), without
    context: final sigma "ς" folds to "σ" like "Σ" does, wherever it stands."""
    lowered = text.lower()
    if len(lowered) != len(text):  # only U+0130 lowers to two code points
        lowered = "".join(c if c == "\u0130" else c.lower() for c in text)
    return lowered.replace("\u03c2", "\u03c3")


def normalise(text: str) -> str:
    """What folding compares: lower case, separator runs as one space, no outer separators."""
    spaced: str = _SEPARATOR_RUN.sub(" ", fold_case(text))
    return spaced.strip(" ")


def needle_pieces(needle: str) -> list[str]:
    """The parts of a needle between separators (folding lets each separator vary)."""
    return [part for part in _SEPARATOR_RUN.split(needle) if part]


def unspaced_runs(text: str) -> list[str]:
    """The runs of characters from scripts written without spaces (a search index built on
    spaces holds them only inside longer tokens)."""
    return [m.group() for m in _NO_SPACE_RUN.finditer(text)]


@lru_cache(maxsize=256)
def _pattern(needle: str, fold: bool) -> regex.Pattern[str] | None:
    if not fold:
        return regex.compile(regex.escape(needle)) if needle else None
    pieces = needle_pieces(fold_case(needle))
    if not pieces:
        return None
    return regex.compile(_PIECE_SEPARATOR.join(regex.escape(p) for p in pieces))


def _word_boundary(text: str, pos: int) -> bool:
    if pos <= 0 or pos >= len(text):
        return True
    before, after = text[pos - 1], text[pos]
    if not (_WORD.match(before) and _WORD.match(after)):
        return True
    return bool(_NO_SPACES.match(before) or _NO_SPACES.match(after))


def _whole(text: str, start: int, end: int) -> bool:
    return (
        _word_boundary(text, start)
        and _word_boundary(text, end)
        and is_cluster_boundary(text, start)
        and is_cluster_boundary(text, end)
    )


def _all_matches(text: str, needles: Iterable[str], fold: bool) -> list[Occurrence]:
    haystack = fold_case(text) if fold else text
    found: list[Occurrence] = []
    for needle in dict.fromkeys(needles):
        pattern = _pattern(needle, fold)
        if pattern is None:
            continue
        for match in pattern.finditer(haystack, overlapped=True):
            if _whole(text, match.start(), match.end()):
                found.append(Occurrence(match.start(), match.end(), needle))
    return found


def _longest_first(found: list[Occurrence]) -> list[Occurrence]:
    """Keep the longest of overlapping matches (then the earliest); return them in text order."""
    taken: list[Occurrence] = []
    covered: set[int] = set()
    for occ in sorted(found, key=lambda o: (o.start - o.end, o.start)):
        span = range(occ.start, occ.end)
        if not any(pos in covered for pos in span):
            covered.update(span)
            taken.append(occ)
    return sorted(taken, key=lambda o: o.start)


def find_occurrences(text: str, needles: Iterable[str], *, fold: bool = True) -> list[Occurrence]:
    """Every whole-word occurrence of any needle in ``text``, non-overlapping, in text order."""
    return _longest_first(_all_matches(text, needles, fold))
