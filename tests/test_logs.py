"""The log file (issue #14 item 6): where it is, that ANNOTATOR_LOG_DIR moves it, that it rotates
at 1 MB keeping 5 older files, and what the entry points and services write to it."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs
import pytest

from annotator.logs import (
    BACKUP_COUNT,
    MAX_BYTES,
    log_file,
    log_folder,
    setup_logging,
    stop_logging,
)
from annotator.services.importing import import_paths
from annotator.store import Project


@pytest.fixture(autouse=True)
def _closed_after() -> None:  # type: ignore[misc]
    yield
    stop_logging()


def test_the_platform_log_folder_unless_overridden(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ANNOTATOR_LOG_DIR")
    assert log_folder() == Path(platformdirs.user_log_dir("Annotator", appauthor=False))
    monkeypatch.setenv("ANNOTATOR_LOG_DIR", str(tmp_path / "elsewhere"))
    assert log_file() == tmp_path / "elsewhere" / "annotator.log"


def test_start_says_the_versions(tmp_path: Path) -> None:
    path = setup_logging("cli test", {"Qt": "6.x"})
    assert path == Path(os.environ["ANNOTATOR_LOG_DIR"]) / "annotator.log"  # conftest's override
    text = path.read_text(encoding="utf-8")
    assert "start (cli test): Annotator " in text
    assert "Python " in text and "SQLite " in text and "Qt 6.x" in text


def test_one_handler_however_often_set_up(tmp_path: Path) -> None:
    setup_logging("a")
    setup_logging("b")
    logging.getLogger("annotator.test").info("once")
    assert log_file().read_text(encoding="utf-8").count("once") == 1


def test_the_log_rotates_at_one_megabyte_keeping_five(tmp_path: Path) -> None:
    setup_logging("test")
    logger = logging.getLogger("annotator.test")
    line = "x" * 10_000
    for _ in range(MAX_BYTES * (BACKUP_COUNT + 2) // len(line)):
        logger.info(line)
    names = sorted(p.name for p in log_folder().iterdir())
    assert names == ["annotator.log", *(f"annotator.log.{n}" for n in range(1, BACKUP_COUNT + 1))]
    assert all(p.stat().st_size <= MAX_BYTES for p in log_folder().iterdir())


def test_an_import_is_summarised(tmp_path: Path) -> None:
    setup_logging("test")
    article = tmp_path / "a.txt"
    article.write_text("Kim said the talks would go on.\n", encoding="utf-8")
    with Project.open(tmp_path / "p.annotator") as project:
        import_paths(project, [article, tmp_path / "missing.txt"])
    text = log_file().read_text(encoding="utf-8")
    assert "import into p.annotator: 1 error, 1 imported" in text
    assert "missing.txt failed" in text


def test_a_cli_command_logs_its_start_and_its_import(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from annotator.cli import main

    article = tmp_path / "a.txt"
    article.write_text("Kim said the talks would go on.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(tmp_path / "p.annotator"), str(article)])
    assert result.exit_code == 0, result.output
    text = log_file().read_text(encoding="utf-8")
    assert "start (cli import): Annotator " in text
    assert "import into p.annotator: 1 imported" in text
