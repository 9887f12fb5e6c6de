"""``annotator search`` only reads: it works on a read-only project file and leaves nothing beside
it (no -wal, -shm or lock file), like ``list`` and ``export`` (issue #9, item 15).

chmod alone proves nothing when the tests run as root (root ignores permissions), so the command
runs in a child process that first drops to user nobody (tests/nobody.py).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from nobody import run_as_nobody, world_readable_folder

from annotator.cli import main

ARTICLE = "Kim met Putin in Moscow.\n\nThe talks lasted two days, officials said.\n"


@pytest.fixture
def world_readable_dir() -> Iterator[Path]:
    """A folder user nobody can read and traverse but not write (like a shared, read-only one)."""
    with world_readable_folder() as folder:
        yield folder


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and POSIX users")
def test_search_reads_a_read_only_project_and_writes_nothing_beside_it(
    tmp_path: Path, world_readable_dir: Path
) -> None:
    article = tmp_path / "talks.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    made = tmp_path / "made.annotator"
    assert CliRunner().invoke(main, ["import", str(made), str(article)]).exit_code == 0
    project = world_readable_dir / "shared.annotator"
    shutil.copyfile(made, project)
    project.chmod(0o444)
    world_readable_dir.chmod(0o555)  # not writable by its owner either, when not run as root

    exit_code, stdout, stderr = run_as_nobody("search", str(project), "Putin")

    assert exit_code == 0, stderr
    assert stdout.startswith("1\ttalks\t") and "[Putin]" in stdout
    assert sorted(p.name for p in world_readable_dir.iterdir()) == ["shared.annotator"]
    exit_code, stdout, stderr = run_as_nobody("list", str(project))
    assert exit_code == 0, stderr
    assert stdout.splitlines()[1].endswith("\ttalks")
    assert sorted(p.name for p in world_readable_dir.iterdir()) == ["shared.annotator"]
