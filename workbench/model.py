"""The data the workbench passes along: source lines, the parsed record and its flags.

Plain dataclasses, no behaviour beyond small helpers. Every parsed value keeps the span of
source lines (1-based, inclusive) it came from, so the review screen can show any field's
source and any line's field.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass
class SourceLine:
    """One numbered line of the source: what `workbench text FILE` prints, and where it stood."""

    no: int
    text: str
    page: int | None = None
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    bold: bool = False
    size: float | None = None
    gap_before: bool = False  # PDF: a paragraph gap above this line
    furniture: bool = False  # page header, footer or page number
    furniture_reason: str = ""
    furniture_certain: bool = True
    joined: bool = False  # PDF: several visual lines (a table row's cells) given as one
    cell_x: tuple[float, ...] = ()  # PDF: where each tab-separated cell of the line starts


@dataclass
class ReadProblem:
    """Something the reading of the source lost or doubts: a page, object or font of a PDF that could not
    be read, text with no Unicode map, a page with no text, a byte that is not UTF-8. The flag rules make
    a flag of each (`error` where text is missing or garbled, `warning` where it may be)."""

    message: str
    severity: str = "error"
    page: int | None = None  # the PDF page it concerns (1-based), if one
    line: int | None = None  # the source line it concerns, if one


@dataclass
class SourceText:
    file: str
    sha256: str
    format: str  # "pdf" | "text" | "markdown"
    extractor: str
    lines: list[SourceLine]
    pages: int | None = None
    problems: list[ReadProblem] = field(default_factory=list)  # what the reading lost (not written to the record)

    def line(self, no: int) -> SourceLine:
        return self.lines[no - 1]


@dataclass
class Person:
    title: str | None = None
    name: str | None = None
    vacant: bool = False
    role: str | None = None
    span: Span | None = None
    read_as: str | None = None  # the name as the document gave it, when the roster completed it


@dataclass
class Meeting:
    body: str | None = None
    kind: str | None = None
    place: str | None = None
    date: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    members: list[Person] = field(default_factory=list)
    absent: list[Person] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)
    inferred: dict[str, str] = field(default_factory=dict)  # field -> where it was inferred from


@dataclass
class TocEntry:
    title: str
    number: int | None = None
    page: int | None = None
    span: Span | None = None


@dataclass
class Section:
    key: str
    text: str
    span: Span
    heading: str = ""
    confidence: float = 1.0
    signals: tuple[str, ...] = ()


@dataclass
class Table:
    section: str
    columns: list[str]
    rows: list[list[str]]
    span: Span
    row_spans: list[Span] = field(default_factory=list)


@dataclass
class Attachment:
    title: str | None = None
    number: int | None = None
    access: str | None = None
    ref: str | None = None
    span: Span | None = None
    access_implied: bool = False  # the line states no access: read as open from the list's form (not written)


@dataclass
class Decision:
    text: str
    body: str | None = None
    date: dt.date | None = None
    span: Span | None = None
    heading_line: int | None = None


@dataclass
class Item:
    title: str
    number: int | None = None
    access: str | None = None
    journal: str | None = None
    case: str | None = None
    sections: dict[str, Section] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    span: Span | None = None
    heading_line: int | None = None
    access_line: int | None = None
    confidence: float = 1.0
    signals: tuple[str, ...] = ()


@dataclass
class IndexEntry:
    """One attachment of the Bilagsoversigt."""

    item: int | None
    number: int | None = None
    access: str | None = None
    title: str | None = None
    ref: str | None = None
    span: Span | None = None
    item_title: str = ""
    item_marker: str | None = None  # e.g. "Lukket punkt" written before the item's title
    item_line: int | None = None  # the line of the item's title in the overview


@dataclass
class Flag:
    kind: str
    severity: str  # "error" | "warning" | "info"
    field: str
    lines: Span
    message: str
    excerpt: str = ""
    suggestion: str | None = None
    resolution: str = "open"
    id: str = ""


@dataclass
class Correction:
    at: dt.datetime
    field: str | None = None
    before: object = None
    after: object = None
    source: str | None = None  # "join" | "split" | "furniture"
    line: int | None = None
    column: int | None = None
    text: list[str] | None = None  # a repair: the text of the lines it was laid over (a join: two)
    note: str | None = None
    undoes: int | None = None  # an undo: the place (in the corrections) of the correction it takes back
    redoes: int | None = None  # a redo: the place of the correction it makes again


# How corrections are written: 2, their undo/redo links are the fields `undoes` and `redoes`
# (a journal line's "v", a record's review.corrections_form); none, by older workbenches: in the note.
CORRECTIONS_FORM = 2


@dataclass
class Review:
    status: str = "draft"
    reviewer: str | None = None
    verified_at: dt.datetime | None = None
    verified_fields: list[str] = field(default_factory=list)


@dataclass
class Referat:
    source: SourceText
    meeting: Meeting = field(default_factory=Meeting)
    toc: list[TocEntry] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    attachment_index: list[IndexEntry] = field(default_factory=list)
    signatures: list[Person] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    review: Review = field(default_factory=Review)
    # the source lines the parser read as a value, a label or a heading (not written to the record):
    # a non-furniture line outside it went nowhere, and the flag rules say so
    read_lines: set[int] = field(default_factory=set)
