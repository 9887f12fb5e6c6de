"""SIGKILL while tagging through the real GUI code path loses nothing reported saved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from kill_harness import kill_rounds, make_seed_project

CI_KILLS = int(os.environ.get("ANNOTATOR_CI_KILLS", "10"))


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_while_tagging_loses_nothing_reported_saved(tmp_path: Path) -> None:
    path = tmp_path / "killed.annotator"
    make_seed_project(path)
    report = kill_rounds(path, CI_KILLS, seed=6)
    print(report.summary())
    assert report.failures == []
    assert report.kills == CI_KILLS
    assert len(report.reported) > CI_KILLS  # the kills did land while spans were being saved
    assert report.found == len(report.reported)
