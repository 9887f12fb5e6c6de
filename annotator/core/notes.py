"""How much of a note the GUI shows and accepts (issue #17, item 11).

A note is stored and exported whole, whatever its length. The side panel's editor accepts at
most ``MAX_NOTE_CHARS`` (typing and pasting stop there, with a message), and shows a longer note
(imported, or from an older version) elided: its first ``MAX_NOTE_CHARS`` characters, read-only,
with a message saying so. Qt's editor slows down badly on long unbroken runs of text (a 1 MB
note took 73 s to show), so a note holding one is wrapped anywhere rather than at words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_NOTE_CHARS = 100_000  # code points
LONG_RUN = 1_000  # a run of non-space characters this long is wrapped anywhere, not at words
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN}}}")


@dataclass(frozen=True, slots=True)
class NoteShown:
    """What the editor shows of a note: ``text``, and ``message`` when that is not all of it."""

    text: str
    elided: bool
    message: str

    @property
    def has_long_run(self) -> bool:
        return _LONG_RUN.search(self.text) is not None


def note_shown(note: str) -> NoteShown:
    """The part of ``note`` the editor shows (all of it when it is within the cap)."""
    if len(note) <= MAX_NOTE_CHARS:
        return NoteShown(note, False, "")
    message = (
        f"This note is {len(note):,} characters; showing the first {MAX_NOTE_CHARS:,}"
        " (read-only here: the whole note is kept and exported)."
    )
    return NoteShown(note[:MAX_NOTE_CHARS], True, message)


def capped_message() -> str:
    """Said when typing or pasting would make a note longer than the cap."""
    return f"Notes are limited to {MAX_NOTE_CHARS:,} characters; the rest was not added."
