"""The roster of people and bodies, and matching of names from documents against it.

Domain code: standard library, rapidfuzz and tomli-w only (no Textual).

A referat names people as "Fællesforvaltningsdirektør Kim Bruun", "Vicki Nygaard",
"Nielsen, Kim Bruun" or "Lolan Ottesen (A) - formand". This module

- reads the roster file (``roster.toml``, format in its header and in `load_roster`),
- normalises names for comparison (`normalize`: Danish letters, titles, word order),
- ranks roster people against a name from a document (`Roster.match`) and says whether the
  match is *certain* (the name may be filled in without asking) or only a suggestion,
- finds "title Name" mentions in running text (`split_title`, `people_in`),
- adds a person or an alias to the roster file, atomically (`add_person`, `add_alias`).

Matching in short (details at `Roster.match`): every name and alias of the roster is
normalised once; a query is normalised the same way and scored with rapidfuzz's WRatio.
Above a few hundred names a token index picks the candidates first (names that share a
similar token with the query), so a 10,000-name roster answers in well under 2 ms with the
same top match as a full scan. A match is certain only when the normalised query *is* a
name or alias of exactly one person, or scores at least 95 with a margin of 5 over every
other person while covering all of that person's name, token for token; a query of one
token (a first name, a surname) is never certain.
"""

from __future__ import annotations

import copy
import difflib
import heapq
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import tomli_w
from rapidfuzz import fuzz, process

__all__ = [
    "RosterError",
    "Post",
    "Person",
    "Body",
    "Match",
    "Roster",
    "normalize",
    "split_title",
    "people_in",
    "load_roster",
    "add_person",
    "add_alias",
    "CERTAIN_SCORE",
    "CERTAIN_MARGIN",
]

# --------------------------------------------------------------------------- thresholds

#: A fuzzy (not exact) match is certain only from this WRatio score on ...
CERTAIN_SCORE = 95.0
#: ... and only when the next *other* person scores at least this much lower.
CERTAIN_MARGIN = 5.0
#: Matches scoring below this are not returned at all.
MIN_SCORE = 60.0
#: Ranking bonus for a person who holds the title the document gives (`title=`).
TITLE_BOOST = 4.0
#: Ranking bonus (or malus) for a person whose post covers (or does not) the date (`on=`).
DATE_BOOST = 2.0
#: Two name tokens are "the same token, misspelt" from this fuzz.ratio on.
TOKEN_SAME = 80.0

# Prefilter: below this many names and aliases a full scan is cheaper than the index.
_SMALL_ROSTER = 200
# Strong tier: the candidates are the names that share a token with the query: the same,
# one within fuzz.ratio >= _STRONG_TOKEN, or one containing the other (3+ letters). Its best
# score is accepted from _ACCEPT on. A name sharing no such token cannot get there: WRatio's
# ratio and token paths would need most tokens within ~20 % of each other, its partial path
# the query (nearly) inside the name; measured, such names scored at most 80 for 400 typo'd
# queries against 10,000 names. So the top match is the full scan's. Below _ACCEPT a weak
# tier (_WEAK_TOKEN) widens the net.
_STRONG_TOKEN = 80.0
_WEAK_TOKEN = 60.0
_ACCEPT = 85.0


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


# --------------------------------------------------------------------------- folding

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[\W_]+")
_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_TRAILING_DASH = re.compile(r"\s[-–—]+\s.*$", re.S)
_BULLET = re.compile(r"^\s*(?:[-–—•*]|\d+[.)])\s+")
_SPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    """casefold, æ→ae ø→oe å→aa (and ä ö ü), other accents dropped (é→e)."""
    s = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def _fold_tokens(text: str) -> list[str]:
    return [t for t in _NON_WORD.split(_fold(text)) if t]


def _name_key(text: str) -> str:
    """Comparison key of a roster name: folded tokens, no title stripping."""
    return _normalize(text, _default_titles(), strip_titles=False)[0]


# Danish title words: a word that ends in one of these is taken as a title.
_TITLE_SUFFIXES = tuple(
    _fold(s)
    for s in (
        "direktør", "chef", "konsulent", "medarbejder", "leder", "behandler", "borgmester",
        "formand", "sekretær", "koordinator", "rådgiver", "assistent", "specialist", "holder",
        "fuldmægtig", "controller", "jurist", "økonom", "analytiker", "ingeniør", "arkitekt",
        "planlægger", "udvikler", "repræsentant", "rådmand", "revisor", "medlem",
        "kommunikatør", "sygeplejerske", "terapeut", "psykolog", "pædagog", "direktion",
    )
)
# Words that may stand before a title: "konstitueret socialchef", "Ekstern konsulent".
_MODIFIERS = frozenset(_fold(s) for s in ("konstitueret", "kst", "fungerende", "fg", "ekstern", "intern"))
# "chef for Borgerservice, IT og Digitalisering": a title word followed by one of these
# continues as an open title up to the name.
_OPEN_TITLE = frozenset(_fold(s) for s in ("for", "af", "ved", "i", "på", "hos"))
_CONJ = frozenset(("og", "eller"))


def _is_title_word(tok: str) -> bool:
    """`tok` is folded."""
    return len(tok) >= 4 and tok.endswith(_TITLE_SUFFIXES)


def _title_key(title: str) -> str:
    """Comparison key of a title: folded tokens, modifiers ("konstitueret") dropped."""
    return " ".join(t for t in _fold_tokens(title) if t not in _MODIFIERS)


class _Titles:
    """Known titles (a token trie) plus the Danish title-word grammar."""

    def __init__(self, titles: Iterable[str] = ()):
        self.trie: dict = {}
        for title in titles:
            toks = [t for t in _fold_tokens(title) if t not in _MODIFIERS] or _fold_tokens(title)
            if not toks:
                continue
            node = self.trie
            for t in toks:
                node = node.setdefault(t, {})
            node[None] = True

    def known_end(self, toks: Sequence[Sequence[str]], i: int) -> int | None:
        """End (exclusive) of the longest known title starting at `toks[i]`.

        `toks` is a list of token groups (one raw word may fold to several tokens:
        "Marie-Louise"); a title must end at a group boundary. Groups that are None are
        skipped (commas inside "chef for Borgerservice, IT og Digitalisering").
        """
        node, best, j = self.trie, None, i
        while j < len(toks):
            group = toks[j]
            if group is None:
                j += 1
                continue
            for t in group:
                node = node.get(t)
                if node is None:
                    return best
            j += 1
            if None in node:
                best = j
        return best

    def title_end(
        self, toks: Sequence[Sequence[str] | None], i: int, chain: bool = False, heads: frozenset[int] | None = None
    ) -> int | None:
        """End of a title phrase starting at group `i`, or None.

        A phrase is: modifiers, then a known title, a title word ("Økonomichef"), or a
        compound "X og Ychef" ("Vej og ejendomschef", "HR- og arbejdsmiljøkonsulent");
        with `chain`, further "og <title>" ("byrådsmedlem og gruppeformand"). `heads`, if
        given, are the groups that may open a compound (in running text only "X-" may: not
        "Direktionen og kommunikationsmedarbejder").
        """
        n = len(toks)
        j = i
        while j < n and toks[j] is not None and len(toks[j]) == 1 and toks[j][0] in _MODIFIERS:
            j += 1
        end = self._one(toks, j, heads)
        if end is None:
            return None
        while chain and end + 1 < n and toks[end] == ["og"]:
            nxt = self._one(toks, end + 1, heads)
            if nxt is None:
                break
            end = nxt
        return end

    def _one(self, toks, j: int, heads: frozenset[int] | None = None) -> int | None:
        n = len(toks)
        if j >= n or toks[j] is None or not toks[j]:
            return None
        best = self.known_end(toks, j)
        if _is_title_word(toks[j][-1]):
            best = max(best or 0, j + 1)
        if (
            j + 2 < n
            and toks[j + 1] is not None
            and len(toks[j + 1]) == 1
            and toks[j + 1][0] in _CONJ
            and toks[j + 2]
            and _is_title_word(toks[j + 2][-1])
            and not _is_title_word(toks[j][-1])
            and (heads is None or j in heads)
        ):
            best = max(best or 0, j + 3)
        return best


@lru_cache(maxsize=64)
def _titles_for(titles: tuple[str, ...]) -> _Titles:
    return _Titles(titles)


def _default_titles() -> _Titles:
    return _titles_for(())


def _normalize(text: str, titles: _Titles, strip_titles: bool = True) -> tuple[str, str]:
    """(normalised name, the title stripped from its front, folded; "" if none)."""
    s = unicodedata.normalize("NFKC", text or "")
    s = _BULLET.sub("", s)
    s = _PARENS.sub(" ", s)
    s = _TRAILING_DASH.sub(" ", s)
    groups: list[list[str] | None] = []
    for k, part in enumerate(s.split(",")):
        if k:
            groups.append(None)  # a comma
        groups += [[t] for t in _fold_tokens(part)]
    stripped: list[str] = []

    def strip(gs):
        while gs and gs[0] is None:
            gs = gs[1:]
        while strip_titles:
            end = titles.title_end(gs, 0, chain=True)
            if end is None or not any(gs[end:]):
                break  # no title, or nothing but a title: keep it
            stripped.extend(t for g in gs[:end] if g for t in g)
            gs = gs[end:]
            while gs and gs[0] is None:
                gs = gs[1:]
        return gs

    groups = strip(groups)
    while groups and groups[0] is None:
        groups = groups[1:]
    if None in groups:
        c = groups.index(None)
        head = groups[:c]
        rest = groups[c + 1 :]
        tail = rest[: rest.index(None)] if None in rest else rest
        if head and tail:
            if titles.title_end(tail, 0) is not None:
                groups = head  # "Gert Bjerregaard, byrådsmedlem"
            else:
                groups = tail + head  # "Nielsen, Kim Bruun"
        else:
            groups = head or tail
        groups = strip(groups)
    toks = [g[0] for g in groups if g]
    title = " ".join(t for t in stripped if t not in _MODIFIERS)
    return " ".join(toks), title


def normalize(name: str, titles: Iterable[str] | None = None) -> str:
    """Normalise a person's name for comparison.

    casefold; æ→ae, ø→oe, å→aa (so "Aagaard" equals "Ågård"), other accents dropped;
    "(A)" and other parentheses and a trailing " - formand" removed; punctuation removed,
    white space collapsed; a leading title stripped (`titles` plus Danish title words:
    "...direktør", "...chef", "...konsulent", "borgmester", "formand", ...); "Efternavn,
    Fornavn" turned around; "Navn, titel" reduced to the name.

    >>> normalize("Nielsen, Kim Bruun")
    'kim bruun nielsen'
    >>> normalize("Fællesforvaltningsdirektør Kim Bruun Nielsen")
    'kim bruun nielsen'
    """
    tm = _titles_for(tuple(sorted(set(titles)))) if titles else _default_titles()
    return _normalize(name, tm)[0]


# --------------------------------------------------------------------------- roster


class Roster:
    """People and bodies, indexed for matching. Build with `Roster.load` or `Roster.empty`."""

    def __init__(self, people: Sequence[Person] = (), bodies: Sequence[Body] = (), path: Path | None = None):
        self.people: tuple[Person, ...] = tuple(people)
        self.bodies: tuple[Body, ...] = tuple(bodies)
        self.path = path
        self._build()

    # ------------------------------------------------------------------ construction

    @classmethod
    def empty(cls) -> "Roster":
        return cls()

    @classmethod
    def load(cls, path: str | os.PathLike) -> "Roster":
        """Read and check a roster file; raises RosterError with a one-line message."""
        label = os.fspath(path)
        text, _bom = _read_text(Path(path), label)
        data = _parse_toml(text, label)
        return _roster_from_data(data, label, Path(path))

    def _build(self) -> None:
        all_titles = sorted({t for p in self.people for t in p.all_titles()})
        self._title_list = tuple(all_titles)
        self._tm = _titles_for(self._title_list)
        self._person_titles: list[frozenset[str]] = [
            frozenset(_title_key(t) for t in p.titles) for p in self.people
        ]
        self._choice_norm: list[str] = []
        self._choice_person: list[int] = []
        self._choice_raw: list[str] = []
        self._exact: dict[str, set[int]] = {}
        postings: dict[str, set[int]] = {}
        self._first_names: set[str] = set()
        for pi, person in enumerate(self.people):
            seen: set[str] = set()
            for raw in person.names:
                key = _normalize(raw, self._tm, strip_titles=False)[0]
                if not key or key in seen:
                    continue
                seen.add(key)
                ci = len(self._choice_norm)
                self._choice_norm.append(key)
                self._choice_person.append(pi)
                self._choice_raw.append(raw)
                self._exact.setdefault(key, set()).add(pi)
                toks = key.split()
                self._first_names.add(toks[0])
                for t in set(toks):
                    postings.setdefault(t, set()).add(ci)
        self._postings = postings
        self._scan_first = frozenset(self._first_names | _COMMON_FIRST)
        self._vocab = list(postings)
        self._vocab_joined = "\n" + "\n".join(self._vocab) + "\n"
        self._choice_toks = [c.split() for c in self._choice_norm]
        self._body_keys: dict[str, int] = {}
        for bi, body in enumerate(self.bodies):
            for raw in (body.name, *body.aliases):
                self._body_keys.setdefault(" ".join(_fold_tokens(raw)), bi)

    # ------------------------------------------------------------------ lookups

    def __len__(self) -> int:
        return len(self.people)

    def titles(self) -> set[str]:
        """Every title the roster knows (`titles` and the titles of `posts`)."""
        return set(self._title_list)

    def first_names(self) -> set[str]:
        """Folded first tokens of every name and alias."""
        return set(self._first_names)

    def normalize(self, name: str) -> str:
        """`normalize` with this roster's titles."""
        return _normalize(name, self._tm)[0]

    def person(self, name: str) -> Person | None:
        """The one person whose name or alias normalises to `name`'s, else None."""
        owners = self._exact.get(self.normalize(name), set())
        return self.people[next(iter(owners))] if len(owners) == 1 else None

    def body(self, name: str) -> Body | None:
        """The body named or abbreviated `name` ("ØK", "Økonomiudvalget"), else None."""
        bi = self._body_keys.get(" ".join(_fold_tokens(name)))
        return None if bi is None else self.bodies[bi]

    def find_partial(self, query: str) -> list[Person]:
        """People whose name or alias contains every token of `query` ("Kim Bruun")."""
        toks = self.normalize(query).split()
        if not toks:
            return []
        sets = [self._postings.get(t, set()) for t in toks]
        hits = set.intersection(*sets) if sets else set()
        out: list[int] = []
        for ci in sorted(hits):
            pi = self._choice_person[ci]
            if pi not in out:
                out.append(pi)
        return [self.people[pi] for pi in out]

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
        qn, stripped = _normalize(query, self._tm)
        if not qn or not self._choice_norm or limit <= 0:
            return []
        scores = self._scores(qn, min_score, full_scan)
        if not scores:
            return []
        best: dict[int, tuple[float, int]] = {}
        for ci, sc in scores:
            pi = self._choice_person[ci]
            cur = best.get(pi)
            if cur is None or sc > cur[0] or (sc == cur[0] and ci < cur[1]):
                best[pi] = (sc, ci)
        tkey = _title_key(title) if title else stripped
        exact = self._exact.get(qn, set())
        if tkey or on is not None:
            ranked = []
            for pi, (sc, ci) in best.items():
                boost = self._boost(pi, tkey, on)
                ranked.append((pi in exact, sc + boost, sc, -pi, pi, ci, boost))
            ranked = heapq.nlargest(limit, ranked)
        else:
            ranked = heapq.nlargest(limit, ((pi in exact, sc, sc, -pi, pi, ci, 0.0) for pi, (sc, ci) in best.items()))
        top_pi = ranked[0][4]
        second = max((s for p, (s, _c) in best.items() if p != top_pi), default=None)
        qtoks = qn.split()
        out: list[Match] = []
        for rank, (is_exact, _adj, sc, _neg, pi, ci, boost) in enumerate(ranked[:limit]):
            missing, extra, initials = _align(qtoks, self._choice_toks[ci])
            partial = not is_exact and extra == 0 and missing > 0
            certain = False
            if rank == 0 and len(qtoks) >= 2:
                if exact:
                    certain = is_exact and len(exact) == 1
                elif sc >= CERTAIN_SCORE and not partial and missing == 0 and extra == 0 and initials == 0:
                    certain = second is None or sc - second >= CERTAIN_MARGIN
            out.append(
                Match(
                    person=self.people[pi],
                    score=round(sc, 2),
                    matched=self._choice_raw[ci],
                    certain=certain,
                    partial=partial,
                    boost=boost,
                    exact=is_exact,
                )
            )
        return out

    def best(self, query: str, **kw) -> Match | None:
        """The first match of `match`, or None."""
        found = self.match(query, limit=1, **kw)
        return found[0] if found else None

    def certain(self, query: str, **kw) -> Person | None:
        """The person `query` names for certain, or None (see `match`)."""
        m = self.best(query, **kw)
        return m.person if m is not None and m.certain else None

    def _boost(self, pi: int, tkey: str, on: date | None) -> float:
        person = self.people[pi]
        boost = 0.0
        if tkey:
            held = set(self._person_titles[pi])
            held.update(_title_key(p.title) for p in person.posts if on is None or p.covers(on))
            if tkey in held:
                boost += TITLE_BOOST
        if on is not None and person.posts:
            boost += DATE_BOOST if any(p.covers(on) for p in person.posts) else -DATE_BOOST
        return boost

    def _scores(self, qn: str, min_score: float, full_scan: bool) -> list[tuple[int, float]]:
        """(choice index, WRatio) for every choice scoring >= min_score (prefiltered)."""
        if full_scan or len(self._choice_norm) <= _SMALL_ROSTER:
            return self._score(qn, range(len(self._choice_norm)), min_score)
        found = self._score(qn, self._candidates(qn, weak=False), min_score)
        if found and max(s for _c, s in found) >= _ACCEPT:
            return found
        return self._score(qn, self._candidates(qn, weak=True), min_score)

    def _score(self, qn: str, idx: Iterable[int], min_score: float) -> list[tuple[int, float]]:
        choices = self._choice_norm
        if isinstance(idx, range):
            res = process.extract(qn, choices, scorer=fuzz.WRatio, processor=None, limit=None, score_cutoff=min_score)
        else:
            sub = {ci: choices[ci] for ci in idx}
            if not sub:
                return []
            res = process.extract(qn, sub, scorer=fuzz.WRatio, processor=None, limit=None, score_cutoff=min_score)
        return [(ci, sc) for _s, sc, ci in res]

    def _candidates(self, qn: str, weak: bool) -> set[int]:
        cut = _WEAK_TOKEN if weak else _STRONG_TOKEN
        cands: set[int] = set()
        postings = self._postings
        for t in set(qn.split()):
            if len(t) < 2:
                continue  # an initial says too little to pick candidates
            if t in postings:
                cands |= postings[t]
            for v, _s, _i in process.extract(t, self._vocab, scorer=fuzz.ratio, processor=None, limit=None, score_cutoff=cut):
                cands |= postings[v]
            if len(t) >= 3:
                # vocabulary tokens containing t ("kim" in "joakim") ...
                joined = self._vocab_joined
                pos = joined.find(t)
                while pos >= 0:
                    line_end = joined.find("\n", pos)
                    cands |= postings[joined[joined.rfind("\n", 0, pos) + 1 : line_end]]
                    pos = joined.find(t, line_end)
                # ... and tokens that t contains ("kimbruunnielsen")
                if len(t) > 3:
                    for a in range(len(t) - 2):
                        for b in range(a + 3, len(t) + 1):
                            hit = postings.get(t[a:b])
                            if hit is not None:
                                cands |= hit
        return cands


def _align(q: list[str], n: list[str]) -> tuple[int, int, int]:
    """Pair query tokens with name tokens: (name tokens left, query tokens left, initials).

    A pair is the same token, an initial of it ("t" ~ "tommy"), or a misspelling
    (fuzz.ratio >= TOKEN_SAME). Exact pairs are taken first, then the closest.
    """
    left = list(range(len(n)))
    extra = 0
    initials = 0
    pending = []
    for t in q:
        if t in (n[j] for j in left):
            j = next(j for j in left if n[j] == t)
            left.remove(j)
        else:
            pending.append(t)
    for t in pending:
        best_j, best_s, best_init = None, 0.0, False
        for j in left:
            w = n[j]
            if len(t) == 1 or len(w) == 1:
                if t[0] == w[0] and (len(t) == 1) != (len(w) == 1):
                    s, init = 99.0, True
                else:
                    continue
            else:
                s, init = fuzz.ratio(t, w), False
                if s < TOKEN_SAME:
                    continue
            if s > best_s:
                best_j, best_s, best_init = j, s, init
        if best_j is None:
            extra += 1
        else:
            left.remove(best_j)
            initials += best_init
    return len(left), extra, initials


# --------------------------------------------------------------------------- document text

_NAME_PARTICLES = frozenset(("von", "van", "de", "der", "la", "le", "du", "di"))
_LEAD = "([{\"'«„“‘"
_TRAIL = ".,;:!?)]}\"'»”’"
_PUNCT_ONLY = re.compile(r"[-–—/&+|•·]+")

# Common Danish first names (folded), so that an untitled "Ulrik Toft" counts as a name.
_COMMON_FIRST = frozenset(
    _fold(n)
    for n in """
    Aase Agnete Allan Anders Andreas Anette Anita Ann Anna Anne Annette Arne Asger Astrid
    Benny Bent Bente Berit Bettina Birgit Birgitte Birthe Bjarne Bo Brian Britt Camilla Carina
    Carl Carsten Casper Charlotte Christian Christina Christine Claus Dan Daniel David Dennis
    Dorte Dorthe Ebbe Elin Elisabeth Ella Ellen Emil Emma Erik Erling Esben Eva Finn Flemming
    Frank Frederik Frida Gert Gitte Grethe Gunnar Hanna Hanne Hans Heidi Helle Helene Henning
    Henrik Ib Ida Inge Inger Jacob Jakob Jan Jane Jannie Jeanette Jens Jeppe Jesper Jette Jimmy
    Johan Johanne John Jonas Jonathan Jørgen Julie Kaj Karen Kari Karin Karl Kasper Katrine
    Kenneth Kent Kim Kirsten Klaus Knud Kristian Kristina Lars Lasse Laura Leif Lene Lennart
    Line Lisbeth Lise Lisette Lone Louise Lykke Mads Magnus Maja Malene Marianne Marie Maria
    Martin Mathias Mette Michael Mikael Mikkel Morten Nanna Niels Nicklas Niklas Nikolaj Ole
    Oliver Palle Per Peter Pernille Pia Poul Preben Rasmus Rene René Rikke Rita Rune Sanne
    Signe Simon Sofie Steen Sten Stig Susanne Søren Thomas Tina Tine Tobias Tom Tommy Tonny
    Torben Trine Troels Ulla Ulrik Vagn Vibeke Vicki Victor Vivian Willy
    """.split()
)


@dataclass
class _Tok:
    core: str
    start: int
    end: int
    lead: str
    trail: str
    folded: list[str] | None  # None: punctuation only
    paren: bool


def _raw_tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    depth = 0
    for m in re.finditer(r"\S+", text):
        w = m.group()
        lead_n = len(w) - len(w.lstrip(_LEAD))
        core_end = len(w.rstrip(_TRAIL))
        if core_end < lead_n:
            core_end = lead_n
        core, lead, trail = w[lead_n:core_end], w[:lead_n], w[core_end:]
        if len(core) == 1 and core.isalpha() and core.isupper() and trail.startswith("."):
            core, trail = core + ".", trail[1:]  # the initial "A."
        opened = "(" in lead or "[" in lead
        paren = depth > 0 or opened
        depth += lead.count("(") + lead.count("[")
        depth = max(0, depth - trail.count(")") - trail.count("]"))
        start = m.start() + lead_n
        folded = None if (not core or _PUNCT_ONLY.fullmatch(core)) else _fold_tokens(core)
        if folded == []:
            folded = None
        toks.append(_Tok(core, start, start + len(core), lead, trail, folded, paren))
    return toks


def _is_open_word(tok: "_Tok") -> bool:
    """"for", "af", "på" ... in lower case: "chef for ..." goes on."""
    return tok.folded is not None and len(tok.folded) == 1 and tok.core.islower() and tok.folded[0] in _OPEN_TITLE


def _is_name_word(core: str) -> bool:
    if len(core) <= 2 and core[:1].isalpha() and core[:1].isupper() and core[1:] in ("", "."):
        return True  # an initial: "T", "A."
    parts = core.split("-")
    for p in parts:
        body = p.replace("'", "").replace("’", "")
        if len(body) < 2 or not body.isalpha() or not p[0].isupper() or not body[1:].islower():
            return False
    return True


class _Scanner:
    """Finds "title Name" / "Name" mentions in a list of raw tokens."""

    def __init__(self, text: str, roster: "Roster"):
        self.text = text
        self.roster = roster
        self.tm = roster._tm
        self.toks = _raw_tokens(text)
        self.groups = [t.folded if not t.paren else None for t in self.toks]
        self.first = roster._scan_first

    # -- pieces

    def title_end(self, i: int, chain: bool = False) -> int | None:
        toks = self.toks
        if toks[i].paren or toks[i].folded is None or toks[i].lead:
            return None
        # a title ends at its own punctuation (see _groups_from); only "X-" opens a compound
        heads = frozenset(k - i for k in range(i, min(i + 16, len(toks))) if toks[k].core.endswith("-"))
        end = self.tm.title_end(self._groups_from(i), 0, chain=chain, heads=heads)
        return None if end is None else i + end

    def _groups_from(self, i: int) -> list:
        """Folded groups from token `i` on, one per token, up to punctuation that ends a
        title (a comma does not: "chef for Borgerservice, IT og Digitalisering")."""
        out = []
        for t in self.toks[i : i + 16]:
            if t.paren or t.folded is None:
                break
            out.append(t.folded)
            if t.trail and any(c in t.trail for c in ".;:!?"):
                break
        return out

    def is_name(self, j: int) -> bool:
        t = self.toks[j]
        if t.paren or t.folded is None or t.lead:
            return False
        if not _is_name_word(t.core):
            return False
        return not (len(t.folded) == 1 and _is_title_word(t.folded[0]))

    def run_end(self, j: int, limit: int = 6) -> int:
        """End of the run of name words starting at `j` (== j when there is none)."""
        toks, n = self.toks, len(self.toks)
        k = j
        while k < n and k - j < limit:
            if self.is_name(k):
                k += 1
            elif (
                k > j
                and toks[k].folded is not None
                and toks[k].core in _NAME_PARTICLES
                and not toks[k].trail
                and k + 1 < n
                and self.is_name(k + 1)
            ):
                k += 1
                continue
            else:
                break
            if toks[k - 1].trail:
                break
        while k > j and not self.is_name(k - 1):
            k -= 1
        return k

    def span(self, i: int, j: int) -> str:
        return " ".join(self.text[self.toks[i].start : self.toks[j - 1].end].split())

    def key(self, i: int, j: int) -> str:
        return " ".join(t for tok in self.toks[i:j] for t in (tok.folded or ()))

    def exact(self, i: int, j: int) -> bool:
        return bool(self.roster._exact.get(self.key(i, j)))

    def trim_titled(self, s: int, e: int) -> int:
        """A titled run longer than a roster name it starts with is cut to that name."""
        if e - s > 2 and not self.exact(s, e):
            for k in range(e - 1, s + 1, -1):
                if self.exact(s, k):
                    return k
        return e

    def name_in_run(self, s: int, e: int, need_two: bool) -> int | None:
        """Start of the name inside run [s, e): a roster name, or a known first name."""
        for k in range(s, e):
            if self.exact(k, e) and (e - k >= 2 or not need_two):
                return k
        for k in range(s, e):
            t = self.toks[k].folded
            if t and t[0] in self.first and (e - k >= 2 or (not need_two and t[0] in self.roster._first_names)):
                return k
        return None

    def open_title(self, i: int, e: int) -> tuple[int, int] | None:
        """"chef for Borgerservice, IT og Digitalisering Tonny Olsen": (name start, end)."""
        toks, n = self.toks, len(self.toks)
        j = e + 1
        while j < n and j < e + 14:
            t = toks[j]
            if t.paren or t.folded is None:
                return None
            if self.is_name(j):
                r = self.run_end(j)
                if r > j and not toks[r - 1].trail[:1] == ",":
                    k = self.name_in_run(j, r, need_two=True)
                    if k is not None and k > e:
                        return k, r
                j = max(r, j + 1)
                if toks[j - 1].trail and any(c in toks[j - 1].trail for c in ".;:!?"):
                    return None
                continue
            if t.trail and any(c in t.trail for c in ".;:!?"):
                return None
            j += 1
        return None

    def trailing_title(self, e: int) -> tuple[str, int] | None:
        """", byrådsmedlem og gruppeformand" or " - formand" after a name ending at `e`."""
        toks, n = self.toks, len(self.toks)
        j = e
        while j < n and toks[j].paren:
            j += 1
        prev = toks[j - 1] if j > 0 else None
        if j < n and toks[j].folded is None and toks[j].core in ("-", "–", "—"):
            j += 1
        elif not (prev is not None and "," in prev.trail):
            return None
        if j >= n:
            return None
        end = self.title_end(j, chain=True)
        if end is None:
            return None
        if end < n and self.run_end(end) > end and not toks[end - 1].trail:
            return None  # the title belongs to the next name
        return self.span(j, end), end

    # -- scanning

    def mentions(self) -> list[tuple[str | None, str]]:
        toks, n = self.toks, len(self.toks)
        out: list[tuple[str | None, str]] = []
        i = 0
        while i < n:
            t = toks[i]
            if t.paren or t.folded is None:
                i += 1
                continue
            e = self.title_end(i)
            if e is not None:
                last = toks[e - 1]
                if last.trail and last.trail not in (":",):
                    i = e
                    continue
                if e < n and _is_open_word(toks[e]) and not last.trail:
                    found = self.open_title(i, e)
                    if found is not None:
                        s, r = found
                        out.append((self.span(i, s), self.span(s, r)))
                        i = r
                    else:
                        i = e
                    continue
                r = self.run_end(e)
                if r > e:
                    r = self.trim_titled(e, r)
                    out.append((self.span(i, e), self.span(e, r)))
                    i = r
                else:
                    i = e
                continue
            if self.is_name(i):
                r = self.run_end(i)
                s = self.name_in_run(i, r, need_two=False)
                if s is None:
                    i = max(r, i + 1)
                    continue
                r2 = self.trim_titled(s, r)
                title = None
                tt = self.trailing_title(r2)
                nxt = r2
                if tt is not None:
                    title, nxt = tt
                out.append((title, self.span(s, r2)))
                i = max(nxt, i + 1)
                continue
            i += 1
        return out


def people_in(text: str, roster: Roster | None = None) -> list[tuple[str | None, str]]:
    """Person mentions in running text, in order: (title as written or None, name).

    A name is a run of capitalised words (initials "A.", "T" allowed). It counts when a
    title stands right before it (a roster title, a Danish title word such as
    "sagsbehandler", "HR- og arbejdsmiljøkonsulent", "Ekstern konsulent", or an open title
    "chef for Borgerservice, IT og Digitalisering"), or, untitled, when it starts with a
    roster or common Danish first name (a single word only with a roster first name).

    >>> people_in("Fællesforvaltningsdirektør Kim Bruun og sagsbehandler Vicki Nygaard.")
    [('Fællesforvaltningsdirektør', 'Kim Bruun'), ('sagsbehandler', 'Vicki Nygaard')]
    """
    roster = roster if roster is not None else _EMPTY
    return _Scanner(unicodedata.normalize("NFC", text or ""), roster).mentions()


def split_title(text: str, roster: Roster | None = None) -> tuple[str | None, str]:
    """Split one person string into (title as written, or None; name).

    "Fællesforvaltningsdirektør Kim Bruun Nielsen" → ("Fællesforvaltningsdirektør",
    "Kim Bruun Nielsen"); "Kommunaldirektør Vakant" → ("Kommunaldirektør", "Vakant");
    "Lolan Ottesen (A) - formand" → ("formand", "Lolan Ottesen"); "Gert Bjerregaard (V),
    byrådsmedlem og gruppeformand" → ("byrådsmedlem og gruppeformand", "Gert
    Bjerregaard"); "Nielsen, Kim Bruun" → (None, "Kim Bruun Nielsen"). The name keeps the
    document's spelling; parentheses ("(A)", "(tovholder)") are dropped.
    """
    roster = roster if roster is not None else _EMPTY
    s = unicodedata.normalize("NFC", text or "")
    s = _BULLET.sub("", s)
    s = _PARENS.sub(" ", s)
    s = _SPACE.sub(" ", s).strip().rstrip(" .;")
    if not s:
        return None, ""
    # "Name - title"
    m = re.match(r"^(.*\S)\s+[-–—]+\s+(\S.*)$", s)
    if m:
        right = _Scanner(m.group(2), roster)
        end = right.title_end(0, chain=True) if right.toks else None
        if end is not None and end == len(right.toks):
            return m.group(2).strip(" ,.;"), m.group(1).strip(" ,")
    sc = _Scanner(s, roster)
    toks, n = sc.toks, len(sc.toks)
    e = sc.title_end(0, chain=True)
    if e is not None and e < n:
        rest = toks[e]
        if _is_open_word(rest) and not toks[e - 1].trail:
            r = n
            while r > e and not sc.is_name(r - 1):
                r -= 1
            k = None
            for j in range(e + 1, r - 1):
                if sc.exact(j, r):
                    k = j
                    break
            if k is None:
                run_start = r
                while run_start > e + 1 and sc.is_name(run_start - 1) and not toks[run_start - 2].trail:
                    run_start -= 1
                k = sc.name_in_run(run_start, r, need_two=True)
                if k is None:
                    k = max(run_start, r - 2)
            if e < k < r:
                return sc.span(0, k).rstrip(" ,:"), sc.span(k, r)
        return sc.span(0, e).rstrip(" ,:"), s[toks[e].start :].strip(" ,:;.")
    if e is not None and e == n:
        return s, ""
    # "Name, title" or "Efternavn, Fornavn"
    if "," in s:
        head, tail = (p.strip() for p in s.split(",", 1))
        if head and tail:
            tsc = _Scanner(tail, roster)
            te = tsc.title_end(0, chain=True) if tsc.toks else None
            if te is not None:
                return tsc.span(0, te), head
            if all(_is_name_word(w) for w in (head + " " + tail).split()):
                return None, f"{tail} {head}"
    return None, s


# --------------------------------------------------------------------------- the file

_PEOPLE_KEYS = ("name", "titles", "aliases", "posts")
_POST_KEYS = ("title", "from", "to")
_BODY_KEYS = ("name", "aliases")
_TOP_KEYS = ("people", "bodies")

_NEW_FILE_HEADER = """\
# Roster: the people and bodies that referater name (workbench/names.py reads it).
# [[people]]: name (required), titles = [...], aliases = [...] (other spellings),
#             posts = [ { title = "...", from = 2024-01-01, to = 2025-12-31 } ] (optional)
# [[bodies]]: name (required), aliases = [...] (abbreviations: "ØK", "KB")
"""


def _read_text(path: Path, label: str, missing_ok: bool = False) -> tuple[str, bool]:
    from workbench.settings import read_settings_file

    if missing_ok and not os.path.lexists(path):
        return "", False
    # a regular file only: a FIFO or a device (/dev/zero) is refused before a byte is read
    raw = read_settings_file(Path(path), "roster file", RosterError, ROSTER_MAX_BYTES, label, missing="no such file")
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RosterError(f"{label}: not UTF-8 text (byte {e.start})") from None
    return text, bom


ROSTER_MAX_BYTES = 100_000_000  # a roster of 100,000 people is some 20 MB


def _parse_toml(text: str, label: str) -> dict:
    from workbench.settings import loads_toml

    try:
        return loads_toml(text, label, RosterError)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", msg)
        if m:
            raise RosterError(f"{label}: line {m.group(1)}, column {m.group(2)}: {msg[: m.start()]}") from None
        m = re.search(r"\s*\(at end of document\)\s*$", msg)
        if m:
            raise RosterError(f"{label}: at the end of the file: {msg[: m.start()]}") from None
        raise RosterError(f"{label}: {msg}") from None


def _unknown(label: str, where: str, table: dict, allowed: Sequence[str]) -> None:
    for key in table:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else f" (known: {', '.join(allowed)})"
            raise RosterError(f"{label}: {where} has unknown key '{key}'{extra}")


def _strings(label: str, where: str, key: str, value) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RosterError(f"{label}: {where}: {key} must be a list of strings")
    out = []
    for v in value:
        if not v.strip():
            raise RosterError(f"{label}: {where}: {key} has an empty string")
        out.append(v.strip())
    return tuple(out)


def _tables(label: str, key: str, value) -> list:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise RosterError(f"{label}: '{key}' must be a list of [[{key}]] tables")
    return value


def _date(label: str, where: str, key: str, value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise RosterError(f"{label}: {where}: '{key}' must be a date like 2024-01-31")
    return value


def _roster_from_data(data: dict, label: str, path: Path | None = None) -> Roster:
    _unknown(label, "the roster", data, _TOP_KEYS)
    people: list[Person] = []
    owner: dict[str, tuple[int, str]] = {}
    for i, entry in enumerate(_tables(label, "people", data.get("people"))):
        where = f"people[{i}]"
        _unknown(label, where, entry, _PEOPLE_KEYS)
        name = entry.get("name")
        if name is None:
            raise RosterError(f"{label}: {where} has no name")
        if not isinstance(name, str) or not name.strip():
            raise RosterError(f"{label}: {where}: name must be a non-empty string")
        name = " ".join(name.split())
        where = f"people[{i}] ({name})"
        titles = _strings(label, where, "titles", entry.get("titles"))
        aliases = _strings(label, where, "aliases", entry.get("aliases"))
        posts = []
        raw_posts = entry.get("posts")
        if raw_posts is not None:
            if not isinstance(raw_posts, list) or not all(isinstance(p, dict) for p in raw_posts):
                raise RosterError(f"{label}: {where}: posts must be a list of {{ title = ..., from = ..., to = ... }}")
            for k, post in enumerate(raw_posts):
                pw = f"{where}: posts[{k}]"
                _unknown(label, pw, post, _POST_KEYS)
                title = post.get("title")
                if not isinstance(title, str) or not title.strip():
                    raise RosterError(f"{label}: {pw} has no title")
                start = _date(label, pw, "from", post.get("from"))
                end = _date(label, pw, "to", post.get("to"))
                if start and end and end < start:
                    raise RosterError(f"{label}: {pw}: 'to' ({end}) is before 'from' ({start})")
                posts.append(Post(title.strip(), start, end))
        for s in (name, *aliases):
            key = _name_key(s)
            if not key:
                raise RosterError(f"{label}: {where}: '{s}' has no letters")
            prev = owner.get(key)
            if prev is not None and prev[0] != i:
                raise RosterError(f"{label}: {where}: '{s}' is already people[{prev[0]}] ({prev[1]})")
            owner[key] = (i, name)
        people.append(Person(name, titles, aliases, tuple(posts)))
    bodies: list[Body] = []
    for i, entry in enumerate(_tables(label, "bodies", data.get("bodies"))):
        where = f"bodies[{i}]"
        _unknown(label, where, entry, _BODY_KEYS)
        name = entry.get("name")
        if name is None:
            raise RosterError(f"{label}: {where} has no name")
        if not isinstance(name, str) or not name.strip():
            raise RosterError(f"{label}: {where}: name must be a non-empty string")
        bodies.append(Body(name.strip(), _strings(label, f"{where} ({name})", "aliases", entry.get("aliases"))))
    return Roster(people, bodies, path)


def load_roster(path: str | os.PathLike) -> Roster:
    """`Roster.load`. The file:

    .. code-block:: toml

        [[people]]
        name = "Kim Bruun Nielsen"
        titles = ["Fællesforvaltningsdirektør"]
        aliases = []
        posts = [ { title = "Kommunaldirektør", from = 2024-01-01, to = 2025-12-31 } ]
        [[bodies]]
        name = "Direktionen"
        aliases = ["DIR"]
    """
    return Roster.load(path)


# --------------------------------------------------------------------------- editing


def _toml_str(s: str) -> str:
    return tomli_w.dumps({"x": s})[len("x = ") :].rstrip("\n")


def _toml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(_toml_str(s) for s in items) + "]"


def _dump_roster(data: dict) -> str:
    """The whole roster as [[people]] / [[bodies]] tables (used when text edits fail)."""
    parts = [_NEW_FILE_HEADER]
    for key in _TOP_KEYS:
        for entry in data.get(key, []):
            parts.append(f"\n[[{key}]]\n" + tomli_w.dumps(entry))
    return "".join(parts)


def _atomic_write(path: Path, text: str, label: str, bom: bool = False) -> None:
    """Write `text` to `path` atomically (record.write_atomic), keeping the file's BOM and mode."""
    from workbench.record import write_atomic

    write_atomic(Path(path), (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"), error=RosterError,
                 follow_link=True)  # a roster linked in by hand stays linked


def _finish_edit(path: Path, label: str, text: str | None, expected: dict, bom: bool) -> Roster:
    """Check the edited text parses to `expected`; else rewrite the whole file; write."""
    if text is not None:
        try:
            ok = tomllib.loads(text) == expected
        except tomllib.TOMLDecodeError:
            ok = False
        if not ok:
            text = None
    if text is None:
        text = _dump_roster(expected)  # comments of the old file are lost here
        if tomllib.loads(text) != expected:  # pragma: no cover - tomli_w round-trips
            raise RosterError(f"{label}: could not write the edited roster; the file is unchanged")
    roster = _roster_from_data(expected, label, path)
    _atomic_write(path, text, label, bom)
    return roster


def _checked_strings(label: str, what: str, values) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    out = []
    for v in values or ():
        if not isinstance(v, str) or not v.strip():
            raise RosterError(f"{label}: {what} must be non-empty strings")
        out.append(" ".join(v.split()))
    return tuple(out)


def add_person(path: str | os.PathLike, name: str, titles: Iterable[str] = (), aliases: Iterable[str] = ()) -> Roster:
    """Add a [[people]] entry to the roster file and return the new roster.

    The entry is appended as text, so every other entry, key and comment stays as it was.
    The result is parsed again and compared with what was meant; only if that fails (a
    roster written as an inline ``people = [...]`` array) is the file rewritten whole from
    its data, and then its comments are lost. A missing file is created. The write is atomic
    (temp file in the same folder, fsync, os.replace). Refused with RosterError: an empty
    name, or a name or alias that the roster already has (compared normalised).
    """
    label = os.fspath(path)
    p = Path(path)
    text, bom = _read_text(p, label, missing_ok=True)
    data = _parse_toml(text, label)
    roster = _roster_from_data(data, label, p)
    if not isinstance(name, str) or not name.strip():
        raise RosterError(f"{label}: the name must be a non-empty string")
    name = " ".join(name.split())
    titles = _checked_strings(label, "titles", titles)
    aliases = _checked_strings(label, "aliases", aliases)
    seen: dict[str, str] = {}
    for s in (name, *aliases):
        key = _name_key(s)
        if not key:
            raise RosterError(f"{label}: '{s}' has no letters")
        owners = roster._exact.get(key)
        if owners:
            other = roster.people[min(owners)].name
            raise RosterError(f"{label}: '{s}' is already in the roster ({other})")
        if key in seen:
            raise RosterError(f"{label}: '{s}' is given twice")
        seen[key] = s
    entry = {"name": name, "titles": list(titles), "aliases": list(aliases)}
    expected = copy.deepcopy(data)
    expected.setdefault("people", []).append(entry)
    nl = "\r\n" if "\r\n" in text else "\n"
    block = (
        f"[[people]]{nl}name = {_toml_str(name)}{nl}"
        f"titles = {_toml_list(titles)}{nl}aliases = {_toml_list(aliases)}{nl}"
    )
    if not text.strip():
        new_text = _NEW_FILE_HEADER.replace("\n", nl) + nl + block
    else:
        new_text = text + ("" if text.endswith("\n") else nl) + nl + block
    return _finish_edit(p, label, new_text, expected, bom)


def add_alias(path: str | os.PathLike, person_name: str, alias: str) -> Roster:
    """Add `alias` to the person named `person_name` (name or alias) in the roster file.

    Only that person's ``aliases = [...]`` is edited in the text (or an ``aliases`` line
    added under its ``[[people]]`` header), so other entries and comments stay; the result
    is parsed again and compared with what was meant, and if a text edit is not possible
    the file is rewritten whole from its data (its comments are then lost). Atomic like
    `add_person`. Refused with RosterError: an unknown person, or an alias that is already
    that person's or someone else's name or alias.
    """
    label = os.fspath(path)
    p = Path(path)
    text, bom = _read_text(p, label)
    data = _parse_toml(text, label)
    roster = _roster_from_data(data, label, p)
    if not isinstance(person_name, str) or not isinstance(alias, str) or not alias.strip():
        raise RosterError(f"{label}: the alias must be a non-empty string")
    alias = " ".join(alias.split())
    owners = roster._exact.get(_name_key(person_name), set())
    if not owners:
        raise RosterError(f"{label}: no person named '{person_name}'")
    (pi,) = owners  # names and aliases are unique when the roster loads
    person = roster.people[pi]
    key = _name_key(alias)
    if not key:
        raise RosterError(f"{label}: '{alias}' has no letters")
    taken = roster._exact.get(key)
    if taken:
        if pi in taken:
            raise RosterError(f"{label}: '{alias}' is already a name of {person.name}")
        other = roster.people[min(taken)].name
        raise RosterError(f"{label}: '{alias}' already belongs to {other}")
    expected = copy.deepcopy(data)
    expected["people"][pi].setdefault("aliases", []).append(alias)
    return _finish_edit(p, label, _insert_alias_text(text, pi, len(roster.people), alias), expected, bom)


_PEOPLE_HEADER = re.compile(r"(?m)^[ \t]*\[\[[ \t]*people[ \t]*\]\][ \t]*(?:#[^\r\n]*)?\r?$")
_ANY_HEADER = re.compile(r"(?m)^[ \t]*\[")


def _insert_alias_text(text: str, pi: int, count: int, alias: str) -> str | None:
    """`text` with `alias` added to the `pi`-th [[people]] table, or None if unsure."""
    headers = list(_PEOPLE_HEADER.finditer(text))
    if len(headers) != count:
        return None
    start = headers[pi].end()
    nxt = _ANY_HEADER.search(text, start)
    end = nxt.start() if nxt else len(text)
    nl = "\r\n" if "\r\n" in text else "\n"
    am = re.search(r"(?m)^[ \t]*aliases[ \t]*=[ \t]*", text[start:end])
    value = _toml_str(alias)
    if am is None:
        return text[:start] + f"{nl}aliases = [{value}]" + text[start:]
    pos = start + am.end()
    if pos >= len(text) or text[pos] != "[":
        return None
    scanned = _scan_array(text, pos)
    if scanned is None:
        return None
    close, last = scanned
    if last is None:  # an empty array
        return text[:close] + value + text[close:]
    sep = "" if text[last] == "," else ","
    line_start = text.rfind("\n", 0, close) + 1
    if line_start > last and not text[line_start:close].strip():
        # "]" on a line of its own: a new line for the alias, indented like the last one
        last_line = text[text.rfind("\n", 0, last) + 1 : last]
        indent = last_line[: len(last_line) - len(last_line.lstrip())]
        return text[: last + 1] + sep + text[last + 1 : line_start] + f"{indent}{value},{nl}" + text[line_start:]
    return text[: last + 1] + sep + " " + value + text[last + 1 :]


def _scan_array(text: str, pos: int) -> tuple[int, int | None] | None:
    """From the "[" at `pos`: (index of its "]", index of the last significant character
    inside it, or None if empty). None if the text is not understood."""
    depth = 0
    last = None
    i, n = pos, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            nl = text.find("\n", i)
            i = n if nl < 0 else nl
            continue
        if c in "\"'":
            triple = text.startswith(c * 3, i)
            q = c * 3 if triple else c
            j = i + len(q)
            while j < n:
                if c == '"' and text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(q, j):
                    break
                if not triple and text[j] == "\n":
                    return None
                j += 1
            else:
                return None
            j += len(q)
            last = j - 1
            i = j
            continue
        if c in "[{":
            depth += 1
            if i != pos:
                last = i
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return (i, last) if c == "]" else None
            last = i
        elif not c.isspace():
            last = i
        i += 1
    return None


_EMPTY = Roster()
