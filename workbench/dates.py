"""Dates and clock times as referater write them: the configured formats, Danish month names, `kl. 9.00`.

Read by the parser and by the flag rules alike, so it lives outside both.
"""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}
_LONG_DATE = re.compile(r"(\d{1,2})\.\s*([a-zæøå]+)\.?\s+(\d{4})", re.IGNORECASE)
_TIME = re.compile(r"(?<![\d.])(\d{1,2})[:.](\d\d)(?!\d)")


def parse_date(text: str, formats: tuple[str, ...]) -> dt.date | None:
    """A date written as `29-01-2025`, `04.12.2012` (the configured formats) or in words
    (`Onsdag den 29. januar 2025`, `d. 27. august 2025`)."""
    text = text.strip()
    for token in re.findall(r"\d{1,4}[-./]\d{1,2}[-./]\d{2,4}", text):
        for fmt in formats:
            try:
                return dt.datetime.strptime(token, fmt).date()
            except ValueError:
                continue
    m = _LONG_DATE.search(text)
    if m and m.group(2).casefold() in MONTHS:
        try:
            return dt.date(int(m.group(3)), MONTHS[m.group(2).casefold()], int(m.group(1)))
        except ValueError:
            return None
    return None


def parse_time(text: str) -> dt.time | None:
    m = _TIME.search(text)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)
