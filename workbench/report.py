"""`workbench check`: flags grouped by item, as a table on a terminal or tab-separated lines."""
from __future__ import annotations

import re

from workbench.model import Referat
from workbench.record import dumps, to_dict
from workbench.visible import visible


def _group(field: str, ref: Referat) -> str:
    m = re.match(r"items\[(\d+)\]", field)
    if m:
        item = ref.items[int(m.group(1))]
        return f"{item.number}. {item.title}" if item.number is not None else item.title
    return field.split(".")[0].split("[")[0]


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
    for name, flags in groups.items():
        table = Table(title=escape(visible(name)), title_justify="left", expand=True)
        for col in ("severity", "kind", "lines", "message"):
            table.add_column(col, overflow="fold", ratio=4 if col == "message" else None)
        for f in flags:
            lines = f"{f.lines[0]}–{f.lines[1]}" if f.lines[0] != f.lines[1] else str(f.lines[0])
            msg = visible(f.message) + (f"\n→ {visible(f.suggestion)}" if f.suggestion else "")
            table.add_row(f"[{colour[f.severity]}]{f.severity}[/]", f.kind, lines, escape(msg))
        console.print(table)
    if not ref.flags:
        console.print("no flags")
