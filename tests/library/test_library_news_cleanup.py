"""News clean-up on the seed and small variants: paragraphs, metadata, boilerplate marks."""

from __future__ import annotations

from library_helpers import SEED, SEED_TITLE

from annotator.core.decode import decode_text
from annotator.core.metadata import date_from_ddmmyyyy, normalize_date, normalize_meta
from annotator.core.news_cleanup import boilerplate_ranges, clean_news
from annotator.core.reflow import reflow_plain_text
from annotator.core.styled_text import StyledText
from annotator.formats.plain_text import read_text


def _seed() -> StyledText:
    return clean_news(reflow_plain_text(decode_text(SEED.read_bytes())))


def test_seed_text_is_not_changed_by_clean_up() -> None:
    reflowed = reflow_plain_text(decode_text(SEED.read_bytes()))
    assert _seed().text == reflowed.text
    _seed().validate()


def test_seed_paragraphs_are_clean() -> None:
    paragraphs = _seed().text.split("\n\n")
    assert paragraphs[0] == SEED_TITLE
    assert all("\n" not in p and p == p.strip() and "  " not in p for p in paragraphs)
    assert "Service (NIS) reported on Friday that" in paragraphs[1]  # a broken line, joined
    assert "Kim Jong-un told troops" in paragraphs[5]


def test_seed_metadata() -> None:
    meta = _seed().meta
    assert meta["title"] == SEED_TITLE
    assert meta["source"] == "Asia Times"
    assert meta["date"] == "2024-10-22"


def test_seed_boilerplate_is_marked() -> None:
    styled = _seed()
    marked = {reason: styled.text[a:b] for a, b, reason in boilerplate_ranges(styled.styles)}
    assert marked["syndication header"] == "(MENAFN- Asia Times)"
    assert marked["syndication id"] == "MENAFN22102024000159011032ID1108807929"
    assert marked["syndication footer"] == "Asia Times"
    assert marked["disclaimer"].startswith("Legal Disclaimer: MENAFN provides the information")
    assert marked["disclaimer"].endswith("kindly contact the provider above.")
    reasons = [reason for _, _, reason in boilerplate_ranges(styled.styles)]
    assert reasons == [  # and nothing else is dimmed or left out of exports
        "syndication header", "caption", "caption", "syndication id", "syndication footer",
        "disclaimer",
    ]  # fmt: skip
    captions = [
        styled.text[a:b]
        for a, b, reason in boilerplate_ranges(styled.styles)
        if reason == "caption"
    ]
    assert captions[0] == f"{SEED_TITLE} Image"
    assert captions[1].startswith("North Korean leader Kim Jong Un visits")
    assert "Photo: Korean Central News Agency" in captions[1]
    # The article's own paragraphs are not boilerplate.
    body = [b for b in styled.text.split("\n\n") if b.startswith("South Korean President Yoon")]
    assert body and body[0] not in marked.values()


def test_seed_import_keeps_every_byte_and_records_meta() -> None:
    (item,) = read_text(SEED)
    assert item.document.source_bytes == SEED.read_bytes()
    assert item.document.title == SEED_TITLE
    assert item.document.meta["source"] == "Asia Times"
    assert item.document.meta["date"] == "2024-10-22"
    assert item.document.meta["source_file"] == SEED.name


def test_other_spellings() -> None:
    text = (
        "A headline\n\nBy Jane Q. Doe\n\nPublished: 3 March 2023\n\n(Reuters) - Body text here."
        "\n\nRead more: other story\n\nDisclaimer: none."
    )
    styled = clean_news(reflow_plain_text(text))
    assert styled.meta["author"] == "Jane Q. Doe"
    assert styled.meta["date"] == "2023-03-03"
    assert styled.meta["source"] == "Reuters"
    reasons = [reason for _, _, reason in boilerplate_ranges(styled.styles)]
    assert reasons == ["syndication header", "promotion", "disclaimer"]


def test_plain_articles_get_no_marks() -> None:
    styled = clean_news(reflow_plain_text("Title line\n\nJust a paragraph.\n\nAnother one."))
    assert boilerplate_ranges(styled.styles) == []
    assert styled.meta == {"title": "Title line"}


def test_dates_and_meta_normalisation() -> None:
    assert date_from_ddmmyyyy("22102024") == "2024-10-22"
    assert date_from_ddmmyyyy("32132024") is None
    assert normalize_date("Oct. 17, 2024") == "2024-10-17"
    assert normalize_date("2024-10-22T08:00:00Z") == "2024-10-22"
    assert normalize_date("sometime") == "sometime"
    meta = normalize_meta({"tags": "a, b,,a", "author": "  ", "date": "22 October 2024", "x": 1})
    assert meta == {"tags": ["a", "b"], "date": "2024-10-22", "x": 1}
