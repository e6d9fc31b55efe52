"""The review session: a parsed referat, the reviewer's corrections on top, undo/redo, the
journal, saving and verifying. Pure domain code: the TUI is a thin layer over this API.

The state is always *derived*: the source with its repairs → parse → checks → the field
corrections replayed in order. A repair re-derives everything; any other operation is
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
- an undo is a new correction putting `before` back, with note "undo of #k: …" (k: the
  undone correction's place in the list); a redo repeats #k, with note "redo of #k: …".
"""
from __future__ import annotations

import dataclasses
import os
import re
import time
from pathlib import Path

from workbench.checks import SEVERITY_ORDER
from workbench.config import Config, slug
from workbench.errors import UserError
from workbench.ingest import Progress, load_source
from workbench.model import Correction, Flag, FlagKind, Referat, SourceText, Table
from workbench.names import Roster
from workbench.ownfiles import read_own
from workbench.record import dumps, to_dict, write_atomic
from workbench.review import repairs, store
from workbench.review.journal import Journal
from workbench.review.paths import (Ctx, ListOf, Obj, PathError, Sections, SectionText, Slot, ValueProblem,
                                    format_path, related, resolve, span_of, under)
from workbench.review.replay import FLAG_PATH, Replay, Unfit, describe, now, short
from workbench.review.store import RESOLUTIONS, Lock


ACCEPTED_BECAUSE = "accepted: "  # the note of an error flag accepted as it stands, before the reason
DISCARD_KEEP_DAYS = 30  # a journal set aside by "Discard" is kept this long, then removed


def _learned(learned: dict) -> str:
    if learned.get("as") == "alias":
        return f"'{learned.get('name')}' as another name of {learned.get('person')}"
    return f"'{learned.get('name')}' as a new person" + (f" ({learned['title']})" if learned.get("title") else "")


class ReviewError(UserError):
    """An operation the session refuses: the message says why, in one line."""


class ReviewSession(Replay):
    """One reviewer's session on one source. Open it with `ReviewSession.open(...)`."""

    def __init__(self, pristine: SourceText, config: Config, roster: Roster, out_dir: Path,
                 reviewer: str | None, path: Path):
        self.path = Path(path)
        self.config = config
        self.roster = roster
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
        self._journal = Journal(self.out_dir / f"{pristine.sha256}.journal")
        self._record_path: Path | None = None
        self._saved_n = 0
        # what the saved record says beyond its corrections (flag resolutions and review state
        # set by hand or by another tool): taken over at the point where its corrections end
        self._import_at = 0
        self._pending: store.Saved | None = None
        self._imports: dict[str, str] = {}
        self._import_review: dict = {}
        self.corrections: list[Correction] = []
        self._undo: list[int] = []
        self._redo: list[int] = []
        self.source: SourceText = pristine
        self.record: Referat = Referat(source=pristine)

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
            raise UserError(f"{out}: cannot make the output folder ({exc.strerror or exc})") from None
        if not out.is_dir():
            raise UserError(f"{out}: is not a folder")
        self = cls(pristine, config, roster, out, reviewer, Path(path))
        sha = pristine.sha256
        try:
            self._lock, self.lock_holder = Lock.acquire(out / f"{sha}.lock", self)
            self._why_read_only = f"{self.lock_holder} is reviewing this referat"
        except PermissionError:  # a folder one may read but not write: look, but change nothing
            self._why_read_only = f"{out} is not writable"
        except OSError as exc:
            raise UserError(f"{out}: cannot lock the source for review ({exc.strerror or exc})") from None
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
            self._record_path = saved.path
            saved_corrections = saved.corrections
            self._pending = saved
        entries, damaged = self._journal.read()
        base_n = len(saved_corrections)
        # lines the record holds already (a crash after saving, before the journal was emptied)
        # are skipped; the rest is taken in order, even after a gap (a record deleted by hand)
        fresh = [(n, c) for n, c in entries if n >= base_n]
        tail = [c for _, c in fresh]
        self.corrections = list(saved_corrections) + tail
        self._saved_n = self._import_at = base_n
        renumbered = any(n != base_n + j for j, (n, _) in enumerate(fresh))
        if not self.read_only and (damaged or renumbered or len(fresh) != len(entries)):
            # what is left, whole and numbered in order, so that appends stay whole
            self._journal.rewrite([(base_n + j, c) for j, c in enumerate(tail)])
        if self._pending is not None and any(c.source is not None for c in tail):
            # the journal repairs the source further: what the record says beyond its corrections
            # is found on the source as the record saw it, then taken over on top of the rest
            self.corrections = list(saved_corrections)
            self._rebuild()
            self.corrections.extend(tail)
        self._rebuild()
        self._undo, self._redo = [], []
        for i, c in enumerate(self.corrections):
            self._track(i, c)
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
        slot = self._slot(field)
        if slot.element and not slot.exists():
            raise ReviewError(f"{field}: there is no such field")
        return slot.plain()

    def flag(self, flag_id: str) -> Flag | None:
        return next((f for f in self.record.flags if f.id == flag_id), None)

    def open_flags(self) -> list[Flag]:
        """Warning and error flags not yet resolved, in line order: these block verify."""
        return sorted((f for f in self.record.flags if f.severity in ("warning", "error") and f.resolution == "open"),
                      key=lambda f: (f.lines[0], SEVERITY_ORDER.get(f.severity, 9)))

    def flags_for(self, field: str) -> list[Flag]:
        """Flags about this field or a field below it."""
        return [f for f in self.record.flags if f.id not in self._detached and (not field or under(f.field, field))]

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
        return any(k not in self._unfit for k in self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def record_path(self) -> Path | None:
        """The record file this session was restored from or last saved to."""
        return self._record_path

    @property
    def journal_path(self) -> Path:
        return self._journal.path

    def output_path(self) -> Path:
        """<date>-<body-slug>-<kind>.toml in out_dir (the source's stem where there is no date),
        made safe: whatever the record says, the file stays inside out_dir."""
        name = store.output_name(self.record)
        path = self.out_dir / name
        if path.parent.resolve() != self.out_dir.resolve():  # pragma: no cover - safe_name forbids it
            path = self.out_dir / f"{self._pristine.sha256}.toml"
        return path

    # ------------------------------------------------------------------ operations

    def edit(self, field: str, value) -> Correction:
        """Set a field. The value is checked for its field (a date, a time, a number, open or
        closed, text…); a dict edits the listed fields of an object. A value equal to an open
        flag's suggestion for this field (or one above or below it) resolves that flag as fixed."""
        self._editable()
        self._record_field(field)
        slot = self._slot(field)
        if slot.element and not slot.exists():
            how = "add_section" if isinstance(slot.parent, dict) else "add"
            raise ReviewError(f"{field}: there is no such field (add it with {how})")
        if isinstance(slot.spec, Obj) and isinstance(value, dict):
            obj = slot.current()
            unknown = [k for k in value if k not in slot.spec.attrs]
            if unknown:
                raise ReviewError(f"{field}: {slot.spec.what} has no field '{unknown[0]}'")
            before, after = {}, {}
            owner = obj
            if isinstance(obj, Table) and "columns" in value:  # a table's rows are checked against its new columns
                owner = dataclasses.replace(obj, columns=[str(c) for c in value["columns"] or []])
            for key, v in value.items():
                old = Slot(obj, key, slot.spec.attrs[key], obj, slot.path + (key,)).plain()
                sub = Slot(owner, key, slot.spec.attrs[key], owner, slot.path + (key,))
                new = self._checked(sub, v, format_path(sub.path))
                if new != old:
                    if old is not None:
                        before[key] = old
                    if new is not None:
                        after[key] = new
                    elif sub.spec.required:
                        raise ReviewError(f"{format_path(sub.path)}: cannot be left out")
            if not before and not after:
                raise ReviewError(f"{field}: nothing changes")
        else:
            before = slot.plain()
            after = self._checked(slot, value, field)
            if after == before:
                raise ReviewError(f"{field} holds {short(before)} already")
            if after is None and slot.spec.required:
                raise ReviewError(f"{field}: cannot be left out")
        return self._commit(Correction(at=now(), field=format_path(slot.path), before=before, after=after))

    def resolve(self, flag_id: str, resolution: str = "accepted", reason: str | None = None) -> Correction:
        """Mark a flag fixed or accepted (or open again). An error flag says the record is wrong as
        it stands, so it is closed only by a change: "fixed" once its field has been corrected in
        this review, "accepted" only with the reviewer's reason (kept as the correction's note)."""
        self._editable()
        if resolution not in RESOLUTIONS:
            raise ReviewError(f"'{resolution}' is not a resolution ({', '.join(RESOLUTIONS)})")
        flag = self.flag(flag_id)
        if flag is None:
            raise ReviewError(f"there is no flag '{flag_id}'")
        if flag.resolution == resolution:
            raise ReviewError(f"flag {flag_id} is {resolution} already")
        reason = " ".join(str(reason or "").split())
        note = None
        if resolution == "accepted" and reason:
            note = f"{ACCEPTED_BECAUSE}{reason}"
        elif flag.severity == "error" and resolution == "accepted":
            raise ReviewError(f"flag {flag_id} is an error: say why the record is right as it stands "
                              "to accept it, or correct the field")
        if flag.severity == "error" and resolution == "fixed" and not self._corrected(flag.field):
            raise ReviewError(f"flag {flag_id} is an error and nothing in {flag.field or 'the record'} has been "
                              "changed: correct the field, or accept the flag saying why")
        return self._commit(Correction(at=now(), field=f"flags.{flag_id}.resolution", before=flag.resolution,
                                       after=resolution, note=note))

    def _corrected(self, field: str) -> bool:
        """Whether a change of this review touched the field, one inside it or the object holding it."""
        return any(c.field and not c.field.startswith(("flags.", "review")) and c.field != "roster"
                   and related(c.field, field) for c in self.corrections)

    def _unreasoned_errors(self) -> list[Flag]:
        """Error flags marked accepted without a reason (a journal or record of older code)."""
        out = []
        for f in self.record.flags:
            if f.severity != "error" or f.resolution != "accepted":
                continue
            last = next((c for c in reversed(self.corrections) if c.field == f"flags.{f.id}.resolution"), None)
            m = repairs.UNDO.match(last.note or "") if last is not None else None
            if m and m.group(1) == "redo" and int(m.group(2)) < len(self.corrections):
                last = self.corrections[int(m.group(2))]  # a redo repeats the accept, and its reason
            if last is None or not (last.note or "").startswith(ACCEPTED_BECAUSE):
                out.append(f)
        return out

    def learn_name(self, flag_id: str, learned: dict, roster_path: Path) -> Correction:
        """Learn the name of a name_unknown flag into the roster, as `learned` says: {"as": "alias",
        "name", "person"} (another name of a roster person) or {"as": "person", "name", "title"}. A change
        like any other: journalled, its flag fixed, and ctrl+z takes it out of the roster file and out of
        the roster in memory."""
        from workbench.names import RosterError
        from workbench.roster_edit import learn, unlearn

        self._editable()
        learned = {k: v for k, v in learned.items() if v not in (None, "")}
        flag = self.flag(flag_id)
        if flag is None or flag.kind != FlagKind.NAME_UNKNOWN:
            raise ReviewError(f"there is no name_unknown flag '{flag_id}'")
        try:
            roster = learn(Path(roster_path), learned)
        except (RosterError, OSError) as exc:
            raise ReviewError(str(exc)) from None
        after = {**learned, "flag": flag_id, "roster": str(roster_path)}
        try:
            c = self._commit(Correction(at=now(), field="roster", before=None, after=after,
                                        note=f"learned {_learned(learned)}"))
        except BaseException:
            self.roster = unlearn(Path(roster_path), learned)  # not journalled: not made
            raise
        self.roster = roster
        return c

    def _roster_file_change(self, c: Correction) -> None:
        """Undo or redo of a learned name: the roster file and memory follow before it is journalled."""
        from workbench.names import RosterError
        from workbench.roster_edit import learn, unlearn

        try:
            if isinstance(c.before, dict) and c.after is None:
                self.roster = unlearn(Path(c.before["roster"]), c.before)
            elif isinstance(c.after, dict):
                self.roster = learn(Path(c.after["roster"]), c.after)
        except (RosterError, OSError, KeyError) as exc:
            raise ReviewError(f"the roster could not be changed back: {exc}") from None

    def toggle_verified(self, field: str) -> Correction:
        """Tick a field as checked by the reviewer, or untick it ([review] verified_fields)."""
        self._editable()
        self._record_field(field)
        slot = self._slot(field)
        if slot.element and not slot.exists():
            raise ReviewError(f"{field}: there is no such field")
        field = format_path(slot.path)
        before = list(self.record.review.verified_fields)
        ticked = field not in before
        after = before + [field] if ticked else [f for f in before if f != field]
        return self._commit(Correction(at=now(), field="review.verified_fields", before=before, after=after,
                                       note=f"{'ticked' if ticked else 'unticked'} {field}"))

    def add(self, list_field: str, value, index: int | None = None) -> Correction:
        """Add an entry to a list: an item, an attachment, a person, a decision, a table row…
        at `index` (default: at the end)."""
        self._editable()
        self._record_field(list_field)
        slot = self._slot(list_field)
        target = slot.current()
        if isinstance(slot.spec, Sections):
            raise ReviewError(f"{list_field}: add a section with add_section")
        if not isinstance(slot.spec, ListOf) or not isinstance(target, list):
            raise ReviewError(f"{list_field}: is not a list")
        n = len(target)
        if index is None:
            index = n
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= n:
            raise ReviewError(f"{list_field}: index {index} is outside the list (0–{n})")
        elem = self._slot(format_path(slot.path + (index,)))
        try:
            model = elem.spec.convert(value, Ctx(self.config, elem.owner))
        except ValueProblem as exc:
            raise ReviewError(f"{format_path(elem.path)}: {exc}") from None
        after = elem.spec.plain(model)
        return self._commit(Correction(at=now(), field=format_path(elem.path), before=None, after=after))

    def delete(self, field: str) -> Correction:
        """Delete a list entry or a section; any other field is left out of the record."""
        self._editable()
        self._record_field(field)
        slot = self._slot(field)
        if not slot.exists():
            raise ReviewError(f"{field}: there is nothing to delete")
        before = slot.plain()
        if slot.element:
            after = None
        elif isinstance(slot.spec, Obj) or slot.spec.required:
            raise ReviewError(f"{field}: cannot be left out; edit it instead")
        elif isinstance(slot.spec, ListOf):
            after = []
        elif isinstance(slot.spec, Sections):
            after = {}
        else:
            after = None
        if before == after:
            raise ReviewError(f"{field}: there is nothing to delete")
        return self._commit(Correction(at=now(), field=format_path(slot.path), before=before, after=after))

    def add_section(self, item: int, key: str, text: str = "") -> Correction:
        """Add a section (key: a canonical key or a heading, made a key) to an item."""
        self._editable()
        it = self._item(item)
        k = slug(key) if isinstance(key, str) else ""
        if not k:
            raise ReviewError(f"'{key}' is not a section name")
        if k in it.sections:
            raise ReviewError(f"item {item} has a section '{k}' already")
        try:
            text = SectionText().convert(text, Ctx(self.config, it))
        except ValueProblem as exc:
            raise ReviewError(f"items[{item}].sections.{k}: {exc}") from None
        return self._commit(Correction(at=now(), field=f"items[{item}].sections.{k}", before=None, after=text))

    def move_section(self, item: int, key: str, new_key: str) -> Correction:
        """Put a section under another heading: renamed in place, or appended to that section
        where the item has it already. Its tables go with it."""
        self._editable()
        it = self._item(item)
        if key not in it.sections:
            raise ReviewError(f"item {item} has no section '{key}'")
        nk = slug(new_key) if isinstance(new_key, str) else ""
        if not nk:
            raise ReviewError(f"'{new_key}' is not a section name")
        if nk == key:
            raise ReviewError(f"the section is '{key}' already")
        old = {k: s.text for k, s in it.sections.items()}
        if nk in old:
            new = {k: t for k, t in old.items() if k != key}
            new[nk] = "\n\n".join(t for t in (old[nk], old[key]) if t)
        else:
            new = {(nk if k == key else k): t for k, t in old.items()}
        before, after = {"sections": old}, {"sections": new}
        spec = resolve(self.record, ("items", item)).spec
        if any(t.section == key for t in it.tables):
            tables = spec.attrs["tables"].plain(it.tables)
            before["tables"] = tables
            after["tables"] = [dict(t, section=nk) if t["section"] == key else t for t in tables]
        return self._commit(Correction(at=now(), field=f"items[{item}]", before=before, after=after,
                                       note=f"moved section {key} to {nk}"))

    def repair(self, kind: str, line: int, column: int | None = None) -> Correction:
        """Repair the source: "join" line with the next, "split" it at column, or mark it as
        "furniture". Laid over the lines (numbers never shift); the record is parsed again at
        once and every field correction re-applied on top."""
        self._editable()
        if kind not in repairs.KINDS:
            raise ReviewError(f"'{kind}' is not a repair (join, split or furniture)")
        if kind != "split" and column is not None:
            raise ReviewError(f"a {kind} takes no column")
        c = Correction(at=now(), source=kind, line=line, column=column if kind == "split" else None,
                       text=repairs.laid_over(self.source, kind, line))
        problem = repairs.repair(repairs.copy_source(self.source), c)
        if problem:
            raise ReviewError(problem)
        return self._commit(c)

    def undo(self) -> Correction | None:
        """Take back the last change (any, across saves) with a new correction; None when there
        is nothing to undo. Verifying and unverifying are not undone: unverify instead."""
        self._editable()
        while self._undo and self._undo[-1] in self._unfit:
            self._undo.pop()
        if not self._undo:
            return None
        k = self._undo[-1]
        c = self.corrections[k]
        inverse = Correction(at=now(), field=c.field, before=c.after, after=c.before, source=c.source,
                             line=c.line, column=c.column, text=c.text, note=f"undo of #{k}: {describe(c)}")
        if c.field == "roster":
            self._roster_file_change(inverse)
        return self._commit(inverse)

    def redo(self) -> Correction | None:
        """Make the last undone change again; None when there is nothing to redo."""
        self._editable()
        if not self._redo:
            return None
        u = self._redo[-1]
        undone = self.corrections[u]
        m = repairs.UNDO.match(undone.note or "")
        k = int(m.group(2)) if m else -1
        c = self.corrections[k] if 0 <= k < u else None
        if c is None or (c.field, c.source, c.line) != (undone.field, undone.source, undone.line) \
                or (c.source is None and c.after != undone.before):
            self._redo.clear()  # a log that does not say what was undone: nothing to redo
            return None
        text = repairs.laid_over(self.source, c.source, c.line) if c.source is not None else None
        again = Correction(at=now(), field=c.field, before=c.before, after=c.after, source=c.source, line=c.line,
                           column=c.column, text=text, note=f"redo of #{k}: {describe(c)}")
        if c.field == "roster":
            self._roster_file_change(again)
        return self._commit(again)

    def verify(self, reviewer: str | None = None) -> None:
        """Mark the record verified and save it: refused while a warning or error flag is open,
        or when no reviewer name is known (argument, session, config output.reviewer)."""
        self._writable()
        review = self.record.review
        if review.status == "verified":
            raise ReviewError(f"the record is verified already (by {review.reviewer or 'someone'})")
        if not self.record.items:
            raise ReviewError("no item was found in this referat: a record without items cannot be verified")
        still = self.open_flags()
        if still:
            n = len(still)
            listed = ", ".join(f"{f.kind} on line {f.lines[0]} ({f.id})" for f in still[:4])
            raise ReviewError(f"{n} warning/error flag{'s are' if n != 1 else ' is'} still open: {listed}"
                              + (", …" if n > 4 else ""))
        bare = self._unreasoned_errors()
        if bare:
            raise ReviewError(f"error flag {bare[0].id} ({bare[0].kind} on line {bare[0].lines[0]}) was accepted "
                              "without a reason: accept it again saying why, or correct the field")
        name = " ".join(str(reviewer or self.reviewer or self.config.reviewer or "").split())
        if not name:
            raise ReviewError("who is verifying? Give a reviewer name (or set output.reviewer in config.toml)")
        when = now()
        before = {k: v for k, v in (("status", review.status), ("reviewer", review.reviewer),
                                    ("verified_at", review.verified_at)) if v is not None}
        seconds = (review.seconds or 0) + round(time.monotonic() - self._sitting)
        self._sitting = time.monotonic()
        made = sum(1 for c in self.corrections if c.field != "review")
        self._commit(Correction(at=when, field="review", before=before,
                                after={"status": "verified", "reviewer": name, "verified_at": when,
                                       "seconds": seconds, "corrections": made},
                                note=f"verified by {name}"))
        self.reviewer = name
        self.save()

    def unverify(self, reason: str) -> None:
        """Back to draft, with the reason logged; saved."""
        self._writable()
        review = self.record.review
        if review.status != "verified":
            raise ReviewError("the record is not verified")
        reason = " ".join(str(reason or "").split())
        if not reason:
            raise ReviewError("say why the record goes back to draft")
        before = {k: v for k, v in (("status", review.status), ("reviewer", review.reviewer),
                                    ("verified_at", review.verified_at)) if v is not None}
        self._commit(Correction(at=now(), field="review", before=before, after={"status": "draft"},
                                note=f"unverified: {reason}"))
        self.save()

    def save(self) -> Path:
        """Write the whole record atomically (same state, same bytes), then empty the journal."""
        self._writable()
        sha = self._pristine.sha256
        if self._record_path is not None:
            store.check_own(self._record_path, sha)
        target = self._target()
        text = dumps(to_dict(self.record))
        try:
            unchanged = read_own(target).decode("utf-8") == text  # a link there is replaced, not read
        except (OSError, UnicodeDecodeError):
            unchanged = False
        if not unchanged:
            write_atomic(target, text)
        old = self._record_path
        if old is not None and old != target and old.exists() and store.record_sha(old) == sha:
            try:
                old.unlink()  # the record moved to its new name (its date or body was corrected)
            except OSError:
                pass
        self._record_path = target
        if self._saved_n != len(self.corrections) or self._journal.path.exists():
            self._journal.rewrite([])
        self._saved_n = len(self.corrections)
        self.dirty = False
        return target

    def discard(self) -> Path | None:
        """Set aside every change since the last save: the journal is renamed, not destroyed
        (`<sha256>.journal.discarded-<time>`, kept for DISCARD_KEEP_DAYS days), so the next opening shows
        the saved record. Returns where the journal went, or None when there was nothing to set aside."""
        self._writable()
        path = self._journal.path
        if not path.exists():
            self.dirty = False
            return None
        stamp = now().strftime("%Y%m%dT%H%M%SZ")
        target = path.with_name(f"{path.name}.discarded-{stamp}")
        os.replace(path, target)
        self._prune_discarded()
        self.dirty = False
        return target

    def _prune_discarded(self) -> None:
        """Journals set aside more than DISCARD_KEEP_DAYS days ago are removed."""
        limit = time.time() - DISCARD_KEEP_DAYS * 86400
        for old in self.out_dir.glob("*.journal.discarded-*"):
            try:
                if old.stat().st_mtime < limit:
                    old.unlink()
            except OSError:
                pass

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

    # ------------------------------------------------------------------ internals: guards

    def _writable(self) -> None:
        if self.closed:
            raise ReviewError("the review session is closed")
        if self.read_only:
            raise ReviewError(f"read-only: {self._why_read_only}")

    def _editable(self) -> None:
        self._writable()
        if self.record.review.status == "verified":
            raise ReviewError("the record is verified: unverify it (saying why) before changing it")

    def _record_field(self, field: str) -> None:
        if not isinstance(field, str) or field.startswith(("review", "flags", "source", "corrections", "schema")):
            raise ReviewError(f"{field}: not a field of the referat (use resolve, toggle_verified or verify)")

    def _slot(self, field: str) -> Slot:
        try:
            return resolve(self.record, field)
        except PathError as exc:
            raise ReviewError(str(exc)) from None

    def _checked(self, slot: Slot, value, field: str):
        try:
            return slot.spec.plain(slot.spec.convert(value, Ctx(self.config, slot.owner), slot.current()
                                                     if slot.exists() else None))
        except ValueProblem as exc:
            raise ReviewError(f"{field}: {exc}") from None

    def _item(self, item: int):
        if isinstance(item, bool) or not isinstance(item, int) or not 0 <= item < len(self.record.items):
            raise ReviewError(f"there is no item {item} (the record has {len(self.record.items)})")
        return self.record.items[item]

    def _target(self) -> Path:
        """Where to save: the output name, unless a record of another source (or a file that is
        not a record) has it; then the name with this source's sha256."""
        base = self.output_path()
        sha = self._pristine.sha256
        for path in (base, base.with_name(f"{base.stem}-{sha[:12]}.toml"), base.with_name(f"{base.stem}-{sha}.toml")):
            if not path.exists() and not path.is_symlink():
                return path
            if path.is_file() and not path.is_symlink() and store.record_sha(path) == sha:
                return path
        raise store.RecordError(f"{base}: the name is taken by files of other sources; not saved")

    # ------------------------------------------------------------------ internals: state

    def _commit(self, c: Correction) -> Correction:
        """Check, journal (fsynced), then apply one correction."""
        i = len(self.corrections)
        do = None
        if c.source is None:
            try:
                do = self._plan(i, c)
            except Unfit as exc:
                raise ReviewError(f"{describe(c)}: {exc}") from None
        self._journal.append(i, c)
        self.corrections.append(c)
        if do is not None:
            do()
            self._typed_name(c)
        else:
            try:
                self._rebuild()
            except Exception as exc:  # a repair the parser cannot take: take it back
                self.corrections.pop()
                self._journal.rewrite([(n, self.corrections[n]) for n in range(self._saved_n, len(self.corrections))])
                self._rebuild()
                raise ReviewError(f"{describe(c)}: the source could not be parsed again ({exc})") from None
        self._track(i, c)
        self.dirty = True
        return c
