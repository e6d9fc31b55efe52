"""How corrections are told to the reviewer: a value quoted short, a correction described, and
the moment one is made (UTC, whole seconds)."""
from __future__ import annotations

import datetime as dt

from workbench.model import Correction


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def short(value, width: int = 60) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        text = value.get("title") or value.get("name") or value.get("text") or ", ".join(
            f"{k}={v}" for k, v in value.items() if not isinstance(v, (dict, list)))
        text = str(text) if text else "{…}"
    elif isinstance(value, list):
        text = f"[{len(value)} entries]"
    else:
        text = str(value)
    text = " ".join(text.split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    return f"'{text}'"


def describe(c: Correction) -> str:
    if c.source is not None:
        return f"{c.source} of line {c.line}" + (f" at column {c.column}" if c.column is not None else "")
    return c.field or "?"
