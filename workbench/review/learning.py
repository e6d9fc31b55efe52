"""A name learned into the roster in review (`r` on a name_unknown flag), and the roster file
following its undo and redo: the correction is `field = "roster"`, `after` what was learned, the
flag and the roster file. (The file edit itself, under its lock, is roster/edit.py's.)"""
from __future__ import annotations

from pathlib import Path

from workbench.model import Correction, Flag, FlagKind
from workbench.review.operations import ReviewError
from workbench.review.wording import now


def _told(learned: dict) -> str:
    if learned.get("as") == "alias":
        return f"'{learned.get('name')}' as another name of {learned.get('person')}"
    return f"'{learned.get('name')}' as a new person" + (f" ({learned['title']})" if learned.get("title") else "")


def learn(flag: Flag | None, flag_id: str, learned: dict, roster_path: Path):
    """Learn the name into the roster file: (the roster now, the correction to commit, how to take it
    back should the commit fail: a function giving the roster without it)."""
    from workbench.roster import RosterError
    from workbench.roster.edit import learn as learn_file, unlearn

    learned = {k: v for k, v in learned.items() if v not in (None, "")}
    if flag is None or flag.kind != FlagKind.NAME_UNKNOWN:
        raise ReviewError(f"there is no name_unknown flag '{flag_id}'")
    try:
        roster = learn_file(Path(roster_path), learned)
    except (RosterError, OSError) as exc:
        raise ReviewError(str(exc)) from None
    c = Correction(at=now(), field="roster", before=None, after={**learned, "flag": flag_id, "roster": str(roster_path)},
                   note=f"learned {_told(learned)}")
    return roster, c, lambda: unlearn(Path(roster_path), learned)


def follow(c: Correction, roster):
    """The roster after the undo or redo `c` of a learned name: the file changed first (before it is
    journalled); ReviewError when it cannot be."""
    from workbench.roster import RosterError
    from workbench.roster.edit import learn as learn_file, unlearn

    try:
        if isinstance(c.before, dict) and c.after is None:
            return unlearn(Path(c.before["roster"]), c.before)
        if isinstance(c.after, dict):
            return learn_file(Path(c.after["roster"]), c.after)
    except (RosterError, OSError, KeyError) as exc:
        raise ReviewError(f"the roster could not be changed back: {exc}") from None
    return roster
