"""Editable copies of labels, attributes and relation types, for the schema dialog."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QColorDialog, QWidget


@dataclass(eq=False)
class AttrDraft:
    name: str
    kind: str = "enum"
    values: str = ""  # comma-separated


@dataclass(eq=False)
class LabelDraft:
    name: str
    color: str
    keys: str = ""  # space-separated
    attributes: list[AttrDraft] = field(default_factory=list)
    id: int | None = None
    original: str | None = None  # the stored name (for usage counts)


@dataclass(eq=False)
class TypeDraft:
    name: str
    color: str = "#888888"
    sources: list[LabelDraft] = field(default_factory=list)  # drafts: renames follow
    targets: list[LabelDraft] = field(default_factory=list)
    id: int | None = None


def swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def pick_color(initial: str, parent: QWidget, title: str) -> str | None:
    """QColorDialog as ``"#rrggbb"``, or None when cancelled."""
    color = QColorDialog.getColor(QColor(initial), parent, title)
    return color.name() if color.isValid() else None


def split_values(text: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in text.split(",") if v.strip())
