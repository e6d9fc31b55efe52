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
    """The people under the Underskriftsside: one a line or side by side in columns, each with
    its title on the same line, or on the line above or below its name."""
    out: list[Person] = []
    notes: list[Note] = []
    half: dict[int, tuple[int, float | None]] = {}  # id(person) → (row index, column x): a title or a name alone
    for k, row in enumerate(rows):
        parts = [(p, x) for p, x in _with_x(row) if p.strip()]
        for part, x in parts:
            if out and len(parts) == 1 and people.joins(out[-1], part):
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
            if person is None:
                continue
            other = _other_half(out, half, person, k, x)
            if other is not None:
                other.title = other.title or person.title
                other.name = other.name or person.name
                other.read_as = other.read_as or person.read_as
                other.vacant = other.vacant or person.vacant
                other.span = (min(other.span[0], row.no), max(other.span[1], row.no))
                half.pop(id(other))
                continue
            out.append(person)
            if (person.title is None) != (person.name is None and not person.vacant):
                half[id(person)] = (k, x)
    for n, p in enumerate(out):
        if p.name is None and not p.vacant:
            notes.append(Note("low_confidence", p.span or (0, 0),
                              f"The signature '{p.title}' has no name: none stood beside, above or below it. Give it.",
                              excerpt=p.title or "", field_suffix=str(n)))
    return out, notes


def _with_x(row: Row) -> list[tuple[str, float | None]]:
    parts = row.cells or [row.text]
    xs = list(row.cell_x) if row.cells and len(row.cell_x) == len(parts) else [row.x0] * len(parts)
    return list(zip(parts, xs))


def _other_half(out: list[Person], half: dict, person: Person, k: int, x: float | None) -> Person | None:
    """The title alone on the line above this name alone (or the name above this title), in the
    same column: the two halves of one signature."""
    title_only = person.title is not None and person.name is None and not person.vacant
    name_only = person.title is None and (person.name is not None or person.vacant)
    if not (title_only or name_only):
        return None
    for p in out:
        if id(p) not in half:
            continue
        at, px = half[id(p)]
        if at != k - 1 or (x is not None and px is not None and abs(x - px) > 4):
            continue
        if (title_only and p.title is None) or (name_only and p.title is not None and p.name is None and not p.vacant):
            return p
    return None
