"""Review a parsed referat: corrections, repairs, undo/redo, journal, locks, save and verify.

Domain code only (no Textual): the TUI is a thin layer over `ReviewSession`.

    session.py    ReviewSession: opening and restoring, queries, operations committed, save, verify
    operations.py ReviewError; the changes a reviewer asks for, checked and made into corrections
    accept.py     resolving flags (an error closed by a change, or accepted with a reason), verify's checks
    learning.py   a name learned into the roster, and the roster file following its undo and redo
    undo.py       the undo and redo stacks, and the correction that undoes or redoes
    replay.py     Replay: the derived state; how a correction applies to the record as it now is
    followups.py  flags corrections raise: one that no longer fits, a typed name the roster lacks
    paths.py      field paths (`items[1].tables[0].rows[7][1]`) and the values they take
    repairs.py    join / split / furniture (the repair kinds, listed once) laid over the source lines
    journal.py    the append-only, fsynced journal of corrections not yet saved
    links.py      undo/redo links as fields, and the note form older workbenches wrote
    store.py      finding and checking saved records, output names
    saving.py     the record written atomically, the journal emptied or set aside
    lock.py       the lock that keeps a second session on the same source read-only
    wording.py    a value quoted short, a correction described, the time
"""
from workbench.model import FlagKind, SourceLine
from workbench.review.paths import PathError, format_path, parse_path
from workbench.review.session import ReviewError, ReviewSession

__all__ = ["FlagKind", "SourceLine", "ReviewSession", "ReviewError", "PathError", "parse_path", "format_path"]
