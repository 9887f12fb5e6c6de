"""Labels: what a span can be tagged as. The default schema has Claim and Actor."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    color: str  # "#rrggbb"
    keys: tuple[str, ...] = ()  # keyboard keys that apply this label, e.g. ("1", "C")
    id: int | None = None  # set once stored
    position: int = 0


DEFAULT_LABELS: tuple[Label, ...] = (
    Label("Claim", "#f6c85f", ("1", "C"), position=0),
    Label("Actor", "#6fb7e9", ("2", "A"), position=1),
)


def is_valid_color(color: str) -> bool:
    if len(color) != 7 or not color.startswith("#"):
        return False
    try:
        int(color[1:], 16)
    except ValueError:
        return False
    return True
