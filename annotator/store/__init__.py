"""The store: one project = one SQLite file. The only layer that runs SQL."""

from annotator.store.errors import ProjectError
from annotator.store.project import NewDocument, Project

__all__ = ["NewDocument", "Project", "ProjectError"]
