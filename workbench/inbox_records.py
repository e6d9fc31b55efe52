"""The records folder as the inbox sees it: each record's head (source, review, meeting) by its source's sha256, read again only when the file changed.

A record is `referat/1` TOML (record.py writes it): its scalar tables (`[source]`, `[review]`,
`[meeting]`) come before the arrays of tables (`[[items]]`, `[[flags]]`, …), so the head is
parsed alone, which keeps an inbox over hundreds of records quick to open. A record that does not
read is left out of the index (the review says what is wrong with it when it is opened).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from workbench import SCHEMA

_BODY = re.compile(rb"^\[\[?(?:toc|items|attachment_index|signatures|flags|corrections|meeting\.members|"
                   rb"meeting\.absent)[\].]", re.M)


@dataclass(frozen=True)
class RecordHead:
    path: Path
    sha256: str
    file: str | None
    status: str
    reviewer: str | None
    verified_at: dt.datetime | None
    flags_open: int | None
    seconds: int | None
    corrections: int | None
    date: dt.date | None
    body: str | None
    kind: str | None
    pages: int | None


def _of(value, kind):
    return value if isinstance(value, kind) and not isinstance(value, bool) else None


def read_head(path: Path) -> RecordHead | None:
    """The head of the record at `path`, or None when it is not a readable referat/1 record."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    m = _BODY.search(raw)
    try:
        data = tomllib.loads((raw[:m.start()] if m else raw).decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        try:  # an unusual layout (written by hand): the whole file
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
            return None
    if data.get("schema") != SCHEMA:
        return None
    src, review, meeting = (data.get(k) if isinstance(data.get(k), dict) else {} for k in ("source", "review", "meeting"))
    sha = src.get("sha256")
    if not isinstance(sha, str) or not re.fullmatch(r"[0-9a-f]{64}", sha):
        return None
    date = meeting.get("date")
    return RecordHead(path, sha, _of(src.get("file"), str), "verified" if review.get("status") == "verified" else "draft",
                      _of(review.get("reviewer"), str), _of(review.get("verified_at"), dt.datetime),
                      _of(review.get("flags_open"), int), _of(review.get("seconds"), int),
                      _of(review.get("corrections"), int),
                      date if isinstance(date, dt.date) and not isinstance(date, dt.datetime) else None,
                      _of(meeting.get("body"), str), _of(meeting.get("kind"), str), _of(src.get("pages"), int))


class RecordIndex:
    """The records of a folder by sha256, and the verified ones by their source's file name."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.by_sha: dict[str, RecordHead] = {}
        self.verified_by_file: dict[str, RecordHead] = {}
        self._heads: dict[str, tuple[tuple[int, int], RecordHead | None]] = {}
        self._journals: set[str] = set()
        self._listing: tuple = ()

    def scan(self) -> bool:
        """Look again (stat only; a changed record is read again). True if anything changed."""
        try:
            found = sorted((d.name, d.stat(follow_symlinks=False).st_size, d.stat(follow_symlinks=False).st_mtime_ns)
                           for d in os.scandir(self.folder) if not d.name.startswith(".")
                           and (d.name.endswith(".toml") or d.name.endswith(".journal")))
        except OSError:
            found = []
        listing = tuple(found)
        if listing == self._listing:
            return False
        self._listing = listing
        heads: dict[str, tuple[tuple[int, int], RecordHead | None]] = {}
        journals = set()
        for name, size, mtime in found:
            if name.endswith(".journal"):
                if size > 0:
                    journals.add(name[:-len(".journal")])
                continue
            old = self._heads.get(name)
            heads[name] = old if old is not None and old[0] == (size, mtime) else ((size, mtime),
                                                                                   read_head(self.folder / name))
        self._heads, self._journals = heads, journals
        by_sha: dict[str, RecordHead] = {}
        by_file: dict[str, RecordHead] = {}
        for _, head in sorted(heads.values(), key=lambda t: t[0][1]):  # the newest record of a source wins
            if head is None:
                continue
            by_sha[head.sha256] = head
            if head.status == "verified" and head.file:
                by_file[head.file] = head
        self.by_sha, self.verified_by_file = by_sha, by_file
        return True

    def journal(self, sha: str) -> bool:
        """A review of this source has changes not saved yet."""
        return sha in self._journals
