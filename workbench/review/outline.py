"""The record as an outline for the review screen: nodes with a label, a field path and the
source lines behind them, labelled and typed by the schema (`workbench.schema`); and the flags
indexed by field once, for the counts on every node. Domain code (no Textual): the tree widget
only draws it."""
from __future__ import annotations

from dataclasses import dataclass, field

from workbench.model import Flag, Person, Referat, Span
from workbench.schema import PARTS, ListOf, Obj, Sections
from workbench.schema.referat import ITEM, MEETING, PERSON


@dataclass
class Node:
    label: str
    field: str
    span: Span | None = None
    children: list["Node"] = field(default_factory=list)
    leaf: bool = False  # an editable value (not a group)
    kind: str = "text"  # what editor the value wants: text, long, person, date, time, number, access


def _short(text: str | None, width: int = 48) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _person(p: Person) -> str:
    return " ".join(x for x in (p.title, "Vakant" if p.vacant else p.name) if x) or "(tom)"


def _label(key: str) -> str:
    return PARTS[key].label


def _values(obj, spec: Obj, base: str) -> list[Node]:
    """A leaf for each single value of obj (`Organ: Direktionen`), `spec.shown` first."""
    keys = list(spec.shown) + [k for k in spec.attrs if k not in spec.shown]
    spans = getattr(obj, "spans", None)
    out = []
    for key in keys:
        s = spec.attrs[key]
        span = spans.get(key) if spans is not None else getattr(obj, "span", None)
        if isinstance(s, (ListOf, Obj, Sections)):
            continue
        value = getattr(obj, key)
        shown = "—" if value is None else (_short(s.show(value), s.width) if s.width else s.show(value))
        out.append(Node(f"{s.label}: {shown}", f"{base}.{key}", s.span(obj) if s.span else span, leaf=True,
                        kind=s.edit))
    return out


def _people(label: str, base: str, people: list[Person], span=None, role: bool = False) -> Node:
    return Node(f"{label} ({len(people)})", base, span, children=[
        Node(f"{p.role}: {_person(p)}" if role else _person(p), f"{base}[{j}].name", p.span, leaf=True, kind="person")
        for j, p in enumerate(people)])


def build(ref: Referat) -> list[Node]:
    m = ref.meeting
    people = [_people(s.label, f"meeting.{key}", getattr(m, key), m.spans.get(key))
              for key, s in MEETING.attrs.items() if isinstance(s, ListOf) and s.elem is PERSON]
    nodes = [Node(MEETING.label, "meeting", children=_values(m, MEETING, "meeting") + people)]
    toc_span = (ref.toc[0].span[0], ref.toc[-1].span[1]) if ref.toc and ref.toc[0].span and ref.toc[-1].span else None
    nodes.append(Node(f"{_label('toc')} ({len(ref.toc)})", "toc", toc_span, children=[
        Node(f"{e.number or '–'}. {_short(e.title)} (s. {e.page})", f"toc[{k}].title", e.span, leaf=True)
        for k, e in enumerate(ref.toc)]))
    a = ITEM.attrs
    for k, it in enumerate(ref.items):
        base = f"items[{k}]"
        kids = _values(it, ITEM, base)
        kids += [Node(f"{a['sections'].label} {s.heading or key}: {_short(s.text, 36)}", f"{base}.sections.{key}",
                      s.span, leaf=True, kind=a["sections"].elem.edit) for key, s in it.sections.items()]
        for t, table in enumerate(it.tables):
            kids.append(Node(f"{a['tables'].label} ({table.section}, {len(table.rows)} rækker)", f"{base}.tables[{t}]",
                             table.span, children=[
                Node(" | ".join(_short(c, 20) for c in row), f"{base}.tables[{t}].rows[{r}]",
                     table.row_spans[r] if r < len(table.row_spans) else table.span, leaf=True, kind="long")
                for r, row in enumerate(table.rows)]))
        if it.people:
            kids.append(_people(a["people"].label, f"{base}.people", it.people, role=True))
        kids.append(Node(f"{a['attachments'].label} ({len(it.attachments)})", f"{base}.attachments", None, children=[
            Node(f"{x.number or '–'} {x.access or ''} {_short(x.title, 30)} {x.ref or ''}".strip(),
                 f"{base}.attachments[{j}].title", x.span, leaf=True, kind=a["attachments"].elem.attrs["title"].edit)
            for j, x in enumerate(it.attachments)]))
        kids += [Node(f"{a['decisions'].label} {d.date or ''}: {_short(d.text, 30)}", f"{base}.decisions[{j}].text",
                      d.span, leaf=True, kind=a["decisions"].elem.attrs["text"].edit) for j, d in enumerate(it.decisions)]
        label = f"{it.number}. {_short(it.title)}" if it.number is not None else f"(uden nr.) {_short(it.title)}"
        nodes.append(Node(label, base, it.span, children=kids))
    index = PARTS["attachment_index"]
    nodes.append(Node(f"{index.label} ({len(ref.attachment_index)})", "attachment_index", None, children=[
        Node(f"{e.item}.{e.number} {_short(e.title, 36) or e.access or ''}", f"attachment_index[{k}].title", e.span,
             leaf=True, kind=index.elem.attrs["title"].edit) for k, e in enumerate(ref.attachment_index)]))
    nodes.append(_people(_label("signatures"), "signatures", ref.signatures))
    return nodes


def walk(nodes: list[Node]):
    for node in nodes:
        yield node
        yield from walk(node.children)


def _counts(flag: Flag) -> bool:
    return flag.resolution == "open" and flag.severity != "info"


def _heads(path: str):
    """The field itself and every field above it (`items[1].tables[0]`: items, items[1], items[1].tables)."""
    for i, ch in enumerate(path):
        if ch in ".[" and i:
            yield path[:i]
    yield path


class FlagIndex:
    """The flags by every field that holds them, made once: `under(field)` is a look-up, not a
    search of every flag (a 200-page record made millions of comparisons, one search per node)."""

    def __init__(self, flags: list[Flag]):
        self.all: dict[str, list[Flag]] = {}
        self.open: dict[str, list[Flag]] = {}
        for f in flags:
            for head in _heads(f.field):
                self.all.setdefault(head, []).append(f)
                if _counts(f):
                    self.open.setdefault(head, []).append(f)

    def under(self, field: str, open_only: bool = True) -> list[Flag]:
        return list((self.open if open_only else self.all).get(field, ()))


def flags_under(flags: list[Flag] | FlagIndex, field: str, open_only: bool = True) -> list[Flag]:
    """The flags of a field and of everything below it ("items[1]" holds "items[1].title"), in the
    flags' order. Given a FlagIndex (for many fields), a look-up."""
    if isinstance(flags, FlagIndex):
        return flags.under(field, open_only)
    return [f for f in flags if (not open_only or _counts(f)) and _within(f.field, field)]


def _within(field: str, base: str) -> bool:
    return field == base or field.startswith(base + ".") or field.startswith(base + "[")


def node_for_flag(nodes: list[Node], flag: Flag) -> Node | None:
    """The deepest node whose field holds the flag's field; else the first node below the flag's field."""
    best = None
    for node in walk(nodes):
        if _within(flag.field, node.field) and (best is None or len(node.field) > len(best.field)):
            best = node
    if best is not None:
        return best
    return next((node for node in walk(nodes) if _within(node.field, flag.field)), None)
