"""The one place where code-point offsets meet Qt's UTF-16 positions.

Annotations are stored as ``[start, end)`` in Unicode code points of the document's canonical
text (Python slicing). Qt counts UTF-16 code units: every character outside the Basic
Multilingual Plane (emoji, flags, some CJK) takes two. ``Utf16Map`` converts both ways in
O(log n) per call after one O(n) scan of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Converts positions in one text between code points and UTF-16 code units."""

    __slots__ = ("_astral_cp", "_astral_u16", "length", "utf16_length")

    def __init__(self, text: str) -> None:
        self._astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 index of each astral character: every earlier astral adds one unit.
        self._astral_u16 = [cp + i for i, cp in enumerate(self._astral_cp)]
        self.length = len(text)
        self.utf16_length = self.length + len(self._astral_cp)

    def to_utf16(self, cp: int) -> int:
        """Code-point offset -> UTF-16 position (offsets past an astral char shift by one)."""
        return cp + bisect_left(self._astral_cp, cp)

    def to_code_point(self, u16: int) -> int:
        """UTF-16 position -> code-point offset.

        A position inside a surrogate pair (never a valid cursor position in Qt) rounds down to
        the start of that character.
        """
        # Astral characters whose two units both lie before u16 shift it by one each.
        k = bisect_right(self._astral_u16, u16 - 2)
        if k < len(self._astral_u16) and self._astral_u16[k] == u16 - 1:
            return self._astral_cp[k]  # inside a surrogate pair: round down
        return u16 - k

    def has_astral_in(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` (code points) holds a character that takes two UTF-16
        units. If not, offsets inside that range map to UTF-16 by one shared shift."""
        i = bisect_left(self._astral_cp, start)
        return i < len(self._astral_cp) and self._astral_cp[i] < end
