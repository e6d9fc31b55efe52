"""Where the items open: candidate item headings, each backed by named signals and scored.

An item opens at a line that matches an item pattern of config.toml AND is backed by enough
evidence: an access marker or case number right below it, an explicit pattern (`Punkt N:`),
bold or larger type, numbering that continues, agreement with the TOC. A numbered line inside a
section ("1. Drøftelse og godkendelse af governance for BI") has none of these, so it stays text.
What each item holds is read by items.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from workbench.dates import parse_date
from workbench.model import TocEntry
from workbench.parse.rows import Row
from workbench.parse.vocab import Vocabulary

WEIGHTS = {"marker": 0.5, "explicit": 0.5, "merged": 0.5, "toc": 0.3, "heading": 0.2, "continues": 0.2}
ACCEPT = 0.5


@dataclass
class Candidate:
    index: int
    number: int | None
    title: str
    signals: dict[str, bool]
    merged_tail: str = ""  # a section heading glued behind the access marker
    access: str | None = None
    unpatterned: bool = False  # found by its look and the marker below, no item pattern matched

    @property
    def score(self) -> float:
        return sum(WEIGHTS[k] for k, on in self.signals.items() if on)

    def missing(self) -> list[str]:
        return [k for k, on in self.signals.items() if not on]


class ItemFinder:
    """The rows' item headings (`candidates`), and what the other headings are (`heading`)."""

    def __init__(self, rows: list[Row], vocab: Vocabulary, config, headings_bold: bool):
        self.rows = rows
        self.vocab = vocab
        self.config = config
        self.headings_bold = headings_bold  # the document sets its section headings apart in bold or size

    def candidates(self, start: int, end: int, toc: list[TocEntry]) -> list[Candidate]:
        found: list[Candidate] = []
        expected = 1
        for i in range(start, end):
            if found and i - 1 == found[-1].index and self.title_goes_on(self.rows[i - 1], self.rows[i]) \
                    and not self.vocab.item(self.rows[i].text):
                continue  # the second line of a wrapped heading
            cand = self._candidate(i, end, toc, expected)
            if cand is not None and cand.score >= ACCEPT:
                found.append(cand)
                if cand.number is not None:
                    expected = cand.number + 1
                else:
                    expected += 1
        return found

    def _candidate(self, i: int, end: int, toc: list[TocEntry], expected: int) -> Candidate | None:
        row = self.rows[i]
        text = _number_column(row)
        if text is None or self.vocab.header_fields(text) or date_line(text, self.config.date_formats):
            return None
        number = None
        title = None
        explicit = merged = False
        access = None
        merged_tail = ""
        hit = self.vocab.item(text)
        split = self._merged(row)
        if split is not None:
            head, access, merged_tail = split
            hit = self.vocab.item(head)
            title = head
            merged = True
        if hit is not None:
            m, index = hit
            groups = m.groupdict()
            number = int(groups["number"]) if groups.get("number") else None
            title = groups["title"].strip()
            explicit = m.group(0)[:1].isalpha() and groups.get("number") is not None
        if not title and row.heading_like and len(text) < 150 and not self.vocab.section(row) \
                and not any(self.vocab.region(row, name) for name in self.vocab.regions) \
                and not self.vocab.decision(text) and self._marker_below(i, min(end, i + 3)):
            title = text.strip()  # a heading without a pattern, with an access marker below
            bare = _BARE_NUMBER.match(title)
            if bare:  # numbered in a form no item pattern knows: take the number, and say so
                number, title = int(bare.group("number")), bare.group("title").strip()
        if not title:
            return None
        # a row of a table ("1 | Budget") is a heading only when set apart, or with its marker right below
        marker = merged or self._marker_below(i, min(end, i + 2) if row.cells and not row.heading_like else end)
        in_toc = any(_title_like(title, entry.title) and (entry.number in (None, number)) for entry in toc)
        signals = {
            "marker": marker,
            "explicit": explicit,
            "merged": merged,
            "toc": in_toc,
            "heading": row.heading_like,
            "continues": number is not None and number == expected,
        }
        if not (marker or explicit or (row.heading_like and (in_toc or signals["continues"]) and len(text) < 160)):
            return None
        cand = Candidate(i, number, title, signals, merged_tail, access)
        cand.unpatterned = hit is None and not merged
        return cand

    def _merged(self, row: Row) -> tuple[str, str, str] | None:
        """`Punkter til behandling*Åben Sag***Sagsgang**`: a title, its access marker and the first
        section heading on one line."""
        rx = self.vocab.access_rx
        if rx is None:
            return None
        m = rx.search(row.text)
        if not m or m.start() == 0:
            return None
        head = row.text[: m.start()].strip(" *-–:")
        tail = row.text[m.end():].strip(" *:")
        if not head or len(head) > 150 or _field_shaped(head):
            return None
        if tail and not self.vocab.section(Row(row.no, tail, tail)):
            return None
        return head, self.config.access_of(m.group("marker")) or "", tail

    def _marker_below(self, i: int, end: int) -> bool:
        for row in self.rows[i + 1: min(end, i + 5)]:
            if self.vocab.header_fields(row.text) or (row is self.rows[i + 1] and self.vocab.some_header_fields(row.text)):
                return True
            if self.vocab.item(row.text) and row.heading_like:
                return False
        return False

    def title_goes_on(self, head: Row, nxt: Row) -> bool:
        """The next row carries on a heading wrapped onto it (PDF: the same type, straight below)."""
        if head.size is None or nxt.size is None or nxt.brk or nxt.cells:
            return False
        return (nxt.bold == head.bold and abs(nxt.size - head.size) < 0.3 and head.heading_like
                and not self.vocab.item(nxt.text) and not self.heading(nxt))

    def heading(self, row: Row) -> str | None:
        """What heading inside an item the row is: "decision", "attachments", "section", or None."""
        if row.cells:
            return None
        apart = row.heading_like or not self.headings_bold or (row.text.isupper() and len(row.text) > 3)
        if self.vocab.decision(row.text) and (apart or len(row.text) < 90):
            return "decision"
        if not apart:
            return None
        if self.vocab.region(row, "attachments"):
            return "attachments"
        if self.vocab.section(row):
            return "section"
        return None


def _number_column(row: Row) -> str | None:
    """The text a row offers as an item heading: its text, or for a row of cells only the number
    in a column of its own and the title beside it ("1 | Title"), read as "1. Title"."""
    if not row.cells:
        return row.text
    cells = [c.strip() for c in row.cells if c.strip()]
    if len(cells) == 2 and re.fullmatch(r"\d{1,3}\.?", cells[0]) and not re.fullmatch(r"[\d\s.]+", cells[1]):
        return f"{cells[0].rstrip('.')}. {cells[1]}"
    return None


# a heading numbered in a form no item pattern knows: "Punkt 3 title", "Dagsordenspunkt 3: title", "3) title"
_BARE_NUMBER = re.compile(r"^(?:(?-i:[A-ZÆØÅ])[\wæøå]*\.?(?:\s+nr\.?)?\s+)?(?P<number>\d{1,3})\s*(?:[.):]|\s[-–])?\s+(?P<title>\S.*)$")
_WEEKDAY = re.compile(r"^(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\s+)?(?:den\s+|d\.\s*)?", re.IGNORECASE)


_FIELD_PART = re.compile(r"^(?:[A-ZÆØÅa-zæøå][\wæøå.\- ]{0,25}:\s*)?[A-ZÆØÅ]{0,5}[-\d][\w./-]*\d[A-ZÆØÅ0-9]*$")


def _field_shaped(text: str) -> bool:
    """"Sagsnummer: 24/7615, Journalnummer: 00.30.10.S00": parts that are each a code, labelled or
    not, as an item's header fields are, whether or not a pattern of config.toml knows them."""
    parts = [p for p in re.split(r"\s*[,·|;–]\s*|\s+-\s+", text.strip(" ,·|;")) if p]
    return bool(parts) and all(_FIELD_PART.match(p) for p in parts)


def date_line(text: str, formats) -> bool:
    """A line that is a date and nothing else ("29. januar 2025", "onsdag den 29.01.2025"): never
    an item heading ("29." is no item number), the dated line of a decision heading."""
    rest = _WEEKDAY.sub("", " ".join(text.split()), count=1).rstrip(" .:")
    return bool(rest) and len(rest) <= 20 and parse_date(rest, formats) is not None and \
        re.fullmatch(r"\d{1,2}\.?\s?[A-Za-zæøåÆØÅ]{3,9}\.?\s\d{4}|\d{1,4}[-./]\d{1,2}[-./]\d{2,4}", rest) is not None


def _title_like(a: str, b: str) -> bool:
    a, b = " ".join(a.split()).casefold(), " ".join(b.split()).casefold()
    return a == b or fuzz.ratio(a, b) >= 85 or (len(b) > 20 and a.startswith(b[:-3]))
