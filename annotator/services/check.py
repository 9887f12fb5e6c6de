"""``annotator check``: is this project file healthy, and can its problems be repaired?

Runs SQLite's own ``PRAGMA integrity_check`` (every page, index and constraint) and the
project's invariants (``store/integrity.py``). Without ``repair`` it opens the file read-only
and changes nothing. With ``repair`` it takes the writer's lock, writes a ``before-repair``
backup, fixes what can be fixed in one transaction, and checks again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.plural import plural
from annotator.store import Project, ProjectError
from annotator.store.backups import default_backup_folder, list_backups, make_backup
from annotator.store.integrity import Problem, find_problems, repair

MAX_SQLITE_MESSAGES = 20


@dataclass(slots=True)
class CheckReport:
    path: Path
    error: str = ""  # the project could not be opened (damaged, not a project, in use…)
    sqlite_messages: list[str] = field(default_factory=list)  # ["ok"] when healthy
    problems: list[Problem] = field(default_factory=list)  # left after any repair
    repaired: list[str] = field(default_factory=list)
    backup: Path | None = None  # the copy made before repairing
    backups: list[str] = field(default_factory=list)  # offered when the file cannot be opened

    @property
    def ok(self) -> bool:
        return not self.error and self.sqlite_messages == ["ok"] and not self.problems

    def lines(self) -> list[str]:
        """The report as printed by the CLI."""
        if self.error:
            out = [f"error\t{self.error}"]
            out += [f"backup\t{b}" for b in self.backups]
            return out
        out = [f"sqlite\t{message}" for message in self.sqlite_messages]
        if self.backup is not None:
            out.append(f"backup\tbefore repairing: {self.backup}")
        out += [f"repaired\t{line}" for line in self.repaired]
        for problem in self.problems:
            hint = "repairable with --repair" if problem.repairable else "fix by hand"
            out.append(f"problem\t{problem.message} ({hint})")
        out.append(
            "ok\tthe project is healthy"
            if self.ok
            else f"failed\t{plural(len(self.problems), 'problem')}"
        )
        return out


def check_project(path: Path, *, fix: bool = False) -> CheckReport:
    report = CheckReport(path)
    try:
        project = Project.open(path, create=False, read_only=not fix, lock=fix, check=False)
    except ProjectError as exc:
        report.error = str(exc)
        folder = default_backup_folder(path)
        report.backups = [f"{b.describe()}: {b.path}" for b in list_backups(folder, path.name)]
        return report
    with project:
        report.sqlite_messages = project.sqlite_integrity_messages(MAX_SQLITE_MESSAGES)
        report.problems = find_problems(project)
        if fix and any(p.repairable for p in report.problems):
            try:
                report.backup = make_backup(project, "before-repair")
                report.repaired = repair(project, report.problems)
            except ProjectError as exc:
                report.error = str(exc)
            report.problems = find_problems(project)
    return report
