"""`workbench export`: verified referat/1 records → the shapes their consumers read (json, jsonl,
csv, os2web), each format in its own module, all built from the record files; `public` leaves the
content of closed items out."""
from __future__ import annotations

from workbench.i18n import _

from dataclasses import dataclass
from pathlib import Path

from workbench.export import common

FORMATS = ("json", "jsonl", "csv", "os2web")
FILE_FORMATS = {"jsonl": "referater.jsonl", "csv": "referater.csv"}  # one file; the others a folder


@dataclass
class Done:
    out: Path
    records: int
    items: int
    files: int


def default_out(folder: Path, fmt: str, public: bool) -> Path:
    """<records folder>/exports/<format>[-public] (a folder), or …/exports/referater[-public].<ext>."""
    base = Path(folder) / "exports"
    suffix = "-public" if public else ""
    if fmt in FILE_FORMATS:
        stem, ext = FILE_FORMATS[fmt].split(".")
        return base / f"{stem}{suffix}.{ext}"
    return base / f"{fmt}{suffix}"


def export(folder: Path, fmt: str, out: Path | None = None, public: bool = False, drafts: bool = False,
           sources: list[Path] | None = None, limit: int = 200_000_000) -> Done:
    """Export the records of folder; raises a UserError (one line, nothing written) when it cannot."""
    from importlib import import_module

    if fmt not in FORMATS:
        raise common.ExportError(_('unknown export format {fmt!r}; one of {FORMATS}').format(fmt=fmt, FORMATS=', '.join(FORMATS)))
    records = common.exportable(common.load_records(folder), drafts)
    target = Path(out) if out is not None else default_out(folder, fmt, public)
    if fmt in FILE_FORMATS:
        if target.is_dir():
            target = target / FILE_FORMATS[fmt].replace(".", "-public." if public else ".")
    else:
        target = common.folder_for(target)
    module = import_module(f"workbench.export.{fmt}")
    kwargs = {"limit": limit} if fmt == "os2web" else {}
    plan = module.plan(records, target, public, sources, **kwargs)
    common.write_planned(plan)
    items = sum(len(r.data.get("items", [])) for r in records)
    return Done(target, len(records), items, len(plan))
