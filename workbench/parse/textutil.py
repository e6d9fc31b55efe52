"""Small text helpers: markup to plain text, line joining with Danish hyphenation."""
from __future__ import annotations

import bisect
import html
import re

BULLET = re.compile(r"^\s*(?:[-–•▪◦·*]|o(?=\s)|\uf0b7|\uf0a7)\s+")
_TAG = re.compile(r"<[^>]{0,400}>")


def strip_markup(text: str) -> str:
    """HTML cells and markdown emphasis to plain text: `<li>` items become `- ` lines."""
    if "<" in text and ">" in text:
        text = re.sub(r"(?i)<li[^>]*>\s*", "\n- ", text)
        text = re.sub(r"(?i)</p>\s*<p[^>]*>", "\n\n", text)
        text = re.sub(r"(?i)<br\s*/?>", "\n", text)
        text = _TAG.sub(" ", text)
        text = html.unescape(text)
    if "*" in text or "__" in text:
        # emphasis markers go; where one glued two words together, a space stays
        text = re.sub(r"\*+|_{2,}", "\x00", text)
        text = re.sub(r"(?<=[\w.:)])\x00+(?=\w)", " ", text).replace("\x00", "")
    text = re.sub(r"^\s{0,3}#{1,6}\s+", "", text)
    text = text.replace("\\-", "-").replace("\\*", "*")
    lines = [" ".join(part.split()) for part in text.split("\n")]
    lines = [re.sub(r"^- [•▪◦·\uf0b7]\s*", "- ", ln) for ln in lines]
    out = "\n".join(lines).strip("\n ")
    return re.sub(r"\n{3,}", "\n\n", out)


def clean(text: str) -> str:
    """One line's plain content: markup gone, white space collapsed."""
    return " ".join(strip_markup(text).split())


def is_bullet(text: str) -> bool:
    return bool(BULLET.match(text))


def debullet(text: str) -> str:
    return BULLET.sub("", text, count=1)


class Hyphenation:
    """Re-joins words broken at a line end, the Danish way.

    `sagsbe-`/`handling` → `sagsbehandling`; `Børne-`/`og Unge` keeps the hyphen and the
    space; `2030-`/`fremskrivning`, `BI-`/`Udvalg`, `p-`/`huse` keep the hyphen. Where the
    document itself writes the word elsewhere, that spelling decides.
    """

    def __init__(self, keep_before: frozenset[str], keep_prefixes: frozenset[str], vocabulary: set[str] | None = None):
        self.keep_before = keep_before
        self.keep_prefixes = keep_prefixes
        self.vocabulary = vocabulary or set()
        self._sorted: list[str] | None = None

    def _known_prefix(self, word: str) -> bool:
        """Does the document write a word that begins with this one (`ravnbakkeskole` → `…skolen`)?"""
        if self._sorted is None:
            self._sorted = sorted(self.vocabulary)
        k = bisect.bisect_left(self._sorted, word)
        return k < len(self._sorted) and self._sorted[k].startswith(word) and len(word) >= 6

    def join(self, left: str, right: str) -> tuple[str, str]:
        """Join two pieces of one paragraph. Returns (text, how): how is "space", "joined",
        "kept" (hyphen kept, no space), "kept-space" or "guess" (joined on no evidence)."""
        left = left.rstrip()
        right = right.lstrip()
        if not left:
            return right, "space"
        if not right:
            return left, "space"
        if not left.endswith(("-", "\u00ad")) or left.endswith((" -", "--")) or len(left) < 2:
            return f"{left} {right}", "space"
        stem = left[:-1]
        last = re.split(r"[\s/(\-–]", stem)[-1]
        first = re.match(r"[\w]+", right)
        first_word = first.group(0) if first else ""
        if not first_word or not last:
            return f"{left} {right}", "kept-space"
        if first_word.casefold() in self.keep_before:
            return f"{left} {right}", "kept-space"
        if last[-1].isdigit() or first_word[0].isdigit() or first_word[0].isupper() or len(last) == 1 \
                or (last.isupper() and len(last) <= 5) or last.casefold() in self.keep_prefixes \
                or any(c.isupper() for c in last[1:]):  # "UngiAarhus-tilbud": a name keeps its hyphen
            return f"{left}{right}", "kept"
        joined_word = (last + first_word).casefold()
        hyphened = f"{last}-{first_word}".casefold()
        if hyphened in self.vocabulary and joined_word not in self.vocabulary:
            return f"{left}{right}", "kept"
        known = joined_word in self.vocabulary or self._known_prefix(joined_word)
        how = "joined" if known or not _looks_like_word(first_word) else "guess"
        return f"{stem}{right}", how


_CELL_BREAK = re.compile(r"(?<=\w)- (?=\w)")


def rejoin_cell(text: str, hyph: Hyphenation) -> str:
    """A cell of a ruled PDF table, whose lines were joined with spaces when it was read: a word
    broken at a line end inside the cell ("BI-" / "behovsark.docx", "sagsbe-" / "handling") joined
    again the way a paragraph's lines are ("Børne- og" keeps its space)."""
    if not _CELL_BREAK.search(text):
        return text
    pieces = _CELL_BREAK.split(text)
    out = pieces[0]
    for piece in pieces[1:]:
        out, _ = hyph.join(out + "-", piece)
    return out


def _looks_like_word(piece: str) -> bool:
    """Could the piece after the hyphen stand as a word of its own (then a hyphen is plausible)?"""
    return len(piece) >= 4 and bool(re.search(r"[aeiouyæøå]", piece[:3], re.IGNORECASE))


def vocabulary(texts) -> set[str]:
    """Every word (and hyphenated compound) the document writes within a line."""
    words: set[str] = set()
    for text in texts:
        for word in re.findall(r"\w+(?:-\w+)*", text):
            if not word[-1:] == "-":
                words.add(word.casefold())
                for part in word.split("-"):
                    words.add(part.casefold())
    return words
