"""Every action of the screens and its key binding, declared once: id, default keys, action, description, help text, scope, footer.

The review screen, its panes and its dialogs build their `BINDINGS` from this table
(`bindings(scope)`); the help screen lists it, the footer shows the rows marked `footer`, and
workbench/keys.py reads it to check a `[keys]` remap when the config loads. So this module
imports no Textual when it is imported (config.py, domain code, reads it): only
`bindings()` does, when a screen class is made.

Scopes: "main" is the review screen itself (active under every pane); "tree" and "raw" are its
panes (active over "main" while focused); the others are the dialogs, each a screen of its own.
Descriptions and help texts are the English source strings: a translation wraps them where they
are shown, never here.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    id: str            # the binding id a [keys] remap names
    scope: str         # where it is active (see above)
    keys: str          # default keys, comma separated, as Textual names them
    action: str        # the Textual action it runs
    description: str   # the footer's and the help screen's word for it
    help: str = ""     # one sentence: the binding's tooltip
    footer: bool = False  # shown in the footer


def _rows(scope: str, *rows: tuple) -> list[Action]:
    return [Action(i, scope, keys, action, description, help_text, bool(footer))
            for i, keys, action, description, help_text, footer in rows]


ACTIONS: tuple[Action, ...] = tuple([
    *_rows("main",
           ("pane.next", "tab", "app.focus_next", "Next pane", "Focus the next pane.", 0),
           ("pane.previous", "shift+tab", "app.focus_previous", "Previous pane", "Focus the previous pane.", 0),
           ("flag.next", "n", "next_flag", "Next flag", "Go to the next open flag and show its lines.", 1),
           ("flag.previous", "N", "previous_flag", "Previous flag", "Go to the previous open flag.", 1),
           ("field.edit", "e", "edit", "Edit", "Edit the selected field.", 1),
           ("flag.accept", "a", "accept_flag", "Accept flag", "Accept the current flag as the record stands.", 1),
           ("field.verified", "space", "toggle_verified", "Verified", "Mark the selected field verified, or not.", 1),
           ("name.learn", "r", "learn_name", "Learn name", "On a name_unknown flag: learn the name into the roster.", 0),
           ("structure.add", "plus", "add", "Add", "Add below the selected node.", 0),
           ("structure.delete", "x,delete", "delete", "Delete", "Delete the selected node.", 0),
           ("structure.move", "m", "move_section", "Move section", "Move a section under another heading.", 0),
           ("undo", "ctrl+z", "undo", "Undo", "Undo the last change, across saves.", 1),
           ("redo", "ctrl+y", "redo", "Redo", "Make the undone change again.", 0),
           ("save", "ctrl+s", "save", "Save", "Write the record.", 1),
           ("record.verify", "V", "verify", "Verify", "Mark the record verified and save it.", 1),
           ("search", "slash", "search", "Search", "Search the raw text.", 1),
           ("help", "question_mark,f1", "help", "Help", "Help for the focused pane.", 1),
           ("quit", "q", "quit_review", "Quit", "Quit, asking about unsaved changes.", 1),
           ("load.cancel", "escape", "cancel_load", "Cancel opening", "Stop reading the file being opened.", 0)),
    *_rows("inbox",
           ("inbox.open", "enter", "open", "Open", "Open the selected referat for review.", 1),
           ("inbox.search", "slash", "search", "Search", "Search by body, date or title.", 1),
           ("inbox.filter", "f", "filter", "Filter", "Show the next state only: unreviewed, new, draft, verified, all.", 1),
           ("inbox.clear", "escape", "clear", "Show all", "Clear the search and the filter.", 0),
           ("inbox.down", "j", "cursor_down", "Down", "", 0),
           ("inbox.up", "k", "cursor_up", "Up", "", 0),
           ("inbox.help", "question_mark,f1", "help", "Help", "What the inbox shows.", 1),
           ("inbox.quit", "q", "quit_inbox", "Quit", "Quit the workbench.", 1)),
    *_rows("tree",
           ("tree.down", "j", "cursor_down", "Down", "", 0),
           ("tree.up", "k", "cursor_up", "Up", "", 0),
           ("tree.verified", "space", "screen.toggle_verified", "Verified", "Mark the selected field verified, or not.", 0)),
    *_rows("raw",
           ("raw.up", "up,k", "cursor(-1)", "Up", "", 0),
           ("raw.down", "down,j", "cursor(1)", "Down", "", 0),
           ("raw.pageup", "pageup", "page(-1)", "Page up", "", 0),
           ("raw.pagedown", "pagedown", "page(1)", "Page down", "", 0),
           ("raw.left", "left,h", "column(-1)", "Left", "", 0),
           ("raw.right", "right,l", "column(1)", "Right", "", 0),
           ("raw.home", "home", "home", "Line start", "", 0),
           ("raw.end", "end", "end", "Line end", "", 0),
           ("raw.join", "J", "repair('join')", "Join line", "Join the line with the next.", 1),
           ("raw.split", "S", "repair('split')", "Split line", "Split the line at the cursor.", 1),
           ("raw.furniture", "H", "repair('furniture')", "Page furniture", "Mark the line as page furniture.", 1)),
    *_rows("form",
           ("form.cancel", "escape", "cancel", "Cancel", "", 1),
           ("form.accept", "ctrl+s", "submit", "Accept", "", 0)),
    *_rows("choice", ("choice.cancel", "escape", "cancel", "Cancel", "", 1)),
    *_rows("editor",
           ("editor.cancel", "escape", "cancel", "Cancel", "", 1),
           ("editor.accept", "ctrl+s", "accept", "Accept", "", 0),
           ("editor.next", "down", "suggestion(1)", "Next name", "", 0),
           ("editor.prev", "up", "suggestion(-1)", "Previous name", "", 0)),
    *_rows("quit",
           ("quit.keep", "escape,k", "choose('keep')", "Keep editing", "", 1),
           ("quit.discard", "d", "choose('discard')", "Discard", "", 1),
           ("quit.save", "s", "choose('save')", "Save", "", 1)),
    *_rows("confirm",
           ("confirm.yes", "y,j", "choose(True)", "Yes", "", 1),
           ("confirm.no", "escape,n", "choose(False)", "No", "", 1)),
    *_rows("prompt", ("prompt.cancel", "escape", "cancel", "Cancel", "", 1)),
    *_rows("help", ("help.close", "escape,q,question_mark,f1", "close", "Close", "", 1)),
])

SCOPES: tuple[str, ...] = tuple(dict.fromkeys(a.scope for a in ACTIONS))
PALETTE_HELP = "command palette (save, verify, go to item N, next file, theme)"  # ctrl+p: Textual's own key


def of_scope(scope: str) -> list[Action]:
    """The scope's actions in the order they are declared (the footer's and the help's order)."""
    if scope not in SCOPES:
        raise KeyError(scope)
    return [a for a in ACTIONS if a.scope == scope]


def by_id(binding_id: str) -> Action | None:
    return next((a for a in ACTIONS if a.id == binding_id), None)


def defaults() -> dict[str, dict[str, str]]:
    """scope -> binding id -> default keys: what keys.py checks a remap against."""
    return {scope: {a.id: a.keys for a in of_scope(scope)} for scope in SCOPES}


def bindings(scope: str) -> list:
    """The scope's Textual `Binding`s (the only place here that imports Textual)."""
    from textual.binding import Binding

    return [Binding(a.keys, a.action, a.description, show=a.footer, tooltip=a.help, id=a.id) for a in of_scope(scope)]
