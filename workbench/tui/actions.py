"""Every action of the screens and its key binding, declared once: id, default keys, action, description, help text, scope, footer.

The review screen, its panes and its dialogs build their `BINDINGS` from this table
(`bindings(scope)`); the help screen lists it, the footer shows the rows marked `footer`, and
workbench/keys.py reads it to check a `[keys]` remap when the config loads. So this module
imports no Textual when it is imported (config.py, domain code, reads it): only
`bindings()` does, when a screen class is made.

Scopes: "main" is the review screen itself (active under every pane); "tree" and "raw" are its
panes (active over "main" while focused); the others are the dialogs, each a screen of its own.
Descriptions and help texts are the English source strings, marked with `N_()`: `shown()` gives an
action in the language spoken now, `bindings()` makes Binding's in it, and `translate(node)` gives a
made widget or screen its bindings in the language spoken when it is made (tests switch languages
within one process; the CLI sets it before any screen class exists).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from workbench.i18n import N_, _


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
           ("pane.next", "tab", "app.focus_next", N_('Next pane'), N_('Focus the next pane.'), 0),
           ("pane.previous", "shift+tab", "app.focus_previous", N_('Previous pane'), N_('Focus the previous pane.'), 0),
           ("flag.next", "n", "next_flag", N_('Next flag'), N_('Go to the next open flag and show its lines.'), 1),
           ("flag.previous", "N", "previous_flag", N_('Previous flag'), N_('Go to the previous open flag.'), 1),
           ("field.edit", "e", "edit", N_('Edit'), N_('Edit the selected field.'), 1),
           ("flag.accept", "a", "accept_flag", N_('Accept flag'), N_('Accept the current flag as the record stands.'), 1),
           ("field.verified", "space", "toggle_verified", N_('Verified'), N_('Mark the selected field verified, or not.'), 1),
           ("name.learn", "r", "learn_name", N_('Learn name'), N_('On a name_unknown flag: learn the name into the roster.'), 0),
           ("structure.add", "plus", "add", N_('Add'), N_('Add below the selected node.'), 0),
           ("structure.delete", "x,delete", "delete", N_('Delete'), N_('Delete the selected node.'), 0),
           ("structure.move", "m", "move_section", N_('Move section'), N_('Move a section under another heading.'), 0),
           ("undo", "ctrl+z", "undo", N_('Undo'), N_('Undo the last change, across saves.'), 1),
           ("redo", "ctrl+y", "redo", N_('Redo'), N_('Make the undone change again.'), 0),
           ("save", "ctrl+s", "save", N_('Save'), N_('Write the record.'), 1),
           ("record.verify", "V", "verify", N_('Verify'), N_('Mark the record verified and save it.'), 1),
           ("search", "slash", "search", N_('Search'), N_('Search the raw text.'), 1),
           ("help", "question_mark,f1", "help", N_('Help'), N_('Help for the focused pane.'), 1),
           ("quit", "q", "quit_review", N_('Quit'), N_('Quit, asking about unsaved changes.'), 1),
           ("load.cancel", "escape", "cancel_load", N_('Cancel opening'), N_('Stop reading the file being opened.'), 0)),
    *_rows("inbox",
           ("inbox.open", "enter", "open", N_('Open'), N_('Open the selected referat for review.'), 1),
           ("inbox.search", "slash", "search", N_('Search'), N_('Search by body, date or title.'), 1),
           ("inbox.filter", "f", "filter", N_('Filter'), N_('Show the next state only: unreviewed, new, draft, verified, all.'), 1),
           ("inbox.clear", "escape", "clear", N_('Show all'), N_('Clear the search and the filter.'), 0),
           ("inbox.down", "j", "cursor_down", N_('Down'), "", 0),
           ("inbox.up", "k", "cursor_up", N_('Up'), "", 0),
           ("inbox.help", "question_mark,f1", "help", N_('Help'), N_('What the inbox shows.'), 1),
           ("inbox.quit", "q", "quit_inbox", N_('Quit'), N_('Quit the workbench.'), 1)),
    *_rows("tree",
           ("tree.down", "j", "cursor_down", N_('Down'), "", 0),
           ("tree.up", "k", "cursor_up", N_('Up'), "", 0),
           ("tree.verified", "space", "screen.toggle_verified", N_('Verified'), N_('Mark the selected field verified, or not.'), 0)),
    *_rows("raw",
           ("raw.up", "up,k", "cursor(-1)", N_('Up'), "", 0),
           ("raw.down", "down,j", "cursor(1)", N_('Down'), "", 0),
           ("raw.pageup", "pageup", "page(-1)", N_('Page up'), "", 0),
           ("raw.pagedown", "pagedown", "page(1)", N_('Page down'), "", 0),
           ("raw.left", "left,h", "column(-1)", N_('Left'), "", 0),
           ("raw.right", "right,l", "column(1)", N_('Right'), "", 0),
           ("raw.home", "home", "home", N_('Line start'), "", 0),
           ("raw.end", "end", "end", N_('Line end'), "", 0),
           ("raw.join", "J", "repair('join')", N_('Join line'), N_('Join the line with the next.'), 1),
           ("raw.split", "S", "repair('split')", N_('Split line'), N_('Split the line at the cursor.'), 1),
           ("raw.furniture", "H", "repair('furniture')", N_('Page furniture'), N_('Mark the line as page furniture.'), 1)),
    *_rows("form",
           ("form.cancel", "escape", "cancel", N_('Cancel'), "", 1),
           ("form.accept", "ctrl+s", "submit", N_('Accept'), "", 0)),
    *_rows("choice", ("choice.cancel", "escape", "cancel", N_('Cancel'), "", 1)),
    *_rows("editor",
           ("editor.cancel", "escape", "cancel", N_('Cancel'), "", 1),
           ("editor.accept", "ctrl+s", "accept", N_('Accept'), "", 0),
           ("editor.next", "down", "suggestion(1)", N_('Next name'), "", 0),
           ("editor.prev", "up", "suggestion(-1)", N_('Previous name'), "", 0)),
    *_rows("quit",
           ("quit.keep", "escape,k", "choose('keep')", N_('Keep editing'), "", 1),
           ("quit.discard", "d", "choose('discard')", N_('Discard'), "", 1),
           ("quit.save", "s", "choose('save')", N_('Save'), "", 1)),
    *_rows("confirm",
           ("confirm.yes", "y,j", "choose(True)", N_('Yes'), "", 1),
           ("confirm.no", "escape,n", "choose(False)", N_('No'), "", 1)),
    *_rows("prompt", ("prompt.cancel", "escape", "cancel", N_('Cancel'), "", 1)),
    *_rows("help", ("help.close", "escape,q,question_mark,f1", "close", N_('Close'), "", 1)),
])

SCOPES: tuple[str, ...] = tuple(dict.fromkeys(a.scope for a in ACTIONS))
PALETTE_HELP = N_("command palette (save, verify, go to item N, next file, theme)")  # ctrl+p: Textual's own key


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

    return [Binding(a.keys, a.action, _(a.description), show=a.footer, tooltip=_(a.help) if a.help else "", id=a.id)
            for a in of_scope(scope)]


def shown(action: Action) -> Action:
    """The action with its description and help in the language spoken now."""
    return replace(action, description=_(action.description), help=_(action.help) if action.help else "")


def translate(node) -> None:
    """A screen's or widget's bindings in the language spoken now: each Binding with an id of the table
    gets its description and tooltip anew (a class's BINDINGS were made when it was defined)."""
    bindings_map = getattr(node, "_bindings", None)
    if bindings_map is None:
        return
    for key, found in bindings_map.key_to_bindings.items():
        bindings_map.key_to_bindings[key] = [_shown_binding(b) for b in found]


def _shown_binding(binding):
    action = by_id(binding.id) if binding.id else None
    if action is None:
        return binding
    return replace(binding, description=_(action.description), tooltip=_(action.help) if action.help else "")
