"""Help → Keyboard Shortcuts (F1): the list is made from the window's action registry
(``gui/actions.py``), grouped by menu, so it always says what the keys really do."""

from __future__ import annotations

import html

from annotator.gui.actions import ActionRegistry

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


def shortcut_table(registry: ActionRegistry) -> str:
    """The groups as one HTML table (menu titles as headings)."""
    parts = []
    for title, rows in shortcut_groups(registry):
        parts.append(f"<tr><th colspan=2 align=left><br>{html.escape(title)}</th></tr>")
        parts.extend(
            f"<tr><td><b>{html.escape(k)}</b>&nbsp;&nbsp;</td><td>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
    return f"<table>{''.join(parts)}</table>"
