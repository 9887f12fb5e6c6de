"""A project's statistics (issue #12): what ``annotator stats`` prints and the charts draw.

Counts per label, per canonical actor (top N), per document, claims per stance and month of
the article date (documents without one counted apart as "undated"), and the progress (status
counts). All from the store's grouped queries (``store/statistics.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.actors import StatusCounts
from annotator.services.claims import CLAIM_LABEL
from annotator.store import Project

UNDATED = "undated"
NO_STANCE = "unspecified"
_STANCE_ORDER = ("support", "oppose", "neutral")


@dataclass(frozen=True, slots=True)
class DocumentCount:
    id: int
    title: str
    status: str
    spans: int


@dataclass(frozen=True, slots=True)
class StanceTimeline:
    """Claims per stance per month: ``counts[stance][i]`` is the count in ``months[i]``."""

    months: tuple[str, ...] = ()  # "YYYY-MM" in order, then "undated" if any
    counts: dict[str, tuple[int, ...]] = field(default_factory=dict)  # by stance, in order

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.counts.values())


@dataclass(frozen=True, slots=True)
class Statistics:
    labels: tuple[tuple[str, int], ...]
    actors: tuple[tuple[str, str, int], ...]  # name, type, mentions (most mentioned first)
    documents: tuple[DocumentCount, ...]
    stances: StanceTimeline
    progress: StatusCounts

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-able values (``annotator stats --json``)."""
        p = self.progress
        return {
            "labels": [{"label": n, "spans": c} for n, c in self.labels],
            "actors": [{"actor": n, "type": t, "mentions": c} for n, t, c in self.actors],
            "documents": [
                {"id": d.id, "title": d.title, "status": d.status, "spans": d.spans}
                for d in self.documents
            ],
            "claims_over_time": {
                "months": list(self.stances.months),
                "stances": {s: list(c) for s, c in self.stances.counts.items()},
            },
            "progress": {
                "new": p.new,
                "in_progress": p.in_progress,
                "done": p.done,
                "total": p.total,
            },
        }


def project_statistics(
    project: Project, *, top: int = 10, claim_label: str = CLAIM_LABEL
) -> Statistics:
    """Every number of the statistics, from a few grouped queries."""
    return Statistics(
        labels=tuple(project.spans_per_label()),
        actors=tuple(project.mentions_per_actor(top)),
        documents=tuple(DocumentCount(*row) for row in project.spans_per_document()),
        stances=stance_timeline(project.claims_per_month(claim_label)),
        progress=project.status_counts(),
    )


def stance_timeline(rows: list[tuple[str, str, int]]) -> StanceTimeline:
    """(month or "", stance or "", count) rows -> a timeline, dated months first."""
    months = sorted({m for m, _, _ in rows if m})
    if any(not m for m, _, _ in rows):
        months.append(UNDATED)
    found = {s or NO_STANCE for _, s, _ in rows}
    stances = [s for s in _STANCE_ORDER if s in found]
    stances += sorted(found - set(stances) - {NO_STANCE})
    stances += [NO_STANCE] if NO_STANCE in found else []
    grid = {s: [0] * len(months) for s in stances}
    for month, stance, count in rows:
        grid[stance or NO_STANCE][months.index(month or UNDATED)] += count
    return StanceTimeline(tuple(months), {s: tuple(c) for s, c in grid.items()})
