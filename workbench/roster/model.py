"""The roster's types: Post, Person, Body, Match, the Roster itself, and RosterError.

A `Roster` holds the people and bodies that referater name, with a `NameIndex`
(`workbench.roster.match`) over their names; `Roster.match` ranks people against a name from a
document. Reading the file is `workbench.roster.file`, editing it `workbench.roster.edit`.
Domain code: no Textual.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Sequence

from workbench.roster.match import MIN_SCORE, NameIndex
from workbench.roster.normalise import Titles, fold_tokens

__all__ = ["RosterError", "Post", "Person", "Body", "Match", "Roster"]


class RosterError(Exception):
    """A one-line, user-facing problem with a roster file or a roster edit.

    The message names the file first: ``roster.toml: people[3] has no name``.
    """


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Post:
    """A title held for a time; `start`/`end` are inclusive, None means open."""

    title: str
    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    name: str
    titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    posts: tuple[Post, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name, then the aliases."""
        return (self.name, *self.aliases)

    def all_titles(self) -> tuple[str, ...]:
        out = list(self.titles)
        out += [p.title for p in self.posts if p.title not in out]
        return tuple(out)

    def titles_on(self, day: date | None) -> tuple[str, ...]:
        """`titles` plus the titles of the posts that cover `day` (all posts if None)."""
        out = list(self.titles)
        for post in self.posts:
            if (day is None or post.covers(day)) and post.title not in out:
                out.append(post.title)
        return tuple(out)


@dataclass(frozen=True)
class Body:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """One roster person ranked against a query.

    `score` is rapidfuzz's WRatio (0..100) of the normalised query against `matched`, the
    roster string (name or alias) that scored best. `partial` is True when the query covers
    only part of that name ("Kim Bruun" for "Kim Bruun Nielsen"). `certain` is True for at
    most one match of a query, see `Roster.match`. `boost` is what `title=`/`on=` added for
    the ranking (not included in `score`); `exact` says the normalised query equals
    `matched`.
    """

    person: Person
    score: float
    matched: str
    certain: bool
    partial: bool
    boost: float = 0.0
    exact: bool = False



class Roster:
    """People and bodies, indexed for matching. Build with `Roster.load` or `Roster.empty`."""

    def __init__(self, people: Sequence[Person] = (), bodies: Sequence[Body] = (), path: Path | None = None):
        self.people: tuple[Person, ...] = tuple(people)
        self.bodies: tuple[Body, ...] = tuple(bodies)
        self.path = path
        #: The names and aliases of `people`, normalised and indexed (`workbench.roster.match`).
        self.index = NameIndex(self.people)
        self._body_keys: dict[str, int] = {}
        for bi, body in enumerate(self.bodies):
            for raw in (body.name, *body.aliases):
                self._body_keys.setdefault(" ".join(fold_tokens(raw)), bi)

    @classmethod
    def empty(cls) -> "Roster":
        return cls()

    @classmethod
    def load(cls, path: str | os.PathLike) -> "Roster":
        """Read and check a roster file (`workbench.roster.file.load_roster`); raises RosterError
        with a one-line message."""
        from workbench.roster.file import load_roster  # the file module builds Rosters

        return load_roster(path)

    # ------------------------------------------------------------------ lookups

    def __len__(self) -> int:
        return len(self.people)

    @property
    def title_grammar(self) -> Titles:
        """The Danish title grammar with every title this roster knows."""
        return self.index.titles

    @property
    def first_name_keys(self) -> frozenset[str]:
        """Folded first tokens of every name and alias (not a copy: do not change it)."""
        return self.index.first_names

    def titles(self) -> set[str]:
        """Every title the roster knows (`titles` and the titles of `posts`)."""
        return set(self.index.title_list)

    def first_names(self) -> set[str]:
        """Folded first tokens of every name and alias."""
        return set(self.index.first_names)

    def owners(self, key: str) -> frozenset[int]:
        """Indices into `people` of those with a name or alias whose key is `key` (`name_key`:
        folded tokens joined by spaces; "kim bruun nielsen")."""
        return self.index.owners(key)

    def normalize(self, name: str) -> str:
        """`normalize` with this roster's titles."""
        return self.index.normalize(name)

    def person(self, name: str) -> Person | None:
        """The one person whose name or alias normalises to `name`'s, else None."""
        owners = self.index.owners(self.normalize(name))
        return self.people[next(iter(owners))] if len(owners) == 1 else None

    def body(self, name: str) -> Body | None:
        """The body named or abbreviated `name` ("ØK", "Økonomiudvalget"), else None."""
        bi = self._body_keys.get(" ".join(fold_tokens(name)))
        return None if bi is None else self.bodies[bi]

    def find_partial(self, query: str) -> list[Person]:
        """People whose name or alias contains every token of `query` ("Kim Bruun")."""
        return [self.people[pi] for pi in self.index.find_partial(query)]

    # ------------------------------------------------------------------ matching

    def match(
        self,
        query: str,
        limit: int = 5,
        title: str | None = None,
        on: date | None = None,
        *,
        min_score: float = MIN_SCORE,
        full_scan: bool = False,
    ) -> list[Match]:
        """Roster people ranked against `query`, best first (at most `limit`).

        The query is normalised (`Roster.normalize`) and scored with WRatio against every
        normalised name and alias (through the token index on large rosters; `full_scan`
        skips the index, for tests and benchmarks). Each person counts once, with their best
        string. Ranking: an exact match first, then score plus boost: `TITLE_BOOST` when the
        person holds `title` (given, or stripped from the front of the query), and with `on`
        `DATE_BOOST` up for a post that covers the date, down for posts that all miss it.

        Only the first match can be certain, and only if the query has at least two tokens
        and either it equals (normalised) a name or alias of exactly one person, or it
        scores >= `CERTAIN_SCORE` with `CERTAIN_MARGIN` over every other person, and its
        tokens pair one to one with all the tokens of the matched name (no missing middle
        name, no extra token, no bare initial standing for a name).
        """
        ranked = self.index.rank(query, limit, title, on, min_score=min_score, full_scan=full_scan)
        return [Match(person=self.people[r.person], score=r.score, matched=r.matched, certain=r.certain,
                      partial=r.partial, boost=r.boost, exact=r.exact) for r in ranked]

    def best(self, query: str, **kw) -> Match | None:
        """The first match of `match`, or None."""
        found = self.match(query, limit=1, **kw)
        return found[0] if found else None

    def certain(self, query: str, **kw) -> Person | None:
        """The person `query` names for certain, or None (see `match`)."""
        m = self.best(query, **kw)
        return m.person if m is not None and m.certain else None
