"""Review a parsed referat: corrections, repairs, undo/redo, journal, locks, save and verify.

Domain code only (no Textual): the TUI is a thin layer over `ReviewSession`.

    session.py   ReviewSession, ReviewError: opening, queries, operations, save, verify
    replay.py    how a correction applies to the record as it now is (live and on rebuild)
    paths.py     field paths (`items[1].tables[0].rows[7][1]`) and the values they take
    repairs.py   join / split / furniture laid over the source lines
    journal.py   the append-only, fsynced journal of corrections not yet saved
    store.py     finding and checking saved records, output names, the lock
"""
from workbench.model import FlagKind
from workbench.review.paths import PathError, format_path, parse_path
from workbench.review.session import ReviewError, ReviewSession

__all__ = ["FlagKind", "ReviewSession", "ReviewError", "PathError", "parse_path", "format_path"]
