"""Which proposed spans become suggestions (issue #15): one rule for every source.

A span is not suggested again when the document already has an annotation with the same start,
end and label (it is done), or a suggestion with them in any status: open or accepted (a
duplicate) or rejected (a person said no; it is remembered as a negative example).
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.suggestions import Suggestion
from annotator.store import Project


def new_suggestions(
    project: Project, document_id: int, proposed: Iterable[Suggestion]
) -> list[Suggestion]:
    """The ``proposed`` suggestions for ``document_id`` worth storing, once each, in order."""
    seen = {(a.start, a.end, a.label) for a in project.annotations(document_id)}
    seen |= {(s.start, s.end, s.label) for s in project.suggestions(document_id)}
    kept = []
    for s in proposed:
        key = (s.start, s.end, s.label)
        if key not in seen:
            seen.add(key)
            kept.append(s)
    return kept
