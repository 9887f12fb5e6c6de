"""A small hand-counted project for the statistics tests (issue #12).

Three documents: "Summit" (2024-03-05, done) and "Talks" (2024-04-20, in progress) and "Notes"
(no date, new). Spans: 5 Claim, 4 Actor. Claims by month and stance:
2024-03 support 2, oppose 1; 2024-04 oppose 1; undated: one claim with no stance.
Actors: Kim Jong Un (3 linked spans, aliases "Kim Jong-un"), Moon Jae-in (1), Biden (0).
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project

SUMMIT = "Kim Jong-un said talks help. Moon Jae-in said no. Kim Jong Un said yes. He denied it."
TALKS = "Kim Jong Un rejected the offer."
NOTES = "Someone claimed something."


def _span(proj: Project, doc: int, text: str, phrase: str, label: str, **attrs: str) -> int:
    start = text.index(phrase)
    return proj.add_annotation(doc, start, start + len(phrase), label, attributes=attrs).id


def build_stats_project(path: Path) -> Path:
    with Project.open(path) as proj:
        summit = proj.add_document(
            NewDocument("Summit", StyledText(SUMMIT), meta={"date": "2024-03-05"})
        )
        talks = proj.add_document(
            NewDocument("Talks", StyledText(TALKS), meta={"date": "2024-04-20"})
        )
        notes = proj.add_document(NewDocument("Notes", StyledText(NOTES)))
        kim = proj.add_actor("Kim Jong Un", aliases=["Kim Jong-un"])
        moon = proj.add_actor("Moon Jae-in")
        proj.add_actor("Biden")
        for phrase, actor in (("Kim Jong-un", kim), ("Moon Jae-in", moon), ("Kim Jong Un", kim)):
            proj.link_annotation_to_actor(_span(proj, summit, SUMMIT, phrase, "Actor"), actor)
        proj.link_annotation_to_actor(_span(proj, talks, TALKS, "Kim Jong Un", "Actor"), kim)
        _span(proj, summit, SUMMIT, "talks help", "Claim", stance="support")
        _span(proj, summit, SUMMIT, "yes", "Claim", stance="support")
        _span(proj, summit, SUMMIT, "no", "Claim", stance="oppose")
        _span(proj, talks, TALKS, "rejected the offer", "Claim", stance="oppose")
        _span(proj, notes, NOTES, "claimed something", "Claim")
        proj.set_document_status(summit, "done")
        proj.set_document_status(talks, "in_progress")
    return path
