"""The actor registry's tables (issue #12): ``actors``, ``actor_aliases``, ``annotations.actor_id``.

Names and aliases are unique across the whole registry, compared with ``core.actors.name_key``
(case-insensitive): adding or renaming to a name another actor already answers to is refused,
naming that actor. A merge returns a ``MergedActors`` record with every row it removed or
changed, so that ``unmerge`` puts the registry and the links back exactly (same ids).

Each method is one transaction, or joins the caller's when one is open (tag-all links a
thousand spans in one).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.actors import Actor, check_actor_type, name_key
from annotator.core.plural import plural
from annotator.store.base import Row, StoreBase, inserted_id, now_iso
from annotator.store.errors import ProjectError

_SELECT = """
SELECT a.id, a.name, a.type, a.description, a.external_id, a.color,
       (SELECT json_group_array(alias) FROM actor_aliases WHERE actor_id = a.id)
FROM actors a
"""
_WITH_MENTIONS = """
SELECT a.id, a.name, a.type, a.description, a.external_id, a.color,
       (SELECT json_group_array(alias) FROM actor_aliases WHERE actor_id = a.id), count(n.id)
FROM actors a LEFT JOIN annotations n ON n.actor_id = a.id
GROUP BY a.id ORDER BY a.name COLLATE NOCASE, a.id
"""


class ActorClashError(ProjectError):
    """A name or alias another actor already answers to; ``existing`` is that actor."""

    def __init__(self, message: str, existing: Actor) -> None:
        super().__init__(message)
        self.existing = existing


@dataclass(frozen=True, slots=True)
class MergedActors:
    """What ``merge_actors`` changed, enough to undo it exactly."""

    keep_id: int
    other: Row  # the merged actor's row, as it was
    other_aliases: tuple[str, ...]  # its aliases
    added_aliases: tuple[str, ...]  # the names the kept actor gained
    relinked: tuple[int, ...]  # the annotations moved from it to the kept actor


def _actor(row: Sequence[Any], mentions: int = 0) -> Actor:
    actor_id, name, kind, description, external_id, color, aliases = row[:7]
    names = sorted(json.loads(aliases or "[]"), key=lambda a: (name_key(a), a))
    return Actor(
        actor_id, name, kind, tuple(names), description, external_id, color, mentions
    )  # fmt: skip


class ActorsMixin(StoreBase):
    # ------------------------------------------------------------------ reading
    def actor(self, actor_id: int) -> Actor:
        row = self.db.execute(_SELECT + " WHERE a.id = ?", [actor_id]).fetchone()
        if row is None:
            raise ProjectError(f"There is no actor {actor_id} in this project.")
        return _actor(row)

    def actors(self) -> list[Actor]:
        """Every actor by name, with its mention count (one grouped query)."""
        return [_actor(row, row[7]) for row in self.db.execute(_WITH_MENTIONS)]

    def actor_by_name_or_alias(self, text: str) -> Actor | None:
        """The actor whose name or an alias is ``text`` (case-insensitive), if any."""
        key = name_key(text)
        for actor_id, name in self._all_names():
            if name_key(name) == key:
                return self.actor(actor_id)
        return None

    def _all_names(self) -> list[tuple[int, str]]:
        return self.db.execute(
            "SELECT id, name FROM actors UNION ALL SELECT actor_id, alias FROM actor_aliases"
        ).fetchall()

    def _refuse_clash(self, names: Sequence[str], *, own: int | None = None) -> None:
        taken = {name_key(name): actor_id for actor_id, name in self._all_names()}
        for name in names:
            other = taken.get(name_key(name))
            if other is not None and other != own:
                existing = self.actor(other)
                raise ActorClashError(
                    f"“{name}” is already a name of the actor “{existing.name}” (id"
                    f" {existing.id}); nothing was changed.",
                    existing,
                )

    # ------------------------------------------------------------------ writing
    def add_actor(
        self,
        name: str,
        *,
        type: str = "person",
        aliases: Sequence[str] = (),
        description: str = "",
        external_id: str = "",
        color: str = "",
    ) -> int:
        """A new actor; returns its id. A name or alias already taken raises ActorClashError."""
        name = _clean(name)
        extra = _distinct([_clean(a) for a in aliases], exclude=name)
        _check_type(type)
        with self.transaction():
            self._refuse_clash([name, *extra])
            cursor = self.db.execute(
                "INSERT INTO actors (name, type, description, external_id, color, created)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [name, type, description, external_id, color, now_iso()],
            )
            actor_id = inserted_id(cursor)
            self._insert_aliases(actor_id, extra)
        return actor_id

    def _insert_aliases(self, actor_id: int, aliases: Sequence[str]) -> None:
        for alias in aliases:
            self.db.execute(
                "INSERT INTO actor_aliases (actor_id, alias) VALUES (?, ?)", [actor_id, alias]
            )

    def add_alias(self, actor_id: int, alias: str) -> Actor:
        alias = _clean(alias)
        with self.transaction():
            self.actor(actor_id)
            self._refuse_clash([alias])
            self._insert_aliases(actor_id, [alias])
        return self.actor(actor_id)

    def remove_alias(self, actor_id: int, alias: str) -> Actor:
        with self.transaction():
            cursor = self.db.execute(
                "DELETE FROM actor_aliases WHERE actor_id = ? AND alias = ?", [actor_id, alias]
            )
            if cursor.rowcount != 1:
                raise ProjectError(f"Actor {actor_id} has no alias “{alias}”; nothing changed.")
        return self.actor(actor_id)

    def update_actor(self, actor_id: int, **fields: str) -> Actor:
        """Change ``name``, ``type``, ``description``, ``external_id`` or ``color``."""
        unknown = set(fields) - {"name", "type", "description", "external_id", "color"}
        if unknown:
            raise ProjectError(f"An actor has no field {', '.join(sorted(unknown))}.")
        if "name" in fields:
            fields["name"] = _clean(fields["name"])
        if "type" in fields:
            _check_type(fields["type"])
        with self.transaction():
            self.actor(actor_id)
            if "name" in fields:
                self._refuse_clash([fields["name"]], own=actor_id)
            for column, value in fields.items():
                self.db.execute(f"UPDATE actors SET {column} = ? WHERE id = ?", [value, actor_id])
        return self.actor(actor_id)

    def delete_actor(self, actor_id: int) -> Row:
        """Delete an actor no span links to (refused otherwise: merge it, or unlink first);
        returns its row, aliases included under ``"aliases"``."""
        with self.transaction():
            row = self._actor_row(actor_id)
            if self._linked(actor_id):
                raise ProjectError(
                    f"The actor “{row['name']}” is linked to {_spans(self._linked(actor_id))};"
                    " it was not deleted (merge it into another actor instead)."
                )
            row["aliases"] = list(self.actor(actor_id).aliases)
            self.db.execute("DELETE FROM actor_aliases WHERE actor_id = ?", [actor_id])
            self.db.execute("DELETE FROM actors WHERE id = ?", [actor_id])
        return row

    def restore_actor(self, row: Row) -> int:
        """Put back an actor as ``delete_actor`` returned it: same id, fields and aliases."""
        fields = {k: v for k, v in row.items() if k != "aliases"}
        aliases = [str(a) for a in row.get("aliases", [])]
        with self.transaction():
            self._refuse_clash([str(fields["name"]), *aliases])
            self._insert_rows("actors", [fields])
            self._insert_aliases(int(fields["id"]), aliases)
        return int(fields["id"])

    def set_actor_aliases(self, actor_id: int, aliases: Sequence[str]) -> Actor:
        """Replace an actor's aliases (its name and duplicates left out); a clash changes
        nothing."""
        name = self.actor(actor_id).name
        wanted = _distinct([_clean(a) for a in aliases if a.strip()], exclude=name)
        with self.transaction():
            self._refuse_clash(wanted, own=actor_id)
            self.db.execute("DELETE FROM actor_aliases WHERE actor_id = ?", [actor_id])
            self._insert_aliases(actor_id, wanted)
        return self.actor(actor_id)

    def actor_mentions(self, actor_id: int) -> list[tuple[int, int]]:
        """(annotation id, document id) of the spans linked to an actor, by document and
        position."""
        rows = self.db.execute(
            "SELECT id, document_id FROM annotations WHERE actor_id = ?"
            " ORDER BY document_id, start, id",
            [actor_id],
        )
        return [(int(r[0]), int(r[1])) for r in rows]

    def _actor_row(self, actor_id: int) -> Row:
        rows = self._rows("SELECT * FROM actors WHERE id = ?", [actor_id])
        if not rows:
            raise ProjectError(f"There is no actor {actor_id} in this project.")
        return rows[0]

    def _linked(self, actor_id: int) -> list[int]:
        rows = self.db.execute(
            "SELECT id FROM annotations WHERE actor_id = ? ORDER BY id", [actor_id]
        )
        return [r[0] for r in rows]

    def link_annotation_to_actor(self, annotation_id: int, actor_id: int | None) -> None:
        """Link a span to an actor (None: unlink it); joins the caller's transaction."""
        with self.transaction():
            if actor_id is not None:
                self.actor(actor_id)
            cursor = self.db.execute(
                "UPDATE annotations SET actor_id = ? WHERE id = ?", [actor_id, annotation_id]
            )
            if cursor.rowcount != 1:
                raise ProjectError(f"There is no annotation {annotation_id}; nothing linked.")

    def annotation_actor(self, annotation_id: int) -> int | None:
        """The actor a span links to, if any."""
        row = self.db.execute(
            "SELECT actor_id FROM annotations WHERE id = ?", [annotation_id]
        ).fetchone()
        if row is None:
            raise ProjectError(f"There is no annotation {annotation_id}.")
        return None if row[0] is None else int(row[0])

    # ------------------------------------------------------------------ merging
    def merge_actors(self, keep_id: int, other_id: int) -> MergedActors:
        """Fold ``other`` into ``keep``: its spans link to ``keep``, which gains its name and
        aliases; ``other`` is deleted. One transaction; ``unmerge`` undoes it exactly."""
        if keep_id == other_id:
            raise ProjectError("An actor cannot be merged into itself; nothing was changed.")
        with self.transaction():
            keep, other = self.actor(keep_id), self.actor(other_id)
            row = self._actor_row(other_id)
            relinked = tuple(self._linked(other_id))
            own = {name_key(n) for n in keep.names}
            added = _distinct(list(other.names), exclude=None, known=own)
            self.db.execute(
                "UPDATE annotations SET actor_id = ? WHERE actor_id = ?", [keep_id, other_id]
            )
            self.db.execute("DELETE FROM actor_aliases WHERE actor_id = ?", [other_id])
            self.db.execute("DELETE FROM actors WHERE id = ?", [other_id])
            self._insert_aliases(keep_id, added)
        return MergedActors(keep_id, row, other.aliases, tuple(added), relinked)

    def unmerge(self, merged: MergedActors) -> None:
        """Undo a merge: the merged actor, its aliases and its links come back as they were."""
        with self.transaction():
            for alias in merged.added_aliases:
                self.db.execute(
                    "DELETE FROM actor_aliases WHERE actor_id = ? AND alias = ?",
                    [merged.keep_id, alias],
                )
            self._insert_rows("actors", [merged.other])
            other_id = int(merged.other["id"])
            self._insert_aliases(other_id, merged.other_aliases)
            self.db.execute(
                "UPDATE annotations SET actor_id = ? WHERE id IN (SELECT value FROM json_each(?))",
                [other_id, json.dumps(list(merged.relinked))],
            )


def _clean(name: str) -> str:
    cleaned = name.strip()
    if not cleaned:
        raise ProjectError("An actor's name or alias cannot be empty; nothing was changed.")
    return cleaned


def _check_type(kind: str) -> None:
    try:
        check_actor_type(kind)
    except ValueError as exc:
        raise ProjectError(f"{exc}; nothing was changed.") from exc


def _distinct(names: list[str], *, exclude: str | None, known: set[str] | None = None) -> list[str]:
    """``names`` without repeats (by ``name_key``), without ``exclude`` and ``known`` keys."""
    seen = set(known or ())
    if exclude is not None:
        seen.add(name_key(exclude))
    kept = []
    for name in names:
        if name_key(name) not in seen:
            seen.add(name_key(name))
            kept.append(name)
    return kept


def _spans(ids: list[int]) -> str:
    return plural(len(ids), "span")
