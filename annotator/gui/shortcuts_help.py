"""Help → Keyboard Shortcuts (F1): the list is made from the window's own actions, grouped by
menu, so it always says what the keys really do (it cannot drift from the menus)."""

from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

# Keys that belong to a widget, not to an action of the window.
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("Ctrl+click", "link the selected annotation to the clicked span"),
    ("Esc", "from the side panel back to the text; closes the find bar"),
    ("Enter / Shift+Enter", "next / previous match in the find bar"),
    ("Ctrl+Enter", "save the note"),
)


def _keys(action: QAction) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(s.toString(native) for s in action.shortcuts() if not s.isEmpty())


def _name(action: QAction) -> str:
    """The action's text without mnemonics, dots or a key hint ("Claim  (1/C)" -> "Claim")."""
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.split("  (")[0].strip("… ")


def _menu_rows(menu: QMenu, seen: set[int]) -> list[tuple[str, str]]:
    rows = []
    for action in menu.actions():
        if action.menu() is not None:
            rows.extend(_menu_rows(action.menu(), seen))
        elif _keys(action) and id(action) not in seen:
            seen.add(id(action))
            rows.append((_keys(action), _name(action)))
    return rows


def shortcut_groups(window: QMainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """``[(menu title, [(keys, action name), …]), …]`` for every action that has a shortcut."""
    seen: set[int] = set()
    groups = []
    for top in window.menuBar().actions():
        menu = top.menu()
        rows = _menu_rows(menu, seen) if isinstance(menu, QMenu) else []
        if rows:
            groups.append((_name(top), rows))
    loose = [a for a in window.actions() if _keys(a) and id(a) not in seen]
    other = [(_keys(a), _name(a)) for a in loose] + list(OTHER_KEYS)
    groups.append(("Other", other))
    return groups


def shortcut_table(window: QMainWindow) -> str:
    """The groups as one HTML table (menu titles as headings)."""
    parts = []
    for title, rows in shortcut_groups(window):
        parts.append(f"<tr><th colspan=2 align=left><br>{html.escape(title)}</th></tr>")
        parts.extend(
            f"<tr><td><b>{html.escape(k)}</b>&nbsp;&nbsp;</td><td>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
    return f"<table>{''.join(parts)}</table>"
