"""Counted nouns in messages: "1 document", "2 documents", never "1 documents"."""

from __future__ import annotations

from annotator.core.plural import plural, verb


def test_one_is_singular_and_others_are_plural():
    assert plural(1, "document") == "1 document"
    assert plural(0, "document") == "0 documents"
    assert plural(2, "span") == "2 spans"


def test_regular_endings_and_irregular_plurals():
    assert plural(3, "match") == "3 matches"
    assert plural(2, "duplicate") == "2 duplicates"
    assert plural(2, "entry") == "2 entries"
    assert plural(2, "day") == "2 days"
    assert plural(2, "person", "people") == "2 people"


def test_grouped_numbers_and_verbs():
    assert plural(12345, "character", grouped=True) == "12,345 characters"
    assert verb(1, "is", "are") == "is" and verb(2, "is", "are") == "are"
