"""One registry for every action of the window (issue #16 item 4).

An ``ActionSpec`` says everything about one action: its id, text, shortcut(s), menu, whether it
is on the toolbar, its tooltip and its handler. The window declares its actions in ONE table
(``gui/action_table.py``); the registry builds the QActions, fills the menus and the toolbar
from it, and gives the F1 shortcut list (``gui/shortcuts_help.py``) its rows. A ``Section``
is a named, changing run of actions inside a menu (the label keys, which follow the schema).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QToolBar

from annotator.gui.display import plain_tip
from annotator.gui.icons import action_icon

Key = str | QKeySequence.StandardKey
MENUS = ("&File", "&Edit", "&Annotate", "&Navigate", "&View", "&Library", "&Help")
NATIVE = QKeySequence.SequenceFormat.NativeText


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    menu: str  # a title of MENUS, or "" for a window-wide action in no menu
    handler: Callable[[], object] | None = None
    keys: tuple[Key, ...] = ()
    tooltip: str = ""  # the shortcut is added to it
    toolbar: bool = False
    separator: bool = False  # a separator before it in its menu
    toggled: Callable[[bool], object] | None = None  # a checkable action
    group: str = ""  # an exclusive choice among the actions of this group (checkable)
    icon: QIcon | None = None
    action: QAction | None = None  # a ready-made action (undo/redo come from the stack)


@dataclass(frozen=True)
class Section:
    """A place in ``menu`` for actions set later (``ActionRegistry.set_section``)."""

    id: str
    menu: str


Entry = ActionSpec | Section


def keys_text(action: QAction) -> str:
    return ", ".join(s.toString(NATIVE) for s in action.shortcuts() if not s.isEmpty())


def plain_name(text: str) -> str:
    """An action's text without mnemonics, dots or a key hint ("Claim  (1/C)" -> "Claim")."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.split("  (")[0].strip("… ")


class ActionRegistry:
    """Builds the window's actions, menus and toolbar from the table; one place per action."""

    def __init__(self, window: QMainWindow, toolbar: QToolBar, toolbar_title: str) -> None:
        self.window = window
        self.menus: dict[str, QMenu] = {t: window.menuBar().addMenu(t) for t in MENUS}
        self.toolbar = toolbar
        self.toolbar_title = toolbar_title
        self.entries: list[Entry] = []
        self.sections: dict[str, list[ActionSpec]] = {}
        self.actions: dict[str, QAction] = {}
        self.specs: dict[str, ActionSpec] = {}
        self._groups: dict[str, QActionGroup] = {}

    def __getitem__(self, action_id: str) -> QAction:
        return self.actions[action_id]

    def declare(self, entries: Iterable[Entry]) -> None:
        """Build every action of the table, then the menus and the toolbar."""
        self.entries = list(entries)
        for entry in self.entries:
            if isinstance(entry, ActionSpec):
                self._build(entry)
            else:
                self.sections.setdefault(entry.id, [])
        self._fill()

    def set_section(self, section_id: str, specs: Sequence[ActionSpec]) -> list[QAction]:
        """Replace the actions of a section (their shortcuts leave the window with them)."""
        for old in self.sections.get(section_id, []):
            self.window.removeAction(self.actions.pop(old.id))
            self.specs.pop(old.id)
        self.sections[section_id] = list(specs)
        built = [self._build(spec) for spec in specs]
        self._fill(next(e for e in self.entries if isinstance(e, Section) and e.id == section_id))
        return built

    def _build(self, spec: ActionSpec) -> QAction:
        action = spec.action or QAction(spec.text, self.window)
        if spec.keys:
            action.setShortcuts([QKeySequence(k) for k in spec.keys])
        icon = spec.icon or action_icon(spec.id)
        if icon is not None:
            action.setIcon(icon)
        if spec.handler is not None:
            handler = spec.handler
            action.triggered.connect(lambda _checked=False: handler())
        if spec.toggled is not None or spec.group:
            action.setCheckable(True)
        if spec.toggled is not None:
            action.toggled.connect(spec.toggled)
        if spec.group:
            self._groups.setdefault(spec.group, QActionGroup(self.window)).addAction(action)
        keys = keys_text(action)
        tip = spec.tooltip or plain_name(spec.text)
        action.setToolTip(plain_tip(f"{tip} ({keys})" if keys else tip))
        self.window.addAction(action)  # its shortcut works wherever the focus is
        self.actions[spec.id] = action
        self.specs[spec.id] = spec
        return action

    def _expanded(self) -> list[ActionSpec]:
        specs: list[ActionSpec] = []
        for entry in self.entries:
            if isinstance(entry, Section):
                specs.extend(replace(s, menu=entry.menu) for s in self.sections[entry.id])
            else:
                specs.append(entry)
        return specs

    def _fill(self, section: Section | None = None) -> None:
        """Fill every menu (``section`` None) or only the menu of ``section``; the toolbar."""
        titles = set(MENUS) if section is None else {section.menu}
        for title in titles:
            self.menus[title].clear()
        self.toolbar.clear()
        self.toolbar.addWidget(QLabel(self.toolbar_title))
        for spec in self._expanded():
            menu = self.menus.get(spec.menu)
            if menu is not None and spec.menu in titles:
                if spec.separator and not menu.isEmpty():
                    menu.addSeparator()
                menu.addAction(self.actions[spec.id])
            if spec.toolbar:
                self.toolbar.addAction(self.actions[spec.id])

    def shortcut_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """``[(menu title, [(keys, action name), …]), …]`` for every action with a shortcut,
        by menu in the menu bar's order; actions in no menu come last, as "Other"."""
        rows: dict[str, list[tuple[str, str]]] = {title: [] for title in (*MENUS, "")}
        for spec in self._expanded():
            keys = keys_text(self.actions[spec.id])
            if keys:
                rows[spec.menu].append((keys, plain_name(self.actions[spec.id].text())))
        groups = [(plain_name(title), rows[title]) for title in MENUS if rows[title]]
        return [*groups, ("Other", rows[""])]
