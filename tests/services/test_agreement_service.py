"""services/agreement.py on the hand-counted project of tests/agreement_corpus.py (#13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from agreement_corpus import build_agreement_project

from annotator.core.agreement import AgreementReport, PairScores
from annotator.services.agreement import UnknownLabelError, project_agreement
from annotator.store import Project

approx = pytest.approx


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return build_agreement_project(tmp_path / "p.annotator")


@pytest.fixture
def report(project: Path) -> AgreementReport:
    with Project.open(project, read_only=True) as proj:
        return project_agreement(proj)


def test_documents_both_annotated(report: AgreementReport) -> None:
    assert report.annotators == ("ana", "ben")
    assert report.documents == (1, 2)  # "Note" only by ana


def test_overall_values_by_hand(report: AgreementReport) -> None:
    # Spans 3 + 3; exact: Actor "Kim" → F1 2/6; overlap: + the Claims on "talks help" → 4/6.
    # Tokens (ana, ben): (A,A) (–,–) (C,C) (C,C) (–,C) | (A,–) (–,C) (–,C) (–,–): p_o = 5/9;
    # ana A2 C2 –5, ben A1 C5 –3: p_e = (2 + 10 + 15)/81 = 1/3 → κ = (5/9 − 1/3)/(2/3) = 1/3.
    assert report.overall.pairs == (PairScores("ana", "ben", approx(1 / 3), approx(2 / 3),
                                               approx(1 / 3), 2),)  # fmt: skip
    # Fleiss (2 raters): P̄ = 5/9; p_A = 3/18, p_C = 7/18, p_– = 8/18 → P_e = 122/324.
    assert report.overall.fleiss_kappa == approx((5 / 9 - 122 / 324) / (1 - 122 / 324))
    # Characters: (A,A)×3 (–,–)×8 (C,C)×10 (–,C)×10 (A,–)×4 → o_AA 6, o_–– 16, o_CC 20,
    # o_–C 10, o_A– 4 (each way); n_A 10, n_– 30, n_C 30, n 70;
    # α = 1 − 69·28 / (70² − 10² − 30² − 30²) = 1 − 1932/3000.
    assert report.overall.alpha_nominal_chars == approx(1 - 1932 / 3000)


def test_per_label_by_hand(report: AgreementReport) -> None:
    actor, claim = report.labels["Actor"].pairs[0], report.labels["Claim"].pairs[0]
    # Actor: ana 2, ben 1, one exact. Tokens: 8 of 9 agree; ana A2, ben A1 → p_e = 58/81.
    assert (actor.f1_exact, actor.f1_overlap) == (approx(2 / 3), approx(2 / 3))
    assert actor.kappa == approx((8 / 9 - 58 / 81) / (1 - 58 / 81))
    # Claim: ana 1, ben 2, none exact, one overlapping. Tokens: 6 of 9; ana C2, ben C5.
    assert (claim.f1_exact, claim.f1_overlap) == (0.0, approx(2 / 3))
    assert claim.kappa == approx((6 / 9 - 38 / 81) / (1 - 38 / 81))


def test_disagreements(report: AgreementReport) -> None:
    found = [(d.document, d.mismatch.a_span, d.mismatch.b_span, d.mismatch.kind)
             for d in report.disagreements]  # fmt: skip
    assert found == [
        (1, (9, 19, "Claim"), (9, 20, "Claim"), "boundary"),
        (2, (0, 4, "Actor"), None, "missing"),
        (2, None, (5, 14, "Claim"), "missing"),
    ]


def test_label_filter_and_unknown_label(project: Path) -> None:
    with Project.open(project, read_only=True) as proj:
        only_claims = project_agreement(proj, ["Claim"])
        with pytest.raises(UnknownLabelError, match="Opinion"):
            project_agreement(proj, ["Opinion"])
    assert only_claims.documents == (1, 2)
    assert list(only_claims.labels) == ["Claim"]
    assert only_claims.overall.pairs[0].f1_overlap == approx(2 / 3)
