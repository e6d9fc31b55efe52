"""Replaying corrections: the derived state of a review, and how each correction applies to the
record as it now is, or why it no longer fits.

The state of a review is derived: the source with its repairs → parse → checks → every field
correction applied in order (`Replay.rebuild`). A live operation goes through the same
`plan` as a replay, so a session and any later rebuild of it from record and journal agree.

Beside the record's values a `Replay` keeps what follows from the corrections alone: which flags
an edit fixed (an edit to a flag's suggestion fixes it; changed away, it opens again), what a
delete took away (for its undo: the object with its spans, the flags that were about it),
flags and ticks renumbered as list entries come and go, and which corrections no longer fit.
(The undo and redo stacks are undo.py's; the flags a correction raises, followups.py's.)
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field as dc_field

from workbench.checks import SEVERITY_ORDER
from workbench.model import Correction, Flag, Referat, SourceText, Table, FlagKind
from workbench.review import followups, repairs
from workbench.review.paths import (Ctx, Obj, PathError, Slot, ValueProblem, format_path, related, resolve,
                                    try_parse, under)
from workbench.review.store import RESOLUTIONS, Saved
from workbench.review.wording import short

FLAG_PATH = re.compile(r"^flags\.(.+)\.resolution$")


class Unfit(Exception):
    """A correction that does not fit the record as it now is (the message says why)."""


@dataclass
class _Stash:
    """What a delete took away, for its undo: the object (spans and all), the flags that
    were about it (with their field and resolution) and the ticks of verified fields."""

    obj: object
    flags: list[tuple[Flag, str, str]] = dc_field(default_factory=list)
    verified: list[str] = dc_field(default_factory=list)


def _norm(value) -> str:
    return " ".join(str(value).split())


def _scalars(value) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, dict):
        return {_norm(v) for v in value.values() if not isinstance(v, (dict, list)) and v is not None}
    if isinstance(value, list):
        return set()
    return {_norm(value)}


class Replay:
    """The record a review's corrections make of its source, and what follows from them.

    `source` and `record` are the current state; `detached` the flags a delete took away with
    their field; `unfit` the corrections (by place) that could not be made again. `roster` is
    the roster names are matched against (a learned name changes it)."""

    def __init__(self, pristine: SourceText, config, roster):
        self.pristine = pristine
        self.config = config
        self.roster = roster
        self.source: SourceText = pristine
        self.record: Referat = Referat(source=pristine)
        self.detached: set[str] = set()
        self.unfit: set[int] = set()
        self._auto: dict[str, str] = {}
        self._removed: dict[int, _Stash] = {}
        # what the saved record says beyond its corrections (flag resolutions and review state
        # set by hand or by another tool): taken over at the point where its corrections end
        self._import_at = 0
        self._pending: Saved | None = None
        self._imports: dict[str, str] = {}
        self._import_review: dict = {}

    def take_over_at(self, at: int, saved: Saved | None) -> None:
        """The saved record whose corrections are the first `at`: what it says beyond them is
        taken over at that point of every rebuild."""
        self._import_at, self._pending = at, saved

    def flag(self, flag_id: str) -> Flag | None:
        return next((f for f in self.record.flags if f.id == flag_id), None)

    def rebuild(self, corrections: list[Correction]) -> None:
        """Everything again from the source: repairs, parse, checks, then every field correction.
        The record's corrections are this list (the same object: what is appended to it, it has)."""
        from workbench.pipeline import analyse_source

        source, emptied, bad = repairs.apply(self.pristine, corrections)
        ref = analyse_source(source, self.config, self.roster)
        if emptied:
            ref.flags = [f for f in ref.flags if not (f.kind == FlagKind.PAGE_FURNITURE and f.lines[0] in emptied)]
        ref.corrections = corrections
        self.source, self.record = source, ref
        self._auto = {}
        self._removed = {}
        self.detached = set()
        self.unfit = set()
        for i, c in enumerate(corrections):
            if i == self._import_at:
                self._take_over_saved()
            if c.source is not None:
                if i in bad:
                    self._unfit(i, c, bad[i])
                continue
            try:
                do = self.plan(i, c)
            except Unfit as exc:
                self._unfit(i, c, str(exc))
                continue
            do()
        if self._import_at >= len(corrections):
            self._take_over_saved()
        ref.flags.sort(key=lambda f: (f.lines[0], SEVERITY_ORDER.get(f.severity, 9), f.kind))

    def plan(self, i: int, c: Correction):
        """What applying field correction #i means now, as a function to call; Unfit if it does not fit."""
        do = self._plan_one(i, c)

        def apply():
            do()
            followups.typed_name(self.record, self.roster, c)
        return apply

    def _unfit(self, i: int, c: Correction, reason: str) -> None:
        self.unfit.add(i)
        followups.unfit(self.record, self.source, i, c, reason)

    def _take_over_saved(self) -> None:
        """Where the saved record's corrections end: what the record says that they do not
        (a resolution or review state set by hand, or by `workbench parse` and an editor) is
        taken over, at that same point of every rebuild."""
        saved = self._pending
        review = self.record.review
        if saved is not None:
            self._pending = None
            self._imports = {f.id: saved.resolutions[f.id] for f in self.record.flags
                             if saved.resolutions.get(f.id, f.resolution) != f.resolution}
            sr = saved.review
            self._import_review = {}
            if (review.status, review.reviewer, review.verified_at) != (sr.status, sr.reviewer, sr.verified_at):
                self._import_review["state"] = (sr.status, sr.reviewer, sr.verified_at)
            if review.verified_fields != sr.verified_fields:
                self._import_review["verified_fields"] = list(sr.verified_fields)
        for f in self.record.flags:
            if f.id in self._imports:
                f.resolution = self._imports[f.id]
                self._auto.pop(f.id, None)
        if "state" in self._import_review:
            review.status, review.reviewer, review.verified_at = self._import_review["state"]
        if "verified_fields" in self._import_review:
            review.verified_fields = list(self._import_review["verified_fields"])

    def _learned_flag(self, c: Correction) -> None:
        learned = c.after if isinstance(c.after, dict) else c.before if isinstance(c.before, dict) else {}
        flag = self.flag(learned.get("flag", ""))
        if flag is not None:
            flag.resolution = "fixed" if isinstance(c.after, dict) else "open"
            self._auto.pop(flag.id, None)

    def _set_review(self, after: dict) -> None:
        review = self.record.review
        after = after if isinstance(after, dict) else {}
        review.status = after.get("status", "draft") if after.get("status") in ("draft", "verified") else "draft"
        review.reviewer = after.get("reviewer")
        review.verified_at = after.get("verified_at")
        for cost in ("seconds", "corrections"):  # what the review cost (verify); kept when it goes back to draft
            if isinstance(after.get(cost), int):
                setattr(review, cost, after[cost])

    def _plan_one(self, i: int, c: Correction):
        """What applying correction #i means now, as a function to call; Unfit if it does not fit."""
        if c.field == "review":
            return lambda: self._set_review(c.after)
        if c.field == "roster":  # a learned name: the roster file has it; the record keeps its flag fixed
            return lambda: self._learned_flag(c)
        if c.field == "review.verified_fields":
            after = c.after if isinstance(c.after, list) else []
            return lambda: setattr(self.record.review, "verified_fields", [str(x) for x in after])
        m = FLAG_PATH.match(c.field or "")
        if m:
            flag = self.flag(m.group(1))
            if flag is None:
                return lambda: None  # the flag is gone (the source no longer raises it): nothing to resolve
            if c.after not in RESOLUTIONS:
                raise Unfit(f"'{c.after}' is not a resolution")

            def resolve_flag():
                flag.resolution = c.after
                self._auto.pop(flag.id, None)
            return resolve_flag
        return self._plan_field(i, c)

    def _plan_field(self, i: int, c: Correction):
        try:
            slot = resolve(self.record, c.field)
        except PathError:
            raise Unfit("the field is gone") from None
        before, after = c.before, c.after
        if before is None and after is None:
            raise Unfit("it changes nothing")
        exists = slot.exists()
        cur = slot.plain() if exists else None
        if slot.element and before is None:
            return self._plan_insert(i, c, slot, exists, cur)
        if slot.element and after is None:
            if not exists:
                if not slot.in_list:
                    return self._noop(c)  # the section is gone already
                raise Unfit("it is gone")
            if cur != before:
                raise Unfit(f"it now holds {short(cur)}")
            return lambda: self._remove(i, c, slot)
        if slot.element and not exists:
            raise Unfit("it is gone")
        if isinstance(slot.spec, Obj) and isinstance(before, dict) and isinstance(after, dict):
            obj = slot.current()
            keys = list(dict.fromkeys([*before, *after]))
            if any(k not in slot.spec.attrs for k in keys):
                raise Unfit("it names a field the record does not have")
            subs = {k: Slot(obj, k, slot.spec.attrs[k], obj, slot.path + (k,)) for k in keys}
            now = {k: s.plain() for k, s in subs.items()}
            if all(now[k] == after.get(k) for k in keys):
                return self._noop(c)
            wrong = next((k for k in keys if now[k] != before.get(k)), None)
            if wrong is not None:
                raise Unfit(f"{wrong} now holds {short(now[wrong])}")
            try:
                owner = obj
                if isinstance(obj, Table) and "columns" in subs:  # rows are checked against the new columns
                    owner = dataclasses.replace(obj, columns=subs["columns"].spec.convert(
                        after.get("columns"), Ctx(self.config, obj), subs["columns"].current()))
                models = {k: s.spec.convert(after.get(k), Ctx(self.config, owner), s.current()) for k, s in subs.items()}
            except ValueProblem as exc:
                raise Unfit(f"the value does not fit ({exc})") from None

            def merge():
                for k, s in subs.items():
                    s.set(models[k])
                self._autofix(c.field, after, c)
            return merge
        if cur == after:
            return self._noop(c)
        if cur != before:
            raise Unfit(f"it now holds {short(cur)}")
        try:
            model = slot.spec.convert(after, Ctx(self.config, slot.owner), slot.current() if exists else None)
        except ValueProblem as exc:
            raise Unfit(f"the value does not fit ({exc})") from None

        def put():
            slot.set(model)
            self._autofix(c.field, after, c)
        return put

    def _noop(self, c: Correction):
        return lambda: self._autofix(c.field, c.after, c)

    def _plan_insert(self, i: int, c: Correction, slot: Slot, exists: bool, cur):
        after = c.after
        if exists and cur == after and not slot.in_list:
            return self._noop(c)
        if exists and not slot.in_list:
            raise Unfit(f"it exists already, holding {short(cur)}")
        if slot.in_list and slot.key > len(slot.parent):
            raise Unfit(f"the list has only {len(slot.parent)} entries")
        stash = None
        if c.undoes is not None:
            stash = self._removed.get(c.undoes)
            if stash is not None and slot.spec.plain(stash.obj) != after:
                stash = None
        if stash is not None:
            model = stash.obj
        else:
            try:
                model = slot.spec.convert(after, Ctx(self.config, slot.owner))
            except ValueProblem as exc:
                raise Unfit(f"the value does not fit ({exc})") from None

        def insert():
            slot.insert(model)
            if slot.in_list:
                self._shift(slot.path[:-1], slot.key, +1)
            if stash is not None:
                for flag, field, resolution in stash.flags:
                    flag.field, flag.resolution = field, resolution
                    self.detached.discard(flag.id)
                vf = self.record.review.verified_fields
                vf.extend(p for p in stash.verified if p not in vf)
            self._autofix(c.field, after, c)
        return insert

    def _remove(self, i: int, c: Correction, slot: Slot) -> None:
        obj = slot.remove()
        top = c.field
        stash = _Stash(obj)
        for f in self.record.flags:
            if f.id not in self.detached and under(f.field, top):
                stash.flags.append((f, f.field, f.resolution))
                if f.resolution == "open":
                    f.resolution = "fixed"
                self.detached.add(f.id)
                self._auto.pop(f.id, None)
        review = self.record.review
        stash.verified = [p for p in review.verified_fields if under(p, top)]
        review.verified_fields = [p for p in review.verified_fields if not under(p, top)]
        if slot.in_list:
            self._shift(slot.path[:-1], slot.key + 1, -1)
        self._removed[i] = stash
        self._autofix(top, None, c)

    def _shift(self, list_path: tuple, start: int, delta: int) -> None:
        """Entries from `start` on moved by delta: flags, ticks and auto-fixes follow them."""
        n = len(list_path)

        def moved(path: str) -> str:
            parts = try_parse(path)
            if parts and len(parts) > n and parts[:n] == tuple(list_path) and isinstance(parts[n], int) \
                    and parts[n] >= start:
                return format_path(parts[:n] + (parts[n] + delta,) + parts[n + 1:])
            return path

        for f in self.record.flags:
            if f.id not in self.detached:
                f.field = moved(f.field)
        review = self.record.review
        review.verified_fields = [moved(p) for p in review.verified_fields]
        self._auto = {k: moved(v) for k, v in self._auto.items()}

    def _autofix(self, field: str, after, c: Correction | None = None) -> None:
        """A flag whose suggestion the new value takes is fixed; one fixed that way opens again
        when that field is changed away from it. An undo never fixes a flag: it puts a value back,
        it does not check it."""
        undoing = c is not None and c.undoes is not None
        values = _scalars(after)
        for f in self.record.flags:
            if f.id in self.detached:
                continue
            fixes = (f.field == field and after is not None) if f.kind == FlagKind.MISSING_SECTION else \
                (f.suggestion is not None and _norm(f.suggestion) in values)
            if self._auto.get(f.id) == field:
                if not fixes:
                    f.resolution = "open"
                    del self._auto[f.id]
            elif f.resolution == "open" and fixes and related(f.field, field) and not undoing:
                f.resolution = "fixed"
                self._auto[f.id] = field
