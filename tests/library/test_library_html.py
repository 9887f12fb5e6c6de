"""HTML import: article body only, metadata, emoji/CJK/RTL offsets, and hostile pages."""

from __future__ import annotations

import socket
import sys
import urllib.request
from pathlib import Path

import pytest
from library_helpers import HTML_SAMPLE

from annotator.core.html_render import render_html
from annotator.formats.html import decode_html, read_html
from annotator.formats.model import FormatError


def test_sample_page_renders_the_article_only() -> None:
    styled = render_html(HTML_SAMPLE)
    assert styled.text == (
        "Kim 😀 meets 習近平\n\n"
        "The alliance between 🇰🇷 and others grew.\n\n"
        "Photo: Agency\n\n"
        "مرحبا بالعالم — with a 👨‍👩‍👧 family.\n\n"
        "北京 first\nשלום second"
    )
    for chrome in ("Home", "World", "Most read", "©"):
        assert chrome not in styled.text
    styled.validate()


def test_sample_page_styles_are_code_point_ranges() -> None:
    styled = render_html(HTML_SAMPLE)
    by_kind = {s.kind: styled.text[s.start : s.end] for s in styled.styles}
    assert by_kind["heading1"] == "Kim 😀 meets 習近平"
    assert by_kind["bold"] == "alliance"
    assert by_kind["link"] == "grew"
    assert by_kind["boilerplate"] == "Photo: Agency"
    link = next(s for s in styled.styles if s.kind == "link")
    assert link.data == {"href": "https://example.com/x"}


def test_sample_page_metadata() -> None:
    meta = render_html(HTML_SAMPLE).meta
    assert meta == {
        "title": "Kim 😀 meets 習近平",
        "author": "Jane Doe",
        "source": "Example News",
        "date": "2024-10-22",
        "url": "https://example.com/a/1",
        "language": "ko",
    }


def test_the_longest_article_wins_over_related_cards() -> None:
    page = (
        "<body><article><p>Card</p></article><article><h1>Main</h1><p>Long body text here.</p>"
        "</article><article><p>Other card</p></article></body>"
    )
    assert render_html(page).text == "Main\n\nLong body text here."


def test_main_then_body_when_there_is_no_article() -> None:
    assert render_html("<body><nav>x</nav><main><p>In main</p></main><p>out</p></body>").text == (
        "In main"
    )
    assert render_html("<p>fragment <i>only</i></p>").text == "fragment only"


HOSTILE = """<html><head>
<meta http-equiv="refresh" content="0; url=http://evil.example/">
<link rel="stylesheet" href="http://evil.example/x.css"><link rel="import" href="file:///etc/passwd">
<style>body { background: url(http://evil.example/bg.png) }</style>
<script src="http://evil.example/x.js"></script><script>fetch('http://evil.example')</script>
</head><body onload="alert(1)">
<article><h1>Headline stays</h1>
<p>Text before <img src="file:///etc/passwd" onerror="alert(1)" alt="local image">
<img src="http://evil.example/track.gif" width=1 height=1> and after.</p>
<p><a href="javascript:alert(1)">click</a> <a href="file:///etc/shadow">file link</a></p>
<iframe src="http://evil.example/frame"><p>frame fallback</p></iframe>
<object data="http://evil.example/x.swf">obj</object><embed src="http://evil.example/e">
<svg><image href="http://evil.example/s.png"/><script>alert(2)</script></svg>
<p title="HUGE">Huge attribute survived.</p>
<video src="http://evil.example/v.mp4">no video</video>
<p>End of <b>article</b>.</p></article></body></html>
"""


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.html"
    path.write_text(HOSTILE.replace("HUGE", "x" * 2_000_000), encoding="utf-8")
    return path


def test_hostile_page_shows_the_text_and_nothing_else(hostile_file: Path) -> None:
    (item,) = read_html(hostile_file)
    text = item.document.styled.text
    assert text == (
        "Headline stays\n\nText before local image and after.\n\nclick file link\n\n"
        "Huge attribute survived.\n\nEnd of article."
    )
    for never in ("alert", "fetch", "evil", "frame fallback", "obj", "no video", "xxxx"):
        assert never not in text
    links = [s for s in item.document.styled.styles if s.kind == "link"]
    assert [s.data for s in links] == [{"href": "file:///etc/shadow"}]  # shown, never followed
    assert item.document.source_bytes == hostile_file.read_bytes()


def test_hostile_page_loads_nothing(hostile_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No socket, no URL opener, and no file but the page itself is opened during import."""
    opened: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    watching = [True]

    def audit(event: str, args: tuple[object, ...]) -> None:
        if watching[0] and event == "open" and isinstance(args[0], str | Path):
            opened.append(str(args[0]))

    sys.addaudithook(audit)
    try:
        read_html(hostile_file)
    finally:
        watching[0] = False
    assert set(opened) <= {str(hostile_file)}, opened


def test_undeclared_legacy_encoding_falls_back(tmp_path: Path) -> None:
    latin = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9</p></body></html>'
    assert render_html(decode_html(latin.encode("latin-1"))).text == "Café"
    assert decode_html(b"<p>\x93quoted\x94</p>") == "<p>“quoted”</p>"  # cp1252


def test_empty_and_chrome_only_pages_are_clear_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(FormatError, match="empty"):
        read_html(empty)
    chrome = tmp_path / "chrome.html"
    chrome.write_text("<body><nav>Home</nav><script>x()</script></body>", encoding="utf-8")
    with pytest.raises(FormatError, match="no readable article text"):
        read_html(chrome)


def test_binary_data_is_a_clear_error(tmp_path: Path) -> None:
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    with pytest.raises(FormatError, match=r"image\.html"):
        read_html(binary)
