"""The store: one project = one SQLite file. The only layer that runs SQL."""

from annotator.core.document import NewDocument
from annotator.store.errors import ProjectError
from annotator.store.project import Project

__all__ = ["NewDocument", "Project", "ProjectError"]
