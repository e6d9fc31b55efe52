"""Undo/redo links of corrections: read from their fields, or from the note of an older workbench.

A correction that takes another back carries `undoes = k`, one that makes it again `redoes = k`
(k: that correction's place in the record's corrections). Journal lines and records written
since CORRECTIONS_FORM 2 say so (a line's "v", a record's review.corrections_form), and for them
the note is only text for the reviewer: a note that reads "undo of #3" links nothing.

Older workbenches wrote the link only into the note ("undo of #k: …", "redo of #k: …"); what
they wrote is read by `from_note`, exactly as they read it, and carries the fields from then on
(the note is kept as it was, so an older workbench still reads what this one writes).
"""
from __future__ import annotations

import re

from workbench.model import CORRECTIONS_FORM

FORM = CORRECTIONS_FORM
KEYS = ("undoes", "redoes")
_NOTE = re.compile(r"^(undo|redo) of #(\d+)")


def from_note(note) -> tuple[int | None, int | None]:
    """(undoes, redoes) as an older workbench read them from a correction's note."""
    m = _NOTE.match(note) if isinstance(note, str) else None
    if m is None:
        return None, None
    k = int(m.group(2))
    return (k, None) if m.group(1) == "undo" else (None, k)


def well_formed(values: dict) -> bool:
    """Whether the link fields of a correction (as read) are places in a list: whole numbers from
    0, and at most one of them."""
    links = [values[k] for k in KEYS if values.get(k) is not None]
    return len(links) <= 1 and all(isinstance(k, int) and not isinstance(k, bool) and k >= 0 for k in links)


def linked(values: dict, form) -> dict:
    """The values of a correction read in this form (None: an older workbench's) with its links
    as fields: from the fields in form 2, from the note before it."""
    if form is not None:
        return dict(values)
    values = {k: v for k, v in values.items() if k not in KEYS}  # fields an older workbench never read
    undoes, redoes = from_note(values.get("note"))
    values.update({k: v for k, v in (("undoes", undoes), ("redoes", redoes)) if v is not None})
    return values


def newer(form) -> bool:
    """Whether this form marker is of a newer workbench than this one (it may link otherwise)."""
    return isinstance(form, int) and not isinstance(form, bool) and form > FORM
