"""Suggestions: spans that are evidence but not annotations (issue #10).

A rejected or ignored Prodigy answer is negative evidence; a Label Studio prediction is a model's
guess. Both are kept, in code points of their document like annotations (D1), but never exported
as annotations. ``status`` says what a person made of one: still ``open``, ``accepted`` or
``rejected``; ``source`` says where it came from (``prodigy:reject``,
``label-studio:prediction:<model_version>``).
"""

from __future__ import annotations

from dataclasses import dataclass

SUGGESTION_STATUSES = ("open", "accepted", "rejected")


@dataclass(frozen=True, slots=True)
class Suggestion:
    document_id: int
    start: int
    end: int
    label: str
    status: str = "open"
    source: str = ""
    score: float | None = None
    author: str = ""
    id: int = 0  # 0 until stored
    created: str = ""
