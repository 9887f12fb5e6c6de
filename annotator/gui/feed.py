"""The window's one change path: the session's ``Changes`` as ONE Qt signal.

``ChangeFeed.changed`` is emitted synchronously (a direct connection) right after each session
operation, so a key press has repainted its highlight before the event loop turns. Views and
panels connect to it and refresh what concerns them; no view refreshes another.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotator.services.changes import Changes
from annotator.services.session import Session


class ChangeFeed(QObject):
    changed = Signal(object)  # Changes

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        session.subscribe(self._emit)

    def _emit(self, changes: Changes) -> None:
        self.changed.emit(changes)
