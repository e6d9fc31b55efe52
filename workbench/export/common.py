"""What every export format shares: reading the records of a folder (referat/1, checked), which of
them may be exported, the public variant of a record, plain JSON values, and writing the planned
files (each atomically, none over a file the workbench did not write).
"""
from __future__ import annotations

from workbench.i18n import _, ngettext

import copy
import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from workbench import SCHEMA
from workbench.errors import RecordError, UserError
from workbench.ownfiles import NotOurs, read_own

CLOSED_KEY = "lukket_punkt"  # the section a closed item keeps in a public export
CLOSED_TEXT = "Lukket punkt"  # its standard text, as OS2web_meetings publishes closed items
GENERATOR = "referat-workbench"


class ExportError(UserError):
    """An export that cannot be made as asked: one line, nothing written."""


@dataclass(frozen=True)
class Record:
    """One record file of the folder, read and checked."""

    path: Path
    data: dict

    @property
    def sha(self) -> str:
        return self.data["source"]["sha256"]

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def status(self) -> str:
        return self.data.get("review", {}).get("status", "draft")


@dataclass
class Planned:
    """A file an export will write: its bytes, and how to tell an earlier export of ours at its path
    (`ours(existing bytes)`). `via` names a file written first and then renamed into place, for a
    reader that watches names (OS2web reads every `*.xml*` name, temp files too)."""

    path: Path
    data: bytes
    ours: Callable[[bytes], bool]
    via: Path | None = None


# --------------------------------------------------------------------------- reading


def _sort_key(rec: Record):
    m = rec.data.get("meeting", {})
    date = m.get("date")
    return (date is None, date or dt.date.min, m.get("body", ""), m.get("kind", ""), rec.sha, rec.path.name)


def load_records(folder: Path) -> list[Record]:
    """The `*.toml` records of folder, in meeting order (date, body, kind, sha256), whatever order the
    folder lists them in. A file that is not a readable referat/1 record is refused by name."""
    from workbench.review.store import validate
    from workbench.settings import loads_toml

    folder = Path(folder)
    if not folder.exists():
        raise ExportError(_('{folder}: no such folder; give the folder the review saves records in').format(folder=folder))
    if not folder.is_dir():
        raise ExportError(_('{folder}: is not a folder; give the folder the review saves records in').format(folder=folder))
    try:
        paths = sorted(p for p in folder.iterdir() if p.name.endswith(".toml") and not p.name.startswith("."))
    except OSError as exc:
        raise ExportError(_('{folder}: cannot be read ({value})').format(folder=folder, value=exc.strerror or exc)) from None
    records: list[Record] = []
    for path in paths:
        try:
            raw = read_own(path)  # a link or a FIFO named *.toml is refused, not followed
        except NotOurs as exc:
            raise RecordError(f"{path}: {exc.strerror}") from None
        except OSError as exc:
            raise RecordError(_('{path}: cannot be read ({value})').format(path=path, value=exc.strerror or exc)) from None
        try:
            data = loads_toml(raw.decode("utf-8"), str(path), RecordError)
        except UnicodeDecodeError:
            raise RecordError(_('{path}: is not UTF-8 text, so not a {SCHEMA} record').format(path=path, SCHEMA=SCHEMA)) from None
        except tomllib.TOMLDecodeError as exc:
            raise RecordError(_('{path}: is not valid TOML ({value})').format(path=path, value=' '.join(str(exc).split()))) from None
        if data.get("schema") != SCHEMA:
            raise RecordError(_('{path}: is not a {SCHEMA} record (schema = {value!r}); the records folder should hold records only').format(path=path, SCHEMA=SCHEMA, value=data.get('schema')))
        validate(path, data)
        records.append(Record(path, data))
    seen: dict[str, Record] = {}
    for rec in records:
        if rec.sha in seen:
            raise ExportError(_('{path} and {name}: two records of one source (sha256 {sha}…); keep one of them').format(path=seen[rec.sha].path, name=rec.path.name, sha=rec.sha[:12]))
        seen[rec.sha] = rec
    if not records:
        raise ExportError(_('{folder}: holds no {SCHEMA} records (*.toml); nothing was exported').format(folder=folder, SCHEMA=SCHEMA))
    return sorted(records, key=_sort_key)


def open_errors(data: dict) -> int:
    return sum(1 for f in data.get("flags", [])
               if f.get("severity") == "error" and f.get("resolution", "open") == "open")


def exportable(records: list[Record], drafts: bool) -> list[Record]:
    """The records, unless one is a draft or has open error flags and `drafts` (--all) is not given."""
    if drafts:
        return records
    for rec in records:
        errors = open_errors(rec.data)
        if rec.status != "verified":
            raise ExportError(_('{path}: is a draft, not verified; verify it in the review, or give --all to export drafts too (marked as drafts)').format(path=rec.path))
        if errors:
            raise ExportError(ngettext("{path}: has {n} open error flag; resolve it in the review, or give --all",
                                       "{path}: has {n} open error flags; resolve them in the review, or give --all",
                                       errors).format(path=rec.path, n=errors))
    return records


# --------------------------------------------------------------------------- values


def is_closed(thing: dict) -> bool:
    """An item or attachment is closed only where the record says so (OS2web too takes open as the default)."""
    return thing.get("access") == "closed"


def public(data: dict) -> dict:
    """The record as the public may read it: a closed item keeps its number and title and gets the
    standard text; closed attachments and the index entries of closed items or attachments are left
    out; no flags (their excerpts quote the source), no corrections (their values), no review details."""
    out = {k: copy.deepcopy(v) for k, v in data.items() if k not in ("flags", "corrections")}
    review = data.get("review", {})
    out["review"] = {k: review[k] for k in ("status", "reviewer", "verified_at") if k in review}
    items, closed_numbers = [], set()
    for it in out.get("items", []):
        if is_closed(it):
            if "number" in it:
                closed_numbers.add(it["number"])
            kept = {k: it[k] for k in ("number", "title", "access") if k in it}
            kept.update(sections={CLOSED_KEY: CLOSED_TEXT}, tables=[], people=[], attachments=[], decisions=[])
            items.append(kept)
        else:
            it["attachments"] = [a for a in it.get("attachments", []) if not is_closed(a)]
            items.append(it)
    out["items"] = items
    out["attachment_index"] = [e for e in out.get("attachment_index", [])
                               if not is_closed(e) and e.get("item") not in closed_numbers]
    return out


def prepared(rec: Record, public_only: bool) -> dict:
    return public(rec.data) if public_only else rec.data


def plain(value):
    """A record value as JSON has it: dates, times and moments as ISO 8601 text (UTC as `Z`)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def attachment_title(a: dict) -> str:
    """An attachment's title; one the document gives none for (a closed one) is `Bilag N`."""
    return a.get("title") or (f"Bilag {a['number']}" if "number" in a else "Bilag")


def decision_heading(d: dict) -> str:
    """`Beslutning i Direktionen den 29-01-2025`, as the referater write it."""
    words = ["Beslutning"]
    if d.get("body"):
        words.append(f"i {d['body']}")
    if isinstance(d.get("date"), dt.date):
        words.append(f"den {d['date'].strftime('%d-%m-%Y')}")
    return " ".join(words)


# --------------------------------------------------------------------------- writing


def check_planned(plan: list[Planned]) -> None:
    """Before anything is written: every path is free, or holds an export of ours."""
    from workbench.record import check_output

    for p in plan:
        check_output(p.path, ExportError)  # a folder, device, FIFO or link is refused
        try:
            existing = read_own(p.path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise ExportError(_('{path}: cannot be read ({value}); nothing was exported').format(path=p.path, value=exc.strerror or exc)) from None
        if existing != p.data and not p.ours(existing):
            raise ExportError(_('{path}: exists and was not written by the workbench; nothing was exported (move it away or give another -o)').format(path=p.path))


def write_planned(plan: list[Planned]) -> None:
    import os

    from workbench.record import fsync_dir, write_atomic

    check_planned(plan)
    for p in plan:
        if p.via is None:
            write_atomic(p.path, p.data, ExportError)
            continue
        write_atomic(p.via, p.data, ExportError)
        try:
            os.replace(p.via, p.path)
        except OSError as exc:
            raise ExportError(_('{path}: could not be written ({value})').format(path=p.path, value=exc.strerror or exc)) from None
        fsync_dir(p.path.parent)


def folder_for(out: Path) -> Path:
    """An output folder: made where missing; a file there is refused."""
    if out.exists() and not out.is_dir():
        raise ExportError(_('{out}: is not a folder; this format writes a folder (give -o a folder)').format(out=out))
    return out
