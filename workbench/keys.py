"""The review screen's binding ids and default keys (from tui/actions.py's table) and the check of a `[keys]` remap.

No Textual here: config.py checks a remap with these tables when it loads, and
tests/test_config.py holds them to the screens' own `Binding`s and to `textual.keys`, so they
cannot drift apart. A remap is refused (one line) when it names an id the screen does not
have, a key Textual does not know, or gives two actions of one place the same key. Every id
keeps at least one key, and no pane may take the quit key: no place is left without a way out.
"""
from __future__ import annotations

from workbench.i18n import N_, _

import string
import unicodedata

from workbench.errors import ConfigError
from workbench.tui.actions import defaults

# scope -> binding id -> default keys, read from the one table of actions (workbench/tui/actions.py,
# plain data: importing it imports no Textual). "main" is the review screen's own bindings (active
# everywhere on it); "tree" and "raw" are its panes (active over "main" while focused); the rest
# are the dialogs, each a screen of its own.
BINDINGS: dict[str, dict[str, str]] = defaults()
PANES = ("tree", "raw")          # scopes active over "main"
TYPING = ("form", "editor", "prompt")  # scopes where a plain printable key is typed into a field
SAME_ACTION = {frozenset({"tree.verified", "field.verified"})}  # one action, bound in two places
# keys Textual itself binds on every screen: ctrl+q quits, ctrl+c copies or explains how to quit,
# ctrl+p opens the command palette
RESERVED = {"ctrl+q": N_("quit"), "ctrl+c": N_("copy"), "ctrl+p": N_("the command palette")}

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super")
NAMED = frozenset({"escape", "enter", "tab", "space", "backspace", "delete", "insert", "home", "end", "pageup",
                   "pagedown", "up", "down", "left", "right", *(f"f{n}" for n in range(1, 25))})
_REPLACE = {"solidus": "slash", "reverse_solidus": "backslash", "commercial_at": "at", "hyphen_minus": "minus",
            "plus_sign": "plus", "low_line": "underscore"}


def char_key(character: str) -> str:
    """A character's key name as Textual spells it: letters and digits as they are, other signs by
    their Unicode name (`?` → question_mark, `/` → slash, `+` → plus)."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return _REPLACE.get(name, name)


PUNCTUATION = frozenset(char_key(c) for c in string.punctuation)


def key_name(key: str) -> str | None:
    """The key name Textual uses for `key` ("?" → "question_mark", "ctrl+s" as it is), or None
    when `key` is not a key Textual knows."""
    key = key.strip()
    if len(key) == 1:
        return char_key(key) if key.isprintable() and not key.isspace() else None
    *mods, base = key.split("+")
    if len(set(mods)) != len(mods) or any(m not in MODIFIERS for m in mods):
        return None
    if len(base) == 1:
        base = char_key(base) if base.isprintable() and not base.isspace() else ""
    if not (base in NAMED or base in PUNCTUATION or (len(base) == 1 and base.isalnum())):
        return None
    return "+".join((*mods, base))


def scope_of(binding_id: str) -> str | None:
    return next((s for s, ids in BINDINGS.items() if binding_id in ids), None)


def check_keymap(label: str, keymap: dict) -> dict[str, str]:
    """A `[keys]` table (binding id = "key" or "key,key"; ids with a dot may be written as TOML
    dotted keys) checked whole; the flat keymap the app sets."""
    flat: dict[str, object] = {}
    for key, value in keymap.items():
        if isinstance(value, dict):
            for sub, v in value.items():
                flat[f"{key}.{sub}"] = v
        else:
            flat[str(key)] = value
    out: dict[str, str] = {}
    for binding_id, value in flat.items():
        where = f"keys.{binding_id}"
        scope = scope_of(binding_id)
        if scope is None:
            raise ConfigError(_("{label}: '{where}': the review screen has no binding '{binding_id}' (the ids are in README.md and workbench/tui/actions.py)").format(label=label, where=where, binding_id=binding_id))
        if not isinstance(value, str):
            from workbench.settings import kind_of

            raise ConfigError(_("{label}: '{where}' must be a key name or keys separated by commas, not {value}").format(label=label, where=where, value=kind_of(value)))
        names = []
        for part in value.split(","):
            name = key_name(part)
            if name is None:
                shown = part.strip() or "(nothing)"
                raise ConfigError(_("{label}: '{where}': '{shown}' is not a key name (letters, digits, f1–f24, escape, enter, tab, space, slash, question_mark, …, with ctrl+, shift+, alt+)").format(label=label, where=where, shown=shown))
            if scope in TYPING and "+" not in name and (len(name) == 1 or name in PUNCTUATION or name == "space"):
                raise ConfigError(_("{label}: '{where}': '{part}' is typed into the field there; use a key with ctrl+ or a named key such as f2").format(label=label, where=where, part=part.strip()))
            if name in RESERVED:
                raise ConfigError(_("{label}: '{where}': '{name}' is {RESERVED} on every screen").format(label=label, where=where, name=name, RESERVED=_(RESERVED[name])))
            names.append(name)
        out[binding_id] = ",".join(names)
    _clashes(label, out)
    return out


def _clashes(label: str, keymap: dict[str, str]) -> None:
    """No two actions of one place on one key (a pane's keys count with the main screen's)."""
    def keys_of(scope: str) -> dict[str, list[str]]:
        return {i: (keymap.get(i) or default).split(",") for i, default in BINDINGS[scope].items()}

    places = [("main",), *(("main", p) for p in PANES), *((s,) for s in BINDINGS if s not in ("main", *PANES))]
    for place in places:
        seen: dict[str, str] = {}
        for scope in place:
            for binding_id, keys in keys_of(scope).items():
                for k in keys:
                    other = seen.get(k)
                    if other and other != binding_id and frozenset({other, binding_id}) not in SAME_ACTION:
                        mine, theirs = (binding_id, other) if binding_id in keymap else (other, binding_id)
                        raise ConfigError(_("{label}: 'keys.{mine}': '{k}' is also the key of '{theirs}' there; one key, one action").format(label=label, mine=mine, k=k, theirs=theirs))
                    seen.setdefault(k, binding_id)
