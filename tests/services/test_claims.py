"""claim_rows: one row per Claim span, its claimant by canonical actor name."""

from __future__ import annotations

from pathlib import Path

from actor_claims import fill_debate

from annotator.services.claims import ClaimRow, claim_rows
from annotator.store import Project


def test_one_row_per_claim_with_canonical_claimant_or_the_span_text(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        debate = fill_debate(project)
        rows = claim_rows(project)
    assert [(r.text, r.claimant, r.stance) for r in rows] == [
        ("sanctions must end", "Kim Jong Un", "oppose"),  # the span says "Kim Jong-un"
        ("sanctions must stay", "Joe Biden", "support"),  # the span says "Biden"
        ("wants sanctions gone", "Kim Jong Un", "oppose"),
        ("they must go", "Putin", "oppose"),  # not in the registry: its text
        ("wants talks", "Joe Biden", "support"),
    ]
    first = rows[0]
    assert first == ClaimRow(
        id=debate.claims[0], document_id=first.document_id, title="Kim on sanctions",
        source="Asia Times", date="2024-01-02", text="sanctions must end",
        claimant="Kim Jong Un", stance="oppose", certainty="certain", note="",
        start=17, end=35,
    )  # fmt: skip
    assert rows[3].source == "" and rows[3].title == "Reactions"


def test_a_claim_without_claimant_has_an_empty_one(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        doc = fill_debate(project).claims[0]
        ann = project.annotation(doc)
        alone = project.add_annotation(ann.document_id, 0, 3, "Claim", note="who?")
        rows = {r.id: r for r in claim_rows(project)}
    assert (rows[alone.id].claimant, rows[alone.id].note, rows[alone.id].stance) == ("", "who?", "")
