"""Person strings of a referat ("Fællesforvaltningsdirektør Kim Bruun Nielsen") → Person.

Names are checked against the roster: a name the roster knows only in part ("Kim Bruun" for
"Kim Bruun Nielsen", same title) is completed and remembered as read, so the flag rules can
ask the reviewer to confirm it; a name broken over two lines is joined when the roster knows
the joined name.
"""
from __future__ import annotations

import re

from workbench.model import Person
from workbench.parse.mentions import people_in, split_title
from workbench.roster import Roster


class PersonReader:
    def __init__(self, roster: Roster, vacant_words: tuple[str, ...]):
        self.roster = roster
        self.vacant = {w.casefold() for w in vacant_words}

    def person(self, text: str, span: tuple[int, int], role: str | None = None) -> Person | None:
        text = " ".join(text.split()).strip(" .,;")
        if not text:
            return None
        title, name = split_title(text, self.roster)
        if name and name.casefold() in self.vacant:
            return Person(title=title, vacant=True, span=span, role=role)
        if not name:
            return Person(title=title, span=span, role=role) if title else None
        person = Person(title=title, name=name, span=span, role=role)
        self.complete(person)
        return person

    def complete(self, person: Person) -> None:
        """Take the roster's spelling of a name it knows for certain, or only in part."""
        if not person.name:
            return
        match = self.roster.best(person.name, title=person.title)
        if match is None:
            return
        if match.certain and match.person.name != person.name:
            person.read_as = person.read_as or person.name
            person.name = match.person.name
        elif match.partial and match.score >= 85 and _title_fits(person.title, match.person.titles):
            person.read_as = person.read_as or person.name
            person.name = match.person.name

    def mentions(self, text: str, span: tuple[int, int], role: str) -> list[Person]:
        """The people a sentence names ("Økonomichef Bettina Andersen deltager …")."""
        out = []
        for title, name in people_in(text, self.roster):
            if name.casefold() in self.vacant:
                continue
            person = Person(title=title, name=name, span=span, role=role)
            self.complete(person)
            out.append(person)
        return out

    def item_people(self, sections: dict) -> list[Person]:
        """From Sagsansvarlig, and from the sentences that say who takes part."""
        people: list[Person] = []
        seen: set[tuple[str | None, str | None]] = set()

        def add(found: list[Person]) -> None:
            for p in found:
                if (p.role, p.name) not in seen:
                    seen.add((p.role, p.name))
                    people.append(p)

        for key in ("sagsansvarlig",):
            if key in sections:
                add(self.mentions(sections[key].text, sections[key].span, "sagsansvarlig"))
        for key, section in sections.items():
            for sentence in re.split(r"(?<=[.!?])\s+|\n+", section.text):
                if re.search(r"\bdeltag(er|ende|else)\b", sentence, re.IGNORECASE):
                    add(self.mentions(sentence, section.span, "deltager"))
        return people

    def joins(self, person: Person, piece: str) -> bool:
        """Is `piece` (a line of one or two capitalised words) the rest of person's name?"""
        if not person.name or not re.fullmatch(r"[A-ZÆØÅ][\w\-]+(?: [A-ZÆØÅ][\w\-]+)?", piece.strip()):
            return False
        joined = f"{person.read_as or person.name} {piece.strip()}"
        match = self.roster.best(joined, title=person.title)
        return bool(match and match.certain)


def _title_fits(title: str | None, titles) -> bool:
    if not title:
        return False
    return any(title.casefold() == t.casefold() for t in titles)
