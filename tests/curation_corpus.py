"""A document two annotators tagged (issue #13 adjudication tests): two spans agreed (with the
same claimant link), one label disagreement, one span only ben has."""

from __future__ import annotations

from pathlib import Path

from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project

TEXT = "Kim said the talks went well. Moon agreed. Seoul waited."
KIM, CLAIM, MOON, SEOUL = (0, 3), (4, 28), (30, 34), (43, 48)


def build_curation_project(path: Path) -> tuple[Path, int]:
    """The project and its document's id."""
    with Project.open(path) as proj:
        doc = proj.add_document(NewDocument("talks", StyledText(TEXT)))
        kim = proj.add_actor("Kim Jong Un")
        for author, moon_label in (("ann", "Actor"), ("ben", "Claim")):
            actor = proj.add_annotation(doc, *KIM, "Actor", author=author)
            proj.link_annotation_to_actor(actor.id, kim)
            claim = proj.add_annotation(
                doc, *CLAIM, "Claim", author=author, attributes={"stance": "support"},
                note=f"{author}'s note",
            )  # fmt: skip
            proj.add_relation("claimant", claim.id, actor.id, author=author)
            proj.add_annotation(doc, *MOON, moon_label, author=author)
        proj.add_annotation(doc, *SEOUL, "Actor", author="ben")
    return path, doc


def dump(project: Project) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (undo must leave them identical)."""
    names = [
        r[0]
        for r in project.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
            " AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: project.db.execute(f"SELECT * FROM {n} ORDER BY 1").fetchall() for n in names}


def curated(project: Project) -> list[tuple[int, int, str]]:
    rows = project.db.execute(
        'SELECT a.start, a."end", l.name FROM annotations a JOIN labels l ON l.id = a.label_id'
        " WHERE a.author = 'curation' ORDER BY a.start"
    )
    return [tuple(r) for r in rows]
