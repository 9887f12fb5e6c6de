"""Shared by the library tests (issue #4): the seed, sample files (corpora: tests/corpora.py)."""

from __future__ import annotations

from pathlib import Path

from corpora import SEED

SEED_TITLE = "The Danger Of The Pyongyang-Moscow Axis Is Becoming Clearer"

MARKDOWN_SAMPLE = """# Kim 😀 meets 習近平

*Seoul*, 22 Oct — The **alliance** between 🇰🇷 and others [grew](https://example.com/x).

مرحبا بالعالم — Arabic text, right to left, with a 👨‍👩‍👧 family.

- 北京 first
- שלום second
"""

HTML_SAMPLE = """<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>Page title | Site</title>
<meta name="author" content="Jane Doe"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-10-22T08:00:00+09:00">
<link rel="canonical" href="https://example.com/a/1"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>Kim 😀 meets 習近平</h1>
<p>The <b>alliance</b> between 🇰🇷 and others <a href="https://example.com/x">grew</a>.</p>
<figure><img src="https://example.com/p.jpg" alt=""><figcaption>Photo: Agency</figcaption></figure>
<p dir="rtl">مرحبا بالعالم — with a 👨‍👩‍👧 family.</p>
<ul><li>北京 first</li><li>שלום second</li></ul></article>
<aside>Most read: something else</aside><footer>© Example News</footer></body></html>
"""


def write_samples(folder: Path) -> Path:
    """The seed, a Markdown and an HTML sample (emoji, CJK, RTL) in ``folder``."""
    folder.mkdir(exist_ok=True)
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "sample.md").write_text(MARKDOWN_SAMPLE, encoding="utf-8")
    (folder / "sample.html").write_text(HTML_SAMPLE, encoding="utf-8")
    return folder
