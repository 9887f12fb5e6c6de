"""View → Actor Registry (issue #12 item 1): the registry's actors with their type, aliases and
mentions (``actorRegistry``), filtered as you type (``actorRegistryFilter``).

Enter or a click on an actor walks its mentions: the next linked span across documents (its
document opened, the span selected); again, the one after. The context menu (and keys) edit
it: Edit… (F2: name, type, aliases, description, external id), Merge Into… (M), Delete (Del),
Tag All… Each is one undo step (``actor_commands``). The list follows the ChangeFeed and is read
again only while visible.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDockWidget,
    QLineEdit,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.actors import Actor, name_key
from annotator.core.plural import plural
from annotator.gui.actor_commands import DeleteActor, MergeActors
from annotator.gui.actor_edit import edit_actor
from annotator.gui.actor_picker import CREATE, ActorPicker
from annotator.gui.display import short
from annotator.services.changes import Changes

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

ID_ROLE = Qt.ItemDataRole.UserRole
HEADERS = ("Name", "Type", "Aliases", "Mentions")


class ActorTable(QTreeWidget):
    """The actors; Enter walks, F2 edits, M merges, Delete deletes (the current actor)."""

    walk = Signal()
    keyed = Signal(str)  # "edit", "merge", "delete"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        named = {Qt.Key.Key_F2: "edit", Qt.Key.Key_M: "merge", Qt.Key.Key_Delete: "delete"}
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.walk.emit()
        elif key in named and plain:
            self.keyed.emit(named[key])
        else:
            super().keyPressEvent(event)


class ActorRegistry(QDockWidget):
    """The dock of the window (objectName ``actorRegistry``); hidden until View → Actor
    Registry (Ctrl+Shift+R)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__("Actor Registry", window)
        self.setObjectName("actorRegistry")
        self.window_ = window
        self.actors: list[Actor] = []
        self.stale = True
        self.walking: tuple[int, int] | None = None  # (actor id, mention index) shown last
        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(4, 4, 4, 4)
        self.filter = QLineEdit()
        self.filter.setObjectName("actorRegistryFilter")
        self.filter.setPlaceholderText("Filter actors (name, alias, type)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _text: self._fill())
        self.filter.returnPressed.connect(self._enter_table)
        self.table = ActorTable()
        self.table.setObjectName("actorTable")
        self.table.setHeaderLabels(list(HEADERS))
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.walk.connect(self.walk_mentions)
        self.table.itemClicked.connect(lambda _item, _col: self.walk_mentions())
        self.table.keyed.connect(self._keyed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        box.addWidget(self.filter)
        box.addWidget(self.table, 1)
        body.setMinimumWidth(400)  # room for the four columns
        self.setWidget(body)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        self.hide()
        window.feed.changed.connect(self.follow)
        self.visibilityChanged.connect(self._shown)

    # ------------------------------------------------------------- contents
    def show_registry(self) -> None:
        """View → Actor Registry: show the dock, read fresh, keyboard in the filter box."""
        self.show()
        self.raise_()
        self.refresh()
        self.filter.setFocus()

    def refresh(self) -> None:
        self.actors = self.window_.project.actors()
        self.stale = False
        self._fill()

    def _fill(self) -> None:
        current = self.current_actor()
        words = name_key(self.filter.text()).split()
        self.table.clear()
        for actor in self.actors:
            hay = name_key(" ".join((*actor.names, actor.type)))
            if all(w in hay for w in words):
                item = QTreeWidgetItem([
                    short(actor.name, 60), actor.type, short(", ".join(actor.aliases), 80),
                    str(actor.mentions),
                ])  # fmt: skip
                item.setData(0, ID_ROLE, actor.id)
                item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight)
                self.table.addTopLevelItem(item)
        for column, most in ((0, 160), (1, 95), (2, 110)):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(most, self.table.columnWidth(column)))
        self.select_actor(current.id if current else None)
        shown = self.table.topLevelItemCount()
        self.setWindowTitle(f"Actor Registry — {plural(shown, 'actor')}")

    def follow(self, changes: Changes) -> None:
        if changes.actors or changes.removed or changes.reloaded or changes.documents:
            self.stale = True
            if self.isVisible():
                self.refresh()

    def _shown(self, visible: bool) -> None:
        if visible and self.stale:
            self.refresh()

    def _enter_table(self) -> None:
        if self.table.topLevelItemCount():
            self.table.setFocus()
            first = self.table.topLevelItem(0)
            if self.table.currentItem() is None and first is not None:
                self.table.setCurrentItem(first)

    # ----------------------------------------------------------- the actor
    def current_actor(self) -> Actor | None:
        item = self.table.currentItem()
        if item is None:
            return None
        actor_id = int(item.data(0, ID_ROLE))
        return next((a for a in self.actors if a.id == actor_id), None)

    def select_actor(self, actor_id: int | None) -> None:
        for row in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(row)
            if item is not None and item.data(0, ID_ROLE) == actor_id:
                self.table.setCurrentItem(item)
                return

    def walk_mentions(self) -> None:
        """The current actor's next mention: its document opened, the span selected."""
        actor = self.current_actor()
        w = self.window_
        if actor is None:
            return
        mentions = w.project.actor_mentions(actor.id)
        if not mentions:
            w.statusBar().showMessage(f"No span is linked to “{short(actor.name)}” yet.", 4000)
            return
        last = self.walking
        step = last[1] + 1 if last is not None and last[0] == actor.id else 0
        step %= len(mentions)
        self.walking = (actor.id, step)
        ann_id, doc_id = mentions[step]
        if w.document_id != doc_id:
            w.open_document(doc_id)
        w.select_annotation(ann_id)
        w.statusBar().showMessage(
            f"“{short(actor.name)}”: mention {step + 1} of {len(mentions)}", 6000
        )

    def _keyed(self, what: str) -> None:
        {"edit": self.edit, "merge": self.merge, "delete": self.delete}[what]()

    def _menu(self, pos: QPoint) -> None:
        if self.current_actor() is None:
            return
        menu = QMenu(self)
        entries: tuple[tuple[str, Callable[[], None]], ...] = (
            ("&Walk Mentions  (Enter)", self.walk_mentions), ("&Edit…  (F2)", self.edit),
            ("&Merge Into…  (M)", self.merge), ("&Delete  (Del)", self.delete),
            ("&Tag All…", self.tag_all),
        )  # fmt: skip
        for text, handler in entries:
            menu.addAction(text).triggered.connect(lambda _=False, h=handler: h())
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def edit(self) -> None:
        actor = self.current_actor()
        if actor is not None and not self.window_.project_read_only():
            edit_actor(self.window_, actor)

    def merge(self) -> None:
        """Merge the current actor into another (picked): that one keeps both names."""
        other = self.current_actor()
        w = self.window_
        if other is None or w.project_read_only():
            return
        choices = [a for a in self.actors if a.id != other.id]
        title = f"Merge “{short(other.name)}” into (the actor to keep):"
        picker = ActorPicker("", choices, self, title=title, create=False)
        accepted = picker.exec() == QDialog.DialogCode.Accepted
        w.activateWindow()  # the keyboard back in the registry
        self.table.setFocus()
        if not accepted or (choice := picker.choice()) is None:
            return
        keep = w.project.actor(choice[0]) if choice[0] != CREATE else None
        if keep is not None and w.push(MergeActors(w, keep, other)):
            self.select_actor(keep.id)
            w.statusBar().showMessage(f"Merged into “{short(keep.name)}” (Ctrl+Z undoes it)", 6000)

    def delete(self) -> None:
        actor = self.current_actor()
        w = self.window_
        if actor is not None and not w.project_read_only():
            w.push(DeleteActor(w, actor))

    def tag_all(self) -> None:
        """Tag All… for this actor: from its first mention (the review looks for its names)."""
        actor = self.current_actor()
        if actor is None:
            return
        self.walking = None
        self.walk_mentions()
        if self.window_.current_annotation() is not None:
            self.window_.tagAll.start()
