"""Values as a Danish secretary writes and reads them: access (åben/lukket), dates and times parsed from the forms she types, and shown the Danish way (ISO in English).

Parsing does not depend on the language spoken: "29. januar 2025", "29 jan 2025", "2025-01-29" and
"29/1 2025" are read alike in either, so a value typed reads the same whoever reads it. Showing
does: in Danish a date in an editor field is `29.01.2025` (`show_date`), in a label `29. januar
2025` (`show_date_long`), a time `9.00` (Retskrivningsordbogen's "kl. 9.00"); in English both are
ISO, `2025-01-29` and `09:00`. A value that cannot be read raises FormError (a ValueError and a
UserError), whose one-line message, in the language spoken, names the forms that are read.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from workbench.errors import UserError
from workbench.i18n import _, language, pgettext

MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
             "oktober", "november", "december")
MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december")
_OPEN = frozenset({"åben", "åbent", "aaben", "aabent", "open"})
_CLOSED = frozenset({"lukket", "closed"})
_WEEKDAY = r"(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\s+)?(?:den\s+|d\.\s*)?"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(_WEEKDAY + r"(\d{1,2})\s*([-./])\s*(\d{1,2})\s*(?:\2\s*|\s+)(\d{4})")
_NAMED = re.compile(_WEEKDAY + r"(\d{1,2})\s*\.?\s*([a-zæøå]{3,})\.?,?\s+(\d{4})")
_TIME = re.compile(r"(?:kl\.?\s*)?(\d{1,2})(?:[.:](\d{2})(?:[.:](\d{2}))?)?")


class FormError(UserError, ValueError):
    """A value typed in a form the workbench does not read; the message says which forms it reads."""


def _clean(text: str) -> str:
    """NFC (å typed on a Mac is a + ring), case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def _shown(text: object) -> str:
    text = str(text)
    return repr(text if len(text) <= 40 else text[:39] + "…")


def parse_access(text: str) -> str:
    """"åben", "åbent", "aaben", "open" → "open"; "lukket", "closed" → "closed" (case aside)."""
    word = _clean(text)
    if word in _OPEN:
        return "open"
    if word in _CLOSED:
        return "closed"
    raise FormError(_("{value} is not an access: write open or closed").format(value=_shown(text)))


def show_access(value: str) -> str:
    """"open"/"closed" as the language spoken writes it: åben/lukket in Danish."""
    if value == "open":
        return pgettext("access", "open")
    if value == "closed":
        return pgettext("access", "closed")
    raise ValueError(f"not an access value: {value!r}")


def month_number(word: str) -> int | None:
    """The month a Danish or English name or abbreviation of three letters or more names, if only one."""
    word = _clean(word).rstrip(".")
    if len(word) < 3:
        return None
    found = {i for names in (MONTHS_DA, MONTHS_EN) for i, name in enumerate(names, 1) if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def parse_date(text: str) -> dt.date:
    """A date in any of the forms a secretary types: 2025-01-29, 29-01-2025, 29.01.2025, 29/01/2025,
    29/1 2025, 29. januar 2025, 29 jan 2025 ("onsdag den" before it is read past). A day the month
    does not have is refused, whatever the form."""
    clean = _clean(text)
    if m := _ISO.fullmatch(clean):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _NUMERIC.fullmatch(clean):
        day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    elif (m := _NAMED.fullmatch(clean)) and month_number(m.group(2)):
        day, month, year = int(m.group(1)), month_number(m.group(2)), int(m.group(3))
    else:
        raise FormError(_("{value} is not a date: write it like 29.01.2025, 29-01-2025, 29/1 2025, 2025-01-29 "
                          "or 29 January 2025").format(value=_shown(text)))
    if not 1 <= month <= 12:
        raise FormError(_("{value} is not a date: there is no month {month}").format(value=_shown(text), month=month))
    if year < 1:
        raise FormError(_("{value} is not a date: there is no year 0").format(value=_shown(text)))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise FormError(_("{value} is not a date: {month_name} {year} has {days} days").format(
            value=_shown(text), month_name=month_name(month), year=year, days=days))
    return dt.date(year, month, day)


def month_name(month: int) -> str:
    """The month's name in the language spoken (lower case in Danish, as Danish writes it)."""
    return MONTHS_DA[month - 1] if language() == "da" else MONTHS_EN[month - 1].capitalize()


def show_date(value: dt.date) -> str:
    """A date as an editor field shows it: 29.01.2025 in Danish, 2025-01-29 in English.

    The short numeric form, not "29. januar 2025", because in a field she edits it: two digits to
    change a day, no month name to spell, one width for every date; it is the form Danish forms and
    the referater's own headers use (with "-" or "."), and the dot is the Danish standard's."""
    if language() == "da":
        return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def show_date_long(value: dt.date) -> str:
    """A date as a label shows it: 29. januar 2025 in Danish, 2025-01-29 in English."""
    if language() == "da":
        return f"{value.day}. {MONTHS_DA[value.month - 1]} {value.year:04d}"
    return show_date(value)


def parse_time(text: str) -> dt.time:
    """A time of day: 9.00, 09:00, kl. 9:00, kl. 9.00, 9 (and seconds after a second separator)."""
    m = _TIME.fullmatch(_clean(text))
    if not m:
        raise FormError(_("{value} is not a time: write it like 9.00, 09:00 or kl. 9").format(value=_shown(text)))
    hour, minute, second = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise FormError(_("{value} is not a time: hours run from 0 to 23, minutes from 00 to 59").format(
            value=_shown(text)))
    return dt.time(hour, minute, second)


def show_time(value: dt.time) -> str:
    """A time as shown: 9.00 in Danish, 09:00 in English (seconds only when there are some)."""
    if language() == "da":
        return f"{value.hour}.{value.minute:02d}" + (f".{value.second:02d}" if value.second else "")
    return f"{value.hour:02d}:{value.minute:02d}" + (f":{value.second:02d}" if value.second else "")
