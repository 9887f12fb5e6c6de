"""Utf16Map.has_astral_in: the shortcut the highlighter takes for blocks without emoji."""

from __future__ import annotations

from annotator.core.offsets import Utf16Map


def test_has_astral_in_finds_only_characters_inside_the_range():
    text = "ab😀cd🇰🇷e"
    offsets = Utf16Map(text)
    emoji = text.index("😀")
    assert offsets.has_astral_in(0, emoji + 1)
    assert not offsets.has_astral_in(0, emoji)
    assert not offsets.has_astral_in(emoji + 1, emoji + 3)
    assert offsets.has_astral_in(emoji + 1, len(text))
    assert not Utf16Map("plain").has_astral_in(0, 5)
