"""View → Show Annotations Of ▸ All / one annotator (issue #13): one author's layer.

The view, the annotation list and the counts show only that author's spans (the session reads
the document with ``annotations_for_view(author=)``); the status bar says which layer is shown.
Tagging is refused while someone else's layer is shown (the new span would be yours, and would
vanish from the view): the status bar says how to get back to your own layer or to all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from annotator.gui.static_label import StaticLabel

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

NO_AUTHOR = "(no author)"


def layer_name(author: str | None) -> str:
    if author is None:
        return "all annotators"
    return author or NO_AUTHOR


class Layers:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.menu = QMenu("Show &Annotations Of", window)
        self.menu.setObjectName("layerMenu")
        self.menu.aboutToShow.connect(self.fill_menu)
        view_menu = window.actionRegistry.menus["&View"]
        view_menu.addSeparator()
        view_menu.addMenu(self.menu)
        self.label = StaticLabel(expanding=False)
        self.label.setObjectName("layerLabel")
        window.statusBar().addPermanentWidget(self.label)
        self._group = QActionGroup(self.menu)
        self.fill_menu()
        self.refresh_status()

    @property
    def author(self) -> str | None:
        return self.window.session.layer

    def fill_menu(self) -> None:
        """All, then each author with a span in the project (read when the menu opens)."""
        self.menu.clear()
        self._group = QActionGroup(self.menu)
        authors: list[str | None] = [None, *self.window.project.authors()]
        if self.author is not None and self.author not in authors:
            authors.append(self.author)
        for index, author in enumerate(authors):
            text = "&All Annotators" if author is None else layer_name(author).replace("&", "&&")
            action = QAction(text, self.menu, checkable=True)
            action.setChecked(author == self.author)
            action.setData(index)
            action.triggered.connect(lambda _on=False, a=author: self.show_layer(a))
            self._group.addAction(action)
            self.menu.addAction(action)
            if author is None:
                self.menu.addSeparator()

    def show_layer(self, author: str | None) -> None:
        """Show ``author``'s spans only (None: everyone's); the open document is read again."""
        window = self.window
        window.session.set_layer(author)
        if window.document_id is not None:
            window.open_document(window.document_id)
        self.refresh_status()
        window.statusBar().showMessage(f"Showing the annotations of {layer_name(author)}.", 4000)

    def refresh_status(self) -> None:
        self.label.setText(f"Layer: {layer_name(self.author)}")

    def allows_tagging(self) -> bool:
        """False (and said) while another annotator's layer is shown."""
        if self.author is None or self.author == self.window.session.author:
            return True
        self.window.statusBar().showMessage(
            f"Showing {layer_name(self.author)}'s annotations: a new tag would be yours."
            " View → Show Annotations Of → All Annotators (or your own) to annotate.",
            8000,
        )
        return False
