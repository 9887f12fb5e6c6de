"""Issue #12 item 2: every whole-word occurrence of a name and its aliases, grapheme-safe, with
case- and dash-insensitive matching; examples from news text and generated properties."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.occurrences import find_occurrences, normalise

SEED = "Kim Jong-un met the press.\r\nLater Kim Jong Un said: KIM JONG–UN (Kim) wins. Kimchi."


def found(text: str, needles: list[str], *, fold: bool = True) -> list[str]:
    return [text[o.start : o.end] for o in find_occurrences(text, needles, fold=fold)]


def test_both_spellings_are_found_case_and_dash_insensitively() -> None:
    assert found(SEED, ["Kim Jong Un"]) == ["Kim Jong-un", "Kim Jong Un", "KIM JONG–UN"]


def test_exact_matching_keeps_case_and_dashes() -> None:
    assert found(SEED, ["Kim Jong Un"], fold=False) == ["Kim Jong Un"]


def test_the_longest_needle_wins_and_results_come_in_text_order() -> None:
    assert found(SEED, ["Kim", "Kim Jong Un"]) == [
        "Kim Jong-un", "Kim Jong Un", "KIM JONG–UN", "Kim",
    ]  # fmt: skip


def test_only_whole_words_match() -> None:
    assert found("Kimchi, akim, Kim_1, Kim.", ["Kim"]) == ["Kim"]


def test_separators_are_spaces_nbsp_and_dashes_but_never_a_line_break() -> None:
    text = "Kim\u00a0Jong\u2011un; Kim  Jong — Un; Kim\nJong Un; Kim\r\nJong Un"
    assert found(text, ["Kim Jong Un"]) == ["Kim\u00a0Jong\u2011un", "Kim  Jong — Un"]


def test_a_match_never_splits_a_grapheme() -> None:
    text = "Jose\u0301 and Jose; 👨‍👩‍👧 and 👨 alone; 🇰🇷🇺🇸 and 🇷🇺"
    assert found(text, ["Jose", "👨", "🇷🇺"]) == ["Jose", "👨", "🇷🇺"]
    positions = [o.start for o in find_occurrences(text, ["Jose", "👨", "🇷🇺"])]
    assert positions == [text.index("Jose;"), text.index("👨 alone"), text.rindex("🇷🇺")]


def test_cjk_needs_no_spaces_but_arabic_is_whole_words() -> None:
    text = "金正恩委员长说。김정은은 말했다. قال بوتين ووبوتين"
    assert found(text, ["金正恩", "김정은", "بوتين"]) == ["金正恩", "김정은", "بوتين"]


def test_crlf_and_emoji_before_a_match_keep_code_point_offsets() -> None:
    text = "😀\r\n🇰🇷 Kim Jong Un"
    (occ,) = find_occurrences(text, ["kim jong-un"])
    assert (occ.start, occ.end, occ.needle) == (6, 17, "kim jong-un")


def test_empty_and_separator_only_needles_match_nothing() -> None:
    assert find_occurrences("a - b", ["", " - ", "-"]) == []


ATOMS = (
    "Kim", "Jong", "un", "KIM", "Un", " ", "\u00a0", "-", "–", "\u2011", "\r\n", "\n", ".",
    "e\u0301", "é", "👨‍👩‍👧", "👨", "🇰🇷", "🇷🇺", "金正恩", "委员长", "بوتين", "و",
    "Σ", "ς", "İ", "ss",
)  # fmt: skip
texts = st.lists(st.sampled_from(ATOMS), max_size=30).map("".join)
needles = st.lists(st.lists(st.sampled_from(ATOMS), min_size=1, max_size=3).map("".join),
                   min_size=1, max_size=4)  # fmt: skip


def cluster_boundaries(text: str) -> set[int]:
    return {0, *(m.end() for m in regex.finditer(r"\X", text))}


@settings(max_examples=400)
@given(texts, needles, st.booleans())
def test_results_are_needles_whole_graphemes_and_never_overlap(
    text: str, wanted: list[str], fold: bool
) -> None:
    results = find_occurrences(text, wanted, fold=fold)
    bounds = cluster_boundaries(text)
    previous_end = 0
    for occ in results:
        piece = text[occ.start : occ.end]
        assert occ.needle in wanted
        if fold:
            assert normalise(piece) == normalise(occ.needle)
        else:
            assert piece == occ.needle
        assert occ.start in bounds and occ.end in bounds
        assert occ.start >= previous_end  # in text order, no overlap
        previous_end = occ.end


@given(texts, texts)
def test_a_spaced_word_between_separators_is_always_found(before: str, after: str) -> None:
    text = f"{before} Kim Jong-un {after}"
    start = len(before) + 1
    assert any(o.start <= start < o.end for o in find_occurrences(text, ["kim jong un"]))


@given(texts, st.data())
def test_a_needle_cut_from_the_text_itself_is_found_only_as_whole_graphemes(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    bounds = cluster_boundaries(text)
    for fold in (True, False):
        for occ in find_occurrences(text, [text[start:end]], fold=fold):
            assert occ.start in bounds and occ.end in bounds
