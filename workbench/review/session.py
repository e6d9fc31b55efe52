"""The review session: a parsed referat, the reviewer's corrections on top, undo/redo, the
journal, saving and verifying. Pure domain code: the TUI is a thin layer over this API.

The state is always *derived* (replay.py): the source with its repairs → parse → checks → the
field corrections replayed in order. A repair re-derives everything; any other operation is
applied to the current state in the same way a replay applies it. So what a session shows
is what a later session rebuilds from the saved record and the journal, even from a newer
parser: a correction that no longer fits (its field is gone, or holds neither `before` nor
`after`) is not applied and becomes a warning flag saying so.

Corrections are the record's `[[corrections]]` (SCHEMA.md), append-only:
- a field edit: `field`, `before`, `after` (`before` left out: something was added;
  `after` left out: deleted; a dict on an object: the listed keys changed);
- a repair: `source` (join | split | furniture), `line`, `column`, and `text`: the text of
  the lines it was laid over; laid again where they read otherwise, it is not made but
  becomes a warning flag (a repair journalled without `text` is laid by its number);
- `flags.<id>.resolution`: a flag resolved (an error flag accepted as it stands carries the
  reviewer's reason, note "accepted: …"; verify refuses an error accepted without one);
  `review.verified_fields`: a field ticked;
  `review`: verified or back to draft (these two are not undone by undo);
- an undo is a new correction putting `before` back, with `undoes = k` (k: the undone
  correction's place in the list) and note "undo of #k: …"; a redo repeats #k, with
  `redoes = k` and note "redo of #k: …" (undo.py; links.py reads the form older code wrote).
Each operation is checked and made a correction (operations.py, accept.py, learning.py),
journalled (fsynced), then applied; saving.py saves, lock.py locks.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

from workbench.config import Config
from workbench.errors import UserError
from workbench.i18n import _
from workbench.ingest import Progress, load_source
from workbench.model import Correction, Flag, Referat, SourceText
from workbench.roster import Roster
from workbench.review import accept, learning, operations, store
from workbench.review.lock import Lock
from workbench.review.operations import ReviewError
from workbench.review.paths import span_of, under
from workbench.review.replay import FLAG_PATH, Replay, Unfit
from workbench.review.saving import Files
from workbench.review.undo import Stacks
from workbench.review.wording import describe

__all__ = ["ReviewSession", "ReviewError"]


class ReviewSession:
    """One reviewer's session on one source. Open it with `ReviewSession.open(...)`."""

    def __init__(self, pristine: SourceText, config: Config, roster: Roster, out_dir: Path,
                 reviewer: str | None, path: Path):
        self.path = Path(path)
        self.config = config
        self.out_dir = Path(out_dir)
        self.reviewer = reviewer or (config.reviewer or None)
        self.read_only = False
        self.lock_holder: str | None = None
        self.dirty = False
        self.closed = False
        self._why_read_only = ""
        self._sitting = time.monotonic()  # review cost: the time from here to verify is counted
        self._pristine = pristine
        self._lock: Lock | None = None
        self._files = Files(self.out_dir, pristine.sha256)
        self._journal = self._files.journal
        self._replay = Replay(pristine, config, roster)
        self._stacks = Stacks()
        self.corrections: list[Correction] = []

    # the derived state: the replay's
    @property
    def record(self) -> Referat:
        return self._replay.record

    @property
    def source(self) -> SourceText:
        return self._replay.source

    @property
    def roster(self) -> Roster:
        return self._replay.roster

    @roster.setter
    def roster(self, roster: Roster) -> None:
        self._replay.roster = roster

    # ------------------------------------------------------------------ open

    @classmethod
    def open(cls, path, config: Config, roster: Roster | None = None, out_dir=None, reviewer: str | None = None,
             progress: Progress | None = None, cancel=None) -> "ReviewSession":
        """Read and parse the source, and restore any earlier review of it (found by sha256 in
        out_dir): the saved record's corrections and flag resolutions, then the journal's.
        `cancel` (a threading.Event) stops a PDF being read at once (see `load_source`)."""
        from workbench.pipeline import load_roster

        if roster is None:
            roster = load_roster(config)
        pristine = load_source(path, config, progress, cancel)
        out = Path(out_dir) if out_dir is not None else Path(config.output_dir)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(_('{out}: cannot make the output folder ({value})').format(out=out, value=exc.strerror or exc)) from None
        if not out.is_dir():
            raise UserError(_('{out}: is not a folder').format(out=out))
        self = cls(pristine, config, roster, out, reviewer, Path(path))
        sha = pristine.sha256
        try:
            self._lock, self.lock_holder = Lock.acquire(out / f"{sha}.lock", self)
            self._why_read_only = _('{holder} is reviewing this referat').format(holder=self.lock_holder)
        except PermissionError:  # a folder one may read but not write: look, but change nothing
            self._why_read_only = _('{out} is not writable').format(out=out)
        except OSError as exc:
            raise UserError(_('{out}: cannot lock the source for review ({value})').format(out=out, value=exc.strerror or exc)) from None
        self.read_only = self._lock is None
        try:
            self._restore()
        except BaseException:
            self.close()
            raise
        return self

    def _restore(self) -> None:
        sha = self._pristine.sha256
        saved = store.find_record(self.out_dir, sha)
        saved_corrections: list[Correction] = []
        if saved is not None:
            self._files.record_path = saved.path
            saved_corrections = saved.corrections
        entries, damaged = self._journal.read()
        base_n = len(saved_corrections)
        # lines the record holds already (a crash after saving, before the journal was emptied)
        # are skipped; the rest is taken in order, even after a gap (a record deleted by hand)
        fresh = [(n, c) for n, c in entries if n >= base_n]
        tail = [c for _, c in fresh]
        self.corrections = list(saved_corrections) + tail
        self._files.saved_n = base_n
        self._replay.take_over_at(base_n, saved)
        renumbered = any(n != base_n + j for j, (n, _) in enumerate(fresh))
        if not self.read_only and (damaged or renumbered or len(fresh) != len(entries)):
            # what is left, whole and numbered in order, so that appends stay whole
            self._journal.rewrite([(base_n + j, c) for j, c in enumerate(tail)])
        if saved is not None and any(c.source is not None for c in tail):
            # the journal repairs the source further: what the record says beyond its corrections
            # is found on the source as the record saw it, then taken over on top of the rest
            self.corrections = list(saved_corrections)
            self._replay.rebuild(self.corrections)
            self.corrections.extend(tail)
        self._replay.rebuild(self.corrections)
        self._stacks = Stacks()
        for i, c in enumerate(self.corrections):
            self._stacks.track(i, c)
        self.dirty = bool(tail) and not self.read_only  # the holder's unsaved work is not ours to save

    # ------------------------------------------------------------------ queries

    def get(self, field: str):
        """The value at a field path: str, int, date, time, bool, or a dict/list for an object."""
        if field.startswith("review."):
            key = field[len("review."):]
            if key not in ("status", "reviewer", "verified_at", "verified_fields"):
                raise ReviewError(f"{field}: the review has no field '{key}'")
            value = getattr(self.record.review, key)
            return list(value) if isinstance(value, list) else value
        m = FLAG_PATH.match(field)
        if m:
            flag = self.flag(m.group(1))
            if flag is None:
                raise ReviewError(f"there is no flag '{m.group(1)}'")
            return flag.resolution
        slot = operations.slot_of(self.record, field)
        if slot.element and not slot.exists():
            raise ReviewError(f"{field}: there is no such field")
        return slot.plain()

    def flag(self, flag_id: str) -> Flag | None:
        return self._replay.flag(flag_id)

    def open_flags(self) -> list[Flag]:
        """Warning and error flags not yet resolved, in line order: these block verify."""
        return accept.open_flags(self.record)

    def flags_for(self, field: str) -> list[Flag]:
        """Flags about this field or a field below it."""
        return [f for f in self.record.flags if f.id not in self._replay.detached
                and (not field or under(f.field, field))]

    def history(self, field: str) -> list[Correction]:
        """The corrections of this field, oldest first: its own, and those of an object above it
        that name it (an edit of several fields at once, the object added or deleted whole).
        Paths are as they were when the correction was made."""
        out = []
        for c in self.corrections:
            if c.field == field:
                out.append(c)
            elif c.field and field.startswith((c.field + ".", c.field + "[")) and \
                    (isinstance(c.before, dict) or isinstance(c.after, dict)):
                rest = field[len(c.field):]
                key = re.match(r"\.?([A-Za-z0-9_]+)", rest)
                if key and (key.group(1) in (c.before or {}) or key.group(1) in (c.after or {})):
                    out.append(c)
        return out

    def span(self, field: str) -> tuple[int, int] | None:
        """The source lines behind a field (its own, else the nearest above it)."""
        return span_of(self.record, field)

    @property
    def can_undo(self) -> bool:
        return self._stacks.can_undo(self._replay.unfit)

    can_redo = property(lambda self: bool(self._stacks.redo), doc="Whether an undone change can be made again.")

    @property
    def record_path(self) -> Path | None:
        """The record file this session was restored from or last saved to."""
        return self._files.record_path

    journal_path = property(lambda self: self._journal.path, doc="The journal of corrections not yet saved.")

    def output_path(self) -> Path:
        """<date>-<body-slug>-<kind>.toml in out_dir (the source's stem where there is no date),
        made safe: whatever the record says, the file stays inside out_dir."""
        return self._files.output_path(self.record)

    # ------------------------------------------------------------------ operations

    def edit(self, field: str, value) -> Correction:
        """Set a field. The value is checked for its field (a date, a time, a number, open or
        closed, text…); a dict edits the listed fields of an object. A value equal to an open
        flag's suggestion for this field (or one above or below it) resolves that flag as fixed."""
        self._editable()
        return self._commit(operations.edit(self.record, self.config, field, value))

    def resolve(self, flag_id: str, resolution: str = "accepted", reason: str | None = None) -> Correction:
        """Mark a flag fixed or accepted (or open again). An error flag says the record is wrong as
        it stands, so it is closed only by a change: "fixed" once its field has been corrected in
        this review, "accepted" only with the reviewer's reason (kept as the correction's note)."""
        self._editable()
        return self._commit(accept.resolution(self.flag(flag_id), flag_id, resolution, reason, self.corrections))

    def learn_name(self, flag_id: str, learned: dict, roster_path: Path) -> Correction:
        """Learn the name of a name_unknown flag into the roster, as `learned` says: {"as": "alias",
        "name", "person"} (another name of a roster person) or {"as": "person", "name", "title"}. A change
        like any other: journalled, its flag fixed, and ctrl+z takes it out of the roster file and out of
        the roster in memory."""
        self._editable()
        roster, c, take_back = learning.learn(self.flag(flag_id), flag_id, learned, roster_path)
        try:
            self._commit(c)
        except BaseException:
            self.roster = take_back()  # not journalled: not made
            raise
        self.roster = roster
        return c

    def toggle_verified(self, field: str) -> Correction:
        """Tick a field as checked by the reviewer, or untick it ([review] verified_fields)."""
        self._editable()
        return self._commit(operations.toggle_verified(self.record, field))

    def add(self, list_field: str, value, index: int | None = None) -> Correction:
        """Add an entry to a list: an item, an attachment, a person, a decision, a table row…
        at `index` (default: at the end)."""
        self._editable()
        return self._commit(operations.add(self.record, self.config, list_field, value, index))

    def delete(self, field: str) -> Correction:
        """Delete a list entry or a section; any other field is left out of the record."""
        self._editable()
        return self._commit(operations.delete(self.record, field))

    def add_section(self, item: int, key: str, text: str = "") -> Correction:
        """Add a section (key: a canonical key or a heading, made a key) to an item."""
        self._editable()
        return self._commit(operations.add_section(self.record, self.config, item, key, text))

    def move_section(self, item: int, key: str, new_key: str) -> Correction:
        """Put a section under another heading: renamed in place, or appended to that section
        where the item has it already. Its tables go with it."""
        self._editable()
        return self._commit(operations.move_section(self.record, item, key, new_key))

    def repair(self, kind: str, line: int, column: int | None = None) -> Correction:
        """Repair the source: "join" line with the next, "split" it at column, or mark it as
        "furniture". Laid over the lines (numbers never shift); the record is parsed again at
        once and every field correction re-applied on top."""
        self._editable()
        return self._commit(operations.repair(self.source, kind, line, column))

    def undo(self) -> Correction | None:
        """Take back the last change (any, across saves) with a new correction; None when there
        is nothing to undo. Verifying and unverifying are not undone: unverify instead."""
        self._editable()
        inverse = self._stacks.inverse(self.corrections, self._replay.unfit)
        if inverse is None:
            return None
        if inverse.field == "roster":
            self.roster = learning.follow(inverse, self.roster)
        return self._commit(inverse)

    def redo(self) -> Correction | None:
        """Make the last undone change again; None when there is nothing to redo."""
        self._editable()
        again = self._stacks.again(self.corrections, self.source)
        if again is None:
            return None
        if again.field == "roster":
            self.roster = learning.follow(again, self.roster)
        return self._commit(again)

    def verify(self, reviewer: str | None = None) -> None:
        """Mark the record verified (with the seconds spent in review) and save it: refused while a warning
        or error flag is open, or when no reviewer name is known (argument, session, config output.reviewer)."""
        self._writable()
        c = accept.verified(self.record, self.corrections, reviewer or self.reviewer or self.config.reviewer,
                            (self.record.review.seconds or 0) + round(time.monotonic() - self._sitting))
        self._commit(c)
        self._sitting = time.monotonic()
        self.reviewer = c.after["reviewer"]
        self.save()

    def unverify(self, reason: str) -> None:
        """Back to draft, with the reason logged; saved."""
        self._writable()
        self._commit(accept.unverified(self.record, reason))
        self.save()

    def save(self) -> Path:
        """Write the whole record atomically (same state, same bytes), then empty the journal."""
        self._writable()
        target = self._files.save(self.record)
        self.dirty = False
        return target

    def discard(self) -> Path | None:
        """Set aside every change since the last save: the journal is renamed, not destroyed
        (`<sha256>.journal.discarded-<time>`, kept for DISCARD_KEEP_DAYS days), so the next opening shows
        the saved record. Returns where the journal went, or None when there was nothing to set aside."""
        self._writable()
        target = self._files.discard()
        self.dirty = False
        return target

    def close(self) -> None:
        """Let go of the lock (unsaved changes stay in the journal)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self.closed = True

    def __enter__(self) -> "ReviewSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ internals

    def _writable(self) -> None:
        if self.closed:
            raise ReviewError("the review session is closed")
        if self.read_only:
            raise ReviewError(_('read-only: {why}').format(why=self._why_read_only))

    def _editable(self) -> None:
        self._writable()
        if self.record.review.status == "verified":
            raise ReviewError("the record is verified: unverify it (saying why) before changing it")

    def _commit(self, c: Correction) -> Correction:
        """Check, journal (fsynced), then apply one correction."""
        i = len(self.corrections)
        do = None
        if c.source is None:
            try:
                do = self._replay.plan(i, c)
            except Unfit as exc:
                raise ReviewError(f"{describe(c)}: {exc}") from None
        self._journal.append(i, c)
        self.corrections.append(c)
        if do is not None:
            do()
        else:
            try:
                self._replay.rebuild(self.corrections)
            except Exception as exc:  # a repair the parser cannot take: take it back
                self.corrections.pop()
                self._journal.rewrite([(n, self.corrections[n])
                                       for n in range(self._files.saved_n, len(self.corrections))])
                self._replay.rebuild(self.corrections)
                raise ReviewError(f"{describe(c)}: the source could not be parsed again ({exc})") from None
        self._stacks.track(i, c)
        self.dirty = True
        return c
