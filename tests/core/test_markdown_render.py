"""render_markdown: canonical text without markup, exact style ranges (design D2)."""

from __future__ import annotations

import pytest

from annotator.core.markdown_render import RENDERER_VERSION, render_markdown
from annotator.core.styled_text import STYLE_KINDS, StyledText

ARTICLE = """\
# Seoul &amp; Moscow

The **NIS** said *on Friday* that `1,500` troops
had moved, per [the report](https://example.org/nis "NIS").

## What we know

- first item
- second **bold** item
    - nested item

1. one
2. two

> A quote
> over two lines.

```python
def f():
    return 1
```

<script>alert("x")</script>

<div>Raw <b>html</b> <img src="p.png" alt="a photo"> <iframe src="https://evil">bad</iframe></div>

~~gone~~ and <del>removed</del>
"""


def ranges(styled: StyledText) -> list[tuple[str, str]]:
    styled.validate()
    return [(s.kind, styled.text[s.start : s.end]) for s in styled.styles]


@pytest.fixture(scope="module")
def article() -> StyledText:
    return render_markdown(ARTICLE)


def test_article_text(article: StyledText) -> None:
    assert article.text == (
        "Seoul & Moscow\n\n"
        "The NIS said on Friday that 1,500 troops had moved, per the report.\n\n"
        "What we know\n\n"
        "first item\nsecond bold item\nnested item\n\n"
        "one\ntwo\n\n"
        "A quote over two lines.\n\n"
        "def f():\n    return 1\n\n"
        "Raw html a photo\n\n"
        "gone and removed"
    )


def test_article_has_no_markup(article: StyledText) -> None:
    for markup in ("**", "#", "`", "](", "https://", "<", ">", "~~", "alert", "evil", "bad"):
        assert markup not in article.text


def test_article_block_ranges(article: StyledText) -> None:
    blocks = [r for r in ranges(article) if r[0] not in ("bold", "italic", "code", "link")]
    assert blocks == [
        ("heading1", "Seoul & Moscow"),
        ("paragraph", "The NIS said on Friday that 1,500 troops had moved, per the report."),
        ("heading2", "What we know"),
        ("list_item", "first item"),
        ("list_item", "second bold item\nnested item"),
        ("list_item", "nested item"),
        ("list_item", "one"),
        ("list_item", "two"),
        ("quote", "A quote over two lines."),
        ("paragraph", "A quote over two lines."),
        ("code_block", "def f():\n    return 1"),
        ("paragraph", "gone and removed"),
        ("strike", "gone"),
        ("strike", "removed"),
    ]


def test_article_inline_ranges(article: StyledText) -> None:
    inline = [r for r in ranges(article) if r[0] in ("bold", "italic", "code", "link")]
    assert inline == [
        ("bold", "NIS"),
        ("italic", "on Friday"),
        ("code", "1,500"),
        ("link", "the report"),
        ("bold", "bold"),
        ("bold", "html"),
    ]
    link = next(s for s in article.styles if s.kind == "link")
    assert link.data == {"href": "https://example.org/nis"}


def test_article_meta_and_kinds(article: StyledText) -> None:
    assert article.meta == {"title": "Seoul & Moscow"}
    assert {s.kind for s in article.styles} <= set(STYLE_KINDS)
    assert RENDERER_VERSION == "markdown-1"


def test_styles_are_sorted_outer_first(article: StyledText) -> None:
    keys = [(s.start, -s.end) for s in article.styles]
    assert keys == sorted(keys)


def test_soft_breaks_become_spaces_and_hard_breaks_newlines() -> None:
    styled = render_markdown("one\ntwo  \nthree")
    assert styled.text == "one two\nthree"


def test_whitespace_collapses_but_nbsp_stays() -> None:
    styled = render_markdown("a   b\u00a0\u00a0c &nbsp; d")
    assert styled.text == "a b\u00a0\u00a0c \u00a0 d"


def test_entities_are_decoded() -> None:
    assert render_markdown("AT&amp;T &lt;b&gt; &copy; &#8364; 5 < 6").text == ("AT&T <b> © € 5 < 6")


def test_range_edges_exclude_spaces() -> None:
    styled = render_markdown("x <em> y </em> z")
    assert styled.text == "x y z"
    assert ranges(styled)[1] == ("italic", "y")


def test_empty_elements_get_no_range() -> None:
    styled = render_markdown("[](https://x.org) text <b> </b><i></i>")
    assert styled.text == "text"
    assert ranges(styled) == [("paragraph", "text")]


def test_dropped_elements() -> None:
    source = (
        "before\n\n<style>p {}</style>\n\n<object data=x><param name=a>fallback</object>\n\n"
        "<iframe><p>in frame</p></iframe>\n\n<script>var a = '</p>';</script>\n\nafter"
    )
    styled = render_markdown(source)
    assert styled.text == "before\n\nafter"
    assert ranges(styled) == [("paragraph", "before"), ("paragraph", "after")]


def test_unclosed_script_drops_the_rest() -> None:
    assert render_markdown("kept\n\n<script>document.write(1)").text == "kept"


def test_image_gives_alt_text_only() -> None:
    styled = render_markdown("see ![a map](https://x.org/m.png) here")
    assert styled.text == "see a map here"


def test_loose_list_stays_one_item_per_line() -> None:
    styled = render_markdown("- a\n\n- b\n\nafter")
    assert styled.text == "a\nb\n\nafter"
    assert [r for r in ranges(styled) if r[0] == "list_item"] == [
        ("list_item", "a"),
        ("list_item", "b"),
    ]


def test_table_rows_and_cells() -> None:
    styled = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n|   | 4 |")
    assert styled.text == "a\tb\n1\t2\n\t4"


def test_no_h1_no_title() -> None:
    assert render_markdown("## Sub\n\ntext").meta == {}


def test_title_is_first_h1() -> None:
    assert render_markdown("# One *big*\n\n# Two").meta == {"title": "One big"}


def test_empty_source() -> None:
    styled = render_markdown("")
    assert (styled.text, styled.styles, styled.meta) == ("", [], {})


def test_unicode_ranges_are_code_points() -> None:
    family, flag = "👨‍👩‍👧", "🇰🇷"
    source = f"**{family}** and *{flag}* in 서울, **مرحبا**, `e\u0301`\u2028tail"
    styled = render_markdown(source)
    assert styled.text == f"{family} and {flag} in 서울, مرحبا, e\u0301\u2028tail"
    assert ranges(styled) == [
        ("paragraph", styled.text),
        ("bold", family),
        ("italic", flag),
        ("bold", "مرحبا"),
        ("code", "e\u0301"),
    ]
    bold = styled.styles[1]
    assert (bold.start, bold.end) == (0, len(family))


def test_every_range_is_exact_on_a_mixed_document() -> None:
    source = "# H *i*\n\n> - q **b** [l](u)\n> - r\n\n    code\n\ntext<br>more"
    styled = render_markdown(source)
    assert styled.text == "H i\n\nq b l\nr\n\ncode\n\ntext\nmore"
    for kind, covered in ranges(styled):
        assert covered == covered.strip(), kind
        assert covered
