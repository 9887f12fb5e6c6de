"""Pick the span to link the selected annotation to: nearby candidates first (``linkDialog``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.labels import RelationType
from annotator.core.spans import Annotation
from annotator.gui.dialog_focus import focus_text_when_closed
from annotator.gui.display import plain_label, short

ID_ROLE = Qt.ItemDataRole.UserRole


def nearby_candidates(
    source: Annotation, annotations: list[Annotation], types: list[RelationType]
) -> list[Annotation]:
    """Spans a relation from ``source`` may point to, nearest first."""
    allowed = [a for a in annotations if a.id != source.id and any(
        t.allows(source.label, a.label) for t in types
    )]  # fmt: skip
    return sorted(allowed, key=lambda a: (_distance(source, a), a.start))


def _distance(a: Annotation, b: Annotation) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


class LinkDialog(QDialog):
    def __init__(
        self,
        source: Annotation,
        candidates: list[Annotation],
        types: list[RelationType],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self.setWindowTitle("Link annotation")
        self.resize(520, 380)
        self.source = source
        self.candidates = candidates
        self.types = [t for t in types if any(t.allows(source.label, c.label) for c in candidates)]
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(f"Link {source.label} “{short(source.text)}” as"))
        self.typeBox = QComboBox()
        self.typeBox.setObjectName("relationType")
        self.typeBox.addItems([t.name for t in self.types])
        layout.addWidget(self.typeBox)
        layout.addWidget(QLabel("to (nearest first; type to filter):"))
        self.filterEdit, self.list = add_filtered_list(
            self, layout, "", ("linkFilter", "linkCandidates"), self._fill
        )
        self.typeBox.currentIndexChanged.connect(lambda _i: self._fill())
        self._fill()
        self.list.setFocus()
        focus_text_when_closed(self)  # the keyboard goes back to the text

    def _fill(self) -> None:
        needle = self.filterEdit.text().casefold()
        rtype = self.relation_type_obj()
        self.list.clear()
        for cand in self.candidates:
            if rtype is not None and not rtype.allows(self.source.label, cand.label):
                continue
            if needle and needle not in cand.text.casefold():
                continue
            item = QListWidgetItem(f"{cand.label}: {short(cand.text)}")
            item.setData(ID_ROLE, cand.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def relation_type_obj(self) -> RelationType | None:
        index = self.typeBox.currentIndex()
        return self.types[index] if 0 <= index < len(self.types) else None

    def choice(self) -> tuple[str, int] | None:
        """(relation type, target annotation id), once accepted."""
        item = self.list.currentItem()
        rtype = self.relation_type_obj()
        if item is None or rtype is None:
            return None
        return rtype.name, int(item.data(ID_ROLE))


def add_filtered_list(
    dialog: QDialog,
    layout: QVBoxLayout,
    text: str,
    names: tuple[str, str],
    refill: Callable[[], None],
) -> tuple[QLineEdit, QListWidget]:
    """A picker's filter box (``text`` in it; typing refills the list), its list (Enter or a
    double-click accepts) and OK/Cancel, added to ``layout``: the link and actor pickers."""
    edit = QLineEdit(text)
    edit.setObjectName(names[0])
    edit.textChanged.connect(lambda _text: refill())
    layout.addWidget(edit)
    choices = QListWidget()
    choices.setObjectName(names[1])
    choices.itemActivated.connect(lambda _item: dialog.accept())
    layout.addWidget(choices)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return edit, choices
