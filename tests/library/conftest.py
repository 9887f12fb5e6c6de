"""Fixtures for the library tests (issue #4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_helpers import write_samples


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    return write_samples(tmp_path / "samples")
