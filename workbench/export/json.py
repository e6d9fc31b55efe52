"""The `json` export: each record as referat/1 in JSON, one file per record, the same keys as its TOML."""
from __future__ import annotations

import json
from pathlib import Path

from workbench import SCHEMA
from workbench.export.common import Planned, Record, plain, prepared


def dumps(data: dict) -> bytes:
    text = json.dumps(plain(data), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def ours(existing: bytes) -> bool:
    """A referat/1 record in JSON (an earlier export of this one, or of the record since renamed)."""
    try:
        data = json.loads(existing.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("schema") == SCHEMA


def plan(records: list[Record], out: Path, public_only: bool, sources=None) -> list[Planned]:
    return [Planned(out / f"{rec.stem}.json", dumps(prepared(rec, public_only)), ours) for rec in records]
