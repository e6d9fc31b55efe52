"""The data the workbench passes along: source lines, the parsed record, its flags and the flag kinds.

Plain dataclasses, no behaviour beyond small helpers. Every parsed value keeps the span of
source lines (1-based, inclusive) it came from, so the review screen can show any field's
source and any line's field.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

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


class FlagKind(StrEnum):
    """The closed vocabulary of flag kinds (SCHEMA.md, "Flag kinds"). A member is the string the
    record holds (`FlagKind.BROKEN_TABLE == "broken_table"`); it also carries the severity its flags
    have unless a rule says otherwise (`.severity`) and what it is raised for (`.meaning`)."""

    def __new__(cls, value: str, severity: str, meaning: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.severity = severity
        member.meaning = meaning
        return member

    MERGED_LINE = ("merged_line", "info",
                   "two things that belong apart share one line: a heading glued to text, a title glued to its "
                   "document number, two table rows in one")
    SPLIT_LINE = ("split_line", "warning",
                  "one thing broken over lines or pages: a name, a title, a paragraph cut by a page break")
    HYPHENATION = ("hyphenation", "info", "a line-end hyphen whose re-joining is uncertain")
    BROKEN_TABLE = ("broken_table", "warning",
                    "a row without its key cell, a cell that continues on a loose line, a cell cut off, columns "
                    "that do not line up")
    PAGE_FURNITURE = ("page_furniture", "info",
                      "a page header, footer or page number that was found inside the text (and removed) with "
                      "less than full certainty")
    TOC_MISMATCH = ("toc_mismatch", "error", "Indholdsfortegnelse and the items disagree (count, number, title)")
    NUMBERING_GAP = ("numbering_gap", "warning",
                     "item numbers missing, repeated or out of order, or an item with no number")
    UNKNOWN_HEADING = ("unknown_heading", "warning",
                       "a line set apart like a heading that comes close to a known heading (a typo, an unknown "
                       "variant) without matching it well enough to open a section")
    MISSING_SECTION = ("missing_section", "warning", "an item lacks a section that its kind of item always has")
    DATE_MISMATCH = ("date_mismatch", "error",
                     "dates that should agree do not (meeting date, decision date, page header)")
    NAME_UNKNOWN = ("name_unknown", "warning",
                    "a person's name (members, absent, signatures, items.people) not in the roster, or matching it "
                    "only in part; `suggestion` holds the best roster match")
    ATTACHMENT_MISMATCH = ("attachment_mismatch", "warning",
                           "an item's Bilag list and the Bilagsoversigt disagree (count, title, number, access)")
    SIGNATURE_MISMATCH = ("signature_mismatch", "warning", "members and signatures disagree")
    INFERRED_VALUE = ("inferred_value", "warning",
                      "a value not stated where expected but inferred (a date from a page header)")
    LOW_CONFIDENCE = ("low_confidence", "warning",
                      "any other split or value the parser is unsure of; the message says why")


_KINDS = {kind.value: kind for kind in FlagKind}
SEVERITIES = ("error", "warning", "info")  # most serious first


@dataclass
class Flag:
    """A doubt about the record, for the reviewer. The parser makes them as it reads (`Flag.note`:
    `field` the path inside the part it was reading, no id yet); the flag rules (checks.py) give each
    its whole path and its id. A kind this version knows is held as its `FlagKind` member."""

    kind: FlagKind | str
    severity: str  # "error" | "warning" | "info"
    field: str
    lines: Span
    message: str
    excerpt: str = ""
    suggestion: str | None = None
    resolution: str = "open"
    id: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.kind, FlagKind) and self.kind in _KINDS:
            self.kind = _KINDS[self.kind]

    @classmethod
    def note(cls, kind: FlagKind, lines: Span, message: str, *, excerpt: str = "", suggestion: str | None = None,
             severity: str | None = None, field: str = "") -> Flag:
        """What the parser noticed: a flag not yet finished (the reader above completes `field`), of
        the kind's own severity unless given."""
        return cls(kind, severity or kind.severity, field, lines, message, excerpt=excerpt, suggestion=suggestion)


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
    seconds: int | None = None       # what the review cost: seconds spent in review, counted at verify
    corrections: int | None = None   # … and the corrections made (inbox.py shows both)


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
