"""Rules that suggest spans for a label (issue #15), Qt-free: a regex, or a token pattern.

A rule is stored as JSON, one of:

- ``{"regex": "PATTERN"}``: every match of the (``regex`` module) pattern in the text, on code
  points; the whole match is the span (empty matches are skipped). Flags go inline: ``(?i)``.
- ``{"tokens": ["RE1", "RE2", ...]}``: consecutive words whose each one *fully* matches its
  regex, in order. Words are runs of letters, marks, digits and ``_``; any other character
  that is not a space is a word of its own ("U.N." is "U", ".", "N", "."). Spaces between
  words are free. The span runs from the first word's start to the last word's end.

Matches of one rule never overlap (the earliest, then the longest, wins); different rules may
overlap each other: the suggestions are then both offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import regex

RULE_KINDS = ("regex", "tokens")
_WORD = regex.compile(r"[\w\p{M}]+|[^\s\w\p{M}]")


class RuleError(ValueError):
    """A rule that is not a valid regex or token pattern."""


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str  # "regex" or "tokens"
    patterns: tuple[str, ...]  # one regex, or one per token

    def to_json(self) -> dict[str, Any]:
        if self.kind == "regex":
            return {"regex": self.patterns[0]}
        return {"tokens": list(self.patterns)}

    @classmethod
    def from_json(cls, data: Any) -> Rule:
        if isinstance(data, dict) and set(data) == {"regex"} and isinstance(data["regex"], str):
            return checked(cls("regex", (data["regex"],)))
        tokens = data.get("tokens") if isinstance(data, dict) and set(data) == {"tokens"} else None
        if isinstance(tokens, list) and tokens and all(isinstance(t, str) for t in tokens):
            return checked(cls("tokens", tuple(tokens)))
        raise RuleError(f'a rule is {{"regex": "..."}} or {{"tokens": ["...", ...]}}, not {data!r}')


def checked(rule: Rule) -> Rule:
    """The rule, if each of its patterns compiles (RuleError otherwise)."""
    if rule.kind not in RULE_KINDS or not rule.patterns:
        raise RuleError(f"unknown rule kind {rule.kind!r}; known: {', '.join(RULE_KINDS)}")
    for pattern in rule.patterns:
        try:
            regex.compile(pattern)
        except regex.error as exc:
            raise RuleError(f"the pattern {pattern!r} is not a regular expression: {exc}") from None
    return rule


def _regex_spans(text: str, pattern: str) -> Iterator[tuple[int, int]]:
    for match in regex.finditer(pattern, text):
        if match.end() > match.start():
            yield match.start(), match.end()


def _token_spans(text: str, patterns: Sequence[str]) -> Iterator[tuple[int, int]]:
    compiled = [regex.compile(p) for p in patterns]
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    i, n = 0, len(compiled)
    while i + n <= len(words):
        window = words[i : i + n]
        if all(c.fullmatch(word) for c, (_, _, word) in zip(compiled, window, strict=True)):
            yield window[0][0], window[-1][1]
            i += n
        else:
            i += 1


def rule_spans(text: str, rule: Rule) -> list[tuple[int, int]]:
    """``(start, end)`` of each match of one rule in ``text``, in code points, in text order."""
    if rule.kind == "regex":
        return list(_regex_spans(text, rule.patterns[0]))
    return list(_token_spans(text, rule.patterns))


def rules_from_json(data: Iterable[Any]) -> tuple[Rule, ...]:
    return tuple(Rule.from_json(item) for item in data)


def rules_to_text(rules: Iterable[Rule]) -> str:
    """One rule per line, as the schema dialog edits them: ``regex: PATTERN`` or
    ``tokens: RE1 RE2 …`` (token patterns separated by spaces)."""
    return "\n".join(f"{rule.kind}: {' '.join(rule.patterns)}" for rule in rules)


def rules_from_text(text: str) -> tuple[Rule, ...]:
    """The rules of :func:`rules_to_text`'s form; blank lines are skipped. RuleError names the
    line of the first rule that is not ``regex: …`` / ``tokens: …`` or does not compile."""
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        kind, sep, rest = line.strip().partition(":")
        kind, rest = kind.strip().lower(), rest.strip()
        if not sep or kind not in RULE_KINDS or not rest:
            raise RuleError(f"line {number}: write “regex: PATTERN” or “tokens: RE1 RE2 …”")
        patterns = (rest,) if kind == "regex" else tuple(rest.split())
        try:
            rules.append(checked(Rule(kind, patterns)))
        except RuleError as exc:
            raise RuleError(f"line {number}: {exc}") from None
    return tuple(rules)
