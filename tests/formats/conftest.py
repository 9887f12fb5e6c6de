"""Fixtures for the format tests (helpers and texts are in ``export_fixtures``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from corpora import OWN_CORPUS, SHARED_CORPUS, needs_shared
from export_fixtures import fill_corpus, fill_tricky

from annotator.store import Project


@pytest.fixture
def tricky(tmp_path: Path) -> Iterator[Project]:
    with Project.open(tmp_path / "tricky.annotator") as project:
        fill_tricky(project)
        yield project


CORPORA = [
    pytest.param(OWN_CORPUS, id="own-corpus"),
    pytest.param(SHARED_CORPUS, id="shared-corpus", marks=needs_shared),
]


@pytest.fixture(params=CORPORA)
def everything(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Project]:
    """The tricky documents plus a whole corpus: ours, and ../shared/corpus when it is there."""
    with Project.open(tmp_path / "all.annotator") as project:
        fill_tricky(project)
        fill_corpus(project, request.param)
        yield project
