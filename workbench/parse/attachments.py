"""An item's Bilag list → attachments (number, access, title, document number)."""
from __future__ import annotations

import re

from workbench.model import Attachment
from workbench.parse.blocks import Note
from workbench.parse.rows import Row, wraps
from workbench.parse.textutil import Hyphenation, debullet

_NUMBER_CELL = re.compile(r"^(\d{1,3})\s*[-.]?(?:\s+\d{5,})?$")  # "1 -", "1 - 3608761" (an internal id below)
_ENUMERATOR = re.compile(r"^[a-zæøå]{1,2}[.)]\s")
_NOISE_CELL = re.compile(r"^(\(\s*\)|\(H\)|\d{5,})$")


class AttachmentList:
    """Reads the rows under one `Bilag:` heading. `feed` says whether a row belonged to it."""

    def __init__(self, config, hyph: Hyphenation, doc_number: re.Pattern):
        self.config = config
        self.hyph = hyph
        self.ref_rx = re.compile(r"^\(?\s*(?P<ref>" + _inner(doc_number) + r")\s*\)?$")
        self.ref_tail = re.compile(r"\s+\(?(?P<ref>" + _inner(doc_number) + r")\)?\s*$")
        self.items: list[Attachment] = []
        self.notes: list[Note] = []
        self.style: str | None = None  # "numbered" | "ref-first" | "plain"
        self.closed = False
        self.last_row: Row | None = None

    def feed(self, row: Row) -> bool:
        if self.closed:
            return False
        taken = self._cells(row) if row.cells else self._text(row)
        if taken:
            self.last_row = row
        else:
            self.closed = True
        return taken

    # -- rows with cells (a table of attachments)
    def _cells(self, row: Row) -> bool:
        cells = [c.strip() for c in row.cells or []]
        number = access = ref = None
        title_parts: list[str] = []
        for cell in cells:
            if not cell:
                continue
            m = _NUMBER_CELL.match(cell)
            if number is None and m and not title_parts:
                number = int(m.group(1))
                continue
            acc = self.config.access_of(cell)
            if access is None and acc:
                access = acc
                continue
            m = self.ref_rx.match(cell)
            if m:
                ref = m.group("ref")
                continue
            if _NOISE_CELL.match(cell):
                continue
            first, _, rest = cell.partition(" ")
            if access is None and not title_parts and self.config.access_of(first):
                access = self.config.access_of(first)
                cell = rest
            title_parts.append(cell)
        title = " ".join(title_parts).strip() or None
        if number is None and access is None:
            if title and self.items:
                prev = self.items[-1]
                prev.title, _ = self.hyph.join(prev.title or "", title)
                prev.span = (prev.span[0], row.no)
                self.notes.append(Note("broken_table", (prev.span[0], row.no),
                                       f"Line {row.no} holds no number of its own: '{title}' was read as the rest of "
                                       f"attachment {prev.number}'s title.", excerpt=title,
                                       field_suffix=str(len(self.items) - 1)))
                return True
            return bool(self.items) and not title  # a cell of noise (an internal id) inside the table
        self.style = self.style or "numbered"
        self.items.append(Attachment(title=title, number=number, access=access, ref=ref, span=(row.no, row.no)))
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
        for i, rx in enumerate(self.config.patterns.attachment):
            m = rx.match(text)
            if m:
                self._start(m.groupdict(), row, ("numbered", "plain", "ref-first")[min(i, 2)])
                return True
        m = self.ref_rx.match(text)
        if m and self.items and not self.items[-1].ref:
            self.items[-1].ref = m.group("ref")
            self.items[-1].span = (self.items[-1].span[0], row.no)
            return True
        prev = self.items[-1] if self.items else None
        if prev is not None and self._continues(prev, row, text):
            joined, _ = self.hyph.join(prev.title or "", text)
            self._set_title(prev, joined)
            prev.span = (prev.span[0], row.no)
            return True
        if self.style in (None, "plain") and len(text) < 200 and not text.endswith(":"):
            self.style = "plain"
            self.items.append(Attachment(title=text, span=(row.no, row.no)))
            return True
        return False

    def _continues(self, prev: Attachment, row: Row, text: str) -> bool:
        if (prev.title or "").endswith("-"):
            return True
        if row.x0 is not None and self.last_row is not None and self.last_row.x0 is not None:
            return wraps(self.last_row, row)  # a PDF says by the layout
        if text[:1].islower() and not _ENUMERATOR.match(text):
            return True
        return self.style == "numbered" and not prev.ref

    def _start(self, groups: dict, row: Row, style: str) -> None:
        self.style = self.style or style
        number = int(groups["number"]) if groups.get("number") else None
        access = self.config.access_of(groups["access"]) if groups.get("access") else None
        att = Attachment(number=number, access=access, ref=groups.get("ref"), span=(row.no, row.no))
        self._set_title(att, (groups.get("title") or "").strip())
        self.items.append(att)
        if groups.get("access") and access is None:
            self.notes.append(Note("low_confidence", (row.no, row.no),
                                   f"'{groups['access']}' stands where the line's access should be, but is no access "
                                   "marker of config.toml: the attachment's access was not read.",
                                   excerpt=row.text, field_suffix=f"{len(self.items) - 1}.access"))

    def _set_title(self, att: Attachment, title: str) -> None:
        m = self.ref_tail.search(title)
        if m and not att.ref:
            att.ref = m.group("ref")
            title = title[: m.start()].strip()
        att.title = title or None


def _inner(rx: re.Pattern) -> str:
    """The document-number pattern without its own brackets and named group."""
    source = rx.pattern
    m = re.search(r"\(\?P<ref>(.*?)\)(?=\\\)|\)?$|\\\)\?)", source)
    return m.group(1) if m else r"\d{3,6}/\d\d"
