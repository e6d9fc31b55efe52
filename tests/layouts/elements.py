"""The layout elements that the walk (walk.py) produces and the renderers put on a page, and
the meeting's values (body, date, times, members) that headers and front pages print."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december"]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]


# ---------------------------------------------------------------- layout elements
@dataclass
class Para:
    """A paragraph of one role (its style comes from the family); bullet: a character,
    or "dot"/"circle" for a bullet drawn as a shape."""
    role: str
    text: str
    bullet: str | None = None


@dataclass
class Grid:
    """A table: rows of cells, a cell a list of (bullet, text) paragraphs. style: ruled,
    plain (no rules), hlines (rules above and below the header and at the end), sigtop
    (a rule above every non-empty cell: signature lines)."""
    rows: list
    widths: list
    style: str = "plain"
    header: bool = False
    split: bool = False
    role: str = "cell"
    shade: bool = False
    repeat: bool = False
    bold: set = field(default_factory=set)  # (row, column) of cells set in bold


@dataclass
class TocLine:
    left: str
    right: str
    leaders: bool = True


@dataclass
class Keep:
    """Start a new page unless this much room (pt) is left."""
    room: float


@dataclass
class Break:
    pass


@dataclass
class Space:
    height: float


@dataclass
class Rule:
    """A short rule at the left margin (a line to sign on)."""
    width: float = 0.4
    before: float = 30.0


# ---------------------------------------------------------------- the meeting's values
@dataclass
class Meeting:
    body: str
    date: dt.date
    start: tuple | None = None
    end: tuple | None = None
    place: str | None = None
    date_text: str | None = None
    members: list = field(default_factory=list)
    absent: list = field(default_factory=list)
    front: bool = False  # the document has a front page

    def header_on(self, fam, page: int) -> bool:
        """Whether page `page` has the running header ("front": all but a front page)."""
        if page > 1 or fam.header_first is True:
            return True
        return fam.header_first == "front" and not self.front

    def values(self, fam) -> dict:
        """The placeholders of running headers, footers and decision headings."""
        d = self.date
        s = fmt_time(self.start, fam.time_fmt) if self.start else None
        e = fmt_time(self.end, fam.time_fmt) if self.end else None
        return {
            "body": self.body,
            "dash": d.strftime("%d-%m-%Y"),
            "dot": d.strftime("%d.%m.%Y"),
            "long": long_date(d),
            "weekday": f"{WEEKDAYS[d.weekday()]} den {long_date(d)}",
            "kl": f" kl. {s}" if s else "",
            "range": f" kl. {s}-{e}" if s and e else "",
        }


def long_date(d: dt.date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def fmt_time(t: tuple, form: str) -> str:
    return form.format(h=t[0], m=t[1])


def meeting_of(content) -> Meeting:
    body, day = content.HEADER.rsplit(" ", 1)
    m = Meeting(body=body, date=dt.datetime.strptime(day, "%d-%m-%Y").date(), front=bool(content.FRONT))
    for label, value in (content.FRONT or {}).get("fields", []):
        key = label.rstrip(":").lower()
        if key == "sted":
            m.place = value
        elif key == "dato":
            m.date_text = value
        elif key in ("start kl.", "slut kl."):
            h, mm = value.split(":")
            setattr(m, "start" if key.startswith("start") else "end", (int(h), int(mm)))
        elif key == "medlemmer":
            m.members = list(value)
        elif key == "fraværende":
            m.absent = list(value)
    return m
