"""The roster file (``roster.toml``): read it, check it whole, and build a `Roster` (`load_roster`).

Every problem is one `RosterError` line naming the file first (``roster.toml: people[3] has no
name``). The format is at `load_roster` and in the header of a new file (`NEW_FILE_HEADER`).
Domain code: standard library only.
"""

from __future__ import annotations

from workbench.i18n import N_, _

import difflib
import os
import re
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

from workbench.roster.model import Body, Person, Post, Roster, RosterError
from workbench.roster.normalise import name_key

__all__ = ["ROSTER_MAX_BYTES", "TOP_KEYS", "NEW_FILE_HEADER", "read_text", "parse_toml", "roster_from_data",
           "load_roster"]

_PEOPLE_KEYS = ("name", "titles", "aliases", "posts")
_POST_KEYS = ("title", "from", "to")
_BODY_KEYS = ("name", "aliases")
TOP_KEYS = ("people", "bodies")

NEW_FILE_HEADER = """\
# Roster: the people and bodies that referater name (workbench/roster/ reads it).
# [[people]]: name (required), titles = [...], aliases = [...] (other spellings),
#             posts = [ { title = "...", from = 2024-01-01, to = 2025-12-31 } ] (optional)
# [[bodies]]: name (required), aliases = [...] (abbreviations: "ØK", "KB")
"""


def read_text(path: Path, label: str, missing_ok: bool = False) -> tuple[str, bool]:
    """The file's text and whether it began with a UTF-8 BOM; ("", False) for a missing file
    when `missing_ok`."""
    from workbench.settings import read_settings_file

    if missing_ok and not os.path.lexists(path):
        return "", False
    # a regular file only: a FIFO or a device (/dev/zero) is refused before a byte is read
    raw = read_settings_file(Path(path), N_("roster file"), RosterError, ROSTER_MAX_BYTES, label,
                             missing=N_("no such file"))
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RosterError(_('{label}: not UTF-8 text (byte {start})').format(label=label, start=e.start)) from None
    return text, bom


ROSTER_MAX_BYTES = 100_000_000  # a roster of 100,000 people is some 20 MB


def parse_toml(text: str, label: str) -> dict:
    """tomllib's data of `text`; a syntax error is one line with its line and column."""
    from workbench.settings import loads_toml

    try:
        return loads_toml(text, label, RosterError)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", msg)
        if m:
            raise RosterError(_('{label}: line {value}, column {value2}: {msg}').format(label=label, value=m.group(1), value2=m.group(2), msg=msg[: m.start()])) from None
        m = re.search(r"\s*\(at end of document\)\s*$", msg)
        if m:
            raise RosterError(_('{label}: at the end of the file: {msg}').format(label=label, msg=msg[: m.start()])) from None
        raise RosterError(f"{label}: {msg}") from None


def _unknown(label: str, where: str, table: dict, allowed: Sequence[str]) -> None:
    for key in table:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else f" (known: {', '.join(allowed)})"
            raise RosterError(_("{label}: {where} has unknown key '{key}'{extra}").format(label=label, where=where, key=key, extra=extra))


def _strings(label: str, where: str, key: str, value) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RosterError(_('{label}: {where}: {key} must be a list of strings').format(label=label, where=where, key=key))
    out = []
    for v in value:
        if not v.strip():
            raise RosterError(_('{label}: {where}: {key} has an empty string').format(label=label, where=where, key=key))
        out.append(v.strip())
    return tuple(out)


def _tables(label: str, key: str, value) -> list:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise RosterError(_("{label}: '{key}' must be a list of [[{key}]] tables").format(label=label, key=key))
    return value


def _date(label: str, where: str, key: str, value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise RosterError(_("{label}: {where}: '{key}' must be a date like 2024-01-31").format(label=label, where=where, key=key))
    return value



def _name(label: str, where: str, entry: dict) -> str:
    """An entry's `name`, as written: it must be there and be text that is not blank."""
    name = entry.get("name")
    if name is None:
        raise RosterError(_('{label}: {where} has no name').format(label=label, where=where))
    if not isinstance(name, str) or not name.strip():
        raise RosterError(_('{label}: {where}: name must be a non-empty string').format(label=label, where=where))
    return name

def roster_from_data(data: dict, label: str, path: Path | None = None) -> Roster:
    """The `Roster` of the file's data, checked whole: unknown keys, types, dates, and no
    name or alias shared by two people (compared by `name_key`)."""
    _unknown(label, "the roster", data, TOP_KEYS)
    people: list[Person] = []
    owner: dict[str, tuple[int, str]] = {}
    for i, entry in enumerate(_tables(label, "people", data.get("people"))):
        where = f"people[{i}]"
        _unknown(label, where, entry, _PEOPLE_KEYS)
        name = _name(label, where, entry)
        name = " ".join(name.split())
        where = f"people[{i}] ({name})"
        titles = _strings(label, where, "titles", entry.get("titles"))
        aliases = _strings(label, where, "aliases", entry.get("aliases"))
        posts = []
        raw_posts = entry.get("posts")
        if raw_posts is not None:
            if not isinstance(raw_posts, list) or not all(isinstance(p, dict) for p in raw_posts):
                raise RosterError(_('{label}: {where}: posts must be a list of {{ title = ..., from = ..., to = ... }}').format(label=label, where=where))
            for k, post in enumerate(raw_posts):
                pw = f"{where}: posts[{k}]"
                _unknown(label, pw, post, _POST_KEYS)
                title = post.get("title")
                if not isinstance(title, str) or not title.strip():
                    raise RosterError(_('{label}: {pw} has no title').format(label=label, pw=pw))
                start = _date(label, pw, "from", post.get("from"))
                end = _date(label, pw, "to", post.get("to"))
                if start and end and end < start:
                    raise RosterError(_("{label}: {pw}: 'to' ({end}) is before 'from' ({start})").format(label=label, pw=pw, end=end, start=start))
                posts.append(Post(title.strip(), start, end))
        for s in (name, *aliases):
            key = name_key(s)
            if not key:
                raise RosterError(_("{label}: {where}: '{s}' has no letters").format(label=label, where=where, s=s))
            prev = owner.get(key)
            if prev is not None and prev[0] != i:
                raise RosterError(_("{label}: {where}: '{s}' is already people[{prev}] ({prev2})").format(label=label, where=where, s=s, prev=prev[0], prev2=prev[1]))
            owner[key] = (i, name)
        people.append(Person(name, titles, aliases, tuple(posts)))
    bodies: list[Body] = []
    for i, entry in enumerate(_tables(label, "bodies", data.get("bodies"))):
        where = f"bodies[{i}]"
        _unknown(label, where, entry, _BODY_KEYS)
        name = _name(label, where, entry)
        bodies.append(Body(name.strip(), _strings(label, f"{where} ({name})", "aliases", entry.get("aliases"))))
    return Roster(people, bodies, path)


def load_roster(path: str | os.PathLike) -> Roster:
    """Read and check the roster file at `path` (also `Roster.load`). The file:

    .. code-block:: toml

        [[people]]
        name = "Kim Bruun Nielsen"
        titles = ["Fællesforvaltningsdirektør"]
        aliases = []
        posts = [ { title = "Kommunaldirektør", from = 2024-01-01, to = 2025-12-31 } ]
        [[bodies]]
        name = "Direktionen"
        aliases = ["DIR"]
    """
    label = os.fspath(path)
    text, _bom = read_text(Path(path), label)
    return roster_from_data(parse_toml(text, label), label, Path(path))

