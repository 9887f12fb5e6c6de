"""Editable copies of labels, attributes and relation types, for the schema dialog."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QListWidget, QListWidgetItem, QWidget

from annotator.core.suggestion_rules import Rule
from annotator.gui.display import swatch


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
    rules: str = ""  # suggestion rules, one per line (core/suggestion_rules.rules_to_text)
    stored_rules: tuple[Rule, ...] | None = None  # as loaded (None: none stored)


@dataclass(eq=False)
class TypeDraft:
    name: str
    color: str = "#888888"
    sources: list[LabelDraft] = field(default_factory=list)  # drafts: renames follow
    targets: list[LabelDraft] = field(default_factory=list)
    id: int | None = None


def pick_color(initial: str, parent: QWidget, title: str) -> str | None:
    """QColorDialog as ``"#rrggbb"``, or None when cancelled."""
    color = QColorDialog.getColor(QColor(initial), parent, title)
    return color.name() if color.isValid() else None


def split_values(text: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in text.split(",") if v.strip())


def refill_entries(widget: QListWidget, drafts: list[LabelDraft] | list[TypeDraft]) -> None:
    """Show labels or relation types, each with its colour swatch."""
    widget.clear()
    for draft in drafts:
        widget.addItem(QListWidgetItem(swatch(draft.color), draft.name))


def swap_entries(
    widget: QListWidget, drafts: list[LabelDraft] | list[TypeDraft], step: int
) -> int | None:
    """Move the current entry up (-1) or down (+1); its new row, or None at either end."""
    row = widget.currentRow()
    other = row + step
    if not (0 <= row < len(drafts) and 0 <= other < len(drafts)):
        return None
    drafts[row], drafts[other] = drafts[other], drafts[row]  # type: ignore[assignment]
    return other
