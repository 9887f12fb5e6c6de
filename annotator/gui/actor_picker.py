"""Link an Actor span to a registry actor (issue #12 item 1): ``K`` on a selected span opens
this picker (``actorPicker``), like the link picker: type to filter, best name match first, and
"Create “<text>”" first when no actor has that name or alias. Enter links it (one undo step:
``actor_commands.LinkActor`` or ``CreateActor``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.actors import Actor, name_key
from annotator.gui.actor_commands import CreateActor, LinkActor
from annotator.gui.display import plain_label, short
from annotator.gui.link_dialog import add_filtered_list

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

ID_ROLE = Qt.ItemDataRole.UserRole
CREATE = -1  # the "Create …" row's id


def match_rank(needle: str, actor: Actor) -> int:
    """0: a name or alias is the text; 1: one starts with it; 2: one contains it; 3: none."""
    key = name_key(needle)
    names = [name_key(n) for n in actor.names]
    if not key or key in names:
        return 0 if key else 3
    if any(n.startswith(key) for n in names):
        return 1
    return 2 if any(key in n for n in names) else 3


def ranked(needle: str, actors: Sequence[Actor], *, only_matches: bool) -> list[Actor]:
    """``actors`` best match first (then most mentioned, then by name)."""
    scored = [(match_rank(needle, a), a) for a in actors]
    if only_matches:
        scored = [(r, a) for r, a in scored if r < 3]
    scored.sort(key=lambda ra: (ra[0], -ra[1].mentions, name_key(ra[1].name)))
    return [a for _r, a in scored]


def actor_line(actor: Actor) -> str:
    aliases = f" (also {', '.join(actor.aliases)})" if actor.aliases else ""
    return f"{short(actor.name, 60)}{short(aliases, 60)} — {actor.type}, {actor.mentions}×"


class ActorPicker(QDialog):
    def __init__(
        self, text: str, actors: Sequence[Actor], parent: QWidget | None = None,
        *, title: str = "", create: bool = True,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.offer_create = create
        self.setObjectName("actorPicker")
        self.setWindowTitle("Link to actor")
        self.resize(520, 380)
        self.actors = list(actors)
        layout = QVBoxLayout(self)
        heading = title or f"Link Actor “{short(text)}” to (type to filter):"
        layout.addWidget(plain_label(heading))
        self.filterEdit, self.list = add_filtered_list(
            self, layout, " ".join(text.split()), ("actorFilter", "actorCandidates"), self._fill
        )
        self._fill()
        self.filterEdit.selectAll()
        self.filterEdit.setFocus()

    def _fill(self) -> None:
        needle = self.filterEdit.text().strip()
        found = ranked(needle, self.actors, only_matches=bool(needle))
        self.list.clear()
        rows = [(actor_line(a), a.id) for a in found]
        if self.offer_create and needle and not any(match_rank(needle, a) == 0 for a in found):
            create = (f"Create “{short(needle, 60)}”", CREATE)
            # First when no actor matches the text at all; after the matches otherwise.
            rows = [*rows, create] if rows else [create]
        for text, actor_id in rows:
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, actor_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Up/Down in the filter line move through the list (the filter keeps the keyboard)."""
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.list.count():
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
            self.list.setCurrentRow(row)
            return
        super().keyPressEvent(event)

    def choice(self) -> tuple[int, str] | None:
        """(actor id or CREATE, the name typed), once accepted."""
        item = self.list.currentItem()
        if item is None:
            return None
        return int(item.data(ID_ROLE)), " ".join(self.filterEdit.text().split())


def link_current_to_actor(window: MainWindow) -> None:
    """``K``: pick (or create) the registry actor of the selected Actor span."""
    ann = window.current_annotation()
    if ann is None:
        window.statusBar().showMessage("Select an Actor span to link it to an actor.", 4000)
        return
    if window.project_read_only():
        return
    dialog = ActorPicker(ann.text, window.project.actors(), window)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    window.activateWindow()  # give the keyboard back to the text
    window.documentView.setFocus()
    choice = dialog.choice() if accepted else None
    if choice is None:
        return
    actor_id, name = choice
    if actor_id == CREATE:
        window.push(CreateActor(window, ann.id, name))
    else:
        window.push(LinkActor(window, ann.id, actor_id, window.project.actor(actor_id).name))
