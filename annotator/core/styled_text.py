"""Styled text (design D2): the canonical text a reader sees, plus style ranges over it.

Every renderer (plain-text reflow, Markdown, later HTML) produces a ``StyledText``. The view
shows ``text`` verbatim and applies ``styles`` as formats, so what is annotated is exactly what
is shown. Style ranges use the same code-point, end-exclusive convention as annotations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The style kinds a renderer may emit; the view maps each to a text format.
STYLE_KINDS = (
    "title",
    "heading1",
    "heading2",
    "heading3",
    "heading4",
    "heading5",
    "heading6",
    "paragraph",
    "list_item",
    "quote",
    "bold",
    "italic",
    "code",
    "code_block",
    "link",
    "strike",
    "boilerplate",  # syndication header, disclaimer, caption: shown dimmed, not exported
)


@dataclass(frozen=True, slots=True)
class StyleRange:
    start: int
    end: int
    kind: str
    # Extra data for some kinds, e.g. {"href": "..."} for a link (never loaded, only shown).
    data: dict[str, Any] | None = None

    def to_json(self) -> list[Any]:
        row: list[Any] = [self.start, self.end, self.kind]
        if self.data:
            row.append(self.data)
        return row

    @classmethod
    def from_json(cls, row: list[Any]) -> StyleRange:
        return cls(row[0], row[1], row[2], row[3] if len(row) > 3 else None)


@dataclass(slots=True)
class StyledText:
    text: str
    styles: list[StyleRange] = field(default_factory=list)
    # Metadata the renderer recognised (e.g. {"title": ...}); never required.
    meta: dict[str, Any] = field(default_factory=dict)

    def validate(self) -> None:
        """Raise ValueError if a style range lies outside the text."""
        n = len(self.text)
        for style in self.styles:
            if not 0 <= style.start <= style.end <= n:
                raise ValueError(f"style range {style} outside text of length {n}")
