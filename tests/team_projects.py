"""Two annotators' project files over the same two texts (issue #13 tests)."""

from __future__ import annotations

from pathlib import Path

from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project

ONE = "Kim said the talks went well. Moon agreed."
TWO = "The DPRK refused. Seoul waited."


def make_ann(path: Path) -> Path:
    """ann: both texts; a Claim by Kim (claimant), an Actor linked to the registry's Kim."""
    with Project.open(path) as proj:
        one = proj.add_document(NewDocument("one", StyledText(ONE)))
        proj.add_document(NewDocument("two", StyledText(TWO)))
        kim = proj.add_actor("Kim Jong Un", aliases=["Kim"])
        actor = proj.add_annotation(one, 0, 3, "Actor", author="ann")
        proj.link_annotation_to_actor(actor.id, kim)
        claim = proj.add_annotation(one, 4, 28, "Claim", author="ann",
                                    attributes={"stance": "support"})  # fmt: skip
        proj.add_relation("claimant", claim.id, actor.id, author="ann")
    return path


def make_ben(path: Path) -> Path:
    """ben: the texts in the other order; the same Actor span, a Claim with another stance at
    the same place as ann's, one span with no author; Kim known by another alias."""
    with Project.open(path) as proj:
        two = proj.add_document(NewDocument("zwei", StyledText(TWO)))
        one = proj.add_document(NewDocument("eins", StyledText(ONE)))
        kim = proj.add_actor("Kim", aliases=["Kim Jong-un"])
        actor = proj.add_annotation(one, 0, 3, "Actor", author="ben")
        proj.link_annotation_to_actor(actor.id, kim)
        proj.add_annotation(one, 4, 28, "Claim", author="ben", attributes={"stance": "oppose"})
        proj.add_annotation(one, 4, 28, "Claim", author="ben", note="second thoughts")
        proj.add_annotation(two, 0, 8, "Actor")
    return path
