"""Which thread reads the files of an import: the plain-text reader, logging its thread.

The reader is the real one (wrapped, not replaced): the import does exactly what it does for a
user; the wrapper only notes ``threading.get_ident()`` before reading each file.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from annotator.formats import registry


def log_reader_threads(monkeypatch: pytest.MonkeyPatch, fmt_name: str = "text") -> list[int]:
    """From now on (for this test), the ``fmt_name`` reader logs its thread in the list."""
    threads: list[int] = []
    index = next(i for i, f in enumerate(registry.FORMATS) if f.name == fmt_name)
    original = registry.FORMATS[index]
    assert original.reader is not None
    real_reader = original.reader

    def reader(path: Path):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real_reader(path)

    formats = list(registry.FORMATS)  # a tuple: the registry's own lookups read it
    formats[index] = dataclasses.replace(original, reader=reader)
    monkeypatch.setattr(registry, "FORMATS", tuple(formats))
    return threads
