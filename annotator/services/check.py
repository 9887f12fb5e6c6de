"""``annotator check``: is this project file healthy, and can its problems be repaired?

Runs SQLite's own ``PRAGMA integrity_check`` (every page, index and constraint), looks for damage
queries would trip over (texts that are not UTF-8; ``store/damage.py``), for schema objects
Annotator did not create (``store/schema_check.py``) and checks the project's invariants
(``store/integrity.py``). Without ``repair`` it opens the file read-only and changes nothing.
With ``repair`` it takes the writer's lock, writes a ``before-repair`` backup, fixes only what is
certain (rebuilds damaged indexes, removes foreign objects, the invariant repairs) in one
transaction, checks again, and lists the rest with the ways to recover it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.plural import plural
from annotator.store import Project, ProjectError
from annotator.store.backups import default_backup_folder, list_backups, make_backup
from annotator.store.damage import damaged_indexes, find_damage, recovery_hints, reindex
from annotator.store.errors import StoreError
from annotator.store.integrity import Problem, find_problems, repair
from annotator.store.schema_check import strip_foreign

MAX_SQLITE_MESSAGES = 20


@dataclass(slots=True)
class CheckReport:
    path: Path
    error: str = ""  # the project could not be opened (damaged, not a project, in use…)
    sqlite_messages: list[str] = field(default_factory=list)  # ["ok"] when healthy
    damage: list[str] = field(default_factory=list)  # what stops the invariants being read
    foreign: list[str] = field(default_factory=list)  # schema objects we did not create
    problems: list[Problem] = field(default_factory=list)  # left after any repair
    repaired: list[str] = field(default_factory=list)
    backup: Path | None = None  # the copy made before repairing
    backups: list[str] = field(default_factory=list)  # offered when the file cannot be opened

    @property
    def ok(self) -> bool:
        healthy = self.sqlite_messages == ["ok"] and not self.damage and not self.foreign
        return not self.error and healthy and not self.problems

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
        out += [f"damage\t{line}" for line in self.damage]
        out += [f"foreign\t{line} (removable with --repair)" for line in self.foreign]
        for problem in self.problems:
            hint = "repairable with --repair" if problem.repairable else "fix by hand"
            out.append(f"problem\t{problem.message} ({hint})")
        if damaged_indexes(self.sqlite_messages):
            out.append("recover\tthe damaged indexes can be rebuilt from their tables: --repair")
        if self.damage or self.sqlite_messages != ["ok"]:
            out += [f"recover\t{hint}" for hint in recovery_hints(self.path)]
            out += [f"backup\t{b}" for b in self.backups]
        count = len(self.problems) + len(self.damage) + len(self.foreign)
        out.append(
            "ok\tthe project is healthy" if self.ok else f"failed\t{plural(count, 'problem')}"
        )
        return out


def check_project(path: Path, *, fix: bool = False) -> CheckReport:
    report = CheckReport(path)
    try:
        project = Project.open(
            path, create=False, read_only=not fix, lock=fix, check=False, allow_foreign=True
        )
    except ProjectError as exc:
        report.error = str(exc)
        report.backups = _backups(path)
        return report
    with project:
        _diagnose(project, report)
        if fix and _repairable(report):
            try:
                report.backup = make_backup(project, "before-repair")
                report.repaired = _repair(project, report)
            except (ProjectError, StoreError) as exc:
                report.error = str(exc)
            _diagnose(project, report)
    return report


def _diagnose(project: Project, report: CheckReport) -> None:
    """Fill the report; damage is reported, never raised."""
    conn = project.db.conn
    report.damage, report.problems = [], []
    try:
        report.sqlite_messages = project.sqlite_integrity_messages(MAX_SQLITE_MESSAGES)
    except StoreError as exc:
        report.sqlite_messages = [str(exc)]
    report.foreign = [obj.describe() for obj in project.foreign]
    try:
        report.problems = find_problems(project)
    except StoreError as exc:
        report.damage = find_damage(conn, []) or [f"the project cannot be read through: {exc}"]
    if report.damage or report.sqlite_messages != ["ok"]:
        report.backups = _backups(project.path)


def _repairable(report: CheckReport) -> bool:
    indexes = damaged_indexes(report.sqlite_messages)
    return bool(indexes) or bool(report.foreign) or any(p.repairable for p in report.problems)


def _repair(project: Project, report: CheckReport) -> list[str]:
    """Only what is certain: indexes rebuilt from their tables, foreign objects removed, then the
    invariant repairs (only when the tables could be read)."""
    done: list[str] = []
    indexes = damaged_indexes(report.sqlite_messages)
    if indexes or project.foreign:
        with project.transaction():
            done += reindex(project.db.conn, indexes or set())
            version = project.db.conn.execute("PRAGMA user_version").fetchone()[0]
            done += strip_foreign(project.db.conn, project.foreign, version)
        project.foreign = []
    if not report.damage:
        done += repair(project, find_problems(project))
    return done


def _backups(path: Path) -> list[str]:
    folder = default_backup_folder(path)
    return [f"{b.describe()}: {b.path}" for b in list_backups(folder, path.name)]
