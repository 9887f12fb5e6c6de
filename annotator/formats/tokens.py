"""A deterministic tokenizer for token-based formats (Prodigy, spaCy DocBin, CoNLL).

Tokens never cut a grapheme cluster (a flag, a ZWJ family, a letter with combining marks) and
are always cut at the given boundaries (span starts and ends), so every span is a whole number
of tokens. Words are runs of letters/digits/marks; each Han or kana character, each punctuation
mark and each emoji cluster is its own token; whitespace runs are tokens too (``is_space``), so
the tokens tile the text exactly.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import regex

_TOKEN = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}]\p{M}*"  # one CJK character (no spaces between words)
    r"|(?:[[\p{L}\p{N}_]--[\p{Han}\p{Hiragana}\p{Katakana}]](?:\p{M}|\u200d)*)+"  # a word
    r"|\s+"  # whitespace, including \r\n, U+2028 and U+2029
    r"|\X",  # anything else: one grapheme cluster (punctuation, an emoji, a flag)
    regex.VERSION1,
)
SENTENCE_END = frozenset(".!?。！？…")
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


def tokenize(text: str, boundaries: Iterable[int] = ()) -> list[Token]:
    """Tokens tiling ``text``, cut at every position in ``boundaries`` as well."""
    cuts = sorted({b for b in boundaries if 0 < b < len(text)})
    tokens: list[Token] = []
    ci = 0
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        while ci < len(cuts) and cuts[ci] <= start:
            ci += 1
        while ci < len(cuts) and cuts[ci] < end:
            tokens.append(Token(start, cuts[ci], text[start : cuts[ci]]))
            start = cuts[ci]
            ci += 1
        tokens.append(Token(start, end, text[start:end]))
    return tokens


def word_tokens(text: str, boundaries: Iterable[int] = ()) -> list[Token]:
    """Tokens without the whitespace ones (what CoNLL and Prodigy list)."""
    return [t for t in tokenize(text, boundaries) if not t.is_space]


def spacy_words(text: str, starts: set[int], ends: set[int]) -> tuple[list[Token], list[bool]]:
    """Tokens and trailing-space flags as ``spacy.tokens.Doc(words=, spaces=)`` wants them.

    A single space after a word becomes that word's trailing space unless a span starts or ends
    on it; any other whitespace stays a token of its own (as spaCy's tokenizer does).
    """
    words: list[Token] = []
    spaces: list[bool] = []
    for tok in tokenize(text, starts | ends):
        attach = (
            tok.text == " "
            and words
            and not words[-1].is_space
            and not spaces[-1]
            and tok.start not in starts
            and tok.end not in ends
        )
        if attach:
            spaces[-1] = True
        else:
            words.append(tok)
            spaces.append(False)
    return words, spaces


def token_index(tokens: list[Token]) -> tuple[dict[int, int], dict[int, int]]:
    """Maps from a token's start offset, and from its end offset, to its index."""
    return {t.start: i for i, t in enumerate(tokens)}, {t.end: i for i, t in enumerate(tokens)}


def index_ranges(bounds: list[int]) -> list[range]:
    """The non-empty ranges between successive bounds (``[0, 2, 5]`` → ``[0..2), [2..5)``)."""
    return [range(a, b) for a, b in itertools.pairwise(bounds) if a < b]


# --------------------------------------------------------------------- tokens a file brought
LAYER_KEY = "tokens"  # where a document's token layer lives in its meta


@dataclass(frozen=True, slots=True)
class TokenLayer:
    """The tokens and sentences an imported file brought (CoNLL, spaCy), kept in the document's
    meta under :data:`LAYER_KEY` so that an export can write them back as they were.

    ``offsets`` are the non-space tokens in order; ``sentence_starts`` the index of each
    sentence's first token (the first is 0).
    """

    offsets: tuple[tuple[int, int], ...]
    sentence_starts: tuple[int, ...] = (0,)

    def to_meta(self) -> dict[str, list[Any]]:
        return {
            "offsets": [list(o) for o in self.offsets],
            "sentence_starts": list(self.sentence_starts),
        }

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> TokenLayer | None:
        """The layer stored in ``meta``, or None when there is none (or it is malformed)."""
        raw: Any = meta.get(LAYER_KEY)
        try:
            offsets = tuple((int(s), int(e)) for s, e in raw["offsets"])
            starts = tuple(int(i) for i in raw["sentence_starts"])
        except (TypeError, KeyError, ValueError):
            return None
        return cls(offsets, starts) if offsets else None

    def sentences(self) -> list[range]:
        """Token index ranges of the sentences."""
        return index_ranges([*self.sentence_starts, len(self.offsets)])

    def fits(self, text: str, spans: Iterable[tuple[int, int]]) -> bool:
        """True when the tokens still tile ``text`` (only whitespace between them) and every
        span is whole tokens inside one sentence, so the layer can be written back as it is."""
        pos = 0
        for start, end in self.offsets:
            if not pos <= start < end <= len(text) or text[pos:start].strip():
                return False
            pos = end
        if text[pos:].strip() or self.sentence_starts[:1] != (0,):
            return False
        sentence_of_start = {}
        sentence_of_end = {}
        for n, sentence in enumerate(self.sentences()):
            for i in sentence:
                sentence_of_start[self.offsets[i][0]] = n
                sentence_of_end[self.offsets[i][1]] = n
        return all(
            start in sentence_of_start and sentence_of_start[start] == sentence_of_end.get(end)
            for start, end in spans
        )
