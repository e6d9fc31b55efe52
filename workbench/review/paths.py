"""Field paths into a Referat (SCHEMA.md's: `items[1].tables[0].rows[7][1]`), and the values they hold.

A path is parsed into parts (names and 0-based indices) and resolved against the dataclasses
to a `Slot`: the container (an object, a list, or an item's sections) and the key in it,
with the `Spec` of the value there. A spec turns what a user typed (or what a correction
holds) into the model's value, checked (`convert`, raising `ValueProblem` with a one-line
reason), and a model value back into its TOML-friendly form (`plain`: str, int, date, time,
bool, dicts and lists, the same shapes `record.to_dict` writes).
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass

from workbench.config import slug
from workbench.record import person_dict
from workbench.model import (Attachment, Decision, IndexEntry, Item, Meeting, Person, Referat, Section, Table,
                             TocEntry)

Part = str | int
MISSING = object()

_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+|\[\d+\])*")
_TOKEN = re.compile(r"\.?([A-Za-z0-9_]+)|\[(\d+)\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class PathError(ValueError):
    """A path that is not a field path, or names a field this record does not have."""


class ValueProblem(ValueError):
    """A value that does not fit its field: the message says why, in one line."""


def parse_path(text: str) -> tuple[Part, ...]:
    if not isinstance(text, str) or not _PATH.fullmatch(text):
        raise PathError(f"'{text}' is not a field path (e.g. items[1].title)")
    return tuple(m.group(1) if m.group(1) is not None else int(m.group(2)) for m in _TOKEN.finditer(text))


def try_parse(text: str) -> tuple[Part, ...] | None:
    try:
        return parse_path(text)
    except PathError:
        return None


def format_path(parts) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


def related(a: str, b: str) -> bool:
    """a is b, or lies below or above it."""
    return a == b or under(a, b) or under(b, a)


def under(path: str, top: str) -> bool:
    """path is top or lies below it."""
    return path == top or path.startswith(top + ".") or path.startswith(top + "[")


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


@dataclass
class Ctx:
    """What converting a value may need: the config (dates, access words, kinds) and the
    object that will hold the value (a new section takes its item's span)."""

    config: object = None
    owner: object = None


# --------------------------------------------------------------------------- specs


class Spec:
    required = False

    def convert(self, value, ctx: Ctx, old=None):
        raise NotImplementedError

    def plain(self, value):
        return value

    def describe(self) -> str:
        return "a value"


class Str(Spec):
    def __init__(self, required: bool = False, multiline: bool = False, what: str = "text"):
        self.required = required
        self.multiline = multiline
        self.what = what

    def convert(self, value, ctx, old=None):
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ValueProblem(f"needs {self.what}, not {type(value).__name__} {value!r}")
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if _CONTROL.search(value):
            raise ValueProblem("holds a control character")
        if not self.multiline:
            if "\n" in value:
                raise ValueProblem("must be one line")
            value = " ".join(value.split())
        else:
            value = value.strip()
        if not value:
            if self.required:
                raise ValueProblem("cannot be empty")
            return None
        return value


class Cell(Spec):
    """A table cell or column name: any one-line text, "" allowed (columns must line up)."""

    def convert(self, value, ctx, old=None):
        if value is None:
            value = ""
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueProblem(f"a table cell needs text, not {type(value).__name__}")
        value = str(value)
        if _CONTROL.search(value):
            raise ValueProblem("holds a control character")
        return " ".join(value.split())


class Int(Spec):
    def __init__(self, required: bool = False):
        self.required = required

    def convert(self, value, ctx, old=None):
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.required:
                raise ValueProblem("needs a number")
            return None
        if isinstance(value, bool):
            raise ValueProblem(f"needs a whole number, not {value!r}")
        if isinstance(value, str) and re.fullmatch(r"\s*\d{1,9}\s*", value):
            value = int(value)
        if not isinstance(value, int) or value < 0:
            raise ValueProblem(f"needs a whole number (0 or more), not {value!r}")
        return value


class Bool(Spec):
    def convert(self, value, ctx, old=None):
        if value is None:
            return False
        if isinstance(value, str) and value.strip().casefold() in ("true", "false", "ja", "nej", "yes", "no"):
            return value.strip().casefold() in ("true", "ja", "yes")
        if not isinstance(value, bool):
            raise ValueProblem(f"needs true or false, not {value!r}")
        return value


class Date(Spec):
    def convert(self, value, ctx, old=None):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, dt.datetime):
            raise ValueProblem("needs a date, not a date and time")
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            raise ValueProblem(f"needs a date (YYYY-MM-DD or DD-MM-YYYY), not {value!r}")
        text = value.strip()
        formats = ("%Y-%m-%d", "%d-%m-%Y") + tuple(getattr(ctx.config, "date_formats", ()) or ())
        for fmt in formats:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueProblem(f"'{text}' is not a date (write YYYY-MM-DD or DD-MM-YYYY)")


class Time(Spec):
    def convert(self, value, ctx, old=None):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, dt.time):
            return value.replace(tzinfo=None, microsecond=0)
        if not isinstance(value, str):
            raise ValueProblem(f"needs a time (HH:MM), not {value!r}")
        m = re.fullmatch(r"\s*(\d{1,2})[:.](\d\d)(?:[:.](\d\d))?\s*", value)
        if m:
            h, mi, s = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
            if h <= 23 and mi <= 59 and s <= 59:
                return dt.time(h, mi, s)
        raise ValueProblem(f"'{value.strip()}' is not a time (write HH:MM)")


class Access(Spec):
    def convert(self, value, ctx, old=None):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, str):
            v = value.strip().casefold()
            if v in ("open", "closed"):
                return v
            cfg = ctx.config
            found = cfg.access_of(value) if cfg is not None and hasattr(cfg, "access_of") else None
            if found:
                return found
        raise ValueProblem(f"needs 'open' or 'closed', not {value!r}")


class Kind(Spec):
    def convert(self, value, ctx, old=None):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        kinds = tuple(getattr(ctx.config, "kinds", None) or ("referat", "dagsorden"))
        if isinstance(value, str) and value.strip().casefold() in kinds:
            return value.strip().casefold()
        raise ValueProblem(f"needs one of {', '.join(repr(k) for k in kinds)}, not {value!r}")


class Key(Spec):
    """A section key: the lower-case ASCII slug of a heading."""

    required = True

    def convert(self, value, ctx, old=None):
        if not isinstance(value, str) or not slug(value):
            raise ValueProblem(f"needs a section name, not {value!r}")
        return slug(value)


class SectionText(Spec):
    """An item's section: the model holds a Section, the record its text ("" allowed)."""

    def convert(self, value, ctx, old=None):
        if value is None:
            value = ""
        if isinstance(value, Section):
            value = value.text
        if not isinstance(value, str):
            raise ValueProblem(f"a section needs text, not {type(value).__name__}")
        if _CONTROL.search(value):
            raise ValueProblem("holds a control character")
        return value.replace("\r\n", "\n").strip()

    def plain(self, value):
        return value.text if isinstance(value, Section) else value


class ListOf(Spec):
    def __init__(self, elem: Spec):
        self.elem = elem

    def convert(self, value, ctx, old=None):
        if value is None:
            value = []
        if not isinstance(value, (list, tuple)):
            raise ValueProblem(f"needs a list, not {type(value).__name__}")
        old = old if isinstance(old, list) else []
        out = []
        for j, v in enumerate(value):
            prev = old[j] if j < len(old) else None
            try:
                out.append(self.elem.convert(v, ctx, prev))
            except ValueProblem as exc:
                raise ValueProblem(f"[{j}] {exc}") from None
        return out

    def plain(self, value):
        return [self.elem.plain(v) for v in (value or [])]


class Row(ListOf):
    """A table row: a list of cells, as many as the table has columns."""

    def __init__(self):
        super().__init__(Cell())

    def convert(self, value, ctx, old=None):
        if isinstance(value, str):
            value = value.split("\t")
        row = super().convert(value, ctx, old)
        table = ctx.owner if isinstance(ctx.owner, Table) else None
        if table is not None and table.columns and len(row) != len(table.columns):
            raise ValueProblem(f"a row of this table needs {len(table.columns)} cells, not {len(row)}")
        return row


class Sections(Spec):
    """An item's sections: canonical key → Section, in document order. A section that keeps
    its text keeps its span; one renamed (same text, new key) or grown (text appended) keeps
    the span of what it came from."""

    def convert(self, value, ctx, old=None):
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise ValueProblem(f"sections need a table of key = text, not {type(value).__name__}")
        old = old if isinstance(old, dict) else {}
        owner = ctx.owner
        fallback = getattr(owner, "span", None) or (getattr(owner, "heading_line", None) or 1,) * 2
        out: dict[str, Section] = {}
        removed = [s for k, s in old.items() if k not in value]
        for key, text in value.items():
            k = Key().convert(key, ctx)
            if k in out:
                raise ValueProblem(f"section '{k}' is given twice")
            text = SectionText().convert(text, ctx)
            prev = old.get(k)
            if prev is not None and prev.text == text:
                out[k] = prev
                continue
            if prev is not None:
                sec = copy.copy(prev)
                sec.text = text
            else:
                src = next((s for s in removed if s.text == text), None)
                sec = copy.copy(src) if src is not None else Section(key=k, text=text, span=tuple(fallback))
                sec.key, sec.text = k, text
            for s in removed:
                if s.text and s.text in text and s is not prev:
                    sec.span = (min(sec.span[0], s.span[0]), max(sec.span[1], s.span[1]))
            out[k] = sec
        return out

    def plain(self, value):
        return {k: s.text for k, s in (value or {}).items()}


class Obj(Spec):
    """A dataclass of the model: its record keys, each with a spec; `needs` says which key
    (or one of which keys) a new one must have."""

    def __init__(self, cls, attrs: dict[str, Spec], needs: tuple[str, ...] = (), what: str = ""):
        self.cls = cls
        self.attrs = attrs
        self.needs = needs
        self.what = what or cls.__name__.lower()

    def convert(self, value, ctx, old=None):
        if isinstance(value, self.cls):
            value = self.plain(value)
        if not isinstance(value, dict):
            raise ValueProblem(f"{self.what} needs a table of fields, not {type(value).__name__}")
        unknown = [k for k in value if k not in self.attrs]
        if unknown:
            raise ValueProblem(f"{self.what} has no field '{unknown[0]}' (it has {', '.join(self.attrs)})")
        if self.needs and not any(value.get(k) not in (None, "", [], {}) for k in self.needs):
            raise ValueProblem(f"{self.what} needs {' or '.join(self.needs)}")
        obj = copy.copy(old) if isinstance(old, self.cls) else _blank(self.cls)
        inner = Ctx(ctx.config, obj)
        for key, spec in self.attrs.items():
            try:
                setattr(obj, key, spec.convert(value.get(key), inner, getattr(old, key, None) if old else None))
            except ValueProblem as exc:
                raise ValueProblem(f"{key} {exc}") from None
        if self.cls is Person and obj.vacant:
            obj.name = None
        return obj

    def plain(self, value):
        if value is None:
            return None
        return PLAIN[self.cls](value, self)


def _blank(cls):
    if cls is Item:
        return Item(title="")
    if cls is Decision:
        return Decision(text="")
    if cls is TocEntry:
        return TocEntry(title="")
    if cls is Table:
        return Table(section="", columns=[], rows=[], span=(1, 1))
    if cls is IndexEntry:
        return IndexEntry(item=None)
    return cls()


def _person(p: Person, spec) -> dict:
    return person_dict(p)


def _fields(*keys):
    def plain(obj, spec):
        return _clean({k: spec.attrs[k].plain(getattr(obj, k)) for k in keys})
    return plain


def _item(it: Item, spec) -> dict:
    d = _clean({"number": it.number, "title": it.title, "access": it.access, "journal": it.journal, "case": it.case})
    for key in ("sections", "tables", "people", "attachments", "decisions"):
        d[key] = spec.attrs[key].plain(getattr(it, key))
    return d


def _table(t: Table, spec) -> dict:
    return {"section": t.section, "columns": list(t.columns), "rows": [list(r) for r in t.rows]}


def _meeting(m: Meeting, spec) -> dict:
    d = _clean({"body": m.body, "kind": m.kind, "place": m.place, "date": m.date, "start": m.start, "end": m.end})
    d["members"] = spec.attrs["members"].plain(m.members)
    d["absent"] = spec.attrs["absent"].plain(m.absent)
    return d


PLAIN = {
    Person: _person,
    Item: _item,
    Table: _table,
    Meeting: _meeting,
    TocEntry: _fields("number", "title", "page"),
    Attachment: _fields("number", "access", "title", "ref"),
    Decision: _fields("body", "date", "text"),
    IndexEntry: _fields("item", "number", "access", "title", "ref"),
}

PERSON = Obj(Person, {"role": Str(what="a role"), "title": Str(), "name": Str(), "vacant": Bool()},
             needs=("title", "name", "vacant"), what="a person")
TABLE = Obj(Table, {"section": Key(), "columns": ListOf(Cell()), "rows": ListOf(Row())}, needs=("section",),
            what="a table")
ATTACHMENT = Obj(Attachment, {"number": Int(), "access": Access(), "title": Str(), "ref": Str()},
                 needs=("title", "ref", "number"), what="an attachment")
DECISION = Obj(Decision, {"body": Str(), "date": Date(), "text": Str(required=True, multiline=True)},
               needs=("text",), what="a decision")
ITEM = Obj(Item, {
    "number": Int(), "title": Str(required=True), "access": Access(), "journal": Str(), "case": Str(),
    "sections": Sections(), "tables": ListOf(TABLE), "people": ListOf(PERSON), "attachments": ListOf(ATTACHMENT),
    "decisions": ListOf(DECISION),
}, needs=("title",), what="an item")
TOC = Obj(TocEntry, {"number": Int(), "title": Str(required=True), "page": Int()}, needs=("title",),
          what="a toc entry")
INDEX = Obj(IndexEntry, {"item": Int(), "number": Int(), "access": Access(), "title": Str(), "ref": Str()},
            needs=("title", "ref", "number"), what="a Bilagsoversigt entry")
MEETING = Obj(Meeting, {
    "body": Str(), "kind": Kind(), "place": Str(), "date": Date(), "start": Time(), "end": Time(),
    "members": ListOf(PERSON), "absent": ListOf(PERSON),
}, what="the meeting")
ROOT = Obj(Referat, {"meeting": MEETING, "toc": ListOf(TOC), "items": ListOf(ITEM),
                     "attachment_index": ListOf(INDEX), "signatures": ListOf(PERSON)}, what="the record")


# --------------------------------------------------------------------------- slots


@dataclass
class Slot:
    """Where a path ends: `parent[key]` (a list or an item's sections) or `parent.key`."""

    parent: object
    key: Part
    spec: Spec
    owner: object  # the nearest model object at or above the parent
    path: tuple[Part, ...]

    @property
    def element(self) -> bool:
        """A list element or a section: it can be added and deleted, not only set."""
        return isinstance(self.parent, (list, dict))

    @property
    def in_list(self) -> bool:
        return isinstance(self.parent, list)

    def exists(self) -> bool:
        if isinstance(self.parent, list):
            return self.key < len(self.parent)
        if isinstance(self.parent, dict):
            return self.key in self.parent
        return getattr(self.parent, self.key) is not None

    def current(self):
        if isinstance(self.parent, list):
            return self.parent[self.key] if self.key < len(self.parent) else MISSING
        if isinstance(self.parent, dict):
            return self.parent.get(self.key, MISSING)
        return getattr(self.parent, self.key)

    def plain(self):
        value = self.current()
        return None if value is MISSING or value is None else self.spec.plain(value)

    def set(self, model_value) -> None:
        if isinstance(self.parent, list):
            self.parent[self.key] = model_value
        elif isinstance(self.parent, dict):
            if isinstance(model_value, Section):
                self.parent[self.key] = model_value
            elif self.key in self.parent:
                sec = self.parent[self.key]
                sec.text = model_value
            else:
                self.parent[self.key] = self._new_section(model_value)
        else:
            setattr(self.parent, self.key, model_value)

    def insert(self, model_value) -> None:
        if isinstance(self.parent, list):
            self.parent.insert(self.key, model_value)
        else:
            self.parent[self.key] = model_value if isinstance(model_value, Section) else self._new_section(model_value)

    def remove(self):
        if isinstance(self.parent, list):
            return self.parent.pop(self.key)
        if isinstance(self.parent, dict):
            return self.parent.pop(self.key)
        old = getattr(self.parent, self.key)
        setattr(self.parent, self.key, [] if isinstance(self.spec, ListOf) else
                {} if isinstance(self.spec, Sections) else None)
        return old

    def _new_section(self, text: str) -> Section:
        owner = self.owner
        span = getattr(owner, "span", None) or ((getattr(owner, "heading_line", None) or 1),) * 2
        return Section(key=self.key, text=text, span=tuple(span))


def resolve(ref: Referat, path: str | tuple) -> Slot:
    """The slot a path names. Raises PathError when a part of it does not exist: the last part
    may be one past a list's end, or a section the item does not have (to add one)."""
    parts = parse_path(path) if isinstance(path, str) else tuple(path)
    text = format_path(parts)
    node, spec, owner = ref, ROOT, ref
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        here = format_path(parts[: i + 1])
        if isinstance(spec, Obj):
            if not isinstance(part, str) or part not in spec.attrs:
                raise PathError(f"{text}: {spec.what} has no field '{part}'" if isinstance(part, str)
                                else f"{text}: {format_path(parts[:i]) or 'the record'} is not a list")
            child_spec = spec.attrs[part]
            child = getattr(node, part)
        elif isinstance(spec, ListOf):
            if not isinstance(part, int):
                raise PathError(f"{text}: {format_path(parts[:i])} is a list: index it with [n]")
            child_spec = spec.elem
            child = node[part] if part < len(node) else MISSING
            if child is MISSING and not (last and part == len(node)):
                raise PathError(f"{text}: there is no {here} ({format_path(parts[:i])} has {len(node)})")
        elif isinstance(spec, Sections):
            if not isinstance(part, str):
                raise PathError(f"{text}: sections are named, not numbered")
            if slug(part) != part:
                raise PathError(f"{text}: '{part}' is not a section key (lower-case ASCII, like sagsfremstilling)")
            child_spec = SectionText()
            child = node.get(part, MISSING)
            if child is MISSING and not last:
                raise PathError(f"{text}: there is no section {here}")
        else:
            raise PathError(f"{text}: {format_path(parts[:i])} holds a value, not fields")
        if last:
            return Slot(node, part, child_spec, owner, parts)
        if child is None:
            raise PathError(f"{text}: {here} is not set")
        node, spec = child, child_spec
        if not isinstance(child, (list, dict)):
            owner = child
    raise PathError("an empty path names no field")


def get(ref: Referat, path: str):
    """The TOML-friendly value at a path (None where the record leaves it out)."""
    slot = resolve(ref, path)
    if slot.element and not slot.exists():
        raise PathError(f"{path}: there is no such field")
    return slot.plain()


def span_of(ref: Referat, path: str) -> tuple[int, int] | None:
    """The source lines behind a field: its own span, else the nearest one above it."""
    parts = try_parse(path)
    if not parts:
        return None
    for n in range(len(parts), 0, -1):
        try:
            slot = resolve(ref, parts[:n])
        except PathError:
            continue
        value = slot.current()
        if n == len(parts) and isinstance(slot.parent, Meeting) and slot.key in slot.parent.spans:
            return tuple(slot.parent.spans[slot.key])
        if isinstance(slot.parent, Table) and slot.key == "rows" and n < len(parts):
            j = parts[n]  # a row (or a cell of it): the row's own lines
            if isinstance(j, int) and j < len(slot.parent.row_spans):
                return tuple(slot.parent.row_spans[j])
        span = getattr(value, "span", None) if value is not MISSING else None
        if span:
            return tuple(span)
    return None
