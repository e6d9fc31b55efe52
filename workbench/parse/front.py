"""The front page (body, kind, place, date, times, members, absent) and the Indholdsfortegnelse."""
from __future__ import annotations

import re

from workbench.dates import parse_date, parse_time
from workbench.model import Meeting, TocEntry
from workbench.parse.mentions import split_title
from workbench.parse.people import PersonReader
from workbench.parse.rows import Row
from workbench.parse.vocab import Vocabulary, norm

_TOC_PAGE = re.compile(r"^(?P<title>.*?)(?:\s*\.{2,}\s*|\s+|\t)(?P<page>\d{1,4})\s*$")
# "1. Title", "Punkt 1: Title", "Punkt 1 - Title", "Dagsordenspunkt 1) Title": the number and the title
_TOC_NUMBER = re.compile(r"^(?:(?:Punkt|Pkt\.?|Dagsordenspunkt|Sag\s+nr\.?)\s*)?(?P<number>\d{1,3})(?:[.:)]|\s+[-–])?\s+(?P<title>\D.*)$")


def toc_entry(row: Row) -> tuple[str, int] | None:
    """`Title ......\t12` → (title, 12)."""
    text = "\t".join(row.cells) if row.cells else row.text
    m = _TOC_PAGE.match(text.strip())
    if not m or not m.group("title").strip(" .\t"):
        return None
    return m.group("title").strip(" .\t"), int(m.group("page"))


def read_toc(rows: list[Row], start: int, vocab: Vocabulary) -> tuple[list[TocEntry], int]:
    """Entries from the row after the TOC heading; returns them and the index after the TOC."""
    entries: list[TocEntry] = []
    i = start
    pending: list[Row] = []
    while i < len(rows):
        row = rows[i]
        hit = toc_entry(row)
        if hit:
            title, page = hit
            first = pending[0].no if pending else row.no
            if pending:
                title = " ".join([p.text for p in pending] + [title])
                pending = []
            m = _TOC_NUMBER.match(title)
            number = int(m.group("number")) if m else None
            title = m.group("title") if m else title
            entries.append(TocEntry(title=" ".join(title.split()), number=number, page=page, span=(first, row.no)))
            i += 1
            continue
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if _subheading(row, vocab) and not pending:
            i += 1
            continue
        if nxt is not None and toc_entry(nxt) and not _TOC_NUMBER.match(nxt.text) and not pending and entries \
                and not vocab.access_marker(nxt.text):
            pending.append(row)  # a title wrapped onto the next line, which carries the page
            i += 1
            continue
        break
    return entries, i - len(pending)


def _subheading(row: Row, vocab: Vocabulary) -> bool:
    words = row.text.split()
    return (len(words) <= 3 and not re.search(r"\d", row.text)) or norm(row.text) == "side"


_SINGLE = ("place", "date", "start", "end")  # labels of one value each
_TIMES = re.compile(r"(?<![\d.])\d{1,2}[:.]\d\d(?!\d)")


def _personlike(text: str) -> bool:
    """Could this line of a members list name people? Not a sentence, a TOC line or a heading with a page."""
    text = " ".join(text.split())
    return len(text.split()) <= 10 and not re.search(r"\.{3,}|\s\d{1,4}$|[.:]$", text)


class FrontReader:
    def __init__(self, config, vocab: Vocabulary, people: PersonReader):
        self.config = config
        self.vocab = vocab
        self.people = people
        self.labels = {k: [norm(w) for w in v] for k, v in config.front.items()}
        self.used: set[int] = set()  # the lines read as a label or a value
        self.columns: dict[int, float | None] = {}  # id(person) → where its column starts (PDF)

    def _label(self, row: Row) -> tuple[str, str] | None:
        text = row.cells[0] if row.cells else row.text
        rest_cells = "\t".join(row.cells[1:]) if row.cells else ""  # two people side by side stay two
        for key, words in self.labels.items():
            if key == "vacant":
                continue
            for w in sorted(words, key=len, reverse=True):
                t = text.strip()
                if norm(t) == w:
                    return key, rest_cells.strip()
                if t.casefold().startswith(w) and len(t) > len(w) and t[len(w)] in ": \t":
                    return key, (t[len(w):].lstrip(":").strip() + "\t" + rest_cells).strip()
        return None

    def _kind(self, text: str) -> tuple[str, str] | None:
        for kind, words in self.config.kinds.items():
            for w in words:
                if norm(text) == norm(w):
                    return kind, ""
                if text.casefold().startswith(w.casefold() + " "):
                    return kind, text[len(w):].strip()
        return None

    def read(self, rows: list[Row]) -> Meeting:
        meeting = Meeting()
        current: str | None = None
        for row in rows:
            current, used = self._row(meeting, row, current)
            if used:
                self.used.add(row.no)
        return meeting

    def _row(self, meeting: Meeting, row: Row, current: str | None) -> tuple[str | None, bool]:
        """Read one front-page row: the label now in force, and whether the row was read."""
        label = self._label(row)
        if label:
            key, value = label
            if value:
                self._value(meeting, key, value, row)
                if key in _SINGLE:
                    return None, True  # its value is read: the next line is not
            return key, True
        kind = self._kind(row.text)
        if kind and not meeting.kind:
            meeting.kind = kind[0]
            meeting.spans["kind"] = row.span
            if kind[1]:
                self._headline(meeting, kind[1], row)
            return None, True
        if kind and kind[0] == meeting.kind and not kind[1]:
            return None, True  # the kind said again
        if current in ("members", "absent"):
            if row.brk and row.page is None and meeting.spans.get(current) or not _personlike(row.text):
                current = None  # plain text: a blank line ends the list; so does a line that names no one
            else:
                self._value(meeting, current, row.text, row)
                return current, True
        if current == "other":
            return current, True
        if current in _SINGLE and getattr(meeting, current) is None and row.text.strip():
            self._value(meeting, current, row.text.strip(), row)  # the label stood above its value
            return None, True
        if meeting.date is None and parse_date(row.text, self.config.date_formats):
            self._headline(meeting, row.text, row)
            return "after_date", True
        if current == "after_date" and meeting.place is None and row.text.startswith("i "):
            meeting.place = row.text[2:].strip()
            meeting.spans["place"] = row.span
            return current, True
        if meeting.body is None and not self.vocab.access_marker(row.text) and len(row.text) < 80 \
                and not re.search(r"\d", row.text) and not norm(row.text).endswith("referat"):
            meeting.body = row.text.strip()
            meeting.spans["body"] = row.span
            return current, True
        return current, False

    def _wrapped(self, meeting: Meeting, key: str, part: str, x: float | None, row: Row) -> bool:
        """A line of a members list that is the rest of a name wrapped in its column: one or two
        capitalised words without a title, under a person with a title ("Velfærdsdirektør Lene
        Mehlsen" / "Thomsen"). Where positions are known, the person of the column it stands in."""
        people = getattr(meeting, key)
        if not people or not re.fullmatch(r"[A-ZÆØÅ][\w\-]+(?: [A-ZÆØÅ][\w\-]+)?", part.strip()):
            return False
        if split_title(part, self.people.roster)[0]:
            return False
        if x is not None and any(self.columns.get(id(p)) is not None for p in people):
            under = [p for p in people if self.columns.get(id(p)) is not None and abs(self.columns[id(p)] - x) < 4]
            if not under:
                return False
            person = under[-1]
        else:
            person = people[-1]
        if not person.title or not person.name or person.vacant:
            return False
        before = person.read_as or person.name
        person.name, person.read_as = f"{before} {part.strip()}", None
        self.people.complete(person)
        person.span = (person.span[0], row.no)
        return True

    def _headline(self, meeting: Meeting, text: str, row: Row) -> None:
        """`Aarhus Byråd d. 27-08-2025`, `tirsdag den 4. december 2012, kl. 13:00`."""
        date = parse_date(text, self.config.date_formats)
        m = re.search(r"\bkl\.?\s*(\d{1,2}[:.]\d\d)(?:\s*[-–]\s*(?:kl\.?\s*)?(\d{1,2}[:.]\d\d))?", text)
        if date and m and meeting.start is None:
            meeting.start = parse_time(m.group(1))
            meeting.spans["start"] = row.span
            if m.group(2) and meeting.end is None:
                meeting.end = parse_time(m.group(2))  # `…, kl. 9.00-13.00`
                meeting.spans["end"] = row.span
        if date and meeting.date is None:
            meeting.date = date
            meeting.spans["date"] = row.span
            head = re.split(r"\s+(?:d\.|den)\s+\d|\s+\d{1,2}[-./]\d", text)[0].strip()
            if head and meeting.body is None and not parse_date(head, self.config.date_formats) \
                    and not re.match(r"^(man|tirs|ons|tors|fre|lør|søn)dag\b", head, re.IGNORECASE):
                meeting.body = head
                meeting.spans["body"] = row.span

    def _value(self, meeting: Meeting, key: str, value: str, row: Row) -> None:
        if key not in ("members", "absent"):
            value = " ".join(value.split())
        if key == "place":
            meeting.place = value
        elif key == "date":
            self._headline(meeting, value, row)
            return
        elif key == "start":
            times = _TIMES.findall(value)
            meeting.start = parse_time(value)
            if len(times) == 2 and meeting.end is None and parse_time(times[1]):
                meeting.end = parse_time(times[1])  # `Kl. 09.00 - 13.00`: a range gives the end too
                meeting.spans["end"] = row.span
        elif key == "end":
            meeting.end = parse_time(value)
        elif key in ("members", "absent"):
            parts = [p for p in value.split("\t") if p.strip()]
            xs = list(row.cell_x[-len(parts):]) if len(row.cell_x) >= len(parts) else [row.x0] * len(parts)
            for part, x in zip(parts, xs):
                if self._wrapped(meeting, key, part, x, row):
                    continue
                person = self.people.person(part, row.span)
                if person is not None:
                    getattr(meeting, key).append(person)
                    self.columns[id(person)] = x
            span = meeting.spans.get(key)
            meeting.spans[key] = (span[0] if span else row.no, row.no)
            return
        else:
            return
        meeting.spans[key] = row.span
