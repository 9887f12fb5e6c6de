"""Run the CLI as user nobody: chmod alone proves nothing when the tests run as root (root ignores
permissions). The child is forked rather than started with exec: the interpreter may live where
nobody cannot read (here under /root/.pyenv), and a forked child needs no file of its own."""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main

NOBODY = 65534


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


@contextmanager
def world_readable_folder() -> Iterator[Path]:
    """A new folder any user can read and traverse (pytest's tmp_path is root's own, 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="annotator-ro-"))
    folder.chmod(0o755)
    try:
        for parent in folder.parents:
            if not parent.stat().st_mode & stat.S_IXOTH:
                pytest.skip(f"{parent} cannot be traversed by other users")
        yield folder
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
