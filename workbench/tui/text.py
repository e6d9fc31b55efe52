"""Every user-facing string of the review screen in one place: English source strings, read in the language spoken.

Each is marked with `N_()` and translated when it is read: `text.SAVED` is the template in the
language spoken at that moment (the module's `__getattr__`), so a screen made after `set_language`
or inside `using()` speaks that language. Each is a whole sentence or a template with named fields
(`str.format`), never pieced together from parts, so a translation can reorder it. Counted phrases
are (singular, plural) pairs for `counted()`, which asks `ngettext`. Rich markup stays in the code that draws, except where a template marks a word.
The words of actions (footer, help) are in tui/actions.py; a value's own words (Møde, Bilag)
come from the outline; the editor's value rules (screens/editor.py) keep theirs for now.
"""
from __future__ import annotations

from workbench.i18n import N_, _, ngettext

TITLE = N_('Referat workbench')

# -- panes
RAW_TITLE = N_('Raw text')
TREE_TITLE = N_('Structure')
DETAIL_TITLE = N_('Detail')
TREE_ROOT = N_('Referat')
TREE_HELP = (N_("The parsed record: meeting, Indholdsfortegnelse, each item with its sections, tables, people, attachments and decisions, Bilagsoversigt, signatures. ⚑N counts a node's open flags, ✓ marks a verified field. Enter opens a node; e edits the selected field; space marks it verified; + adds below it, x deletes it, m moves a section under another heading."))
RAW_HELP = (N_("The source as extracted, line by line. Greyed lines are page headers and numbers; ! marks a flagged line; the highlighted lines are the selected field's. J joins a line with the next, S splits it at the cursor, H marks it as page furniture: each is kept as a correction over the source."))
DETAIL_HELP = N_("The selected field's value, its flags (message, evidence, suggestion) and its history of changes.")
FORM_HELP = N_('Type each field; tab moves to the next, enter on the last (or ctrl+s) accepts, escape cancels.')

# -- status line
OPENING = N_('{name} · opening… (escape cancels)')
CANCELLING = N_('{name} · cancelling…')
VERIFIED = N_('verified')
DRAFT = N_('draft')
UNSAVED = N_('unsaved')
READ_ONLY = N_('read-only')
SUB_TITLE = N_('{name} — {status}, {n} open')

# -- opening
CANNOT_OPEN = N_('Cannot open')
OPENING_CANCELLED = N_('{path}: opening cancelled')
IN_USE = N_('In use')
HELD_BY = N_('Held by {holder}: opened read-only.')
READ_ONLY_REFUSED = N_('Read-only: {holder} is reviewing this referat.')

# -- detail pane
SELECT_HINT = N_('Select a field in the structure, or press n for the next flag.')
NO_VALUE = N_('(no value)')
FIELD_VERIFIED = N_('✓ verified')
FLAGS = N_('Flags')
LINES = N_('lines {first}–{last}')
SEEN = N_('seen:')
SUGGESTION = N_('suggestion:')
HISTORY = N_('History')

# -- flags
NO_OPEN_FLAGS = N_('No open flags.')
NO_FLAG_HERE = N_('No open flag here: n goes to the next one.')
WHY_RIGHT = N_('Error {kind}: why is the record right as it stands? (kept in the record; escape: correct it instead)')
ACCEPTED_BECAUSE = N_('Accepted: {kind} ({reason})')
ACCEPTED = N_('Accepted: {kind}')

# -- learning a name
LEARN_ONLY_HERE = N_('r works on a name_unknown flag.')
ANOTHER_NAME = N_('Another name of {person}')
ANOTHER_NAME_TITLED = N_('Another name of {person} ({titles})')
NEW_PERSON = N_('A new person: {name}')
LEARN_AS = N_("Learn '{name}' as…")
TITLE_OF = N_('Title of {name} (e.g. Økonomichef), or empty:')
LEARNED = N_('Learned {name!r} (ctrl+z takes it back).')

# -- editing and structure
SELECT_LEAF = N_('Select a field to edit (a leaf of the structure).')
ADD_WHICH_SECTION = N_('Add which section?')
NOTHING_TO_ADD = N_('Nothing to add here: select items, attachments, people, decisions or signatures.')
NEW_ITEM_TITLE = N_("New item's title:")
NEW_ATTACHMENT_TITLE = N_("New attachment's title:")
NEW_DECISION_TEXT = N_("New decision's text:")
NEW_PERSON_NAME = N_("Name (title first, e.g. 'Økonomichef Bettina Andersen'):")
DELETE_WHAT = N_('Delete {what} ({field})?')
DELETED = N_('Deleted {field} (ctrl+z undoes it).')
MOVE_SELECT = N_('m moves a section: select one first.')
MOVE_UNDER = N_("Move section '{key}' under which heading?")
NOTHING_TO_UNDO = N_('Nothing to undo.')
NOTHING_TO_REDO = N_('Nothing to redo.')
SAVED = N_('Saved {path}')
WHY_DRAFT = N_('The record is verified. Why return it to draft?')
VERIFIED_BY = N_('Verified by {name} and saved.')
WHO_VERIFIES = N_('Who is verifying? (your name)')
SEARCH_PROMPT = N_('Search the raw text:')
NOT_IN_TEXT = N_("'{text}' is not in the text.")
NO_NEXT_FILE = N_('No next file in this folder.')

# -- forms
COLUMN = N_('Kolonne {n}')
NEW_ROW = N_('New row')
ROW_OF = N_('Row {field}')
COLUMNS_OF = N_('Columns of {field}')
NEW_COLUMN = N_('Ny kolonne (tom: ingen)')
NEEDS_A_COLUMN = N_('a table needs at least one column')
ATTACHMENT_NUMBER = N_('Nummer')
ATTACHMENT_ACCESS = N_('Adgang (åben / lukket)')
ATTACHMENT_TITLE = N_('Titel')
ATTACHMENT_REF = N_('Dokumentnummer')
NUMBER_NOT_WHOLE = N_("the number must be a whole number, not '{number}'")
ACCESS_WORDS = N_("access is åben or lukket, not '{access}'")
NEW_ATTACHMENT = N_('New attachment')
ATTACHMENT_OF = N_('Attachment {field}')

# -- dialogs
UNSAVED_CHANGES = N_('There are unsaved changes.')
SAFE_EITHER_WAY = N_("They are safe in the journal either way; 'Discard' leaves the saved record as it was.")
BUTTON_KEEP = N_('Keep editing (k)')
BUTTON_DISCARD = N_('Discard (d)')
BUTTON_SAVE = N_('Save (s)')
BUTTON_NO = N_('No (n)')
BUTTON_YES_DELETE = N_('Yes, delete (y)')
FORM_KEYS = N_('tab: next field · enter on the last / ctrl+s: accept · escape: cancel')
CHOICE_KEYS = N_('↑↓: choose · enter: take · escape: cancel')

# -- raw pane repairs
SPLIT_WHERE = N_('Put the cursor inside the line (left/right) where it should be split.')
REPAIRED = {"join": N_('Joined with the next line (ctrl+z undoes it).'), "split": N_('Split (ctrl+z undoes it).'),
            "furniture": N_('Marked as page furniture (ctrl+z undoes it).')}

# -- help screen
HELP_HEADING = N_('Help')
HELP_DEFAULT = N_('The review workbench.')
KEYS_HERE = N_('Keys here')
KEYS_EVERYWHERE = N_('Keys everywhere')

# -- command palette: (name, help)
CMD_SAVE = (N_('Save'), N_('write the record (ctrl+s)'))
CMD_VERIFY = (N_('Verify'), N_('mark the record verified and save (V)'))
CMD_NEXT_FLAG = (N_('Next flag'), N_('go to the next open flag (n)'))
CMD_NEXT_FILE = (N_('Next file in the folder'), N_('open the next referat beside this one'))
CMD_HELP = (N_('Help'), N_('keys of the focused pane (?)'))
CMD_GOTO = N_('Go to item {number}')
CMD_GOTO_UNNUMBERED = N_("Go to item '{title}'")

# -- the inbox (screens/inbox.py)
INBOX_TITLE = N_('Inbox')
INBOX_HEAD = "{folder}"
INBOX_SUMMARY = {1: N_('{n} referat'), None: N_('{n} referater')}  # a counted phrase: counted() picks the form
INBOX_NEW = {1: N_('{n} new referat'), None: N_('{n} new referater')}  # a counted phrase: counted() picks the form
INBOX_DRAFTS = N_('{n} in draft ({flags} flags)')
INBOX_VERIFIED = N_('{n} verified')
INBOX_CHANGED = N_('{n} changed since verified')
INBOX_UNREADABLE = N_('{n} cannot be read')
INBOX_COST = N_('review: {time} · {n} corrections')
INBOX_SUMMARY_LINE = "{total}: {parts}"
INBOX_JOIN = " · "
INBOX_FILTERED = N_('showing {shown} of {total} · filter: {state}')
INBOX_SEARCHED = N_("search: '{text}'")
INBOX_READING = N_('reading {name} ({done}/{total} pages) · {left} left')
INBOX_COLUMNS = (N_('Date'), N_('Body'), N_('Pages'), N_('State'), N_('Time'), N_('Corrections'), N_('File'))
INBOX_STATE = {'new': N_('new'), 'reading': N_('being read…'), 'draft': N_('draft'), 'verified': N_('verified'), 'changed': N_('changed since verified'), 'unreadable': N_('cannot be read')}
INBOX_READING_PAGES = N_('being read {done}/{total}')
INBOX_FLAGS = {1: N_('{n} flag'), None: N_('{n} flags')}  # a counted phrase: counted() picks the form
INBOX_VERIFIED_BY = N_('verified by {name} {when}')
INBOX_FILTER_NAMES = {None: N_('all'), 'unreviewed': N_('not verified'), 'new': N_('new'), 'draft': N_('draft'), 'verified': N_('verified'), 'changed': N_('changed'), 'unreadable': N_('cannot be read')}
INBOX_EMPTY = N_('No referater in {folder} (.pdf, .txt, .md). Put files in the folder: they show here.')
INBOX_NONE_SHOWN = N_('No referat fits the search and the filter (escape shows all).')
INBOX_SEARCH_PROMPT = N_('Search by body, date or title:')
INBOX_ALL_DONE = N_('Every referat is verified.')
INBOX_NEXT = N_('Next: {name}')
INBOX_HELP = N_('The referater in the folder, newest meeting first. Enter opens a referat; after V (verify and save) the next one not verified opens. / searches by body, date or title, f changes the filter by state, escape shows all again. New files are read in the background and show without a restart.')
INBOX_CANNOT_REMEMBER = N_('The name could not be saved: {error}')
DURATION = {'s': N_('{s} s'), 'm': N_('{m} min {s:02d} s'), 'h': N_('{h} h {m:02d} min')}


def duration(seconds: int | None) -> str:
    """Seconds as the inbox shows them: '45 s', '4 min 05 s', '1 t 12 min'; '' for none."""
    if seconds is None:
        return ""
    seconds = max(0, int(seconds))
    forms = _translated(_ENGLISH["DURATION"])  # the templates are read at call time (see __getattr__)
    if seconds < 60:
        return forms["s"].format(s=seconds)
    if seconds < 3600:
        return forms["m"].format(m=seconds // 60, s=seconds % 60)
    return forms["h"].format(h=seconds // 3600, m=seconds % 3600 // 60)


_PLURALS = {  # counted phrases: (singular, plural), a form chosen by ngettext
    "OPEN_FLAGS": ("{n} open flag", "{n} open flags"),
    "FOUND": ("{n} line with '{text}'", "{n} lines with '{text}'"),
}
_plural_marks = (ngettext("{n} open flag", "{n} open flags", 1), ngettext("{n} line with '{text}'", "{n} lines with '{text}'", 1))


def _translated(value):
    if isinstance(value, str):
        return _(value)
    if isinstance(value, tuple):
        return tuple(_(v) for v in value)
    if isinstance(value, dict):
        return {k: _(v) if isinstance(v, str) else v for k, v in value.items()}
    return value


_ENGLISH = {name: value for name, value in list(globals().items())
            if name.isupper() and not name.startswith("_") and isinstance(value, (str, tuple, dict))}
for _name in _ENGLISH:
    del globals()[_name]
del _name


def __getattr__(name: str):
    """`text.SAVED` is the template in the language spoken now (read when used, so a language set later counts)."""
    if name in _PLURALS:
        return _PLURALS[name]
    if name in _ENGLISH:
        return _translated(_ENGLISH[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def english(name: str):
    """The English source of a template (what a test or the catalog knows it by)."""
    return _PLURALS.get(name) or _ENGLISH[name]


def counted(forms, n: int, **fields) -> str:
    """The form of a counted phrase for `n` in the language spoken now (`counted(text.OPEN_FLAGS, 3)`)."""
    if isinstance(forms, dict):  # the old shape {1: singular, None: plural}
        forms = (forms[1], forms[None])
    return ngettext(forms[0], forms[1], n).format(n=n, **fields)
