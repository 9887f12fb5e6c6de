"""Where ``annotator export --output`` writes: through a symlink, to standard output (``-``), to a
FIFO or device without replacing it, and atomically for a regular file (issue #9, item 5)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli import main

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "Kim met Putin in Moscow.\n\nThe talks lasted two days, officials said.\n"


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    article = tmp_path / "talks.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "p.annotator"
    assert run("import", path, article).exit_code == 0
    return path


def records(data: str) -> list[dict]:
    return [json.loads(line) for line in data.splitlines()]


def test_a_symlink_output_stays_a_link_and_its_target_gets_the_export(
    project: Path, tmp_path: Path
) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "dataset.jsonl"
    target.write_text("old content\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)

    result = run("export", project, "--format", "jsonl", "--output", link)

    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert [r["title"] for r in records(target.read_text("utf-8"))] == ["talks"]
    assert [p.name for p in target.parent.iterdir()] == ["dataset.jsonl"]  # no temp file left


def test_output_dash_writes_jsonl_to_standard_output(project: Path) -> None:
    result = run("export", project, "--format", "jsonl", "--output", "-")

    assert result.exit_code == 0, result.output
    [record] = records(result.stdout)
    assert record["title"] == "talks" and record["text"].startswith("Kim met Putin")
    assert "wrote 1 document, 0 spans to standard output" in result.stderr


def test_output_dash_for_a_folder_format_says_it_needs_a_folder(project: Path) -> None:
    result = run("export", project, "--format", "brat", "--output", "-")

    assert result.exit_code != 0
    assert "written to a folder" in result.stderr and result.stdout == ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_a_fifo_output_is_written_to_not_replaced(project: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, like `cat pipe`
    try:
        result = run("export", project, "--format", "jsonl", "--output", fifo)
        chunks = []
        while chunk := os.read(reader, 65536):
            chunks.append(chunk)
    finally:
        os.close(reader)

    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still a FIFO, not a regular file
    assert [r["title"] for r in records(b"".join(chunks).decode("utf-8"))] == ["talks"]


def test_a_regular_output_is_replaced_whole_and_keeps_its_permissions(
    project: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.jsonl"
    output.write_text("old\n" * 1000)
    output.chmod(0o640)

    assert run("export", project, "--output", output).exit_code == 0

    assert [r["title"] for r in records(output.read_text("utf-8"))] == ["talks"]
    assert stat.S_IMODE(output.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.skipif(not Path("/dev/stdout").is_symlink(), reason="needs /dev/stdout")
def test_dev_stdout_redirected_to_a_file_appends_to_it_instead_of_replacing_it(
    project: Path, tmp_path: Path
) -> None:
    log = tmp_path / "log.txt"
    log.write_text("before\n")
    inode = log.stat().st_ino
    # A link of our own to /dev/stdout: on a broken build the link is replaced, not /dev/stdout.
    stdout_link = tmp_path / "stdout"
    stdout_link.symlink_to("/dev/stdout")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "annotator", "export", str(project), "-o", str(stdout_link)]
    with log.open("ab") as out:  # like `annotator export P -o /dev/stdout >> log.txt`
        done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, env=env, check=False)

    assert done.returncode == 0, done.stderr
    assert stdout_link.is_symlink() and log.stat().st_ino == inode  # nothing was replaced
    first, *rest = log.read_text("utf-8").splitlines()
    assert first == "before" and [r["title"] for r in records("\n".join(rest))] == ["talks"]
