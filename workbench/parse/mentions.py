"""People named in running text: "title Name" mentions (`people_in`) and one person string split
into title and name (`split_title`), read with the roster's titles and names.

"Fællesforvaltningsdirektør Kim Bruun og sagsbehandler Vicki Nygaard" holds two mentions;
"Lolan Ottesen (A) - formand" is the name "Lolan Ottesen" with the title "formand". The scanner
works on raw tokens (a word with its leading and trailing punctuation) and asks the roster only
through its public lookups (`Roster.title_grammar`, `Roster.owners`, `Roster.first_name_keys`);
matching the names found against the roster is `Roster.match`. No Textual here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from workbench.roster import Roster
from workbench.roster.normalise import BULLET, OPEN_TITLE, PARENS, fold, fold_tokens, is_title_word

__all__ = ["people_in", "split_title", "COMMON_FIRST"]

_SPACE = re.compile(r"\s+")
_NAME_PARTICLES = frozenset(("von", "van", "de", "der", "la", "le", "du", "di"))
_LEAD = "([{\"'«„“‘"
_TRAIL = ".,;:!?)]}\"'»”’"
_PUNCT_ONLY = re.compile(r"[-–—/&+|•·]+")

# Common Danish first names (folded), so that an untitled "Ulrik Toft" counts as a name.
COMMON_FIRST = frozenset(
    fold(n)
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


@lru_cache(maxsize=16)
def _scan_first(roster_first: frozenset[str]) -> frozenset[str]:
    """First names that open an untitled name: the roster's and the common Danish ones."""
    return roster_first | COMMON_FIRST


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
        folded = None if (not core or _PUNCT_ONLY.fullmatch(core)) else fold_tokens(core)
        if folded == []:
            folded = None
        toks.append(_Tok(core, start, start + len(core), lead, trail, folded, paren))
    return toks


def _is_open_word(tok: "_Tok") -> bool:
    """"for", "af", "på" ... in lower case: "chef for ..." goes on."""
    return tok.folded is not None and len(tok.folded) == 1 and tok.core.islower() and tok.folded[0] in OPEN_TITLE


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
        self.tm = roster.title_grammar
        self.toks = _raw_tokens(text)
        self.groups = [t.folded if not t.paren else None for t in self.toks]
        self.first = _scan_first(roster.first_name_keys)

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
        return not (len(t.folded) == 1 and is_title_word(t.folded[0]))

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
        return bool(self.roster.owners(self.key(i, j)))

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
            if t and t[0] in self.first and (e - k >= 2 or (not need_two and t[0] in self.roster.first_name_keys)):
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
    s = BULLET.sub("", s)
    s = PARENS.sub(" ", s)
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



_EMPTY = Roster()
