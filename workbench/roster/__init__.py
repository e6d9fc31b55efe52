"""The roster of people and bodies that referater name: its types, reading, matching and editing.

- `model`: Post, Person, Body, Match, Roster, RosterError;
- `normalise`: Danish folding, the title grammar, `normalize`;
- `match`: fuzzy matching (rapidfuzz) behind `Roster.match`;
- `file`: reading and checking ``roster.toml`` (`load_roster`);
- `edit`: atomic edits that keep the user's comments (`add_person`, `add_alias`, `learn`, ...).

Finding names in running text is parser work: `workbench.parse.mentions`. The edits (and tomlkit)
are imported only when first asked for, so reading and matching start without them.
"""

from __future__ import annotations

from workbench.roster.file import load_roster
from workbench.roster.match import CERTAIN_MARGIN, CERTAIN_SCORE
from workbench.roster.model import Body, Match, Person, Post, Roster, RosterError
from workbench.roster.normalise import normalize

_EDITS = ("add_person", "add_alias", "remove_alias", "remove_person", "learn", "unlearn")

__all__ = [
    "RosterError", "Post", "Person", "Body", "Match", "Roster", "normalize", "load_roster",
    "CERTAIN_SCORE", "CERTAIN_MARGIN", *_EDITS,
]


def __getattr__(name: str):
    if name in _EDITS:
        from workbench.roster import edit

        return getattr(edit, name)
    raise AttributeError(f"module 'workbench.roster' has no attribute {name!r}")
