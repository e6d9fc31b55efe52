"""A folder of referater and their states (new, being read, draft, verified, changed since verified), the records found by sha256, new files read in the background. No Textual.

    inbox = Inbox(folder, config, out_dir)
    inbox.scan()          # cheap: the folder's listing by stat; a file is hashed when its size or time changed
    inbox.pump()          # on the screen's timer: takes finished readings in, starts the next one
    inbox.entries         # newest meeting first; each with its state, date, body, pages, flags, cost
    inbox.summary()       # counts by state, open flags of the drafts, review cost in total

A referat's state comes from the records folder (`[output] dir`), where records are found by their
source's sha256 (records.py reads only each record's head, and only when the file changed):
verified, draft (a draft record or a journal), changed (no record of this sha256, but a verified
record of a file of this name), else new. New files are read one at a time on the shared executor
(workbench/work.py), so the draft lands in the extraction cache and opening the file in review is fast.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import UserError
from workbench.i18n import _
from workbench.inbox_records import RecordHead, RecordIndex
from workbench import userconfig

SUFFIXES = (".pdf", ".txt", ".md")
STATES = ("new", "reading", "draft", "verified", "changed", "unreadable")
UNREVIEWED = ("new", "reading", "draft", "changed")

__all__ = ["Inbox", "Entry", "Summary", "STATES", "UNREVIEWED", "remembered_reviewer", "remember_reviewer",
           "RecordHead"]


def remembered_reviewer() -> str | None:
    """The reviewer's name kept from an earlier run (the user's config folder), or None."""
    return userconfig.reviewer()


def remember_reviewer(name: str) -> None:
    """Keep the reviewer's name for the next runs; a folder that cannot be written is one line (UserError)."""
    userconfig.remember_reviewer(name)


@dataclass
class Entry:
    """One referat of the folder as the inbox shows it."""

    path: Path
    size: int
    mtime_ns: int
    sha256: str | None = None
    state: str = "new"
    date: dt.date | None = None
    body: str | None = None
    kind: str | None = None
    pages: int | None = None
    items: int | None = None
    flags: int | None = None            # open warning and error flags
    reviewer: str | None = None
    verified_at: dt.datetime | None = None
    seconds: int | None = None          # what the review cost (review.seconds, review.corrections)
    corrections: int | None = None
    progress: tuple[int, int] = (0, 0)  # pages read of pages, while being read
    error: str | None = None            # why it cannot be read

    @property
    def name(self) -> str:
        return self.path.name

    def matches(self, text: str) -> bool:
        """Search: the text in its body, date (2025-01-29 or 29-01-2025), kind or file name."""
        needle = " ".join(text.split()).casefold()
        if not needle:
            return True
        hay = [self.name, self.body or "", self.kind or ""]
        if self.date is not None:
            hay += [self.date.isoformat(), self.date.strftime("%d-%m-%Y"), self.date.strftime("%d.%m.%Y")]
        return any(needle in h.casefold() for h in hay)


@dataclass
class Summary:
    total: int = 0
    by_state: dict[str, int] = field(default_factory=dict)
    draft_flags: int = 0
    seconds: int = 0
    corrections: int = 0

    def count(self, state: str) -> int:
        return self.by_state.get(state, 0)


@dataclass
class _Read:
    """What a reading of a new file gave (kept by sha256 for as long as the inbox is open)."""

    date: dt.date | None
    body: str | None
    kind: str | None
    pages: int | None
    items: int
    flags: int


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _order(e: Entry):
    """Newest meeting first; a file whose date is not known yet (new) above them, by name."""
    return (e.date is not None, -(e.date.toordinal() if e.date else 0), e.name)


class Inbox:
    def __init__(self, folder: str | Path, config, out_dir: str | Path | None = None, roster=None):
        self.folder = Path(folder)
        self.config = config
        self.out_dir = Path(out_dir) if out_dir is not None else Path(config.output_dir)
        self.roster = roster
        self.records = RecordIndex(self.out_dir)
        self.entries: list[Entry] = []
        self._files: dict[str, Entry] = {}    # by file name
        self._read: dict[str, _Read] = {}     # by sha256
        self._failed: dict[str, str] = {}     # sha256 -> why it cannot be read
        self._job = None                      # (entry sha256, Job) being read
        self._listing: tuple = ()
        self.paused = False                   # no new reading is started (a review is being opened)

    # ------------------------------------------------------------------ the folder

    def scan(self) -> bool:
        """Look at the folder and the records again (stat only, unless a file changed). True if anything changed."""
        try:
            found = sorted((d.name, d.stat().st_size, d.stat().st_mtime_ns) for d in os.scandir(self.folder)
                           if d.name.lower().endswith(SUFFIXES) and not d.name.startswith(".") and d.is_file())
        except FileNotFoundError:
            raise UserError(_('{folder}: no such folder').format(folder=self.folder)) from None
        except NotADirectoryError:
            raise UserError(_('{folder}: is not a folder').format(folder=self.folder)) from None
        except OSError as exc:
            raise UserError(_('{folder}: cannot be listed ({value})').format(folder=self.folder, value=exc.strerror or exc)) from None
        records_changed = self.records.scan()
        listing = tuple(found)
        if listing == self._listing and not records_changed:
            return False
        self._listing = listing
        files: dict[str, Entry] = {}
        for name, size, mtime in found:
            old = self._files.get(name)
            if old is not None and (old.size, old.mtime_ns) == (size, mtime):
                files[name] = old
                continue
            entry = Entry(self.folder / name, size, mtime)
            try:
                entry.sha256 = _sha256(entry.path)
            except OSError as exc:
                entry.state, entry.error = "unreadable", f"{name}: cannot be read ({exc.strerror or exc})"
            files[name] = entry
        self._files = files
        self._restate()
        return True

    def _restate(self) -> None:
        for entry in self._files.values():
            self._state_of(entry)
        self.entries = sorted(self._files.values(), key=_order)

    def _state_of(self, e: Entry) -> None:
        if e.sha256 is None:
            return
        head = self.records.by_sha.get(e.sha256)
        e.reviewer = e.verified_at = e.seconds = e.corrections = None
        if head is not None:
            e.state = "verified" if head.status == "verified" else "draft"
            e.date, e.body, e.kind, e.pages, e.flags = head.date, head.body, head.kind, head.pages, head.flags_open
            e.reviewer, e.verified_at = head.reviewer, head.verified_at
            e.seconds, e.corrections = head.seconds, head.corrections
            return
        read = self._read.get(e.sha256)
        if read is not None:
            e.date, e.body, e.kind, e.pages, e.items, e.flags = (read.date, read.body, read.kind, read.pages,
                                                                 read.items, read.flags)
        before = self.records.verified_by_file.get(e.name)
        if before is not None:
            e.state = "changed"
            e.reviewer, e.verified_at = before.reviewer, before.verified_at
        elif self.records.journal(e.sha256):
            e.state = "draft"
        elif e.sha256 in self._failed:
            e.state, e.error = "unreadable", self._failed[e.sha256]
        elif self._job is not None and self._job[0] == e.sha256:
            e.state = "reading"
        else:
            e.state = "new"

    # ------------------------------------------------------------------ reading new files

    def unread(self) -> list[Entry]:
        """Files not read yet (in the order shown): what the background reading takes next."""
        return [e for e in self.entries if e.sha256 and e.sha256 not in self._read and e.sha256 not in self._failed
                and e.sha256 not in self.records.by_sha]

    def reading(self) -> Entry | None:
        if self._job is None:
            return None
        return next((e for e in self.entries if e.sha256 == self._job[0]), None)

    def pump(self) -> bool:
        """Take a finished reading in and start the next (one at a time). True if anything shown changed."""
        changed = False
        if self._job is not None:
            sha, job = self._job
            entry = self.reading()
            if job.done():
                self._job = None
                try:
                    ref = job.result()
                except UserError as exc:
                    self._failed[sha] = str(exc)
                except Exception as exc:  # a bug in a reader: this file is set aside, the inbox goes on
                    self._failed[sha] = f"{entry.name if entry else sha}: cannot be read ({type(exc).__name__}: {exc})"
                else:
                    self._read[sha] = _Read(ref.meeting.date, ref.meeting.body, ref.meeting.kind, ref.source.pages,
                                            len(ref.items), sum(1 for f in ref.flags if f.severity in ("error", "warning")
                                                                and f.resolution == "open"))
                self._restate()
                changed = True
            elif entry is not None and entry.progress != job.progress:
                entry.progress = job.progress
                changed = True
        if self._job is None and not self.paused:
            todo = self.unread()
            if todo:
                from workbench import work

                entry = todo[0]
                job = work.shared(self.config).submit(entry.path, self.roster)
                self._job = (entry.sha256, job)
                entry.state, entry.progress = "reading", (0, 0)
                changed = True
        return changed

    def busy(self) -> bool:
        return self._job is not None or bool(self.unread())

    def stop(self) -> None:
        """Cancel the reading in progress (the inbox closes)."""
        if self._job is not None:
            self._job[1].cancel()
            self._job = None

    def wait(self, timeout: float = 120.0) -> None:
        """Read every new file now (the batch and the tests): pump until nothing is left."""
        import time

        deadline = time.monotonic() + timeout
        while self.busy() and time.monotonic() < deadline:
            self.pump()
            if self._job is not None:
                try:
                    self._job[1].result(timeout=max(0.0, deadline - time.monotonic()))
                except Exception:
                    pass

    # ------------------------------------------------------------------ what the screen asks

    def shown(self, state: str | None = None, text: str = "") -> list[Entry]:
        """The entries of a state (None: all; "unreviewed": new, being read, draft, changed) that match `text`."""
        def of_state(e: Entry) -> bool:
            if state is None:
                return True
            if state == "unreviewed":
                return e.state in UNREVIEWED
            if state == "new":
                return e.state in ("new", "reading")
            return e.state == state

        return [e for e in self.entries if of_state(e) and e.matches(text)]

    def summary(self) -> Summary:
        s = Summary(total=len(self.entries))
        for e in self.entries:
            s.by_state[e.state] = s.by_state.get(e.state, 0) + 1
            if e.state == "draft":
                s.draft_flags += e.flags or 0
            s.seconds += e.seconds or 0
            s.corrections += e.corrections or 0
        return s

    def next_unreviewed(self, after: Path | None = None) -> Entry | None:
        """The referat to review after `after` (in the order shown, wrapping), or None when all are verified."""
        todo = [e for e in self.entries if e.state in UNREVIEWED and (after is None or e.path != Path(after))]
        if not todo:
            return None
        if after is not None:
            names = [e.name for e in self.entries]
            here = names.index(Path(after).name) if Path(after).name in names else -1
            later = [e for e in todo if names.index(e.name) > here]
            if later:
                return later[0]
        return todo[0]

    def entry(self, path: Path) -> Entry | None:
        return self._files.get(Path(path).name)
