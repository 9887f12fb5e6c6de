"""Each label's suggestion rules (issue #15), stored as JSON in the label's row (schema v8);
``label_schema()`` gives them as ``Label.rules`` (``labels()`` does not read them).

A rename keeps a label's rules (same row), a deleted label takes them along, and the undo of a
schema change puts the whole row back, rules included.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from annotator.core.suggestion_rules import Rule, RuleError, checked, rules_from_json
from annotator.store.errors import ProjectError
from annotator.store.labels import LabelsMixin


class SuggestionRulesMixin(LabelsMixin):
    def rules(self) -> dict[str, tuple[Rule, ...]]:
        """Every label's rules, by label name, in schema order (labels without rules too)."""
        rows = self.db.execute("SELECT name, rules FROM labels ORDER BY position, id")
        found: dict[str, tuple[Rule, ...]] = {}
        for name, text in rows:
            try:
                found[name] = rules_from_json(json.loads(text or "[]"))
            except (RuleError, ValueError) as exc:
                raise ProjectError(f"The label {name!r} has a damaged rule: {exc}.") from None
        return found

    def set_rules(self, label: str, rules: Sequence[Rule]) -> tuple[Rule, ...]:
        """Replace ``label``'s rules (each checked first); returns the rules it had."""
        try:
            todo = [checked(rule).to_json() for rule in rules]
        except RuleError as exc:
            raise ProjectError(f"A rule of {label!r}: {exc}.") from None
        rules_now = self.rules()
        if label not in rules_now:
            raise ProjectError(f"There is no label called {label!r} in this project.")
        with self.transaction():
            self.db.execute(
                "UPDATE labels SET rules = ? WHERE name = ?",
                [json.dumps(todo, ensure_ascii=False), label],
            )
        return rules_now[label]
