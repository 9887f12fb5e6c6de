"""The user's default project: created on first run, with the sample article imported."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from annotator.bundled import resource_path
from annotator.services.importing import import_paths
from annotator.store import Project

SAMPLE_NAME = "pyongyang-moscow-axis.txt"


def default_project_path() -> Path:
    override = os.environ.get("ANNOTATOR_DEFAULT_PROJECT")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("Annotator", appauthor=False)) / "default.annotator"


def sample_article_path() -> Path:
    """The bundled sample: inside the package when installed, in resources/ in a checkout."""
    return resource_path(SAMPLE_NAME)


def ensure_default_project() -> Path:
    """Create the default project with the sample article if it does not exist yet."""
    path = default_project_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with Project.open(path) as project:
        import_paths(project, [sample_article_path()])
    return path
