"""The `csv` export: one row per item, UTF-8 with a BOM (so Excel reads æøå), every cell made safe
against formula injection while a leading `- ` bullet stays as written."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from workbench.export.common import Planned, Record, attachment_title, decision_heading, plain, prepared

BOM = "\ufeff"
FIXED = ("meeting_id", "body", "kind", "date", "number", "title", "access", "case", "journal")
TAIL = ("decisions", "attachments", "status", "reviewer")
CANONICAL = ("sagsgang", "sagsansvarlig", "baggrund", "sagsfremstilling", "oekonomiske_konsekvenser", "indstilling")

_FORMULA_START = ("=", "+", "@", "\t", "\r", "-")
# `- ` and a letter, with nothing on the first line a formula needs (a call, a DDE link, an operator)
_BULLET = re.compile(r"- [^\W\d_][^\n()|!=+@]*(?:\n|$)")


def safe_cell(value) -> str:
    """The cell as text; one a spreadsheet would read as a formula gets a leading `'`."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _BULLET.match(text):
        return "'" + text
    return text


def section_keys(datas: list[dict]) -> list[str]:
    """The section columns: the canonical keys any item has, in their order, then the others sorted."""
    found = {k for d in datas for it in d.get("items", []) for k in it.get("sections", {})}
    return [k for k in CANONICAL if k in found] + sorted(found - set(CANONICAL))


def header(keys: list[str]) -> list[str]:
    return [*FIXED, *(f"sections.{k}" for k in keys), *TAIL]


def rows(data: dict, keys: list[str]) -> list[list]:
    p = plain(data)
    m = p.get("meeting", {})
    review = p.get("review", {})
    out = []
    for it_raw, it in zip(data.get("items", []), p.get("items", [])):
        decisions = "\n\n".join(f"{decision_heading(d)}:\n{d.get('text', '')}" for d in it_raw.get("decisions", []))
        attachments = "\n".join(attachment_title(a) for a in it.get("attachments", []))
        sections = it.get("sections", {})
        out.append([p["source"]["sha256"], m.get("body"), m.get("kind"), m.get("date"), it.get("number"),
                    it.get("title"), it.get("access"), it.get("case"), it.get("journal"),
                    *(sections.get(k) for k in keys),
                    decisions, attachments, review.get("status", "draft"), review.get("reviewer")])
    return out


def dumps(datas: list[dict]) -> bytes:
    keys = section_keys(datas)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in header(keys)])
    for data in datas:
        for row in rows(data, keys):
            writer.writerow([safe_cell(c) for c in row])
    return (BOM + buf.getvalue()).encode("utf-8")


def ours(existing: bytes) -> bool:
    """Empty, or our BOM and the first columns of our header."""
    return not existing.strip() or existing.startswith((BOM + ",".join(FIXED) + ",").encode("utf-8"))


def plan(records: list[Record], out: Path, public_only: bool, sources=None) -> list[Planned]:
    return [Planned(out, dumps([prepared(rec, public_only) for rec in records]), ours)]
