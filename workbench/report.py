"""`workbench check`: flags grouped by item, as a table on a terminal or tab-separated lines.

The table is for a person: headings, severities and fields in words of the language spoken
("punkt 4, bilag 2"); the tab-separated lines are for tools and keep the record's values (the
field path, the English severity), only the message is in the language spoken."""
from __future__ import annotations

import re

from workbench.i18n import _
from workbench.i18n.labels import field_label, severity
from workbench.model import Referat
from workbench.record import dumps, to_dict
from workbench.visible import visible


def _group(field: str, ref: Referat) -> str:
    m = re.match(r"items\[(\d+)\]", field)
    if m:
        item = ref.items[int(m.group(1))]
        return f"{item.number}. {item.title}" if item.number is not None else item.title
    return field_label(field.split(".")[0].split("[")[0])


def print_flags(ref: Referat, fmt: str, out) -> None:
    if fmt == "toml":
        out.write(dumps({"flags": to_dict(ref)["flags"]}))
        return
    if fmt == "auto":
        fmt = "table" if out.isatty() else "tsv"
    if fmt == "tsv":
        for f in ref.flags:
            lines = f"{f.lines[0]}-{f.lines[1]}" if f.lines[0] != f.lines[1] else str(f.lines[0])
            out.write("\t".join(visible(v) for v in (f.severity, f.kind, lines, f.field, f.message)) + "\n")
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=out)
    groups: dict[str, list] = {}
    for f in ref.flags:
        groups.setdefault(_group(f.field, ref), []).append(f)
    colour = {"error": "bold red", "warning": "yellow", "info": "dim"}
    heads = {"severity": _("severity"), "kind": _("kind"), "lines": _("lines"), "field": _("field"),
             "message": _("message")}
    for name, flags in groups.items():
        table = Table(title=escape(visible(name)), title_justify="left", expand=True)
        for col in ("severity", "kind", "lines", "field", "message"):
            table.add_column(heads[col], overflow="fold", ratio=4 if col == "message" else 2 if col == "field" else None)
        for f in flags:
            lines = f"{f.lines[0]}–{f.lines[1]}" if f.lines[0] != f.lines[1] else str(f.lines[0])
            msg = visible(f.message) + (f"\n→ {visible(f.suggestion)}" if f.suggestion else "")
            table.add_row(f"[{colour[f.severity]}]{escape(severity(f.severity))}[/]", f.kind, lines,
                          escape(visible(field_label(f.field))), escape(msg))
        console.print(table)
    if not ref.flags:
        console.print(_("no flags"))
