"""reflow_plain_text: paragraphs on blank lines, joined lines, title (design D2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.decode import decode_text
from annotator.core.reflow import reflow_plain_text
from annotator.core.styled_text import StyledText

SEED = Path(__file__).resolve().parents[2] / "resources" / "pyongyang-moscow-axis.txt"
SEED_TITLE = "The Danger Of The Pyongyang-Moscow Axis Is Becoming Clearer"


def ranges(styled: StyledText) -> list[tuple[str, str]]:
    styled.validate()
    return [(s.kind, styled.text[s.start : s.end]) for s in styled.styles]


def test_paragraphs_are_separated_by_one_blank_line() -> None:
    styled = reflow_plain_text("\n\n  first line\nsecond line  \n\n\n \t \nnext\n\n")
    assert styled.text == "first line second line\n\nnext"
    assert ranges(styled) == [("paragraph", "first line second line"), ("paragraph", "next")]


def test_join_never_doubles_spaces_but_keeps_inner_text() -> None:
    styled = reflow_plain_text("a  b   \n   c\td\n")
    assert styled.text == "a  b c\td"


def test_nbsp_and_quote_quirk_are_kept_verbatim() -> None:
    text = "price\u00a0100\u00a0\nstated that this represents“a threat.”"
    styled = reflow_plain_text(text)
    assert styled.text == "price\u00a0100\u00a0 stated that this represents“a threat.”"


def test_u2028_is_not_a_line_break() -> None:
    styled = reflow_plain_text("one\u2028two.\nthree.\n\nfour.")
    assert styled.text == "one\u2028two. three.\n\nfour."
    assert len(styled.styles) == 2


def test_whitespace_only_line_separates_paragraphs() -> None:
    styled = reflow_plain_text("a.\n \u00a0\t\nb.")
    assert ranges(styled) == [("paragraph", "a."), ("paragraph", "b.")]


def test_title_is_a_short_first_line_without_period() -> None:
    styled = reflow_plain_text("A Headline\n\nBody text.")
    assert ranges(styled) == [("title", "A Headline"), ("paragraph", "Body text.")]
    assert styled.meta == {"title": "A Headline"}


@pytest.mark.parametrize(
    "text",
    [
        "A sentence that ends.\n\nBody.",  # sentence-final period
        "Two line\nheading\n\nBody.",  # not a single line
        "Only one paragraph",  # nothing follows
        "x" * 200 + "\n\nBody.",  # too long
    ],
)
def test_no_title(text: str) -> None:
    styled = reflow_plain_text(text)
    assert styled.meta == {}
    assert {s.kind for s in styled.styles} == {"paragraph"}


def test_empty_and_blank_input() -> None:
    assert reflow_plain_text("").text == ""
    assert reflow_plain_text("\n \n\t\n").styles == []


def test_unicode_offsets_are_code_points() -> None:
    family, flag = "👨‍👩‍👧", "🇰🇷"
    text = f"{family} 家族\n{flag} Seoul\n\nمرحبا بالعالم\n\ne\u0301te\u0301"
    styled = reflow_plain_text(text)
    assert styled.text == f"{family} 家族 {flag} Seoul\n\nمرحبا بالعالم\n\ne\u0301te\u0301"
    assert ranges(styled) == [
        ("paragraph", f"{family} 家族 {flag} Seoul"),
        ("paragraph", "مرحبا بالعالم"),
        ("paragraph", "e\u0301te\u0301"),
    ]


def test_deterministic() -> None:
    text = "T\n\na\nb\n\nc"
    assert reflow_plain_text(text) == reflow_plain_text(text)


@pytest.fixture(scope="module")
def seed() -> StyledText:
    return reflow_plain_text(decode_text(SEED.read_bytes()))


def test_seed_title(seed: StyledText) -> None:
    assert seed.meta["title"] == SEED_TITLE
    first = seed.styles[0]
    assert (first.kind, seed.text[first.start : first.end]) == ("title", SEED_TITLE)
    assert seed.text.startswith(SEED_TITLE + "\n\n(MENAFN- Asia Times)")


def test_seed_broken_lines_are_joined(seed: StyledText) -> None:
    assert (
        "National Intelligence Service (NIS) reported on Friday that some 1,500 North Korean "
        "special forces" in seed.text
    )
    assert "Kim Jong-un told troops that any use of force" in seed.text
    assert "stated that this represents“a significant security threat" in seed.text


def test_seed_paragraphs(seed: StyledText) -> None:
    paragraphs = [s for s in seed.styles if s.kind == "paragraph"]
    assert 10 <= len(paragraphs) <= 16
    assert seed.text.count("\n\n") == len(seed.styles) - 1
    assert "\n\n\n" not in seed.text
    for style in seed.styles:
        assert "\n" not in seed.text[style.start : style.end]
    assert seed.text.endswith("kindly contact the provider above.")
    assert "Legal Disclaimer: MENAFN provides the information “as is” without warranty" in (
        seed.text
    )
