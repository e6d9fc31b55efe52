"""The Bilagsoversigt (attachment index) and the Underskriftsside (signatures)."""
from __future__ import annotations

from workbench.i18n import _

import re

from rapidfuzz import fuzz

from workbench.model import Flag, FlagKind, IndexEntry, Item, Person
from workbench.parse.attachments import AttachmentList
from workbench.parse.people import PersonReader
from workbench.parse.rows import Row
from workbench.parse.textutil import Hyphenation

_NUMBERED = re.compile(r"^(?P<number>\d{1,3})\.\s+(?P<rest>.*)$")
_SLACK = 3.0  # points: lines that start this close start at the same place


def read_index(rows: list[Row], items: list[Item], config, hyph: Hyphenation) -> list[IndexEntry]:
    """The Bilagsoversigt: item lines ("4. Title", "Punkt 4: Title"), each over its attachments, which
    are read like an item's Bilag list ("1. Title (20408/25)", "Bilag 1: Title", a table row). An item
    line is one that names an item of the document; where the items give no answer, one that starts
    where the first item line of the overview starts and is shaped like it (cells or none)."""
    entries: list[IndexEntry] = []
    head: tuple[int | None, str, str | None, int] | None = None  # (item number, title, marker, line)
    shape: tuple | None = None  # where the item lines start, and whether they have cells
    reader: AttachmentList | None = None
    mine: list[IndexEntry] = []  # the entries of the item line above
    for row in rows:
        text = " ".join(" ".join(c for c in row.cells if c.strip()) if row.cells else row.text.split())
        found = _item_line(text, items, config)
        if found is not None:
            number, title, marker, known = found
            by_shape = (not items or row.x0 is not None) and _shape(row) == shape
            if known or head is None or by_shape:
                head = (number, title, marker, row.no)
                shape = _shape(row) if known or shape is None else shape
                reader, mine = AttachmentList(config, hyph, config.patterns.document_number), []
                continue
        if reader is None or head is None:
            continue
        if not reader.feed(row):
            reader = None  # a line of no form: left unread, where the doubt rules find it
            continue
        while len(mine) < len(reader.items):
            mine.append(IndexEntry(item=head[0], item_title=head[1], item_marker=head[2], item_line=head[3]))
            entries.append(mine[-1])
        for entry, att in zip(mine, reader.items):  # a line may have completed the attachment above
            entry.number, entry.title, entry.ref, entry.span = att.number, att.title, att.ref, att.span
            entry.access = None if att.access_implied else att.access  # what the overview states
    return entries


def _shape(row: Row) -> tuple:
    return (round((row.x0 if row.x0 is not None else row.indent) / _SLACK), bool(row.cells))


def _item_line(text: str, items: list[Item], config):
    """(number, title, access marker, names a known item) when the line is shaped like an item heading."""
    number = rest = None
    for rx in config.patterns.item:
        m = rx.match(text)
        if m and m.groupdict().get("number"):
            number, rest = int(m.group("number")), m.group("title")
            break
    if number is None:
        m = _NUMBERED.match(text)
        if not m:
            return None
        number, rest = int(m.group("number")), m.group("rest")
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
    known = any(item.number == number and (fuzz.ratio(item.title.casefold(), title.casefold()) >= 80
                                           or fuzz.partial_ratio(item.title.casefold(), title.casefold()) >= 90)
                for item in items)
    if items and not known and any(rx.match(text) for rx in config.patterns.attachment):
        return None  # "Bilag 1: …": an attachment's form
    return number, title, marker, known


def read_signatures(rows: list[Row], people: PersonReader) -> tuple[list[Person], list[Flag]]:
    """The people under the Underskriftsside: one a line or side by side in columns, each with
    its title on the same line, or on the line above or below its name."""
    out: list[Person] = []
    notes: list[Flag] = []
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
                notes.append(Flag.note(FlagKind.SPLIT_LINE, last.span,
                                       _("The name '{before}' / '{part}' was broken over two lines; joined as '{name}', which the roster knows.").format(before=before, part=part.strip(), name=last.name), excerpt=joined,
                                       suggestion=last.name, severity="info",
                                       field=f"signatures[{len(out) - 1}].name"))
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
            notes.append(Flag.note(FlagKind.LOW_CONFIDENCE, p.span or (0, 0),
                                   _("The signature '{title}' has no name: none stood beside, above or below it. Give it.").format(title=p.title),
                                   excerpt=p.title or "", field=f"signatures[{n}].name"))
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
