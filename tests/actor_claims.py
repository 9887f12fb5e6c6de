"""A small debate for the actor/claim exports (issue #12): two spellings of one actor.

Doc 1 (Asia Times, 2024-01-02): "Kim Jong-un" claims sanctions must end (oppose sanctions);
"Biden" claims sanctions must stay (support). Doc 2: "Kim Jong Un" (same registry actor)
claims the same (oppose); "Putin" (not in the registry) opposes too; "Biden" claims about
talks (support). Concepts (the Claim attribute ``concept``): sanctions, talks.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.document import NewDocument
from annotator.core.styled_text import StyledText
from annotator.store import Project

DOC1 = "Kim Jong-un said sanctions must end. Biden said sanctions must stay."
DOC2 = "Kim Jong Un wants sanctions gone. Putin agrees they must go. Biden wants talks."


@dataclass(frozen=True)
class Debate:
    kim: int  # registry actor ids
    biden: int
    claims: tuple[int, ...]  # claim span ids, in document order


def _claim(project: Project, doc: int, text: str, part: str, attrs: dict[str, str]) -> int:
    start = text.index(part)
    return project.add_annotation(doc, start, start + len(part), "Claim", attributes=attrs).id


def _actor(project: Project, doc: int, text: str, name: str, actor: int | None) -> int:
    start = text.index(name)
    ann = project.add_annotation(doc, start, start + len(name), "Actor")
    if actor is not None:
        project.link_annotation_to_actor(ann.id, actor)
    return ann.id


def fill_debate(project: Project, *, concept: bool = True) -> Debate:
    """The debate above; without ``concept`` the claims carry stance and certainty only."""
    if concept:
        project.admit_attributes("Claim", [{"concept": "sanctions"}, {"concept": "talks"}])
    kim = project.add_actor(
        "Kim Jong Un", type="person", aliases=["Kim Jong-un"], external_id="Q56226"
    )
    biden = project.add_actor("Joe Biden", type="person", aliases=["Biden"])
    docs = [
        project.add_document(NewDocument(title=title, styled=StyledText(text, []), meta=meta))
        for title, text, meta in (
            ("Kim on sanctions", DOC1, {"source": "Asia Times", "date": "2024-01-02"}),
            ("Reactions", DOC2, {}),
        )
    ]
    plan = [  # doc, text, claim text, stance, concept, actor text, registry actor
        (docs[0], DOC1, "sanctions must end", "oppose", "sanctions", "Kim Jong-un", kim),
        (docs[0], DOC1, "sanctions must stay", "support", "sanctions", "Biden", biden),
        (docs[1], DOC2, "wants sanctions gone", "oppose", "sanctions", "Kim Jong Un", kim),
        (docs[1], DOC2, "they must go", "oppose", "sanctions", "Putin", None),
        (docs[1], DOC2, "wants talks", "support", "talks", "Biden", biden),
    ]
    claims = []
    for doc, text, part, stance, topic, name, actor in plan:
        attrs = {"stance": stance, "certainty": "certain"}
        if concept:
            attrs["concept"] = topic
        claim = _claim(project, doc, text, part, attrs)
        project.add_relation("claimant", claim, _actor(project, doc, text, name, actor))
        claims.append(claim)
    return Debate(kim, biden, tuple(claims))


def actor_links(project: Project) -> list[tuple[str, str | None]]:
    """(span text, canonical actor name or None) for every Actor span, by document and start."""
    names = {actor.id: actor.name for actor in project.actors()}
    return [
        (ann.text, None if ann.actor_id is None else names[ann.actor_id])
        for ann in project.iter_annotations()
        if ann.label == "Actor"
    ]
