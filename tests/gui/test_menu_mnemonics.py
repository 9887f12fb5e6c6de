"""Every menu's Alt-letters are unique: a letter two entries share only cycles between them,
so Alt+V, A would not reach "Show Annotations Of" (a clash found when #12 and #13 met)."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu


def mnemonic(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    return None if at < 0 else text.replace("&&", "")[at + 1].lower()


def test_no_menu_gives_one_letter_to_two_entries(seed_project, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    clashes = []
    while menus:
        menu = menus.pop()
        assert isinstance(menu, QMenu)
        seen: dict[str, str] = {}
        for action in menu.actions():
            if action.menu() is not None:
                menus.append(action.menu())
            letter = mnemonic(action.text())
            if letter is None or not action.isVisible():
                continue
            if letter in seen:
                clashes.append(f"{menu.title()}: {seen[letter]!r} and {action.text()!r}")
            seen[letter] = action.text()
    assert clashes == []
