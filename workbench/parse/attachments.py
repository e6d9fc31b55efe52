"""An item's Bilag list → attachments (number, access, title, document number).

A list is written in one of three ways: a table (cells: number, access, title, document
number, under a header row "Nr. Adgang Titel Dok.nr." or none); lines of a form config.toml
knows (`[patterns] attachment`, with `attachment_detail` lines under them); or lines read by
their numbering alone ("1. Title (21037/25)", "2. Title (Lukket bilag)"). In a PDF table a line
that starts in a column continues that column's cell of the attachment above.
"""
from __future__ import annotations

from workbench.i18n import _, ngettext

import re

from workbench.model import Attachment, Flag, FlagKind, IndexEntry, Item
from workbench.parse.rows import Row, wraps
from workbench.parse.textutil import Hyphenation, debullet

_NUMBER_CELL = re.compile(r"^(\d{1,3})\s*[-.]?(?:\s+\d{5,})?$")  # "1 -", "1 - 3608761" (an internal id below)
_ENUMERATOR = re.compile(r"^[a-zæøå]{1,2}[.)]\s")
_NOISE_CELL = re.compile(r"^(\(\s*\)|\(H\)|\d{5,})$")
_SEQUENCE = re.compile(r"^(?P<number>\d{1,3})(?:[.)]|\s+[-–])\s*(?P<rest>.*)$")  # "1. …", "2) …", "3 - …"
_TAIL_MARKER = re.compile(r"\s*\((?P<marker>[^()]{3,30})\)\s*$")  # "… (Lukket bilag)"
_COLUMN_SLACK = 4.0  # points: a line starting this close to a column's start is in that column
_HEADER_CELL = re.compile(r"^[A-ZÆØÅa-zæøå][\w.æøåÆØÅ ]{0,19}$")


class AttachmentList:
    """Reads the rows under one `Bilag:` heading. `feed` says whether a row belonged to it."""

    def __init__(self, config, hyph: Hyphenation, doc_number: re.Pattern):
        self.config = config
        self.hyph = hyph
        # built around the configured pattern: matched under its time limit, named by its key
        self.ref_rx = _around(doc_number, r"^\(?\s*(?P<ref>", r")\s*\)?$")
        self.ref_tail = _around(doc_number, r"\s+\(?(?P<ref>", r")\)?\s*$")
        self.items: list[Attachment] = []
        self.notes: list[Flag] = []
        self.style: str | None = None  # "numbered" | "ref-first" | "plain" | "none"
        self.closed = False
        self.last_row: Row | None = None
        self.header: list[str] | None = None  # a table's header row ("Nr.", "Adgang", "Titel", "Dok.nr.")
        self.columns: dict[str, float] = {}  # PDF table: field → x where its cells start
        self.complete = False  # the last line ended in the attachment's document number or access marker

    def feed(self, row: Row) -> bool:
        if self.closed:
            return False
        if self.items and self._in_columns(row):
            taken = True
        else:
            taken = self._cells(row) if row.cells else self._text(row)
        if taken:
            self.last_row = row
        else:
            self.closed = True
        return taken

    # -- rows with cells (a table of attachments)
    def _classify(self, cells: list[str]) -> tuple[dict, list[tuple[str, int]]]:
        """The cells' values: number, access, ref and title parts, and which field each cell went to."""
        got: dict = {"number": None, "access": None, "ref": None, "title": []}
        fields: list[tuple[str, int]] = []
        for i, cell in enumerate(cells):
            if not cell:
                continue
            m = _NUMBER_CELL.match(cell)
            if got["number"] is None and m and not got["title"]:
                got["number"] = int(m.group(1))
                fields.append(("number", i))
                continue
            acc = self.config.access_of(cell.strip("() "))  # "Lukket", "(Lukket bilag)"
            if got["access"] is None and acc:
                got["access"] = acc
                fields.append(("access", i))
                continue
            m = self.ref_rx.match(cell)
            if m:
                got["ref"] = m.group("ref")
                fields.append(("ref", i))
                continue
            if _NOISE_CELL.match(cell):
                continue
            first, _, rest = cell.partition(" ")
            if got["access"] is None and not got["title"] and self.config.access_of(first):
                got["access"] = self.config.access_of(first)
                cell = rest
            got["title"].append(cell)
            fields.append(("title", i))
        return got, fields

    def _cells(self, row: Row) -> bool:
        cells = [c.strip() for c in row.cells or []]
        got, fields = self._classify(cells)
        title = " ".join(got["title"]).strip() or None
        number, access, ref = got["number"], got["access"], got["ref"]
        if number is None and access is None:
            if not self.items and self.header is None and _header_row(cells, row) and ref is None:
                self.header = cells  # "Nr. | Adgang | Titel | Dok.nr.": the columns' names
                return True
            if title and self.items:
                prev = self.items[-1]
                prev.title, _joined = self.hyph.join(prev.title or "", title)
                prev.span = (prev.span[0], row.no)
                self.notes.append(Flag.note(FlagKind.BROKEN_TABLE, (prev.span[0], row.no),
                                            _("Line {no} holds no number of its own: '{title}' was read as the rest of attachment {number}'s title.").format(no=row.no, title=title, number=prev.number), excerpt=title,
                                            field=str(len(self.items) - 1)))
                return True
            return bool(self.items) and not title  # a cell of noise (an internal id) inside the table
        self.style = self.style or "numbered"
        self.complete = False
        self.items.append(Attachment(title=title, number=number, access=access, ref=ref, span=(row.no, row.no)))
        if row.cell_x and len(row.cell_x) == len(row.cells or []):
            for name, i in fields:
                self.columns.setdefault(name, row.cell_x[i])
        return True

    def _in_columns(self, row: Row) -> bool:
        """A PDF line under a table row that starts in the table's columns: the rest of a title cell
        (wrapped), an internal id under the number. Taken only when every piece has its column."""
        if not self.columns:
            return False
        if row.cells:
            if not row.cell_x or len(row.cell_x) != len(row.cells):
                return False
            pieces = [(x, c.strip()) for x, c in zip(row.cell_x, row.cells) if c.strip()]
        elif row.x0 is not None:
            pieces = [(row.x0, row.text.strip())]
        else:
            return False
        if not pieces or _NUMBER_CELL.match(pieces[0][1]):
            return False  # a number of its own: a new attachment
        placed = []
        for x, text in pieces:
            name = min(self.columns, key=lambda f: abs(self.columns[f] - x))
            if abs(self.columns[name] - x) > _COLUMN_SLACK:
                return False
            if name == "title" or _NOISE_CELL.match(text):
                placed.append((name, text))
            elif name == "ref" and self.ref_rx.match(text) and not self.items[-1].ref:
                placed.append((name, self.ref_rx.match(text).group("ref")))
            else:
                return False
        prev = self.items[-1]
        for name, text in placed:
            if name == "title":
                prev.title, _joined = self.hyph.join(prev.title or "", text)
            elif name == "ref":
                prev.ref = text
        prev.span = (prev.span[0], row.no)
        return True

    # -- text rows
    def _text(self, row: Row) -> bool:
        text = debullet(row.text).strip()
        if not self.items and text.casefold() in ("ingen", "ingen bilag"):
            self.style = "none"
            return True
        if self.style == "none":
            return False
        if self.items:
            for rx in getattr(self.config.patterns, "attachment_detail", ()):
                m = rx.match(text)
                if m:  # the line under an attachment: its access and document number
                    last, groups = self.items[-1], m.groupdict()
                    if groups.get("access") and last.access is None:
                        last.access = self.config.access_of(groups["access"])
                    if groups.get("ref") and not last.ref:
                        last.ref = groups["ref"].strip("().,;")
                    last.span = (last.span[0], row.no)
                    return True
        for rx in self.config.patterns.attachment:
            m = rx.match(text)
            if m:
                groups = m.groupdict()
                style = "numbered" if groups.get("number") else "ref-first" if groups.get("ref") else "plain"
                self._start(groups, row, style)
                return True
        m = _SEQUENCE.match(text)
        if m and self.style in (None, "numbered") and int(m.group("number")) == self._next_number():
            self._start({"number": m.group("number"), "title": m.group("rest")}, row, "numbered", by_number=True)
            return True
        m = self.ref_rx.match(text)
        if m and self.items and not self.items[-1].ref:
            self.items[-1].ref = m.group("ref")
            self.items[-1].span = (self.items[-1].span[0], row.no)
            self.complete = True
            return True
        if self.items and _NOISE_CELL.match(text) and self.style == "numbered":
            return True  # an internal id standing under an attachment
        prev = self.items[-1] if self.items else None
        if prev is not None and self._continues(prev, row, text):
            joined, _ = self.hyph.join(prev.title or "", text)
            self.complete = self._set_title(prev, joined)
            prev.span = (prev.span[0], row.no)
            return True
        if self.style in (None, "plain") and len(text) < 200 and not text.endswith(":"):
            self.style = "plain"
            self.items.append(Attachment(span=(row.no, row.no)))
            self.complete = self._set_title(self.items[-1], text)  # "Title (21037/25)", "Title (Lukket bilag)"
            return True
        return False

    def _next_number(self) -> int:
        numbers = [a.number for a in self.items if a.number is not None]
        return numbers[-1] + 1 if numbers else 1

    def _continues(self, prev: Attachment, row: Row, text: str) -> bool:
        if (prev.title or "").endswith("-"):
            return True
        if self.complete:
            return False  # the line ended in its document number or access marker
        if row.x0 is not None and self.last_row is not None and self.last_row.x0 is not None:
            return wraps(self.last_row, row)  # a PDF says by the layout
        if text[:1].islower() and not _ENUMERATOR.match(text):
            return True
        return self.style == "numbered" and not prev.ref

    def _start(self, groups: dict, row: Row, style: str, by_number: bool = False) -> None:
        self.style = self.style or style
        number = int(groups["number"]) if groups.get("number") else None
        access = self.config.access_of(groups["access"]) if groups.get("access") else None
        att = Attachment(number=number, access=access, ref=groups.get("ref"), span=(row.no, row.no))
        self.complete = self._set_title(att, (groups.get("title") or "").strip())
        self.items.append(att)
        if by_number and att.access is None:
            # nothing on the line says its access: in a list that marks closed attachments "(Lukket bilag)",
            # an unmarked one is open. settle_access() flags the inference, as strongly as the document allows.
            att.access = "open"
            att.access_implied = True
        if groups.get("access") and access is None:
            self.notes.append(Flag.note(FlagKind.LOW_CONFIDENCE, (row.no, row.no),
                                        _("'{groups}' stands where the line's access should be, but is no access marker of config.toml: the attachment's access was not read.").format(groups=groups['access']),
                                        excerpt=row.text, field=f"{len(self.items) - 1}.access"))

    def _set_title(self, att: Attachment, title: str) -> bool:
        """Set the title, taking a document number or an access marker ("(Lukket bilag)") off its end.
        True when one was there: the attachment's line is complete."""
        done = False
        m = _TAIL_MARKER.search(title)
        if m and self.config.access_of(m.group("marker")):
            if att.access is None or att.access_implied:
                att.access = self.config.access_of(m.group("marker"))
                att.access_implied = False
            title = title[: m.start()].strip()
            done = True
        m = self.ref_tail.search(title) or (self.ref_rx.match(title) if title.startswith("(") else None)
        if m and not att.ref:
            att.ref = m.group("ref")
            title = title[: m.start()].strip() if m.re is self.ref_tail.rx else ""
            done = True
        att.title = title or None
        return done


def settle_access(items: list[Item], index: list[IndexEntry]) -> list[Flag]:
    """Notes on the attachments whose access was read as open because their line says none. Where the
    document marks other attachments closed in words, that is how it writes access, and the note is
    `info`; where nothing in it states an attachment's access, the reading is a guess: a warning."""
    stated = any(a.access == "closed" and not a.access_implied for it in items for a in it.attachments) \
        or any(e.access == "closed" for e in index)
    notes: list[Flag] = []
    for k, item in enumerate(items):
        implied = [a for a in item.attachments if a.access_implied]
        if not implied:
            continue
        lines = (min(a.span[0] for a in implied if a.span), max(a.span[1] for a in implied if a.span))
        numbers = ", ".join(str(a.number) for a in implied)
        if stated:
            why = (_("the document marks its closed attachments in words ('Lukket bilag'), and these lines carry no such marker"))
        else:
            why = (_('no attachment of the document states its access, and no marker on these lines says closed: check that the agenda system marks closed attachments at all'))
        notes.append(Flag.note(
            FlagKind.INFERRED_VALUE, lines, ngettext("Attachment {numbers} of item {item} read as open: {why}.",
                     "Attachments {numbers} of item {item} read as open: {why}.", len(implied)).format(
                numbers=numbers, item=item.number if item.number is not None else k + 1, why=why),
            excerpt=implied[0].title or str(implied[0].number), suggestion="open",
            severity="info" if stated else "warning", field=f"items[{k}].attachments"))
    return notes


def _header_row(cells: list[str], row: Row) -> bool:
    """A table's header: short words, no digits; set apart, or three columns or more of a word or two."""
    filled = [c for c in cells if c]
    if len(filled) < 2 or any(re.search(r"\d", c) or not _HEADER_CELL.match(c) for c in filled):
        return False
    return row.heading_like or (len(filled) >= 3 and all(len(c.split()) <= 2 for c in filled))


def _around(doc_number, before: str, after: str):
    from workbench.patterns import compile_pattern

    label, key = getattr(doc_number, "label", "config.toml"), getattr(doc_number, "key", "patterns.document_number")
    return compile_pattern(label, key, before + _inner(doc_number) + after, probe=False)


def _inner(rx) -> str:
    """The document-number pattern without its own brackets and named group."""
    source = rx.pattern
    m = re.search(r"\(\?P<ref>(.*?)\)(?=\\\)|\)?$|\\\)\?)", source)
    return m.group(1) if m else r"\d{3,6}/\d\d"
