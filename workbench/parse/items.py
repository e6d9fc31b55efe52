"""Finding the items and reading each one: header, sections, tables, attachments, decisions.

An item opens at a line that matches an item pattern of config.toml AND is backed by enough
evidence (named signals, scored): an access marker or case number right below it, an explicit
pattern (`Punkt N:`), bold or larger type, numbering that continues, agreement with the TOC.
A numbered line inside a section ("1. Drøftelse og godkendelse af governance for BI") has none
of these, so it stays text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from workbench.dates import parse_date
from workbench.model import Decision, Flag, FlagKind, Item, Section, Table, TocEntry
from workbench.parse.attachments import AttachmentList
from workbench.parse.blocks import Renderer
from workbench.parse.rows import Row
from workbench.parse.textutil import Hyphenation
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


@dataclass
class ItemDraft:
    item: Item
    notes: list[Flag] = field(default_factory=list)  # unfinished flags, `field` the path inside the item
    preamble: list[Row] = field(default_factory=list)


class ItemReader:
    def __init__(self, rows: list[Row], vocab: Vocabulary, renderer: Renderer, hyph: Hyphenation,
                 config, headings_bold: bool, people=None):
        self.people = people
        self.rows = rows
        self.vocab = vocab
        self.renderer = renderer
        self.hyph = hyph
        self.config = config
        self.headings_bold = headings_bold

    # -- finding items
    def candidates(self, start: int, end: int, toc: list[TocEntry]) -> list[Candidate]:
        found: list[Candidate] = []
        expected = 1
        for i in range(start, end):
            if found and i - 1 == found[-1].index and self._title_goes_on(self.rows[i - 1], self.rows[i]) \
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
        if text is None or self.vocab.header_fields(text) or _date_line(text, self.config.date_formats):
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

    # -- reading one item
    def read(self, cand: Candidate, stop: int) -> ItemDraft:
        row = self.rows[cand.index]
        title = cand.title
        i = cand.index + 1
        draft_notes: list[Flag] = []
        # a heading wrapped onto a second line (PDF: same type, straight below)
        while i < stop and self._title_goes_on(row, self.rows[i]):
            title, _ = self.hyph.join(title, self.rows[i].text)
            i += 1
        access = cand.access
        m = re.match(r"^(?P<marker>\w+)\s*:\s*(?P<rest>.+)$", title)
        if m and self.config.access_of(m.group("marker")):
            access = self.config.access_of(m.group("marker"))
            title = m.group("rest").strip()
        item = Item(title=title, number=cand.number, access=access or None, heading_line=row.no,
                    confidence=min(1.0, cand.score), signals=tuple(k for k, on in cand.signals.items() if on))
        draft = ItemDraft(item, draft_notes)
        if cand.unpatterned:
            draft_notes.append(Flag.note(
                FlagKind.LOW_CONFIDENCE, (row.no, row.no),
                f"'{row.text}' was taken as an item heading by its look (set apart, a marker below it), but no item "
                "pattern of config.toml matched it: check the number and the title.", excerpt=row.text,
                severity="warning" if cand.number is not None else "info", field="title"))
        # the item's header: access, journal and case numbers, document number
        while i < stop:
            t = self.rows[i].text
            fields = self.vocab.header_fields(t)
            some = None if fields is not None or i > cand.index + 3 else self.vocab.some_header_fields(t)
            if some is not None:  # a header line with a part no rule knows: take the fields, flag the rest
                fields, rest = some
                lacking = [k for k in ("access", "case", "journal") if k not in fields and not getattr(item, k)]
                for where in lacking or ["title"]:  # each field the unknown part may hold
                    draft_notes.append(Flag.note(
                        FlagKind.LOW_CONFIDENCE, (self.rows[i].no, self.rows[i].no),
                        f"The item's header line '{t}' was read as {', '.join(sorted(fields))}, but "
                        f"{' and '.join(repr(r) for r in rest)} matched no header pattern of config.toml: it may "
                        f"hold a field in a form the vocabulary does not know.", excerpt=t,
                        severity="warning" if lacking else "info", field=where))
            if fields is None:
                break
            acc = fields.get("access")
            if acc:
                if item.access and item.access != acc:
                    draft_notes.append(Flag.note(FlagKind.LOW_CONFIDENCE, (self.rows[i].no, self.rows[i].no),
                                                 f"Two access markers: '{t}' after '{item.access}'.", excerpt=t,
                                                 field="access"))
                item.access = item.access or acc
                item.access_line = self.rows[i].no
            item.journal = item.journal or fields.get("journal")
            item.case = item.case or fields.get("case")
            i += 1
        containers: list[tuple[str, object, list[Row]]] = []  # (kind, target, rows)
        if cand.merged_tail:
            hm = self.vocab.section(Row(row.no, cand.merged_tail, cand.merged_tail))
            containers.append(("section", (hm.key, hm.heading, row.no, hm), []))
        attachments: AttachmentList | None = None
        lists: list[AttachmentList] = []
        body_rows = self.rows[i:stop]
        skip = -1
        for n, r in enumerate(body_rows):
            if n == skip:
                continue  # the dated line of a two-line decision heading
            if attachments is not None and not self._heading(r):
                if attachments.feed(r):
                    continue
                attachments = None
            kind = self._heading(r)
            if kind is not None:
                attachments = None
            if kind == "attachments":
                attachments = AttachmentList(self.config, self.hyph, self.config.patterns.document_number)
                lists.append(attachments)
                continue
            if kind == "decision":
                m, heads = self._decision_at(body_rows, n)
                containers.append(("decision", (m, heads), body_rows[n:n + heads]))
                skip = n + heads - 1 if heads > 1 else -1
                continue
            if kind == "section":
                hm = self.vocab.section(r)
                containers.append(("section", (hm.key, hm.heading, r.no, hm), []))
                continue
            self._near_heading(r, draft)
            if containers:
                containers[-1][2].append(r)
            else:
                draft.preamble.append(r)
        self._fill(item, containers, draft)
        if self.people is not None:
            item.people = self.people.item_people(item.sections)
        for lst in lists:
            base = len(item.attachments)
            item.attachments.extend(lst.items)
            for note in lst.notes:  # field: the attachment's index in its list, and the field when not its title
                index, _, sub = note.field.partition(".")
                note.field = f"attachments[{base + int(index)}].{sub or 'title'}"
                draft_notes.append(note)
        item.span = (row.no, self.rows[stop - 1].no if stop - 1 >= cand.index else row.no)
        return draft

    def _decision_at(self, rows: list[Row], n: int) -> tuple[re.Match, int]:
        """The decision heading at rows[n], and how many rows it takes: a heading without a date
        ("Beslutning") over a short line naming the body and the date ("Direktionen, onsdag den 29.
        januar 2025") is read as the two lines joined, where a decision pattern matches that."""
        m = self.vocab.decision(rows[n].text)
        if m.groupdict().get("date") or n + 1 >= len(rows):
            return m, 1
        nxt = rows[n + 1]
        dated = _date_line(nxt.text, self.config.date_formats)  # "Beslutning" over "29. januar 2025"
        if nxt.cells or len(nxt.text) > 80 or not (nxt.text[:1].isupper() or dated):
            return m, 1
        joined = self.vocab.decision(f"{rows[n].text.strip()} {nxt.text.strip()}")
        if joined and joined.groupdict().get("date") and (
                _names_a_body(joined.groupdict().get("body") or "") or (dated and not joined.groupdict().get("body"))):
            return joined, 2
        return m, 1

    def _near_heading(self, row: Row, draft: ItemDraft) -> None:
        """A line set apart like a heading that comes close to one without matching it well enough."""
        words = row.text.split()
        apart = row.heading_like if self.headings_bold else (row.brk and len(words) <= 5)
        if not apart or row.cells or row.text.rstrip().endswith((".", ",", ";")):
            return
        near = self.vocab.near_section(row)
        if near is not None:
            draft.notes.append(Flag.note(
                FlagKind.UNKNOWN_HEADING, (row.no, row.no),
                f"'{row.text}' stands apart like a heading and comes close to '{near.heading}' (score {near.score:.0f}) "
                f"without matching it well enough to open a section: it was kept as text.",
                excerpt=row.text, suggestion=near.heading, field="sections"))

    def _title_goes_on(self, head: Row, nxt: Row) -> bool:
        if head.size is None or nxt.size is None or nxt.brk or nxt.cells:
            return False
        return (nxt.bold == head.bold and abs(nxt.size - head.size) < 0.3 and head.heading_like
                and not self.vocab.item(nxt.text) and not self._heading(nxt))

    def _heading(self, row: Row) -> str | None:
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

    def _fill(self, item: Item, containers, draft: ItemDraft) -> None:
        for kind, target, rows in containers:
            if kind == "section":
                key, heading, line, hm = target
                block = self.renderer.block(rows)
                span = (line, rows[-1].no if rows else line)
                if key in item.sections:
                    old = item.sections[key]
                    old.text = "\n\n".join(t for t in (old.text, block.text) if t)
                    old.span = (old.span[0], span[1])
                    draft.notes.append(Flag.note(
                        FlagKind.LOW_CONFIDENCE, (line, line),
                        f"A second '{heading}' heading in the same item: its text was added to the first.",
                        excerpt=heading, field=f"sections.{key}"))
                else:
                    item.sections[key] = Section(key, block.text, span, heading, confidence=hm.score / 100,
                                                 signals=("exact",) if hm.exact else ("tolerant",))
                    if not hm.exact:
                        draft.notes.append(Flag.note(
                            FlagKind.UNKNOWN_HEADING, (line, line),
                            f"'{self.rows_text(line)}' was taken as the heading '{heading}' by a tolerant match "
                            f"(score {hm.score:.0f}): check it.", excerpt=self.rows_text(line),
                            suggestion=heading, severity="info", field=f"sections.{key}"))
                for t in block.tables:
                    item.tables.append(Table(key, t.columns, t.rows, t.span, t.row_spans))
                for note in block.notes:  # a table's note names its row, the text's none
                    note.field = f"tables[{len(item.tables) - 1}].{note.field}" \
                        if note.kind == FlagKind.BROKEN_TABLE else f"sections.{key}"
                    draft.notes.append(note)
            else:
                m, heads = target
                heading_row, body = rows[0], rows[heads:]
                block = self.renderer.block(body)
                groups = m.groupdict()
                date = parse_date(groups["date"], self.config.date_formats) if groups.get("date") else None
                body_name = _body_name(groups.get("body"))
                text = block.text
                for t in block.tables:  # a decision keeps its tables as text
                    text += "\n\n" + "\n".join("\t".join(r) for r in ([t.columns] if t.columns else []) + t.rows)
                if groups.get("date") and date is None:
                    draft.notes.append(Flag.note(
                        FlagKind.LOW_CONFIDENCE, (heading_row.no, rows[heads - 1].no),
                        f"The decision heading gives the date '{groups['date']}', which is no date the "
                        "configured formats or Danish month names read.", excerpt=groups["date"],
                        field=f"decisions[{len(item.decisions)}].date"))
                item.decisions.append(Decision(text=_drop_dots(text.strip()), body=body_name, date=date,
                                               span=(heading_row.no, body[-1].no if body else heading_row.no),
                                               heading_line=heading_row.no))

    def rows_text(self, line: int) -> str:
        for r in self.rows:
            if r.no == line:
                return r.text
        return ""


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


def _date_line(text: str, formats) -> bool:
    """A line that is a date and nothing else ("29. januar 2025", "onsdag den 29.01.2025"): never
    an item heading ("29." is no item number), the dated line of a decision heading."""
    rest = _WEEKDAY.sub("", " ".join(text.split()), count=1).rstrip(" .:")
    return bool(rest) and len(rest) <= 20 and parse_date(rest, formats) is not None and \
        re.fullmatch(r"\d{1,2}\.?\s?[A-Za-zæøåÆØÅ]{3,9}\.?\s\d{4}|\d{1,4}[-./]\d{1,2}[-./]\d{2,4}", rest) is not None


def _names_a_body(text: str) -> bool:
    """"Direktionen", "Børne- og Ungeudvalget", "Udvalget for Klima og Miljø": a name, not a
    sentence ("Sagen blev godkendt"): capitalised words and the small words between them."""
    words = text.split()
    return 0 < len(words) <= 6 and words[0][:1].isupper() and all(
        w[:1].isupper() or w in _NAME_JOINERS for w in words)


_NAME_JOINERS = {"og", "for", "i", "af", "til", "under", "&", "-", "–"}


def _title_like(a: str, b: str) -> bool:
    a, b = " ".join(a.split()).casefold(), " ".join(b.split()).casefold()
    return a == b or fuzz.ratio(a, b) >= 85 or (len(b) > 20 and a.startswith(b[:-3]))


def _body_name(text: str | None) -> str | None:
    if not text:
        return None
    return " ".join(text.split())


def _drop_dots(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip() not in (".", "-")).strip()
