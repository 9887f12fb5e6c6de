"""The actor registry (issue #12): canonical actors with aliases, and each document's status.

An Actor span links to one registry entry, so "Kim Jong-un" and "Kim Jong Un" are one actor
with two names. Names and aliases are unique across the registry, compared case-insensitively
(``name_key``): a text finds at most one actor.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The label whose spans link to registry actors.
ACTOR_LABEL = "Actor"
ACTOR_TYPES = ("person", "organisation", "state", "group", "other")

#: A document's progress, stored as these values; ``status_label`` is what a user reads.
DOCUMENT_STATUSES = ("new", "in_progress", "done")


@dataclass(frozen=True, slots=True)
class Actor:
    id: int
    name: str
    type: str = "person"
    aliases: tuple[str, ...] = ()
    description: str = ""
    external_id: str = ""  # e.g. a Wikidata id, "Q56226"
    color: str = ""
    mentions: int = 0  # spans linked to it (filled by ``Project.actors()``)

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name, then the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class StatusCounts:
    """How many documents are at each status: ``str()`` is "12 of 40 done"."""

    new: int = 0
    in_progress: int = 0
    done: int = 0

    @property
    def total(self) -> int:
        return self.new + self.in_progress + self.done

    def __str__(self) -> str:
        return f"{self.done} of {self.total} done"


def name_key(text: str) -> str:
    """How names and aliases are compared: case-insensitive, outer spaces ignored."""
    return text.strip().casefold()


def check_actor_type(kind: str) -> str:
    if kind not in ACTOR_TYPES:
        raise ValueError(f"unknown actor type {kind!r}; known: {', '.join(ACTOR_TYPES)}")
    return kind


def parse_status(text: str) -> str:
    """A status as typed ("in-progress", "In progress", "done") → its stored value."""
    value = "_".join(text.strip().lower().replace("-", " ").split())
    if value not in DOCUMENT_STATUSES:
        raise ValueError(f"unknown status {text!r}; known: new, in-progress, done")
    return value


def status_label(status: str) -> str:
    """The stored value as a user reads it: "in_progress" → "in progress"."""
    return status.replace("_", " ")
