"""The log file (issue #14 item 6): what the app did, for the user to send when something broke.

``setup_logging(entry)`` is called once by each entry point (the GUI, the CLI). It adds ONE
rotating file (``annotator.log``, 1 MB × 5 older files) to the ``annotator`` logger, in the
platform's log folder (``platformdirs.user_log_dir("Annotator")``); ``ANNOTATOR_LOG_DIR``
puts it elsewhere (tests use a temporary folder). Modules log through
``logging.getLogger(__name__)``: start (versions), projects opened and closed, import and export
summaries, errors. Qt-free: the GUI adds Qt's versions through ``extra_versions``.
"""

from __future__ import annotations

import logging
import os
import platform
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

import platformdirs

from annotator import __version__
from annotator.store.database import sqlite_version

LOG_DIR_ENV = "ANNOTATOR_LOG_DIR"
LOG_NAME = "annotator.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
ROOT = "annotator"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_log = logging.getLogger(__name__)


def log_folder() -> Path:
    """Where the log files are: ``ANNOTATOR_LOG_DIR``, else the platform's log folder."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir("Annotator", appauthor=False))


def log_file() -> Path:
    return log_folder() / LOG_NAME


def versions(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Annotator, Python, SQLite and the system; ``extra`` adds more (Qt, PySide6)."""
    return {
        "Annotator": __version__,
        "Python": platform.python_version(),
        "SQLite": sqlite_version(),
        **(extra or {}),
        "System": platform.platform(),
    }


def _our_handler(logger: logging.Logger, path: Path) -> RotatingFileHandler | None:
    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return handler
    return None


def setup_logging(entry: str, extra_versions: dict[str, str] | None = None) -> Path | None:
    """Log to the rotating file (once per file, however often called); say who started.

    A log folder that cannot be made is no reason not to start: None, nothing logged."""
    path = log_file()
    logger = logging.getLogger(ROOT)
    logger.setLevel(logging.INFO)
    if _our_handler(logger, path.resolve()) is None:
        stop_logging()  # one log file per process: a new folder replaces the old one
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
            )
        except OSError:
            return None
        handler.setFormatter(logging.Formatter(FORMAT))
        logger.addHandler(handler)
    described = ", ".join(f"{k} {v}" for k, v in versions(extra_versions).items())
    _log.info("start (%s): %s", entry, described)
    return path


def stop_logging() -> None:
    """Close and remove the file handlers (tests; the end of a process closes them anyway)."""
    logger = logging.getLogger(ROOT)
    for handler in list(logger.handlers):
        if isinstance(handler, RotatingFileHandler):
            logger.removeHandler(handler)
            handler.close()


def crash_report(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    extra_versions: dict[str, str] | None = None,
) -> str:
    """The traceback as text, with the versions on top: what "Copy Report" copies."""
    lines = [f"{k}: {v}" for k, v in versions(extra_versions).items()]
    trace = "".join(traceback.format_exception(exc_type, exc, tb))
    return "\n".join(lines) + "\n\n" + trace


def log_crash(report: str) -> None:
    _log.error("unhandled exception\n%s", report)
