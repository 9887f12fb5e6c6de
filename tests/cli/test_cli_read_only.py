"""``annotator search`` only reads: it works on a read-only project file and leaves nothing beside
it (no -wal, -shm or lock file), like ``list`` and ``export`` (issue #9, item 15).

chmod alone proves nothing when the tests run as root (root ignores permissions), so the command
runs in a child process that first drops to user nobody. The child is forked rather than started
with exec: the interpreter may live where nobody cannot read (here under /root/.pyenv), and a
forked child needs no file of its own to start.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main

NOBODY = 65534
ARTICLE = "Kim met Putin in Moscow.\n\nThe talks lasted two days, officials said.\n"


def run_as_nobody(*args: str) -> tuple[int, str, str]:
    """Run the CLI in a forked child that drops root first; (exit code, stdout, stderr)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            os.close(read_fd)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            result = CliRunner().invoke(main, list(args))
            payload = [result.exit_code, result.stdout, result.stderr]
            with os.fdopen(write_fd, "w", encoding="utf-8") as out:
                json.dump(payload, out)
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    with os.fdopen(read_fd, encoding="utf-8") as inp:
        data = inp.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0 and data, "the child process failed"
    exit_code, stdout, stderr = json.loads(data)
    return exit_code, stdout, stderr


@pytest.fixture
def world_readable_dir() -> Iterator[Path]:
    """A folder user nobody can read and traverse but not write (like a shared, read-only one)."""
    folder = Path(tempfile.mkdtemp(prefix="annotator-ro-"))
    folder.chmod(0o755)
    for parent in folder.parents:
        if not parent.stat().st_mode & stat.S_IXOTH:
            shutil.rmtree(folder)
            pytest.skip(f"{parent} cannot be traversed by other users")
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


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
