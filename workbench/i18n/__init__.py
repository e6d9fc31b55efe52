"""The languages the workbench speaks: `_()`, `ngettext()`, `pgettext()` and `N_()` over one gettext catalog per language, Danish unless told otherwise.

    from workbench.i18n import _, ngettext
    _("Save")                                   # "Gem" in Danish, "Save" in English
    ngettext("{n} open flag", "{n} open flags", n).format(n=n)

Message ids are the English texts (the usual gettext way): code reads as it did, a message with no
translation yet still shows as readable English, and the English catalog is near identity. Every
placeholder is a named `str.format` field, `{name}`, filled after translation, so a translation can
put it where its grammar wants it. `N_()` marks a text for the catalog without translating it, for
texts made before a language is chosen (a class attribute, a table at module level); translate
them with `_()` where they are shown.

The catalogs are `locale/<code>/LC_MESSAGES/workbench.po` and the `.mo` compiled from it, both
committed (`python -m workbench.i18n.compile`); a language is known when its `.mo` is there.
"""
from __future__ import annotations

import gettext as _gettext
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from workbench.errors import UserError

LOCALE = Path(__file__).parent / "locale"
DOMAIN = "workbench"
DEFAULT = "da"

_current = {"code": DEFAULT}


class LanguageError(UserError):
    """A language the workbench has no catalog for; the message names the ones it has."""


def catalog(code: str, suffix: str = ".po") -> Path:
    """The catalog file of a language: its `.po` source or (suffix ".mo") its compiled form."""
    return LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def languages() -> tuple[str, ...]:
    """The codes of the languages with a compiled catalog, sorted ("da", "en")."""
    return tuple(sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")))


def check_language(code: object) -> str:
    """`code` if the workbench speaks it (case and spaces aside), else a LanguageError naming those it does."""
    known = languages()
    wanted = code.strip().lower() if isinstance(code, str) else code
    if wanted not in known:
        raise LanguageError(_("unknown language {value} (known: {known})").format(
            value=repr(code), known=", ".join(known)))
    return wanted


@lru_cache(maxsize=None)
def _translations(code: str) -> _gettext.GNUTranslations:
    with open(catalog(code, ".mo"), "rb") as f:
        return _gettext.GNUTranslations(f)


def set_language(code: str) -> None:
    """Speak `code` from now on ("da", "en", or any language with a catalog)."""
    code = check_language(code)
    _translations(code)  # a catalog that cannot be read fails here, not at the first message
    _current["code"] = code


def language() -> str:
    """The code of the language spoken now."""
    return _current["code"]


def set_language_from(flag: str | None, configured: str | None = None) -> str:
    """What the CLI calls: `--lang` if given, else `[ui] language` from the config, else Danish.
    Returns the code now spoken; an unknown one raises LanguageError."""
    code = flag if flag is not None else configured if configured is not None else DEFAULT
    set_language(code)
    return language()


@contextmanager
def using(code: str):
    """Speak `code` inside the block, then the language spoken before (tests, exports)."""
    before = language()
    set_language(code)
    try:
        yield
    finally:
        _current["code"] = before


def _(message: str) -> str:
    """`message` (an English msgid) in the language spoken now."""
    return _translations(_current["code"]).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` of a message with a plural: fill `{n}` after, with `.format(n=n)`."""
    return _translations(_current["code"]).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the sense `context` names, for one English word with two translations
    (access "Open" → "Åben", the verb "Open" → "Åbn")."""
    return _translations(_current["code"]).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _translations(_current["code"]).npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Marks `message` for the catalog and returns it untranslated: translate it with `_()` when shown."""
    return message


def NP_(context: str, message: str) -> str:
    """Marks `message` in the sense `context` names for the catalog; translate it with `pgettext(context, …)`."""
    return message


gettext = _
