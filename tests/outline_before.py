"""The review outline as it was before the schema drove it (a frozen copy: test_outline.py holds the new one to it).

The record as an outline for the review screen: nodes with a label, a field path and the
source lines behind them. Domain code (no Textual): the tree widget only draws it."""
from __future__ import annotations

from dataclasses import dataclass, field

from workbench.model import Flag, Person, Referat, Span


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


def build(ref: Referat) -> list[Node]:
    m = ref.meeting
    meeting = Node("Møde", "meeting", children=[
        Node(f"Organ: {m.body or '—'}", "meeting.body", m.spans.get("body"), leaf=True),
        Node(f"Art: {m.kind or '—'}", "meeting.kind", m.spans.get("kind"), leaf=True),
        Node(f"Sted: {_short(m.place) or '—'}", "meeting.place", m.spans.get("place"), leaf=True),
        Node(f"Dato: {m.date or '—'}", "meeting.date", m.spans.get("date"), leaf=True, kind="date"),
        Node(f"Start: {m.start.strftime('%H:%M') if m.start else '—'}", "meeting.start", m.spans.get("start"), leaf=True, kind="time"),
        Node(f"Slut: {m.end.strftime('%H:%M') if m.end else '—'}", "meeting.end", m.spans.get("end"), leaf=True, kind="time"),
        Node(f"Medlemmer ({len(m.members)})", "meeting.members", m.spans.get("members"), children=[
            Node(_person(p), f"meeting.members[{j}].name", p.span, leaf=True, kind="person") for j, p in enumerate(m.members)]),
        Node(f"Fraværende ({len(m.absent)})", "meeting.absent", m.spans.get("absent"), children=[
            Node(_person(p), f"meeting.absent[{j}].name", p.span, leaf=True, kind="person") for j, p in enumerate(m.absent)]),
    ])
    nodes = [meeting]
    toc_span = (ref.toc[0].span[0], ref.toc[-1].span[1]) if ref.toc and ref.toc[0].span and ref.toc[-1].span else None
    nodes.append(Node(f"Indholdsfortegnelse ({len(ref.toc)})", "toc", toc_span, children=[
        Node(f"{e.number or '–'}. {_short(e.title)} (s. {e.page})", f"toc[{k}].title", e.span, leaf=True)
        for k, e in enumerate(ref.toc)]))
    for k, it in enumerate(ref.items):
        base = f"items[{k}]"
        kids = [
            Node(f"Titel: {_short(it.title)}", f"{base}.title", (it.heading_line, it.heading_line) if it.heading_line else it.span, leaf=True, kind="long"),
            Node(f"Nummer: {it.number if it.number is not None else '—'}", f"{base}.number", (it.heading_line, it.heading_line) if it.heading_line else None, leaf=True, kind="number"),
            Node(f"Adgang: {it.access or '—'}", f"{base}.access", (it.access_line, it.access_line) if it.access_line else None, leaf=True, kind="access"),
            Node(f"Journalnr.: {it.journal or '—'}", f"{base}.journal", it.span, leaf=True),
            Node(f"Sagsnr.: {it.case or '—'}", f"{base}.case", it.span, leaf=True),
        ]
        kids += [Node(f"§ {s.heading or key}: {_short(s.text, 36)}", f"{base}.sections.{key}", s.span, leaf=True, kind="long")
                 for key, s in it.sections.items()]
        for t, table in enumerate(it.tables):
            kids.append(Node(f"Tabel ({table.section}, {len(table.rows)} rækker)", f"{base}.tables[{t}]", table.span, children=[
                Node(" | ".join(_short(c, 20) for c in row), f"{base}.tables[{t}].rows[{r}]",
                     table.row_spans[r] if r < len(table.row_spans) else table.span, leaf=True, kind="long")
                for r, row in enumerate(table.rows)]))
        if it.people:
            kids.append(Node(f"Personer ({len(it.people)})", f"{base}.people", None, children=[
                Node(f"{p.role}: {_person(p)}", f"{base}.people[{j}].name", p.span, leaf=True, kind="person")
                for j, p in enumerate(it.people)]))
        kids.append(Node(f"Bilag ({len(it.attachments)})", f"{base}.attachments", None, children=[
            Node(f"{a.number or '–'} {a.access or ''} {_short(a.title, 30)} {a.ref or ''}".strip(), f"{base}.attachments[{j}].title",
                 a.span, leaf=True, kind="long") for j, a in enumerate(it.attachments)]))
        kids += [Node(f"Beslutning {d.date or ''}: {_short(d.text, 30)}", f"{base}.decisions[{j}].text", d.span, leaf=True, kind="long")
                 for j, d in enumerate(it.decisions)]
        label = f"{it.number}. {_short(it.title)}" if it.number is not None else f"(uden nr.) {_short(it.title)}"
        nodes.append(Node(label, base, it.span, children=kids))
    nodes.append(Node(f"Bilagsoversigt ({len(ref.attachment_index)})", "attachment_index", None, children=[
        Node(f"{e.item}.{e.number} {_short(e.title, 36) or e.access or ''}", f"attachment_index[{k}].title", e.span, leaf=True, kind="long")
        for k, e in enumerate(ref.attachment_index)]))
    nodes.append(Node(f"Underskrifter ({len(ref.signatures)})", "signatures", None, children=[
        Node(_person(p), f"signatures[{j}].name", p.span, leaf=True, kind="person") for j, p in enumerate(ref.signatures)]))
    return nodes


def walk(nodes: list[Node]):
    for node in nodes:
        yield node
        yield from walk(node.children)


def flags_under(flags: list[Flag], field: str, open_only: bool = True) -> list[Flag]:
    """The flags of a field and of everything below it ("items[1]" holds "items[1].title")."""
    out = []
    for f in flags:
        if open_only and (f.resolution != "open" or f.severity == "info"):
            continue
        if f.field == field or f.field.startswith(field + ".") or f.field.startswith(field + "["):
            out.append(f)
    return out


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
