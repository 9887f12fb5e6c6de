"""Relations: a typed link from one annotation to another (e.g. a Claim's claimant Actor)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Relation:
    id: int
    document_id: int
    type: str
    source_id: int
    target_id: int
    author: str = ""
    created: str = ""
