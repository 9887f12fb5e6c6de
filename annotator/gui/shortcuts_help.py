"""Help → Keyboard Shortcuts (F1): the list is made from the window's action registry
(``gui/actions.py``), grouped by menu, so it always says what the keys really do. A filter box
on top (``shortcutFilter``) keeps the rows whose action name or keys contain what is typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.actions import ActionRegistry
from annotator.gui.dialog_focus import show_one

# Keys that belong to a widget, not to an action of the window.
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("Ctrl+click", "link the selected annotation to the clicked span"),
    ("Esc", "from the side panel back to the text; closes the find bar"),
    ("Enter / Shift+Enter", "next / previous match in the find bar"),
    ("Ctrl+Enter", "save the note"),
)


def shortcut_groups(registry: ActionRegistry) -> list[tuple[str, list[tuple[str, str]]]]:
    """The registry's rows by menu, and the keys of widgets under "Other"."""
    *menus, (title, other) = registry.shortcut_groups()
    return [*menus, (title, [*other, *OTHER_KEYS])]


def matches(words: str, keys: str, name: str) -> bool:
    """Every word typed is in the action's name or keys (case ignored)."""
    haystack = f"{name} {keys}".casefold()
    return all(word in haystack for word in words.casefold().split())


class ShortcutsDialog(QDialog):
    """The groups as a tree: menu titles, then (keys, action) rows; typing filters them."""

    def __init__(self, parent: QWidget | None, registry: ActionRegistry) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.filterEdit = QLineEdit()
        self.filterEdit.setObjectName("shortcutFilter")
        self.filterEdit.setPlaceholderText("Type to filter by action or key…")
        self.filterEdit.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutTree")
        self.tree.setHeaderLabels(["Keys", "Action"])
        self.tree.setRootIsDecorated(False)
        self.groups: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []
        for title, rows in shortcut_groups(registry):
            group = QTreeWidgetItem(self.tree, [title])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.groups.append((group, [QTreeWidgetItem(group, list(row)) for row in rows]))
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filterEdit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.filterEdit.textChanged.connect(self.apply_filter)
        self.resize(560, 640)
        self.filterEdit.setFocus()

    def apply_filter(self, words: str) -> None:
        for group, items in self.groups:
            shown = 0
            for item in items:
                hide = not matches(words, item.text(0), item.text(1))
                item.setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)

    def visible_rows(self) -> list[tuple[str, str]]:
        """(keys, action) of every row shown now, in order."""
        return [
            (item.text(0), item.text(1))
            for group, items in self.groups
            if not group.isHidden()
            for item in items
            if not item.isHidden()
        ]


def show_shortcuts(window: QWidget, registry: ActionRegistry) -> ShortcutsDialog:
    """Help → Keyboard Shortcuts (F1): ``window.shortcutsDialog``, the filter box focused."""
    dialog = show_one(window, "shortcutsDialog", ShortcutsDialog(window, registry))
    dialog.filterEdit.setFocus()
    return dialog
