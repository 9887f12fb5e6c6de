"""A deterministic tokenizer for token-based formats (Prodigy, spaCy DocBin, CoNLL).

Tokens never cut a grapheme cluster (a flag, a ZWJ family, a letter with combining marks) and
are always cut at the given boundaries (span starts and ends), so every span is a whole number
of tokens. Words are runs of letters/digits/marks; each Han or kana character, each punctuation
mark and each emoji cluster is its own token; whitespace runs are tokens too (``is_space``), so
the tokens tile the text exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
