"""What every part of the store shares: the connection, the transaction, the clock."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class StoreBase:
    """Typed view of the attributes the store's mixins rely on (set by ``Project``)."""

    path: Path
    db: Database

    def transaction(self) -> AbstractContextManager[None]:  # pragma: no cover - see Project
        raise NotImplementedError
