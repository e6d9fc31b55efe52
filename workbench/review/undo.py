"""Undo and redo: the two stacks, from the corrections in order, and the correction that takes
the last change back or makes the last undone one again.

An undo is a new correction putting `before` back, with `undoes = k` (k: the undone correction's
place in the list); a redo repeats #k with `redoes = k`. Their notes say so for the reviewer
("undo of #k: …", the form older workbenches read the link from; links.py). Verifying and
unverifying (`review`) are not undone: unverify instead.
"""
from __future__ import annotations

from workbench.model import Correction, SourceText
from workbench.review import repairs
from workbench.review.wording import describe, now


class Stacks:
    """What undo would take back (`undo`, last on top) and what redo would make again (`redo`:
    the undos, last on top), both as places in the corrections."""

    def __init__(self):
        self.undo: list[int] = []
        self.redo: list[int] = []

    def track(self, i: int, c: Correction) -> None:
        """Correction #i was made: the stacks follow."""
        if c.field == "review":
            return
        if c.undoes is not None:
            if c.undoes in self.undo:
                self.undo.remove(c.undoes)
            self.redo.append(i)
        elif c.redoes is not None:
            if self.redo:
                self.redo.pop()
            self.undo.append(i)
        else:
            self.undo.append(i)
            self.redo.clear()

    def can_undo(self, unfit: set[int]) -> bool:
        return any(k not in unfit for k in self.undo)

    def inverse(self, corrections: list[Correction], unfit: set[int]) -> Correction | None:
        """The undo of the last change that still fits (those that do not are passed over), or None."""
        while self.undo and self.undo[-1] in unfit:
            self.undo.pop()
        if not self.undo:
            return None
        k = self.undo[-1]
        c = corrections[k]
        return Correction(at=now(), field=c.field, before=c.after, after=c.before, source=c.source, line=c.line,
                          column=c.column, text=c.text, note=f"undo of #{k}: {describe(c)}", undoes=k)

    def again(self, corrections: list[Correction], source: SourceText) -> Correction | None:
        """The redo of the last undone change, or None (a log that does not say what was undone:
        nothing to redo, and the redo stack is emptied)."""
        if not self.redo:
            return None
        u = self.redo[-1]
        undone = corrections[u]
        k = undone.undoes if undone.undoes is not None else -1
        c = corrections[k] if 0 <= k < u else None
        if c is None or (c.field, c.source, c.line) != (undone.field, undone.source, undone.line) \
                or (c.source is None and c.after != undone.before):
            self.redo.clear()
            return None
        text = repairs.laid_over(source, c.source, c.line) if c.source is not None else None
        return Correction(at=now(), field=c.field, before=c.before, after=c.after, source=c.source, line=c.line,
                          column=c.column, text=text, note=f"redo of #{k}: {describe(c)}", redoes=k)
