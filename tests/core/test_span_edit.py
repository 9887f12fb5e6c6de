"""Fixing span boundaries: trimming, snapping to words, moving an edge by character or word."""

from __future__ import annotations

from annotator.core.span_edit import move_boundary, snap_to_words, trim_span

TEXT = "Officials said “the talks will resume (soon).” Kim 🇰🇷 agreed, e\u0301lan intact."


def span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def cut(bounds: tuple[int, int]) -> str:
    return TEXT[bounds[0] : bounds[1]]


def test_trim_drops_spaces_and_trailing_punctuation():
    assert cut(trim_span(TEXT, *span(" Kim 🇰🇷 agreed, "))) == "Kim 🇰🇷 agreed"


def test_trim_keeps_balanced_brackets_and_quotes():
    assert cut(trim_span(TEXT, *span("(soon)"))) == "(soon)"
    assert cut(trim_span(TEXT, *span("“the talks will resume (soon).”"))) == (
        "“the talks will resume (soon).”"
    )
    assert cut(trim_span(TEXT, *span("the talks will resume (soon).”"))) == (
        "the talks will resume (soon)"
    )


def test_trim_leaves_pure_punctuation_alone():
    assert cut(trim_span(TEXT, *span(".”"))) == ".”"


def test_snap_to_words_widens_partial_words():
    start, end = span("ficials sa")
    assert cut(snap_to_words(TEXT, start, end)) == "Officials said"


def test_snap_keeps_combining_marks_with_their_letter():
    start = TEXT.index("e\u0301lan")
    assert cut(snap_to_words(TEXT, start + 1, start + 3)) == "e\u0301lan"


def test_move_end_by_character_steps_over_a_whole_flag():
    start, end = span("Kim ")
    assert cut(move_boundary(TEXT, start, end, edge="end", direction=1)) == "Kim 🇰🇷"


def test_move_by_word_and_never_collapse():
    start, end = span("talks")
    assert cut(move_boundary(TEXT, start, end, edge="end", direction=1, unit="word")) == (
        "talks will"
    )
    assert cut(move_boundary(TEXT, start, end, edge="start", direction=-1, unit="word")) == (
        "the talks"
    )
    assert move_boundary(TEXT, start, end, edge="end", direction=-1, unit="word") == (start, end)


QUOTED = "He fought for Moscow \"until victory,\" said Kim's aide: 'don't go,' he wrote."


def trimmed(phrase: str, text: str = QUOTED) -> str:
    start = text.index(phrase)
    s, e = trim_span(text, start, start + len(phrase))
    return text[s:e]


def test_straight_double_quotes_pair_like_curly_ones():
    assert trimmed('Moscow "until victory,"') == 'Moscow "until victory,"'
    assert trimmed(' "until victory," ') == '"until victory,"'
    assert trimmed('until victory,"') == "until victory"
    assert trimmed('"until victory') == "until victory"


def test_straight_single_quotes_pair_and_apostrophes_stay():
    assert trimmed("'don't go,'") == "'don't go,'"
    assert trimmed("don't go,'") == "don't go"
    assert trimmed("Kim's aide:") == "Kim's aide"
    assert trimmed("'don't") == "don't"


def test_a_lone_straight_quote_is_left_alone():
    assert trimmed('"', 'a " b') == '"'
