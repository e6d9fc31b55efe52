"""The `jsonl` export: one JSON object a line, one line per item, the flat shape search indexes and
RAG pipelines take (meeting id = the source's sha256; values the record leaves out are null)."""
from __future__ import annotations

import json
from pathlib import Path

from workbench.export.common import Planned, Record, attachment_title, plain, prepared

KEYS = ("id", "meeting_id", "body", "kind", "date", "number", "title", "access", "case", "journal",
        "sections", "tables", "decisions", "attachments", "status", "reviewer")


def item_rows(data: dict) -> list[dict]:
    """The lines of one (already public, where asked) record, as plain dicts keyed by KEYS."""
    m = data.get("meeting", {})
    review = data.get("review", {})
    sha = data["source"]["sha256"]
    rows = []
    for k, it in enumerate(data.get("items", [])):
        rows.append(plain({
            "id": f"{sha}-{k + 1}",
            "meeting_id": sha,
            "body": m.get("body"),
            "kind": m.get("kind"),
            "date": m.get("date"),
            "number": it.get("number"),
            "title": it.get("title"),
            "access": it.get("access"),
            "case": it.get("case"),
            "journal": it.get("journal"),
            "sections": dict(it.get("sections", {})),
            "tables": [{"section": t.get("section"), "columns": t.get("columns", []), "rows": t.get("rows", [])}
                       for t in it.get("tables", [])],
            "decisions": [{"body": d.get("body"), "date": d.get("date"), "text": d.get("text")}
                          for d in it.get("decisions", [])],
            "attachments": [attachment_title(a) for a in it.get("attachments", [])],
            "status": review.get("status", "draft"),
            "reviewer": review.get("reviewer"),
        }))
    return rows


def line(row: dict) -> str:
    text = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
    # U+2028/2029 are valid in JSON but end a line for many line readers: written escaped
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def ours(existing: bytes) -> bool:
    """Empty, or a first line that is one of our item objects."""
    if not existing.strip():
        return True
    try:
        first = json.loads(existing.split(b"\n", 1)[0].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(first, dict) and tuple(first) == KEYS


def plan(records: list[Record], out: Path, public_only: bool, sources=None) -> list[Planned]:
    text = "".join(line(row) for rec in records for row in item_rows(prepared(rec, public_only)))
    return [Planned(out, text.encode("utf-8"), ours)]
