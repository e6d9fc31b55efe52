"""Repairs of the source, laid over its lines (SCHEMA.md: corrections with source/line/column).

Line numbers never shift: a split leaves both halves in the same line, as "left\\nright"
(`parse.rows.build_rows` reads them as two rows with that line's number); a join moves the
next line's text onto this one and leaves the next line empty (set aside like page
furniture, so that it opens no paragraph); marking furniture sets the line aside with the
reason "marked by the reviewer".

A repair keeps the text of the lines it was laid over (`text`; a join: the line and the
next). Laid again on a source whose line no longer reads so (another parser numbers or reads
the lines differently), it is not made: no other line is repaired in its place. A repair
journalled before repairs kept their text is laid by its line number alone.
"""
from __future__ import annotations

import copy

from workbench.model import Correction, SourceText

from workbench.schema.referat import REPAIRS as KINDS  # the repairs, declared once with the record
JOINED = "joined to line {} by the reviewer"
MARKED = "marked by the reviewer"


def kinds_text() -> str:
    """The repairs named for a message: "join, split or furniture"."""
    return f"{', '.join(KINDS[:-1])} or {KINDS[-1]}"


def active(corrections: list[Correction]) -> list[int]:
    """The repairs in force, in order: each one not taken back by a later undo of it."""
    out: list[int] = []
    for i, c in enumerate(corrections):
        if c.source is None:
            continue
        if c.undoes is not None:
            out = [j for j in out if j != c.undoes]
        else:
            out.append(i)
    return out


def copy_source(source: SourceText) -> SourceText:
    out = copy.copy(source)
    out.lines = [copy.copy(line) for line in source.lines]
    return out


def apply(pristine: SourceText, corrections: list[Correction]) -> tuple[SourceText, set[int], dict[int, str]]:
    """The source with every active repair laid over it; the lines a join emptied; and, by
    correction index, the repairs that could not be made (why)."""
    source = copy_source(pristine)
    emptied: set[int] = set()
    bad: dict[int, str] = {}
    for i in active(corrections):
        problem = repair(source, corrections[i], emptied)
        if problem:
            bad[i] = problem
    return source, emptied, bad


def laid_over(source: SourceText, kind: str, no: int) -> list[str] | None:
    """The text of the lines a repair of this kind at line `no` is laid over (a join: the line
    and the next), or None when they are not all in the source."""
    if not isinstance(no, int) or isinstance(no, bool):
        return None
    last = no + 1 if kind == "join" else no
    if not 1 <= no <= last <= len(source.lines):
        return None
    return [source.line(k).text for k in range(no, last + 1)]


def _quoted(texts: list[str]) -> str:
    return " / ".join(repr(t if len(t) <= 60 else t[:59] + "…") for t in texts)


def repair(source: SourceText, c: Correction, emptied: set[int] | None = None) -> str | None:
    """Make one repair on source (in place); return why it cannot be made, or None."""
    n = len(source.lines)
    no = c.line
    if c.source not in KINDS:
        return f"'{c.source}' is not a repair ({kinds_text()})"
    if not isinstance(no, int) or isinstance(no, bool) or not 1 <= no <= n:
        return f"line {no} is not in the source (it has {n} lines)"
    if c.text is not None:
        now = laid_over(source, c.source, no)
        if now is not None and now != list(c.text):
            lines = f"lines {no}–{no + 1} now read" if len(now) > 1 else f"line {no} now reads"
            return f"{lines} {_quoted(now)}, not {_quoted(c.text)} as when it was made"
    line = source.line(no)
    if c.source == "join":
        if no == n:
            return f"line {no} is the last line: there is nothing to join it with"
        if line.furniture and line.furniture_reason.startswith("joined to line"):
            return f"line {no} was joined to the line above: join that one instead"
        nxt = source.line(no + 1)
        if nxt.furniture and nxt.furniture_reason.startswith("joined to line"):
            return f"line {no + 1} was joined to line {no} already"
        left, right = line.text.rstrip(), nxt.text.strip()
        line.text = f"{left} {right}" if left.strip() and right else (left + right if right else line.text)
        if nxt.x1 is not None and line.x1 is not None:
            line.x1 = max(line.x1, nxt.x1)
        nxt.text = ""
        nxt.furniture = True
        nxt.furniture_certain = True
        nxt.furniture_reason = JOINED.format(no)
        if emptied is not None:
            emptied.add(no + 1)
        return None
    if c.source == "split":
        col = c.column
        text = line.text
        if not isinstance(col, int) or isinstance(col, bool) or not 0 < col < len(text):
            return f"column {col} is not inside line {no} (it has {len(text)} characters)"
        left, right = text[:col].rstrip(" \t"), text[col:].lstrip(" \t")
        if not left.strip() or not right.strip():
            return f"a split of line {no} at column {col} leaves one side empty"
        line.text = f"{left}\n{right}"
        return None
    if line.furniture:
        return f"line {no} is set aside as page furniture already ({line.furniture_reason or 'found by the parser'})"
    line.furniture = True
    line.furniture_certain = True
    line.furniture_reason = MARKED
    return None
