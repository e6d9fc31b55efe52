"""Flag rules: what the parser noticed, and cross-checks of the record, as flags (SCHEMA.md)."""
from __future__ import annotations

import hashlib

from workbench.model import Flag, Referat
from workbench.parse.blocks import Note

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def flag_id(kind: str, field: str, excerpt: str) -> str:
    """Stable across re-parses: the same kind, field and excerpt give the same id."""
    digest = hashlib.sha1(f"{kind}\x1f{field}\x1f{' '.join(excerpt.split())}".encode()).hexdigest()
    return f"{kind}-{digest[:6]}"


def make_flag(kind: str, severity: str, field: str, lines: tuple[int, int], message: str,
              excerpt: str = "", suggestion: str | None = None) -> Flag:
    flag = Flag(kind=kind, severity=severity, field=field, lines=(min(lines), max(lines)), message=message,
                excerpt=excerpt, suggestion=suggestion)
    flag.id = flag_id(kind, field, excerpt)
    return flag


def from_notes(notes: list[tuple[str, Note]]) -> list[Flag]:
    return [make_flag(n.kind, n.severity, path, n.lines, n.message, n.excerpt, n.suggestion) for path, n in notes]


def run_checks(ref: Referat, notes: list[tuple[str, Note]], roster=None, config=None) -> list[Flag]:
    flags = from_notes(notes)
    meeting = ref.meeting
    for key, where in meeting.inferred.items():
        span = meeting.spans.get(key, (1, 1))
        value = getattr(meeting, key)
        flags.append(make_flag("inferred_value", "warning", f"meeting.{key}", span,
                               f"The meeting {key} is not stated on a front page: '{value}' was inferred from {where}. "
                               "Confirm it once.", excerpt=str(value), suggestion=str(value)))
    seen: set[str] = set()
    unique = []
    for f in flags:
        if f.id in seen:
            continue
        seen.add(f.id)
        unique.append(f)
    unique.sort(key=lambda f: (f.lines[0], SEVERITY_ORDER[f.severity], f.kind))
    return unique
