"""Fuzzy matching of a name from a document against the roster's names (rapidfuzz WRatio).

`NameIndex` holds every name and alias of the roster people, normalised once, and ranks them
against a query (`NameIndex.rank`), saying whether the best is *certain* (the name may be filled
in without asking) or only a suggestion. Above a few hundred names a token index picks the
candidates first (names that share a similar token with the query), so a 10,000-name roster
answers in well under 2 ms with the same top match as a full scan. A match is certain only when
the normalised query *is* a name or alias of exactly one person, or scores at least 95 with a
margin of 5 over every other person while covering all of that person's name, token for token;
a query of one token (a first name, a surname) is never certain.

The index knows people only by their position in the roster; `workbench.roster.model.Roster`
turns its `Ranked` results into `Match`es. Domain code: standard library and rapidfuzz only.
"""

from __future__ import annotations

import heapq
from datetime import date
from typing import TYPE_CHECKING, Iterable, NamedTuple, Sequence

from rapidfuzz import fuzz, process

from workbench.roster.normalise import Titles, normalize_parts, title_key, titles_for

if TYPE_CHECKING:
    from workbench.roster.model import Person

__all__ = [
    "CERTAIN_SCORE", "CERTAIN_MARGIN", "MIN_SCORE", "TITLE_BOOST", "DATE_BOOST", "TOKEN_SAME",
    "SMALL_ROSTER", "NameIndex", "Ranked", "align",
]

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

#: Prefilter: below this many names and aliases a full scan is cheaper than the index.
SMALL_ROSTER = 200
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

_NOBODY: frozenset[int] = frozenset()


class Ranked(NamedTuple):
    """One person ranked against a query: `person` is the index into the roster's people."""

    person: int
    score: float
    matched: str
    certain: bool
    partial: bool
    boost: float
    exact: bool


class NameIndex:
    """The normalised names and aliases of `people`, indexed for `rank`."""

    def __init__(self, people: Sequence["Person"]):
        self.people = tuple(people)
        self.title_list: tuple[str, ...] = tuple(sorted({t for p in self.people for t in p.all_titles()}))
        #: The title grammar with every title the roster knows.
        self.titles: Titles = titles_for(self.title_list)
        self._person_titles = [frozenset(title_key(t) for t in p.titles) for p in self.people]
        self.choice_norm: list[str] = []
        self._choice_person: list[int] = []
        self._choice_raw: list[str] = []
        exact: dict[str, set[int]] = {}
        postings: dict[str, set[int]] = {}
        first: set[str] = set()
        for pi, person in enumerate(self.people):
            seen: set[str] = set()
            for raw in person.names:
                key = normalize_parts(raw, self.titles, strip_titles=False)[0]
                if not key or key in seen:
                    continue
                seen.add(key)
                ci = len(self.choice_norm)
                self.choice_norm.append(key)
                self._choice_person.append(pi)
                self._choice_raw.append(raw)
                exact.setdefault(key, set()).add(pi)
                toks = key.split()
                first.add(toks[0])
                for t in set(toks):
                    postings.setdefault(t, set()).add(ci)
        self._exact = {k: frozenset(v) for k, v in exact.items()}
        self._postings = postings
        #: Folded first tokens of every name and alias.
        self.first_names: frozenset[str] = frozenset(first)
        self._vocab = list(postings)
        self._vocab_joined = "\n" + "\n".join(self._vocab) + "\n"
        self._choice_toks = [c.split() for c in self.choice_norm]

    def __len__(self) -> int:
        """How many distinct (normalised) names and aliases there are."""
        return len(self.choice_norm)

    def owners(self, key: str) -> frozenset[int]:
        """The people (indices) with a name or alias whose key is `key` (folded tokens, spaced)."""
        return self._exact.get(key, _NOBODY)

    def normalize(self, name: str) -> str:
        """`normalize` with these people's titles."""
        return normalize_parts(name, self.titles)[0]

    def find_partial(self, query: str) -> list[int]:
        """People (indices, in roster order) whose name or alias holds every token of `query`."""
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
        return out

    def rank(
        self,
        query: str,
        limit: int = 5,
        title: str | None = None,
        on: date | None = None,
        *,
        min_score: float = MIN_SCORE,
        full_scan: bool = False,
    ) -> list[Ranked]:
        """People ranked against `query`, best first (at most `limit`); see `Roster.match`."""
        qn, stripped = normalize_parts(query, self.titles)
        if not qn or not self.choice_norm or limit <= 0:
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
        tkey = title_key(title) if title else stripped
        exact = self.owners(qn)
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
        out: list[Ranked] = []
        for place, (is_exact, _adj, sc, _neg, pi, ci, boost) in enumerate(ranked[:limit]):
            missing, extra, initials = align(qtoks, self._choice_toks[ci])
            partial = not is_exact and extra == 0 and missing > 0
            certain = False
            if place == 0 and len(qtoks) >= 2:
                if exact:
                    certain = is_exact and len(exact) == 1
                elif sc >= CERTAIN_SCORE and not partial and missing == 0 and extra == 0 and initials == 0:
                    certain = second is None or sc - second >= CERTAIN_MARGIN
            out.append(Ranked(pi, round(sc, 2), self._choice_raw[ci], certain, partial, boost, is_exact))
        return out

    def _boost(self, pi: int, tkey: str, on: date | None) -> float:
        person = self.people[pi]
        boost = 0.0
        if tkey:
            held = set(self._person_titles[pi])
            held.update(title_key(p.title) for p in person.posts if on is None or p.covers(on))
            if tkey in held:
                boost += TITLE_BOOST
        if on is not None and person.posts:
            boost += DATE_BOOST if any(p.covers(on) for p in person.posts) else -DATE_BOOST
        return boost

    def _scores(self, qn: str, min_score: float, full_scan: bool) -> list[tuple[int, float]]:
        """(choice index, WRatio) for every choice scoring >= min_score (prefiltered)."""
        if full_scan or len(self.choice_norm) <= SMALL_ROSTER:
            return self._score(qn, range(len(self.choice_norm)), min_score)
        found = self._score(qn, self._candidates(qn, weak=False), min_score)
        if found and max(s for _c, s in found) >= _ACCEPT:
            return found
        return self._score(qn, self._candidates(qn, weak=True), min_score)

    def _score(self, qn: str, idx: Iterable[int], min_score: float) -> list[tuple[int, float]]:
        choices = self.choice_norm
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


def align(q: list[str], n: list[str]) -> tuple[int, int, int]:
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

