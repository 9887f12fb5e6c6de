"""Spans never cut a grapheme cluster: flags, ZWJ families, combining marks, skin tones."""

from __future__ import annotations

import pytest

from annotator.core.graphemes import cluster_bounds, snap_to_graphemes

FLAG = "🇰🇷"  # two regional indicators
FAMILY = "👨‍👩‍👧"  # five code points joined by ZWJ
ACCENT = "e\u0301"  # e + combining acute
THUMB = "👍🏽"  # emoji + skin-tone modifier


@pytest.mark.parametrize("cluster", [FLAG, FAMILY, ACCENT, THUMB])
def test_a_cut_inside_a_cluster_is_widened_to_the_whole_cluster(cluster):
    text = f"ab {cluster} cd"
    first = text.index(cluster)
    for inside in range(first + 1, first + len(cluster)):
        assert snap_to_graphemes(text, inside, len(text)) == (first, len(text))
        assert snap_to_graphemes(text, 0, inside) == (0, first + len(cluster))


def test_boundaries_already_on_clusters_are_kept():
    text = f"{FLAG}{FAMILY} and 北京 {ACCENT}"
    assert snap_to_graphemes(text, 0, len(FLAG)) == (0, len(FLAG))
    assert snap_to_graphemes(text, len(FLAG), len(FLAG) + len(FAMILY)) == (
        len(FLAG),
        len(FLAG) + len(FAMILY),
    )
    start = text.index("北京")
    assert snap_to_graphemes(text, start, start + 2) == (start, start + 2)


def test_arabic_letters_are_separate_clusters():
    text = "قال الرئيس"
    assert snap_to_graphemes(text, 1, 3) == (1, 3)


def test_cluster_bounds_of_a_plain_letter():
    assert cluster_bounds("abc", 1) == (1, 2)


def test_scan_is_local_to_the_paragraph():
    text = "x" * 100_000 + "\n" + f"a{FLAG}b"
    start = text.index(FLAG)
    assert snap_to_graphemes(text, start + 1, start + 2) == (start, start + 2)
