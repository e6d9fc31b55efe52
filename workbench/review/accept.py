"""Closing flags and verifying: what a resolution of a flag needs (an error is closed only by a
change, or accepted with the reviewer's reason), which flags still hold verify, and the
corrections that mark a record verified or back to draft. Checks only: the session commits."""
from __future__ import annotations

from workbench.checks import SEVERITY_ORDER
from workbench.model import Correction, Flag, Referat
from workbench.review.operations import ReviewError
from workbench.review.paths import related
from workbench.review.store import RESOLUTIONS
from workbench.review.wording import now

ACCEPTED_BECAUSE = "accepted: "  # the note of an error flag accepted as it stands, before the reason


def open_flags(record: Referat) -> list[Flag]:
    """Warning and error flags not yet resolved, in line order: these block verify."""
    return sorted((f for f in record.flags if f.severity in ("warning", "error") and f.resolution == "open"),
                  key=lambda f: (f.lines[0], SEVERITY_ORDER.get(f.severity, 9)))


def corrected(corrections: list[Correction], field: str) -> bool:
    """Whether a change of this review touched the field, one inside it or the object holding it."""
    return any(c.field and not c.field.startswith(("flags.", "review")) and c.field != "roster"
               and related(c.field, field) for c in corrections)


def resolution(flag: Flag | None, flag_id: str, resolution: str, reason: str | None,
               corrections: list[Correction]) -> Correction:
    """The correction resolving a flag (see ReviewSession.resolve), or ReviewError saying why not."""
    if resolution not in RESOLUTIONS:
        raise ReviewError(f"'{resolution}' is not a resolution ({', '.join(RESOLUTIONS)})")
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
    if flag.severity == "error" and resolution == "fixed" and not corrected(corrections, flag.field):
        raise ReviewError(f"flag {flag_id} is an error and nothing in {flag.field or 'the record'} has been "
                          "changed: correct the field, or accept the flag saying why")
    return Correction(at=now(), field=f"flags.{flag_id}.resolution", before=flag.resolution,
                      after=resolution, note=note)


def unreasoned_errors(record: Referat, corrections: list[Correction]) -> list[Flag]:
    """Error flags marked accepted without a reason (a journal or record of older code)."""
    out = []
    for f in record.flags:
        if f.severity != "error" or f.resolution != "accepted":
            continue
        last = next((c for c in reversed(corrections) if c.field == f"flags.{f.id}.resolution"), None)
        if last is not None and last.redoes is not None and last.redoes < len(corrections):
            last = corrections[last.redoes]  # a redo repeats the accept, and its reason
        if last is None or not (last.note or "").startswith(ACCEPTED_BECAUSE):
            out.append(f)
    return out


def _state(record: Referat) -> dict:
    review = record.review
    return {k: v for k, v in (("status", review.status), ("reviewer", review.reviewer),
                              ("verified_at", review.verified_at)) if v is not None}


def verified(record: Referat, corrections: list[Correction], name: str, seconds: int = 0) -> Correction:
    """The correction marking the record verified by `name`, or ReviewError: verified already, no
    items, a warning or error flag still open, an error accepted without a reason, no name. It keeps
    what the review cost: `seconds` spent in review, and the corrections made (review marks not counted)."""
    review = record.review
    if review.status == "verified":
        raise ReviewError(f"the record is verified already (by {review.reviewer or 'someone'})")
    if not record.items:
        raise ReviewError("no item was found in this referat: a record without items cannot be verified")
    still = open_flags(record)
    if still:
        n = len(still)
        listed = ", ".join(f"{f.kind} on line {f.lines[0]} ({f.id})" for f in still[:4])
        raise ReviewError(f"{n} warning/error flag{'s are' if n != 1 else ' is'} still open: {listed}"
                          + (", …" if n > 4 else ""))
    bare = unreasoned_errors(record, corrections)
    if bare:
        raise ReviewError(f"error flag {bare[0].id} ({bare[0].kind} on line {bare[0].lines[0]}) was accepted "
                          "without a reason: accept it again saying why, or correct the field")
    name = " ".join(str(name or "").split())
    if not name:
        raise ReviewError("who is verifying? Give a reviewer name (or set output.reviewer in config.toml)")
    when = now()
    return Correction(at=when, field="review", before=_state(record),
                      after={"status": "verified", "reviewer": name, "verified_at": when, "seconds": seconds,
                             "corrections": sum(1 for c in corrections if c.field != "review")},
                      note=f"verified by {name}")


def unverified(record: Referat, reason: str) -> Correction:
    """The correction returning a verified record to draft, with the reason; or ReviewError."""
    if record.review.status != "verified":
        raise ReviewError("the record is not verified")
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise ReviewError("say why the record goes back to draft")
    return Correction(at=now(), field="review", before=_state(record), after={"status": "draft"},
                      note=f"unverified: {reason}")
