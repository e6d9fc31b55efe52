"""`referat/1` declared once (SCHEMA.md): every key of the record, in the order the record writes
it, with its type, whether it is required, its Danish label (as the review tree shows it) and how
the screen edits it. `record.py` writes and reads by it, the session resolves and checks field
paths by it, the outline labels by it, `derive.py` validates records and makes the JSON Schema.

Adding a field: one entry here (and, for a new value type, its parser in `types.PARSERS`).
"""
from __future__ import annotations

from workbench import SCHEMA
from workbench.i18n import N_
from workbench.model import CORRECTIONS_FORM
from workbench.model import (Attachment, Correction, Decision, Flag, IndexEntry, Item, Meeting, Person, Referat,
                             Review, SourceText, Table, TocEntry)
from workbench.schema.objects import Key, Obj, Sections
from workbench.schema.types import (Access, AnyValue, Bool, Cell, Const, Date, DateTime, Int, Kind, ListOf, Row,
                                    Str, Time)

FORMATS = ("pdf", "text", "markdown")
STATUSES = ("draft", "verified")
SEVERITIES = ("error", "warning", "info")
RESOLUTIONS = ("open", "fixed", "accepted")
REPAIRS = ("join", "split", "furniture")


def readable_name(name: str) -> str:
    """A file name as valid Unicode: the bytes of a name that are not UTF-8 (which Python keeps as
    lone surrogates) become U+FFFD, so that the record is valid UTF-8 TOML whatever the name."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")


def _parser_version(src, root) -> int:
    from workbench.parse import PARSER_VERSION

    return PARSER_VERSION


def _flags_open(review, ref) -> int | None:
    if ref is None:
        return None
    return sum(1 for f in ref.flags if f.severity in ("error", "warning") and f.resolution == "open")


def _corrections_form(review, ref) -> int | None:
    """How corrections are linked (review/links.py): written with the corrections, never alone."""
    return CORRECTIONS_FORM if ref is not None and ref.corrections else None


def _line(attr: str, fallback: str | None = None):
    """The outline's span of a field: the owner's line `attr`, else its span `fallback`."""
    def span(owner):
        line = getattr(owner, attr, None)
        return (line, line) if line else (getattr(owner, fallback, None) if fallback else None)
    return span


def _no_name_if_vacant(p: Person) -> None:
    if p.vacant:
        p.name = None


def _repair_or_field(c: dict) -> str | None:
    if "source" in c:
        if "line" not in c:
            return f"must repair a line by {', '.join(REPAIRS[:-1])} or {REPAIRS[-1]}"
    elif "field" not in c:
        return "names no field and no source line"
    return None


PERSON = Obj(Person, {
    "role": Str(what=N_('a role')), "title": Str(), "name": Str(edit="person", get=lambda p, r: None if p.vacant else p.name),
    "vacant": Bool(),
}, needs=("title", "name", "vacant"), what=N_('a person'), fix=_no_name_if_vacant)
TABLE = Obj(Table, {"section": Key(), "columns": ListOf(Cell()), "rows": ListOf(Row())}, needs=("section",),
            what=N_('a table'), blank=lambda: Table(section="", columns=[], rows=[], span=(1, 1)))
ATTACHMENT = Obj(Attachment, {"number": Int(), "access": Access(), "title": Str(edit="long"), "ref": Str()},
                 needs=("title", "ref", "number"), what=N_('an attachment'))
DECISION = Obj(Decision, {"body": Str(), "date": Date(), "text": Str(required=True, multiline=True)},
               needs=("text",), what=N_('a decision'), blank=lambda: Decision(text=""))
ITEM = Obj(Item, {
    "number": Int(label="Nummer", span=_line("heading_line")),
    "title": Str(required=True, label="Titel", edit="long", width=48, span=_line("heading_line", "span")),
    "access": Access(label="Adgang", span=_line("access_line")),
    "journal": Str(label="Journalnr."),
    "case": Str(label="Sagsnr."),
    "sections": Sections(label="§"),
    "tables": ListOf(TABLE, label="Tabel"),
    "people": ListOf(PERSON, label="Personer"),
    "attachments": ListOf(ATTACHMENT, label="Bilag"),
    "decisions": ListOf(DECISION, label="Beslutning"),
}, needs=("title",), what=N_('an item'), blank=lambda: Item(title=""), shown=("title",), label="Punkt")
TOC = Obj(TocEntry, {"number": Int(), "title": Str(required=True), "page": Int()}, needs=("title",),
          what=N_('a toc entry'), blank=lambda: TocEntry(title=""))
INDEX = Obj(IndexEntry, {"item": Int(), "number": Int(), "access": Access(), "title": Str(edit="long"), "ref": Str()},
            needs=("title", "ref", "number"), what=N_('a Bilagsoversigt entry'), blank=lambda: IndexEntry(item=None))
MEETING = Obj(Meeting, {
    "body": Str(label="Organ"), "kind": Kind(label="Art"), "place": Str(label="Sted", width=48),
    "date": Date(label="Dato"), "start": Time(label="Start"), "end": Time(label="Slut"),
    "members": ListOf(PERSON, label="Medlemmer"), "absent": ListOf(PERSON, label="Fraværende"),
}, what=N_('the meeting'), label="Møde")

SOURCE = Obj(SourceText, {
    "file": Str(required=True, get=lambda s, r: readable_name(s.file)), "sha256": Str(required=True),
    "format": Str(choices=FORMATS), "pages": Int(), "extractor": Str(), "parser": Int(get=_parser_version),
}, what=N_('the source'), required=True)
REVIEW = Obj(Review, {
    "status": Str(choices=STATUSES), "reviewer": Str(), "verified_at": DateTime(),
    "flags_open": Int(get=_flags_open),
    "verified_fields": ListOf(Str(), what=N_('a list of field paths')),
    "corrections_form": Int(get=_corrections_form),
    "seconds": Int(), "corrections": Int(),  # what the review cost: seconds in review, corrections made
}, what=N_('the review'))
FLAG = Obj(Flag, {
    "id": Str(), "kind": Str(), "severity": Str(choices=SEVERITIES), "field": Str(), "lines": ListOf(Int()),
    "excerpt": Str(omit=lambda v: not v), "message": Str(), "suggestion": Str(),
    "resolution": Str(choices=RESOLUTIONS),
}, what=N_('a flag'))
CORRECTION = Obj(Correction, {
    "at": DateTime(required=True), "field": Str(), "before": AnyValue(), "after": AnyValue(),
    "source": Str(choices=REPAIRS), "line": Int(), "column": Int(), "text": ListOf(Str()), "note": Str(),
    "undoes": Int(), "redoes": Int(),  # the place (from 0) of the correction an undo or a redo takes back or makes again
}, what=N_('a correction'), rules=(_repair_or_field,), json_rules={
    "if": {"required": ["source"]}, "then": {"required": ["line"]}, "else": {"required": ["field"]}})

PARTS = {  # what a reviewer edits: the paths into these are the session's fields
    "meeting": MEETING,
    "toc": ListOf(TOC, label="Indholdsfortegnelse"),
    "items": ListOf(ITEM),
    "attachment_index": ListOf(INDEX, label="Bilagsoversigt"),
    "signatures": ListOf(PERSON, label="Underskrifter"),
}
ROOT = Obj(Referat, PARTS, what=N_('the record'))
RECORD = Obj(Referat, {
    "schema": Const(SCHEMA, required=True, get=lambda ref, root: SCHEMA), "source": SOURCE, "review": REVIEW,
    **PARTS,
    "flags": ListOf(FLAG), "corrections": ListOf(CORRECTION),
}, what=N_('the record'))
