"""Fixtures for the format tests (helpers and texts are in ``export_fixtures``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from export_fixtures import fill_corpus, fill_tricky

from annotator.store import Project


@pytest.fixture
def tricky(tmp_path: Path) -> Iterator[Project]:
    with Project.open(tmp_path / "tricky.annotator") as project:
        fill_tricky(project)
        yield project


@pytest.fixture
def everything(tmp_path: Path) -> Iterator[Project]:
    """The tricky documents plus the whole shared corpus."""
    with Project.open(tmp_path / "all.annotator") as project:
        fill_tricky(project)
        fill_corpus(project)
        yield project
