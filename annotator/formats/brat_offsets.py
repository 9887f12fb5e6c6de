"""Which text a brat ``.ann``'s offsets count, and their conversion into code points of it.

brat counts code points of the ``.txt`` as it is on disk, ``\\r`` included. Real files also come
with CRLF line ends whose offsets count LF line ends (git's autocrlf converted the ``.txt`` after
annotation), with offsets that count UTF-16 code units (JavaScript tools) or UTF-8 bytes. Every
``T`` line quotes the text it covers, so a counting is accepted only when *every* span's quote
matches under it; the offsets (and line ends) are then converted and the conversion reported.
When no counting fits, the message names the first span that does not and what was tried.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from annotator.core.decode import normalize_newlines
from annotator.formats.model import FormatError

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class TextBound:
    """A ``T`` line as written: id, label, fragments (offsets as the file counts them), quote."""

    where: str  # "NAME.ann, line N", for messages
    tid: str
    label: str
    frags: Fragments
    quoted: str


def _utf16(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


def _utf8(ch: str) -> int:
    code = ord(ch)
    return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4


COUNTINGS: tuple[tuple[str, Callable[[str], int] | None], ...] = (
    ("code points", None),
    ("UTF-16 code units", _utf16),
    ("UTF-8 bytes", _utf8),
)


def align(name: str, raw: str, entries: list[TextBound]) -> tuple[str, list[TextBound], list[str]]:
    """(the text the offsets count, ``entries`` with offsets in its code points, what was
    converted). The ``.txt`` is kept as written when the offsets count it (CRLF included, as
    brat counts it); when they count its LF form, the text gets LF line ends."""
    lf = normalize_newlines(raw)
    variants = [raw] if lf == raw else [raw, lf]
    for counting, width in COUNTINGS:
        for text in variants:
            mapped = _mapped(entries, text, width)
            if mapped is not None and first_mismatch(text, mapped) is None:
                return text, mapped, _notes(name, counting, raw, text)
    raise FormatError(_diagnosis(raw, lf, entries))


def first_mismatch(text: str, entries: list[TextBound]) -> str | None:
    """The message for the first span outside ``text`` or not quoting it; None if all fit."""
    for entry in entries:
        for start, end in entry.frags:
            if not 0 <= start < end <= len(text):
                return (
                    f"{entry.where}: span [{start}, {end}) is outside the text"
                    f" ({len(text)} characters)"
                )
        covered = " ".join(text[s:e] for s, e in entry.frags)
        if covered != entry.quoted:
            quoted = entry.quoted
            return f"{entry.where}: {entry.tid} says {quoted!r} but its offsets cover {covered!r}"
    return None


def _mapped(
    entries: list[TextBound], text: str, width: Callable[[str], int] | None
) -> list[TextBound] | None:
    """``entries`` with offsets counted by ``width`` turned into code points of ``text`` (None
    when an offset falls inside a character)."""
    if width is None:
        return entries
    positions = {0: 0}
    unit = 0
    for index, ch in enumerate(text):
        unit += width(ch)
        positions[unit] = index + 1
    mapped = []
    for entry in entries:
        frags = [(positions.get(s), positions.get(e)) for s, e in entry.frags]
        if any(s is None or e is None for s, e in frags):
            return None
        mapped.append(replace(entry, frags=tuple(frags)))  # type: ignore[arg-type]
    return mapped


def _notes(name: str, counting: str, raw: str, text: str) -> list[str]:
    notes = []
    if counting != "code points":
        notes.append(f"{name}: offsets count {counting}, not code points; converted")
    if text != raw:
        ends = "CRLF" if "\r\n" in raw else "CR"
        notes.append(
            f"{name}: the .txt has {ends} line ends but its offsets count LF line ends:"
            " line ends converted to LF"
        )
    return notes


def _diagnosis(raw: str, lf: str, entries: list[TextBound]) -> str:
    first = first_mismatch(raw, entries) or first_mismatch(lf, entries) or "offsets"
    tried = "code points, UTF-16 code units or UTF-8 bytes of the .txt"
    if "\r\n" in raw:
        tried += " (the .txt has CRLF line ends; tried with and without them)"
    return f"{first}: the offsets do not match the text counted in {tried}."
