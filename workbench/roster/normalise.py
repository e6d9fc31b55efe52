"""Danish folding of names and titles, the Danish title grammar, and `normalize` (no matching here).

A referat writes a name as "Fællesforvaltningsdirektør Kim Bruun", "Nielsen, Kim Bruun" or
"Lolan Ottesen (A) - formand". `normalize` turns every such spelling into one comparison key:
folded letters (æ→ae, ø→oe, å→aa), no parentheses or trailing " - title", a leading title
stripped, "Efternavn, Fornavn" turned around. `Titles` knows the roster's titles (a token trie)
and the Danish title words ("...direktør", "...chef", "X- og Ychef"); the scanner of running text
(`workbench.parse.mentions`) and the matcher (`workbench.roster.match`) both ask it.

Domain code: standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Sequence

__all__ = [
    "BULLET", "PARENS", "MODIFIERS", "OPEN_TITLE", "CONJ", "Titles", "fold", "fold_tokens",
    "is_title_word", "title_key", "name_key", "titles_for", "default_titles", "normalize_parts",
    "normalize",
]

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[\W_]+")
#: "(A)", "[tovholder]": dropped from a name.
PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_TRAILING_DASH = re.compile(r"\s[-–—]+\s.*$", re.S)
#: A list bullet or number before a name ("- ", "3) ").
BULLET = re.compile(r"^\s*(?:[-–—•*]|\d+[.)])\s+")


def fold(text: str) -> str:
    """casefold, æ→ae ø→oe å→aa (and ä ö ü), other accents dropped (é→e)."""
    s = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold_tokens(text: str) -> list[str]:
    """The folded words of `text`, punctuation dropped."""
    return [t for t in _NON_WORD.split(fold(text)) if t]


def name_key(text: str) -> str:
    """Comparison key of a roster name: folded tokens, no title stripping."""
    return normalize_parts(text, default_titles(), strip_titles=False)[0]



# Danish title words: a word that ends in one of these is taken as a title.
_TITLE_SUFFIXES = tuple(
    fold(s)
    for s in (
        "direktør", "chef", "konsulent", "medarbejder", "leder", "behandler", "borgmester",
        "formand", "sekretær", "koordinator", "rådgiver", "assistent", "specialist", "holder",
        "fuldmægtig", "controller", "jurist", "økonom", "analytiker", "ingeniør", "arkitekt",
        "planlægger", "udvikler", "repræsentant", "rådmand", "revisor", "medlem",
        "kommunikatør", "sygeplejerske", "terapeut", "psykolog", "pædagog", "direktion",
    )
)
# Words that may stand before a title: "konstitueret socialchef", "Ekstern konsulent".
MODIFIERS = frozenset(fold(s) for s in ("konstitueret", "kst", "fungerende", "fg", "ekstern", "intern"))
# "chef for Borgerservice, IT og Digitalisering": a title word followed by one of these
# continues as an open title up to the name.
OPEN_TITLE = frozenset(fold(s) for s in ("for", "af", "ved", "i", "på", "hos"))
CONJ = frozenset(("og", "eller"))


def is_title_word(tok: str) -> bool:
    """`tok` is folded."""
    return len(tok) >= 4 and tok.endswith(_TITLE_SUFFIXES)


def title_key(title: str) -> str:
    """Comparison key of a title: folded tokens, modifiers ("konstitueret") dropped."""
    return " ".join(t for t in fold_tokens(title) if t not in MODIFIERS)


class Titles:
    """Known titles (a token trie) plus the Danish title-word grammar."""

    def __init__(self, titles: Iterable[str] = ()):
        self.trie: dict = {}
        for title in titles:
            toks = [t for t in fold_tokens(title) if t not in MODIFIERS] or fold_tokens(title)
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
        while j < n and toks[j] is not None and len(toks[j]) == 1 and toks[j][0] in MODIFIERS:
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
        if is_title_word(toks[j][-1]):
            best = max(best or 0, j + 1)
        if (
            j + 2 < n
            and toks[j + 1] is not None
            and len(toks[j + 1]) == 1
            and toks[j + 1][0] in CONJ
            and toks[j + 2]
            and is_title_word(toks[j + 2][-1])
            and not is_title_word(toks[j][-1])
            and (heads is None or j in heads)
        ):
            best = max(best or 0, j + 3)
        return best


@lru_cache(maxsize=64)
def titles_for(titles: tuple[str, ...]) -> Titles:
    """The `Titles` of these known titles (cached: a roster's titles are built once)."""
    return Titles(titles)


def default_titles() -> Titles:
    """The title grammar alone, no known titles."""
    return titles_for(())


def normalize_parts(text: str, titles: Titles, strip_titles: bool = True) -> tuple[str, str]:
    """(normalised name, the title stripped from its front, folded; "" if none).

    `titles` gives the known titles; with `strip_titles` False a leading title is kept (the
    key of a roster name)."""
    s = unicodedata.normalize("NFKC", text or "")
    s = BULLET.sub("", s)
    s = PARENS.sub(" ", s)
    s = _TRAILING_DASH.sub(" ", s)
    groups: list[list[str] | None] = []
    for k, part in enumerate(s.split(",")):
        if k:
            groups.append(None)  # a comma
        groups += [[t] for t in fold_tokens(part)]
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
    title = " ".join(t for t in stripped if t not in MODIFIERS)
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
    tm = titles_for(tuple(sorted(set(titles)))) if titles else default_titles()
    return normalize_parts(name, tm)[0]

