"""Learning a name, and taking it back: roster edits made in review, under a lock.

Two reviews that learn names at the same time must not overwrite each other's changes to the
roster file: every edit takes an exclusive lock (`<roster>.lock`, flock), reads the file as it is
now, edits it and writes it atomically. Taking a learned name back (undo) removes exactly what was
added: an alias from its person, or the person that was added; the rest of the file, comments
included, stays as it was where the text allows it (else the file is rewritten from its data).
"""
from __future__ import annotations

import copy
import fcntl
import os
import re
from contextlib import contextmanager
from pathlib import Path

from workbench.names import (Roster, RosterError, _finish_edit, _name_key, _parse_toml, _read_text,
                             _roster_from_data, _toml_str, add_alias, add_person)


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
    """Add what `learned` says: {"as": "alias", "name", "person"} or {"as": "person", "name", "title"}."""
    with locked(path):
        if learned["as"] == "alias":
            return add_alias(path, learned["person"], learned["name"])
        return add_person(path, learned["name"], titles=[learned["title"]] if learned.get("title") else [])


def unlearn(path: Path, learned: dict) -> Roster:
    """Take back what `learn(path, learned)` added."""
    with locked(path):
        if learned["as"] == "alias":
            return _remove_alias(path, learned["person"], learned["name"])
        return _remove_person(path, learned["name"])


def _remove_alias(path: Path, person_name: str, alias: str) -> Roster:
    label = os.fspath(path)
    text, bom = _read_text(path, label)
    data = _parse_toml(text, label)
    roster = _roster_from_data(data, label, path)
    owners = roster._exact.get(_name_key(person_name), set())
    if not owners:
        raise RosterError(f"{label}: no person named '{person_name}'")
    (pi,) = owners
    aliases = data["people"][pi].get("aliases", [])
    if alias not in aliases:
        raise RosterError(f"{label}: '{alias}' is not an alias of {person_name} (any more)")
    expected = copy.deepcopy(data)
    expected["people"][pi]["aliases"] = [a for a in aliases if a != alias]
    quoted = re.escape(_toml_str(alias))
    edited, n = re.subn(rf",\s*{quoted}(?=\s*[,\]])|{quoted}\s*,\s*|{quoted}(?=\s*\])", "", text, count=1)
    return _finish_edit(path, label, edited if n else None, expected, bom)


def _remove_person(path: Path, name: str) -> Roster:
    label = os.fspath(path)
    text, bom = _read_text(path, label)
    data = _parse_toml(text, label)
    people = data.get("people", [])
    keep = [p for p in people if p.get("name") != name]
    if len(keep) == len(people):
        raise RosterError(f"{label}: no person named '{name}' to take back")
    expected = copy.deepcopy(data)
    expected["people"] = keep
    block = re.compile(rf"(?ms)\n*^\[\[people\]\]\s*\nname = {re.escape(_toml_str(name))}\n.*?(?=^\[|\Z)")
    edited, n = block.subn("\n", text, count=1)
    return _finish_edit(path, label, edited.rstrip("\n") + "\n" if n else None, expected, bom)
