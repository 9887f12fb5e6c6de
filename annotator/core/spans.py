"""Spans and annotations: ``[start, end)`` in code points of the document's canonical text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class SpanError(ValueError):
    """A span that cannot be stored: empty, reversed or outside its text."""


@dataclass(slots=True)
class Annotation:
    """One stored span. Treated as a value (never mutated); not frozen only because frozen
    dataclasses are three times slower to build, and a document may hold 50,000 of them."""

    id: int
    document_id: int
    start: int
    end: int
    label: str
    text: str
    author: str = ""
    created: str = ""
    updated: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    # For a discontinuous span (e.g. a brat fragment list): its pieces; start/end is the extent.
    fragments: tuple[tuple[int, int], ...] | None = None
    # The registry actor an Actor span names (issue #12), or None.
    actor_id: int | None = None
    # Who last changed the span when that was not its author (issue #13); "" = nobody since.
    updated_by: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start


def check_span(text: str, start: int, end: int) -> None:
    """Raise SpanError unless ``[start, end)`` is a non-empty range inside ``text``."""
    if not (isinstance(start, int) and isinstance(end, int)):
        raise SpanError(f"span offsets must be integers, got {start!r}, {end!r}")
    if not 0 <= start < end <= len(text):
        raise SpanError(f"span [{start}, {end}) is not a non-empty range inside 0..{len(text)}")
