"""Edits of the roster file: add a person or an alias, learn a name in review and take it back.

The roster is a file people also edit by hand, so an edit keeps everything else in it: the file
is changed through tomlkit, which keeps comments, order and layout (a new person is appended
after the last byte of the file, as a table tomlkit renders, so nothing before it moves). Each
edit reads the file as it is now, checks it whole, makes the change, parses the result again and
compares it with what was meant; only then is it written, atomically (temp file in the same
folder, fsync, os.replace), keeping a UTF-8 BOM and CRLF line ends. Anything refused or failed
raises a one-line `RosterError` and leaves the file byte for byte as it was.

`learn` and `unlearn` do the same under an exclusive lock (`<roster>.lock`, flock), so two
reviews that learn names at once never lose each other's changes. Known tomlkit quirk: a file
re-rendered through tomlkit loses the blank before ``}`` after a date that ends an inline table
(``from = 2024-01-01 }`` becomes ``from = 2024-01-01}``); the data is the same.
"""

from __future__ import annotations

from workbench.i18n import _

import copy
import fcntl
import os
import re
import tomllib
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Sequence

import tomlkit
from tomlkit.exceptions import TOMLKitError

from workbench.roster.file import NEW_FILE_HEADER, parse_toml, read_text, roster_from_data
from workbench.roster.model import Roster, RosterError
from workbench.roster.normalise import name_key

__all__ = ["add_person", "add_alias", "remove_alias", "remove_person", "learn", "unlearn", "locked"]

# (label, the file's text, its data, its roster) -> (the data the new text must parse to, ways
# of making the new text: the first whose text parses to that data is written)
_Change = Callable[[str, str, dict, Roster], tuple[dict, Sequence[Callable[[], str]]]]


def add_person(path: str | os.PathLike, name: str, titles: Iterable[str] = (), aliases: Iterable[str] = ()) -> Roster:
    """Add a [[people]] entry to the roster file and return the new roster.

    The entry is appended after the file's last byte, so every other entry, key and comment
    stays as it was; a roster written as an inline ``people = [...]`` array gets the entry
    appended to that array. A missing file is created, with a header that explains the format.
    Refused with RosterError: an empty name, or a name or alias that the roster already has
    (compared normalised), or one given twice.
    """

    def change(label: str, text: str, data: dict, roster: Roster):
        if not isinstance(name, str) or not name.strip():
            raise RosterError(_('{label}: the name must be a non-empty string').format(label=label))
        full = " ".join(name.split())
        entry = {"name": full, "titles": list(_checked_strings(label, "titles", titles)),
                 "aliases": list(_checked_strings(label, "aliases", aliases))}
        seen: set[str] = set()
        for s in (full, *entry["aliases"]):
            key = name_key(s)
            if not key:
                raise RosterError(_("{label}: '{s}' has no letters").format(label=label, s=s))
            owners = roster.owners(key)
            if owners:
                raise RosterError(_("{label}: '{s}' is already in the roster ({name})").format(label=label, s=s, name=roster.people[min(owners)].name))
            if key in seen:
                raise RosterError(_("{label}: '{s}' is given twice").format(label=label, s=s))
            seen.add(key)
        expected = copy.deepcopy(data)
        expected.setdefault("people", []).append(entry)
        block = _people_table(entry)
        if not text.strip():
            return expected, [lambda: NEW_FILE_HEADER + "\n" + block]
        # a [[people]] table after the last byte; if the file has people = [ {...}, ... ] instead,
        # that is not TOML, and the entry goes into the array
        return expected, [lambda: text + ("" if text.endswith("\n") else "\n") + "\n" + block,
                          *_appends(text, label, lambda doc: doc["people"], lambda: _inline(entry))]

    return _edit(path, change, missing_ok=True)


def add_alias(path: str | os.PathLike, person_name: str, alias: str) -> Roster:
    """Add `alias` to the person named `person_name` (name or alias) in the roster file.

    Only that person's ``aliases`` changes (the key is added if the person has none); the rest
    of the file, comments included, stays. Refused with RosterError: an unknown person, or an
    alias that is already that person's or someone else's name or alias.
    """

    def change(label: str, text: str, data: dict, roster: Roster):
        if not isinstance(person_name, str) or not isinstance(alias, str) or not alias.strip():
            raise RosterError(_('{label}: the alias must be a non-empty string').format(label=label))
        new = " ".join(alias.split())
        pi = _person_index(label, roster, person_name)
        key = name_key(new)
        if not key:
            raise RosterError(_("{label}: '{new}' has no letters").format(label=label, new=new))
        taken = roster.owners(key)
        if taken:
            if pi in taken:
                raise RosterError(_("{label}: '{new}' is already a name of {name}").format(label=label, new=new, name=roster.people[pi].name))
            raise RosterError(_("{label}: '{new}' already belongs to {name}").format(label=label, new=new, name=roster.people[min(taken)].name))
        expected = copy.deepcopy(data)
        had = "aliases" in expected["people"][pi]
        expected["people"][pi].setdefault("aliases", []).append(new)
        if had:
            return expected, _appends(text, label, lambda doc: doc["people"][pi]["aliases"], lambda: new)

        def add_key() -> str:
            doc = _document(text, label)
            doc["people"][pi]["aliases"] = [new]
            return tomlkit.dumps(doc)

        return expected, [add_key]

    return _edit(path, change)


def remove_alias(path: str | os.PathLike, person_name: str, alias: str) -> Roster:
    """Take `alias` (as written) out of the aliases of the person named `person_name`."""

    def change(label: str, text: str, data: dict, roster: Roster):
        pi = _person_index(label, roster, person_name)
        aliases = data["people"][pi].get("aliases", [])
        if alias not in aliases:
            raise RosterError(_("{label}: '{alias}' is not an alias of {person_name} (any more)").format(label=label, alias=alias, person_name=person_name))
        expected = copy.deepcopy(data)
        expected["people"][pi]["aliases"] = [a for a in aliases if a != alias]

        def remove() -> str:
            doc = _document(text, label)
            array = doc["people"][pi]["aliases"]
            del array[[str(a) for a in array].index(alias)]
            return tomlkit.dumps(doc)

        return expected, [remove]

    return _edit(path, change)


def remove_person(path: str | os.PathLike, name: str) -> Roster:
    """Take the (first) person whose name is `name`, as written, out of the roster file."""

    def change(label: str, text: str, data: dict, roster: Roster):
        people = data.get("people", [])
        pi = next((k for k, p in enumerate(people) if p.get("name") == name), None)
        if pi is None:
            raise RosterError(_("{label}: no person named '{name}' to take back").format(label=label, name=name))
        expected = copy.deepcopy(data)
        del expected["people"][pi]

        def remove() -> str:
            doc = _document(text, label)
            del doc["people"][pi]
            return tomlkit.dumps(doc).rstrip("\r\n") + "\n"

        return expected, [remove]

    return _edit(path, change)


@contextmanager
def locked(path: Path):
    """Hold the roster's lock file for one read-edit-write."""
    lock = Path(f"{path}.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def learn(path: Path, learned: dict) -> Roster:
    """Add what `learned` says, under the lock: {"as": "alias", "name", "person"} or
    {"as": "person", "name", "title"}."""
    with locked(path):
        if learned["as"] == "alias":
            return add_alias(path, learned["person"], learned["name"])
        return add_person(path, learned["name"], titles=[learned["title"]] if learned.get("title") else [])


def unlearn(path: Path, learned: dict) -> Roster:
    """Take back what `learn(path, learned)` added: exactly that alias, or that person."""
    with locked(path):
        if learned["as"] == "alias":
            return remove_alias(path, learned["person"], learned["name"])
        return remove_person(path, learned["name"])


# --------------------------------------------------------------------------- the common part


def _edit(path: str | os.PathLike, change: _Change, missing_ok: bool = False) -> Roster:
    """Read, check, change, check the result, write atomically; the new roster."""
    label = os.fspath(path)
    p = Path(path)
    text, bom = read_text(p, label, missing_ok=missing_ok)
    data = parse_toml(text, label)
    roster = roster_from_data(data, label, p)
    expected, renders = change(label, text, data, roster)
    for render in renders:
        new_text = _same_line_ends(text, render())
        try:
            if tomllib.loads(new_text) == expected:
                break
        except tomllib.TOMLDecodeError:
            pass
    else:
        raise RosterError(_("{label}: the edit could not be made in this file's form; the file is unchanged").format(label=label))
    result = roster_from_data(expected, label, p)
    _atomic_write(p, new_text, bom)
    return result


def _atomic_write(path: Path, text: str, bom: bool) -> None:
    """Write `text` to `path` atomically (record.write_atomic), keeping the file's BOM and mode."""
    from workbench.record import write_atomic

    write_atomic(path, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"), error=RosterError,
                 follow_link=True)  # a roster linked in by hand stays linked


def _same_line_ends(old: str, new: str) -> str:
    """`new` with CRLF line ends where `old` had only CRLF (tomlkit writes LF for what it adds)."""
    if "\r\n" in old and "\n" not in old.replace("\r\n", ""):
        return re.sub(r"(?<!\r)\n", "\r\n", new)
    return new


def _document(text: str, label: str) -> tomlkit.TOMLDocument:
    try:
        return tomlkit.parse(text)
    except TOMLKitError as exc:  # tomllib read it, so this is tomlkit's limit, not the user's error
        raise RosterError(_('{label}: cannot be edited keeping its form ({exc}); the file is unchanged').format(label=label, exc=exc)) from None


def _appends(text: str, label: str, array_of, value) -> list[Callable[[], str]]:
    """Ways of appending `value()` to the array `array_of(doc)`: as tomlkit appends (the array's own
    layout), else on a line of its own (tomlkit's append can land inside a comment that ends the
    last element's line: ``[ "A",  # one`` then ``]``)."""

    def render(how: str) -> Callable[[], str]:
        def make() -> str:
            doc = _document(text, label)
            getattr(array_of(doc), how)(value())
            return tomlkit.dumps(doc)

        return make

    return [render("append"), render("add_line")]


def _people_table(entry: dict) -> str:
    """``[[people]]`` and the entry's keys, as tomlkit writes them."""
    tables = tomlkit.aot()
    tables.append(tomlkit.item(entry))
    doc = tomlkit.document()
    doc["people"] = tables
    return tomlkit.dumps(doc)


def _inline(entry: dict):
    table = tomlkit.inline_table()
    table.update(entry)
    return table


def _person_index(label: str, roster: Roster, person_name: str) -> int:
    """The index of the one person named or aliased `person_name`."""
    owners = roster.owners(name_key(person_name)) if isinstance(person_name, str) else frozenset()
    if not owners:
        raise RosterError(_("{label}: no person named '{person_name}'").format(label=label, person_name=person_name))
    (pi,) = owners  # names and aliases are unique when the roster loads
    return pi


def _checked_strings(label: str, what: str, values) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    out = []
    for v in values or ():
        if not isinstance(v, str) or not v.strip():
            raise RosterError(_('{label}: {what} must be non-empty strings').format(label=label, what=what))
        out.append(" ".join(v.split()))
    return tuple(out)
