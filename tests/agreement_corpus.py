"""A hand-counted project for the agreement tests (issue #13): two annotators, "ana" and "ben".

"Summit" (id 1): both tag Actor "Kim"; ana Claim "talks help", ben Claim "talks help." (one
character longer). "Denial" (id 2): ana Actor "Moon", ben Claim "denied it". "Note" (id 3):
only ana (Claim "No one"), so it does not count. The expected values are worked out by hand in
tests/services/test_agreement_service.py.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project

SUMMIT = "Kim said talks help."  # tokens Kim said talks help .
DENIAL = "Moon denied it."  # tokens Moon denied it .
NOTE = "No one."

SPANS = {
    "ana": {SUMMIT: [(0, 3, "Actor"), (9, 19, "Claim")], DENIAL: [(0, 4, "Actor")],
            NOTE: [(0, 6, "Claim")]},
    "ben": {SUMMIT: [(0, 3, "Actor"), (9, 20, "Claim")], DENIAL: [(5, 14, "Claim")]},
}  # fmt: skip


def build_agreement_project(path: Path) -> Path:
    with Project.open(path) as proj:
        ids = {
            text: proj.add_document(NewDocument(title, StyledText(text)))
            for title, text in (("Summit", SUMMIT), ("Denial", DENIAL), ("Note", NOTE))
        }
        for author, documents in SPANS.items():
            for text, spans in documents.items():
                for start, end, label in spans:
                    proj.add_annotation(ids[text], start, end, label, author=author)
    return path
