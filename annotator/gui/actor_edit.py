"""Edit a registry actor (``actorEditor``): name, type, aliases (one a line), description and
external id (e.g. a Wikidata id); OK saves it as one undo step (``actor_commands.EditActor``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from annotator.core.actors import ACTOR_TYPES, Actor
from annotator.gui.actor_commands import EditActor

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class ActorEditor(QDialog):
    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actorEditor")
        self.setWindowTitle("Edit actor")
        self.nameEdit = QLineEdit(actor.name)
        self.nameEdit.setObjectName("actorName")
        self.typeBox = QComboBox()
        self.typeBox.setObjectName("actorType")
        self.typeBox.addItems(list(ACTOR_TYPES))
        self.typeBox.setCurrentText(actor.type)
        self.aliasesEdit = QPlainTextEdit("\n".join(actor.aliases))
        self.aliasesEdit.setObjectName("actorAliases")
        self.aliasesEdit.setTabChangesFocus(True)
        self.aliasesEdit.setMaximumHeight(90)
        self.descriptionEdit = QLineEdit(actor.description)
        self.externalEdit = QLineEdit(actor.external_id)
        self.externalEdit.setPlaceholderText("e.g. Q56226 (Wikidata)")
        form = QFormLayout(self)
        form.addRow("&Name:", self.nameEdit)
        form.addRow("&Type:", self.typeBox)
        form.addRow("&Aliases (one a line):", self.aliasesEdit)
        form.addRow("&Description:", self.descriptionEdit)
        form.addRow("E&xternal id:", self.externalEdit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.nameEdit.selectAll()
        self.nameEdit.setFocus()

    def aliases(self) -> list[str]:
        return [
            line.strip() for line in self.aliasesEdit.toPlainText().splitlines() if line.strip()
        ]

    def fields(self) -> dict[str, str]:
        return {
            "name": self.nameEdit.text(), "type": self.typeBox.currentText(),
            "description": self.descriptionEdit.text(), "external_id": self.externalEdit.text(),
        }  # fmt: skip


def edit_actor(window: MainWindow, actor: Actor) -> None:
    """Ask for the actor's new values; save them as one undo step if any changed."""
    dialog = ActorEditor(actor, window)  # closed, the keyboard is back in the registry
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    fields, aliases = dialog.fields(), dialog.aliases()
    old = {"name": actor.name, "type": actor.type, "description": actor.description,
           "external_id": actor.external_id}  # fmt: skip
    if fields == old and tuple(aliases) == actor.aliases:
        return
    window.push(EditActor(window, actor, aliases, **fields))
