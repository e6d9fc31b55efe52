"""Every user-facing string of the review screen in one place (English source strings), ready for the language pass.

A later pass wraps these in gettext (workbench.i18n's `_()`): each is a whole sentence or a
template with named fields (`str.format`), never pieced together from parts, so a translation
can reorder it. Rich markup stays in the code that draws, except where a template marks a word.
The words of actions (footer, help) are in tui/actions.py; a value's own words (Møde, Bilag)
come from the outline; the editor's value rules (screens/editor.py) keep theirs for now.
"""
from __future__ import annotations

TITLE = "Referat workbench"

# -- panes
RAW_TITLE = "Raw text"
TREE_TITLE = "Structure"
DETAIL_TITLE = "Detail"
TREE_ROOT = "Referat"
TREE_HELP = ("The parsed record: meeting, Indholdsfortegnelse, each item with its sections, tables, people, "
             "attachments and decisions, Bilagsoversigt, signatures. ⚑N counts a node's open flags, ✓ marks a "
             "verified field. Enter opens a node; e edits the selected field; space marks it verified; + adds "
             "below it, x deletes it, m moves a section under another heading.")
RAW_HELP = ("The source as extracted, line by line. Greyed lines are page headers and numbers; ! marks a "
            "flagged line; the highlighted lines are the selected field's. J joins a line with the next, S "
            "splits it at the cursor, H marks it as page furniture: each is kept as a correction over the source.")
DETAIL_HELP = "The selected field's value, its flags (message, evidence, suggestion) and its history of changes."
FORM_HELP = "Type each field; tab moves to the next, enter on the last (or ctrl+s) accepts, escape cancels."

# -- status line
OPENING = "{name} · opening… (escape cancels)"
CANCELLING = "{name} · cancelling…"
VERIFIED = "verified"
DRAFT = "draft"
OPEN_FLAGS = {1: "{n} open flag", None: "{n} open flags"}  # by count: 1, else
UNSAVED = "unsaved"
READ_ONLY = "read-only"
SUB_TITLE = "{name} — {status}, {n} open"

# -- opening
CANNOT_OPEN = "Cannot open"
OPENING_CANCELLED = "{path}: opening cancelled"
IN_USE = "In use"
HELD_BY = "Held by {holder}: opened read-only."
READ_ONLY_REFUSED = "Read-only: {holder} is reviewing this referat."

# -- detail pane
SELECT_HINT = "Select a field in the structure, or press n for the next flag."
NO_VALUE = "(no value)"
FIELD_VERIFIED = "✓ verified"
FLAGS = "Flags"
LINES = "lines {first}–{last}"
SEEN = "seen:"
SUGGESTION = "suggestion:"
HISTORY = "History"

# -- flags
NO_OPEN_FLAGS = "No open flags."
NO_FLAG_HERE = "No open flag here: n goes to the next one."
WHY_RIGHT = "Error {kind}: why is the record right as it stands? (kept in the record; escape: correct it instead)"
ACCEPTED_BECAUSE = "Accepted: {kind} ({reason})"
ACCEPTED = "Accepted: {kind}"

# -- learning a name
LEARN_ONLY_HERE = "r works on a name_unknown flag."
ANOTHER_NAME = "Another name of {person}"
ANOTHER_NAME_TITLED = "Another name of {person} ({titles})"
NEW_PERSON = "A new person: {name}"
LEARN_AS = "Learn '{name}' as…"
TITLE_OF = "Title of {name} (e.g. Økonomichef), or empty:"
LEARNED = "Learned {name!r} (ctrl+z takes it back)."

# -- editing and structure
SELECT_LEAF = "Select a field to edit (a leaf of the structure)."
ADD_WHICH_SECTION = "Add which section?"
NOTHING_TO_ADD = "Nothing to add here: select items, attachments, people, decisions or signatures."
NEW_ITEM_TITLE = "New item's title:"
NEW_ATTACHMENT_TITLE = "New attachment's title:"
NEW_DECISION_TEXT = "New decision's text:"
NEW_PERSON_NAME = "Name (title first, e.g. 'Økonomichef Bettina Andersen'):"
DELETE_WHAT = "Delete {what} ({field})?"
DELETED = "Deleted {field} (ctrl+z undoes it)."
MOVE_SELECT = "m moves a section: select one first."
MOVE_UNDER = "Move section '{key}' under which heading?"
NOTHING_TO_UNDO = "Nothing to undo."
NOTHING_TO_REDO = "Nothing to redo."
SAVED = "Saved {path}"
WHY_DRAFT = "The record is verified. Why return it to draft?"
VERIFIED_BY = "Verified by {name} and saved."
WHO_VERIFIES = "Who is verifying? (your name)"
SEARCH_PROMPT = "Search the raw text:"
NOT_IN_TEXT = "'{text}' is not in the text."
FOUND = {1: "{n} line with '{text}'", None: "{n} lines with '{text}'"}
NO_NEXT_FILE = "No next file in this folder."

# -- forms
COLUMN = "Kolonne {n}"
NEW_ROW = "New row"
ROW_OF = "Row {field}"
COLUMNS_OF = "Columns of {field}"
NEW_COLUMN = "Ny kolonne (tom: ingen)"
NEEDS_A_COLUMN = "a table needs at least one column"
ATTACHMENT_NUMBER = "Nummer"
ATTACHMENT_ACCESS = "Adgang (åben / lukket)"
ATTACHMENT_TITLE = "Titel"
ATTACHMENT_REF = "Dokumentnummer"
NUMBER_NOT_WHOLE = "the number must be a whole number, not '{number}'"
ACCESS_WORDS = "access is åben or lukket, not '{access}'"
NEW_ATTACHMENT = "New attachment"
ATTACHMENT_OF = "Attachment {field}"

# -- dialogs
UNSAVED_CHANGES = "There are unsaved changes."
SAFE_EITHER_WAY = "They are safe in the journal either way; 'Discard' leaves the saved record as it was."
BUTTON_KEEP = "Keep editing (k)"
BUTTON_DISCARD = "Discard (d)"
BUTTON_SAVE = "Save (s)"
BUTTON_NO = "No (n)"
BUTTON_YES_DELETE = "Yes, delete (y)"
FORM_KEYS = "tab: next field · enter on the last / ctrl+s: accept · escape: cancel"
CHOICE_KEYS = "↑↓: choose · enter: take · escape: cancel"

# -- raw pane repairs
SPLIT_WHERE = "Put the cursor inside the line (left/right) where it should be split."
REPAIRED = {"join": "Joined with the next line (ctrl+z undoes it).", "split": "Split (ctrl+z undoes it).",
            "furniture": "Marked as page furniture (ctrl+z undoes it)."}

# -- help screen
HELP_HEADING = "Help"
HELP_DEFAULT = "The review workbench."
KEYS_HERE = "Keys here"
KEYS_EVERYWHERE = "Keys everywhere"

# -- command palette: (name, help)
CMD_SAVE = ("Save", "write the record (ctrl+s)")
CMD_VERIFY = ("Verify", "mark the record verified and save (V)")
CMD_NEXT_FLAG = ("Next flag", "go to the next open flag (n)")
CMD_NEXT_FILE = ("Next file in the folder", "open the next referat beside this one")
CMD_HELP = ("Help", "keys of the focused pane (?)")
CMD_GOTO = "Go to item {number}"
CMD_GOTO_UNNUMBERED = "Go to item '{title}'"

# -- the inbox (screens/inbox.py): Danish is its language
INBOX_TITLE = "Indbakke"
INBOX_HEAD = "{folder}"
INBOX_SUMMARY = {1: "{n} referat", None: "{n} referater"}
INBOX_NEW = {1: "{n} ny", None: "{n} nye"}
INBOX_DRAFTS = "{n} i kladde ({flags} flag)"
INBOX_VERIFIED = "{n} godkendt"
INBOX_CHANGED = "{n} ændret siden godkendt"
INBOX_UNREADABLE = "{n} kan ikke læses"
INBOX_COST = "review: {time} · {n} rettelser"
INBOX_SUMMARY_LINE = "{total}: {parts}"
INBOX_JOIN = " · "
INBOX_FILTERED = "viser {shown} af {total} · filter: {state}"
INBOX_SEARCHED = "søgning: '{text}'"
INBOX_READING = "læser {name} ({done}/{total} sider) · {left} tilbage"
INBOX_COLUMNS = ("Dato", "Organ", "Sider", "Tilstand", "Tid", "Rettelser", "Fil")
INBOX_STATE = {
    "new": "ny",
    "reading": "læses…",
    "draft": "kladde",
    "verified": "godkendt",
    "changed": "ændret siden godkendt",
    "unreadable": "kan ikke læses",
}
INBOX_READING_PAGES = "læses {done}/{total}"
INBOX_FLAGS = {1: "{n} flag", None: "{n} flag"}
INBOX_VERIFIED_BY = "godkendt af {name} {when}"
INBOX_FILTER_NAMES = {None: "alle", "unreviewed": "ikke godkendt", "new": "nye", "draft": "kladde",
                      "verified": "godkendt", "changed": "ændret", "unreadable": "kan ikke læses"}
INBOX_EMPTY = "Ingen referater i {folder} (.pdf, .txt, .md). Læg filer i mappen: de vises her."
INBOX_NONE_SHOWN = "Intet referat passer til søgning og filter (escape viser alle)."
INBOX_SEARCH_PROMPT = "Søg efter organ, dato eller titel:"
INBOX_ALL_DONE = "Alle referater er godkendt."
INBOX_NEXT = "Næste: {name}"
INBOX_HELP = ("Referaterne i mappen, nyeste møde først. Enter åbner et referat; efter V (godkend og gem) åbnes "
              "det næste, der ikke er godkendt. / søger efter organ, dato eller titel, f skifter filter efter "
              "tilstand, escape viser alle igen. Nye filer læses i baggrunden og vises uden genstart.")
INBOX_CANNOT_REMEMBER = "Navnet kunne ikke gemmes: {error}"
DURATION = {"s": "{s} s", "m": "{m} min {s:02d} s", "h": "{h} t {m:02d} min"}


def duration(seconds: int | None) -> str:
    """Seconds as the inbox shows them: '45 s', '4 min 05 s', '1 t 12 min'; '' for none."""
    if seconds is None:
        return ""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return DURATION["s"].format(s=seconds)
    if seconds < 3600:
        return DURATION["m"].format(m=seconds // 60, s=seconds % 60)
    return DURATION["h"].format(h=seconds // 3600, m=seconds % 3600 // 60)


def counted(forms: dict, n: int, **fields) -> str:
    """The form of a counted phrase for `n` (its own form for 1, else the general one)."""
    return forms.get(n, forms[None]).format(n=n, **fields)
