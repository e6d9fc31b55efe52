"""Field paths and match certainty as a person reads them: `items[3].attachments[1]` is "punkt 4, bilag 2"
(in English "item 4, attachment 2"), a roster match is "sikker" or "usikker", never a score.

No record is needed: an index counts from 1 in the order of the record (the fourth item is "punkt 4"),
a section is named by its own heading (`items[0].sections.Beslutning` is 'punkt 1, afsnittet "Beslutning"').
A part this module has no word for is shown as written, so a new field is never hidden.
"""
from __future__ import annotations

import re

from workbench.i18n import N_, NP_, _, pgettext

# a list's name → its member, "{n}" the 1-based position
_MEMBER = {
    "items": N_("item {n}"), "attachments": N_("attachment {n}"), "tables": N_("table {n}"),
    "rows": N_("row {n}"), "decisions": N_("decision {n}"), "people": N_("person {n}"),
    "members": N_("member {n}"), "absent": N_("absentee {n}"), "signatures": N_("signature {n}"),
    "toc": N_("table of contents, line {n}"), "attachment_index": N_("list of attachments, line {n}"),
    "cells": N_("cell {n}"), "columns": N_("column {n}"),
}
# a name alone: a value, or a list as a whole
_NAME = {
    "meeting": N_("the meeting"), "items": N_("the items"), "attachments": N_("attachments"),
    "tables": N_("tables"), "rows": N_("rows"), "decisions": N_("decisions"), "people": N_("people"),
    "members": N_("members"), "absent": N_("absentees"), "signatures": N_("signatures"),
    "toc": N_("table of contents"), "attachment_index": N_("list of attachments"), "source": N_("the source"),
    "sections": N_("sections"), "title": N_("title"), "number": N_("number"), "access": N_("access"),
    "journal": N_("journal number"), "case": N_("case number"), "date": N_("date"), "body": N_("committee"),
    "kind": N_("kind of meeting"), "place": N_("place"), "start": N_("start"), "end": N_("end"),
    "text": N_("text"), "name": N_("name"), "ref": N_("document number"), "columns": N_("columns"),
    "section": N_("section"), "header": N_("heading row"), "role": N_("role"), "cells": N_("cells"),
}
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _parts(path: str) -> list[str | int] | None:
    out: list[str | int] = []
    pos = 0
    for m in _PART.finditer(path):
        if m.start() != pos and path[pos:m.start()] != ".":
            return None
        out.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
        pos = m.end()
    return out if out and pos == len(path) else None


def field_label(path: str | None) -> str:
    """A field path in words of the language spoken now ("punkt 4, bilag 2"); what is not a path, as it is."""
    if not path:
        return ""
    parts = _parts(path)
    if parts is None:
        return path
    words: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if isinstance(part, int):  # an index with no list before it
            words.append(str(part + 1))
        elif isinstance(nxt, int) and part in _MEMBER:
            words.append(_(_MEMBER[part]).format(n=nxt + 1))
            i += 1
        elif part == "sections" and isinstance(nxt, str):
            words.append(_('section "{heading}"').format(heading=nxt))
            i += 1
        elif part == "meeting" and nxt is not None:
            words.append(pgettext("field", "meeting"))
        else:
            words.append(_(_NAME[part]) if part in _NAME else part)
        i += 1
    return ", ".join(words)


def certainty(certain: bool) -> str:
    """A roster match in a word: "sikker" (certain) or "usikker" (uncertain), never its score."""
    return pgettext("match", "certain") if certain else pgettext("match", "uncertain")


_SEVERITY = {"error": NP_("severity", "error"), "warning": NP_("severity", "warning"), "info": NP_("severity", "info")}
_RESOLUTION = {"open": NP_("resolution", "open"), "accepted": NP_("resolution", "accepted"),
               "corrected": NP_("resolution", "corrected"), "resolved": NP_("resolution", "resolved")}


def severity(word: str) -> str:
    """A flag's severity in words ("fejl", "advarsel", "info"); the record keeps the English value."""
    return pgettext("severity", _SEVERITY[word]) if word in _SEVERITY else word


def resolution(word: str) -> str:
    """A flag's resolution in words ("åben", "godkendt", "rettet"); the record keeps the English value."""
    return pgettext("resolution", _RESOLUTION[word]) if word in _RESOLUTION else word
