"""Counted nouns for messages: ``plural(1, "document")`` -> "1 document", 2 -> "2 documents".

One helper for every CLI and GUI message that counts something, so none says "1 documents" or
"1 document(s)".
"""

from __future__ import annotations

_ES_ENDINGS = ("s", "x", "z", "ch", "sh")


def plural_form(noun: str) -> str:
    """The regular English plural: document -> documents, match -> matches, entry -> entries."""
    if noun.endswith(_ES_ENDINGS):
        return noun + "es"
    if len(noun) > 1 and noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def plural(count: int, noun: str, many: str | None = None, *, grouped: bool = False) -> str:
    """``count`` and ``noun``, the noun in the plural unless ``count`` is 1.

    ``many`` is the plural when it is not regular; ``grouped`` writes 12,345 with separators.
    """
    number = f"{count:,}" if grouped else str(count)
    word = noun if count == 1 else (many or plural_form(noun))
    return f"{number} {word}"


def verb(count: int, one: str, many: str) -> str:
    """The verb agreeing with ``count``: ``verb(n, "is", "are")``."""
    return one if count == 1 else many
