"""Flags that corrections raise on the record: a correction or repair that could not be laid back
(a warning saying which and why), and a person's name typed in review that the roster does not
know for certain (name_unknown, with the closest roster name)."""
from __future__ import annotations

import datetime as dt
import re

from workbench.checks import SEVERITY_ORDER, make_flag
from workbench.i18n import _
from workbench.model import Correction, Flag, Referat, SourceText, FlagKind
from workbench.review.paths import span_of
from workbench.review.wording import describe, short

PERSON_NAME = re.compile(r"^(?:meeting\.(?:members|absent)|signatures|items\[\d+\]\.people)\[\d+\]\.name$")


def _has(record: Referat, flag: Flag) -> bool:
    return any(f.id == flag.id for f in record.flags)


def unfit(record: Referat, source: SourceText, i: int, c: Correction, reason: str) -> None:
    """Correction #i could not be made again (reason): a warning flag on its field or line says so."""
    when = c.at.strftime("%Y-%m-%d %H:%M") if isinstance(c.at, dt.datetime) else "?"
    if c.source is not None:
        n = len(source.lines)
        no = c.line if isinstance(c.line, int) and 1 <= c.line <= n else 1
        field, lines, what = "source", (no, no), describe(c)
        message = (f"Your repair of the source ({what}), made {when}, could not be laid back: {reason}. "
                   "No other line was repaired in its place: check the lines and repair them again "
                   "if they still need it.")
    else:
        field = c.field or "?"
        lines = span_of(record, field) or (1, 1)
        what = f"{field} ({short(c.before)} → {short(c.after)})"
        message = (f"Your correction of {what}, made {when}, could not be re-applied: {reason}. "
                   "Check the field and correct it again if it still needs it.")
    flag = make_flag(FlagKind.LOW_CONFIDENCE, "warning", field, lines, message, excerpt=f"correction {i}: {what}")
    if not _has(record, flag):
        record.flags.append(flag)


def typed_name(record: Referat, roster, c: Correction) -> None:
    """A person's name typed in review that the roster does not know for certain keeps a name_unknown
    flag on it (open until accepted, or the name is learned), with the closest roster name."""
    if not (c.field and PERSON_NAME.match(c.field)):
        return
    for f in record.flags:  # a name typed before and changed since: its flag has done its work
        if f.kind == FlagKind.NAME_UNKNOWN and f.field == c.field and f.resolution == "open" \
                and "typed in review" in f.message and f.excerpt != c.after:
            f.resolution = "fixed"
    if not (isinstance(c.after, str) and c.after.strip()):
        return
    match = roster.best(c.after) if roster is not None else None
    if match is not None and match.certain and match.person.name == c.after:
        return
    try:
        span = span_of(record, c.field) or (1, 1)
    except Exception:
        span = (1, 1)
    message = _("'{name}' was typed in review and is not in the roster; the closest is '{close}'. Accept it, or learn it with r.") \
        if match is not None and match.score >= 75 else \
        _("'{name}' was typed in review and is not in the roster. Accept it, or learn it with r.")
    flag = make_flag(FlagKind.NAME_UNKNOWN, "warning", c.field, span,
                     message.format(name=c.after, close=match.person.name if match is not None else ""), excerpt=c.after,
                     suggestion=match.person.name if match is not None and match.score >= 75 else None)
    if not _has(record, flag):
        record.flags.append(flag)
        record.flags.sort(key=lambda f: (f.lines[0], SEVERITY_ORDER.get(f.severity, 9), f.kind))
