"""The Bilagsoversigt (attachment index) and the Underskriftsside (signatures)."""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from workbench.model import IndexEntry, Item, Person
from workbench.parse.blocks import Note
from workbench.parse.people import PersonReader
from workbench.parse.rows import Row
from workbench.parse.textutil import Hyphenation

_NUMBERED = re.compile(r"^(?P<number>\d{1,3})\.\s+(?P<rest>.*)$")
_REF_TAIL = re.compile(r"\s*\((?P<ref>\d{3,6}/\d\d)\)\s*$")
_REF_ONLY = re.compile(r"^\(?(?P<ref>\d{3,6}/\d\d)\)?$")


def read_index(rows: list[Row], items: list[Item], config, hyph: Hyphenation) -> list[IndexEntry]:
    entries: list[IndexEntry] = []
    current: tuple[int | None, str, str | None, int] | None = None  # (item number, title, marker, line)
    for row in rows:
        text = " ".join(row.cells) if row.cells else row.text
        text = text.strip()
        m = _NUMBERED.match(text)
        if m:
            head = _item_line(int(m.group("number")), m.group("rest"), items, config, row, current is None)
            if head is not None:
                current = (*head, row.no)
                continue
            if current is None:
                continue
            rest = m.group("rest").strip()
            entry = IndexEntry(item=current[0], number=int(m.group("number")), span=(row.no, row.no),
                               item_title=current[1], item_marker=current[2], item_line=current[3])
            low = rest.strip("() ").casefold()
            if low.endswith("bilag") and config.access_of(low.split()[0]):
                entry.access = config.access_of(low.split()[0])
            else:
                _title(entry, rest)
            entries.append(entry)
            continue
        if not entries or current is None:
            continue
        last = entries[-1]
        r = _REF_ONLY.match(text)
        if r and not last.ref:
            last.ref = r.group("ref")
        else:
            joined, _ = hyph.join(last.title or "", text)
            _title(last, joined)
        last.span = (last.span[0], row.no)
    return entries


def _title(entry: IndexEntry, text: str) -> None:
    m = _REF_TAIL.search(text)
    if m:
        entry.ref = m.group("ref")
        text = text[: m.start()]
    entry.title = text.strip() or None


def _item_line(number: int, rest: str, items: list[Item], config, row: Row, first: bool):
    marker = None
    title = rest.strip()
    for words in (config.access_closed, config.access_open):
        for w in sorted(words, key=len, reverse=True):
            if title.casefold().startswith(w.casefold() + " "):
                marker = w
                title = title[len(w):].strip(" -–:")
                break
        if marker:
            break
    for item in items:
        if item.number == number and (fuzz.ratio(item.title.casefold(), title.casefold()) >= 80
                                      or fuzz.partial_ratio(item.title.casefold(), title.casefold()) >= 90):
            return number, title, marker
    if not items and (first or (row.indent == 0 and (row.x0 is None or row.x0 < 60))):
        return number, title, marker
    return None


def read_signatures(rows: list[Row], people: PersonReader) -> tuple[list[Person], list[Note]]:
    out: list[Person] = []
    notes: list[Note] = []
    for row in rows:
        for part in [p for p in (row.cells or [row.text]) if p.strip()]:
            if out and people.joins(out[-1], part):
                last = out[-1]
                before = last.read_as or last.name
                last.name = None
                last.read_as = None
                joined = f"{before} {part.strip()}"
                last.name = joined
                people.complete(last)
                last.span = (last.span[0], row.no)
                notes.append(Note("split_line", last.span,
                                  f"The name '{before}' / '{part.strip()}' was broken over two lines; joined as "
                                  f"'{last.name}', which the roster knows.", excerpt=joined,
                                  suggestion=last.name, severity="info", field_suffix=str(len(out) - 1)))
                continue
            person = people.person(part, row.span)
            if person is not None:
                out.append(person)
    return out, notes
