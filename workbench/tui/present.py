"""How the screen words what it shows: values as typed, a value named in a question, the detail pane's markup of a field (value, flags, history).

No Textual here: plain functions from the session's answers to Rich markup.
"""
from __future__ import annotations

import datetime as dt

from rich.markup import escape

from workbench.i18n import forms
from workbench.i18n.labels import field_label, resolution, severity
from workbench.tui import fields, text as T

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def as_typed(value) -> str:
    """A value of the history as the secretary typed or saw it, not as Python writes it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        if value and all(isinstance(v, list) for v in value):
            return " / ".join(" | ".join(map(str, row)) for row in value)
        return ", ".join(as_typed(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {as_typed(v)}" for k, v in value.items())
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return forms.show_date(value)
    if isinstance(value, dt.time):
        return forms.show_time(value)
    return str(value)


def describe(value) -> str:
    """A value as a person recognises it in a question: its title, name or text, shortened."""
    for key in ("title", "name", "text"):
        got = value.get(key) if isinstance(value, dict) else getattr(value, key, None)
        if got:
            value = got
            break
    words = " ".join(str(value).split())
    return f"'{words[:60]}…'" if len(words) > 60 else f"'{words}'"


def detail(session, field: str | None, node, flags: list, current_flag) -> str:
    """The detail pane of `field` (its outline `node`, the `flags` under it): value, verified mark,
    flags (the current one marked ▶) and history."""
    if session is None or field is None:
        return f"[dim]{T.SELECT_HINT}[/dim]"
    parts = [f"[b]{escape(field_label(field))}[/b]"]
    if node is not None and node.leaf:
        try:
            value = session.get(field)
        except Exception:
            value = None
        if isinstance(value, list) and fields.is_row(field):  # a table row: its cells, as in the tree
            shown = " | ".join(as_typed(v) for v in value)
        else:
            shown = as_typed(value)
        parts.append(escape(shown) if value not in (None, "", []) else f"[dim]{T.NO_VALUE}[/dim]")
    elif node is not None:
        parts.append(escape(node.label))
    if field in session.record.review.verified_fields:
        parts.append(f"[green]{T.FIELD_VERIFIED}[/green]")
    if flags:
        parts.append("")
        parts.append(f"[b]{T.FLAGS}[/b]")
    for f in flags:
        mark = "▶ " if current_flag is not None and f.id == current_flag.id else ""
        lines = T.LINES.format(first=f.lines[0], last=f.lines[1])
        parts.append(f"{mark}[{SEVERITY_STYLE[f.severity]}]{severity(f.severity)} {f.kind}[/] ({lines}) [dim]{resolution(f.resolution)}[/dim]")
        parts.append(f"  {escape(f.message)}")
        if f.excerpt:
            parts.append(f"  [dim]{T.SEEN}[/dim] {escape(f.excerpt)}")
        if f.suggestion:
            parts.append(f"  [dim]{T.SUGGESTION}[/dim] {escape(f.suggestion)}")
    history = session.history(field)
    if history:
        parts.append("")
        parts.append(f"[b]{T.HISTORY}[/b]")
        for c in history:
            parts.append(f"  {c.at:%Y-%m-%d %H:%M:%S}  {escape(as_typed(c.before))} → {escape(as_typed(c.after))}"
                         + (f" [dim]({escape(c.note)})[/dim]" if c.note else ""))
    return "\n".join(parts)
