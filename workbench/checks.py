"""Flag rules: what the parser noticed, and cross-checks of the whole record, as flags.

Severity means something: `error` for what is surely wrong (the TOC and the items disagree,
two dates that must agree do not), `warning` for what is probably wrong, `info` for what was
repaired with high confidence and is shown only so that it can be checked. Every flag says
what was seen and why it is doubtful, points at the lines behind it, names the field it
concerns, and carries a suggestion where the tool has one.
"""
from __future__ import annotations

import hashlib
import re

from rapidfuzz import fuzz

from workbench.dates import parse_date
from workbench.doubt import Doubt
from workbench.i18n import _
from workbench.i18n.labels import certainty
from workbench.model import Flag, FlagKind, Person, Referat

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_DATE_PIECE = re.compile(r"(?<![\d-])-\d\d-\d{4}\b|\b\d{1,2}/\d{2}\s+-\d\d-\d{4}")
# a date alone on its line, or set off from short text by a run of spaces (a lost column)
_LONE_DATE = re.compile(r"(?:^|\S\s{2,})(\d\d-\d\d-\d{4}|\d{1,2}/\d{1,2}\s*-\d\d-\d{4})\s*$")


def flag_id(kind: FlagKind | str, field: str, excerpt: str) -> str:
    """Stable across re-parses: the same kind, field and excerpt give the same id."""
    digest = hashlib.sha1(f"{kind}\x1f{field}\x1f{' '.join(excerpt.split())}".encode()).hexdigest()
    return f"{kind}-{digest[:6]}"


def make_flag(kind: FlagKind, severity: str, field: str, lines: tuple[int, int], message: str,
              excerpt: str = "", suggestion: str | None = None) -> Flag:
    flag = Flag(kind=kind, severity=severity, field=field, lines=(min(lines), max(lines)), message=message,
                excerpt=_short(_no_none(excerpt)), suggestion=suggestion)
    flag.id = flag_id(kind, field, excerpt)  # from the excerpt as built, so ids made before stay the same
    return flag


def _no_none(text) -> str:
    """Evidence as a person reads it: a missing part ("None" from formatting) is left out."""
    return " ".join(w for w in str(text).split() if w != "None")


def _short(text: str, width: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


class Checker:
    def __init__(self, ref: Referat, notes: list[Flag], roster=None, config=None):
        self.ref = ref
        self.notes = notes
        self.roster = roster
        self.config = config
        self.flags: list[Flag] = []

    def add(self, *args, **kw) -> None:
        self.flags.append(make_flag(*args, **kw))

    def run(self) -> list[Flag]:
        for n in self.notes:  # what the parser noticed: finished here (lines in order, excerpt cut, id)
            self.add(n.kind, n.severity, n.field, n.lines, n.message, n.excerpt, n.suggestion)
        self.furniture()
        self.inferred()
        self.item_confidence()
        self.numbering()
        self.toc()
        self.attachments()
        self.attachment_numbers()
        self.dates()
        self.closed_items()
        self.required_sections()
        self.loose_fragments()
        self.names()
        self.signatures()
        Doubt(self.ref, self.config, self.add, [f.lines for f in self.flags], self.roster).run()
        return self._unique()

    def _unique(self) -> list[Flag]:
        seen: set[str] = set()
        out = []
        for f in self.flags:
            if f.id not in seen:
                seen.add(f.id)
                out.append(f)
        out.sort(key=lambda f: (f.lines[0], SEVERITY_ORDER[f.severity], f.kind))
        return out

    # -- the source
    def furniture(self) -> None:
        src = self.ref.source
        for line in src.lines:
            if line.furniture and (src.format != "pdf" or not line.furniture_certain):
                self.add(FlagKind.PAGE_FURNITURE, "info", "source", (line.no, line.no),
                         _("'{text}' was taken as page furniture ({furniture_reason}) and kept out of every value.").format(text=line.text.strip(), furniture_reason=line.furniture_reason), excerpt=line.text)

    def inferred(self) -> None:
        m = self.ref.meeting
        by_source: dict[str, list[str]] = {}
        for key, where in m.inferred.items():
            by_source.setdefault(where, []).append(key)
        for where, keys in by_source.items():
            key = "date" if "date" in keys else keys[0]
            span = m.spans.get(key, (1, 1))
            said = " and ".join(f"{k} '{getattr(m, k)}'" for k in keys)
            self.add(FlagKind.INFERRED_VALUE, "warning", f"meeting.{key}", span,
                     _("The referat has no front page stating the meeting's {keys}: {said} was inferred from {where}. Confirm it once.").format(keys=' and '.join(keys), said=said, where=where), excerpt=where, suggestion=str(getattr(m, key)))

    # -- items
    def item_confidence(self) -> None:
        threshold = self.config.confidence_threshold if self.config else 0.6
        for k, item in enumerate(self.ref.items):
            line = item.heading_line or 1
            if "merged" in item.signals:
                self.add(FlagKind.MERGED_LINE, "info", f"items[{k}].title", (line, line),
                         _("The item's title, its access marker and its first section heading share one line; they were split as title '{title}', access '{access}' and the first section.").format(title=item.title, access=item.access),
                         excerpt=self._line(line), suggestion=item.title)
            if item.confidence < threshold:
                missing = [s for s in ("marker", "explicit", "heading", "continues", "toc") if s not in item.signals]
                names = {"marker": _('no access marker or case number below it'), "explicit": _("no 'Punkt N:' form"),
                         "heading": _('not bold or larger'), "continues": _('its number does not continue the numbering'),
                         "toc": _('not in the Indholdsfortegnelse')}
                self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}]", (line, line),
                         _("'{value}' was taken as an item heading on weak evidence (confidence {confidence:.2f}): {value2}.").format(value=self._line(line), confidence=item.confidence, value2='; '.join(names[s] for s in missing)),
                         excerpt=self._line(line))

    def numbering(self) -> None:
        items = self.ref.items
        previous = None
        seen: dict[int, int] = {}
        for k, item in enumerate(items):
            line = item.heading_line or 1
            if item.number is None:
                expected = (previous + 1) if previous is not None else self._toc_number(item.title) or 1
                self.add(FlagKind.NUMBERING_GAP, "warning", f"items[{k}].number", (line, line),
                         _("Item '{title}' has no number; the numbering says {expected}.").format(title=item.title, expected=expected),
                         excerpt=self._line(line), suggestion=str(expected))
                previous = expected
                continue
            if item.number in seen:
                self.add(FlagKind.NUMBERING_GAP, "error", f"items[{k}].number", (line, line),
                         _('Item number {number} is used twice (also on line {seen}).').format(number=item.number, seen=seen[item.number]),
                         excerpt=self._line(line))
            elif previous is not None and item.number != previous + 1:
                what = _('goes backwards') if item.number <= previous else _('skips {value}–{value2}').format(value=previous + 1, value2=item.number - 1)
                self.add(FlagKind.NUMBERING_GAP, "warning", f"items[{k}].number", (line, line),
                         _('Item number {number} follows {previous}: the numbering {what}.').format(number=item.number, previous=previous, what=what),
                         excerpt=self._line(line), suggestion=str(previous + 1))
            seen[item.number] = line
            previous = item.number

    def _toc_number(self, title: str) -> int | None:
        for e in self.ref.toc:
            if e.number is not None and fuzz.ratio(e.title.casefold(), title.casefold()) >= 85:
                return e.number
        return None

    def toc(self) -> None:
        toc = [e for e in self.ref.toc if e.title.casefold() != "bilagsoversigt"]
        items = self.ref.items
        if not toc:
            return
        span = (toc[0].span or (1, 1))[0], (toc[-1].span or (1, 1))[1]
        if len(toc) != len(items):
            self.add(FlagKind.TOC_MISMATCH, "error", "toc", span,
                     _('The Indholdsfortegnelse lists {n} items; the referat has {n2}.').format(n=len(toc), n2=len(items)),
                     excerpt=f"{len(toc)} ≠ {len(items)}")
        for k, entry in enumerate(toc):
            item = next((i for i in items if entry.number is not None and i.number == entry.number), None)
            if item is None and entry.number is None and k < len(items):
                item = items[k]
            where = entry.span or span
            if item is None:
                self.add(FlagKind.TOC_MISMATCH, "error", f"toc[{k}]", where,
                         _("The Indholdsfortegnelse lists item {number} '{title}', which the referat does not have.").format(number=entry.number, title=entry.title),
                         excerpt=entry.title)
                continue
            a, b = " ".join(entry.title.split()).casefold(), " ".join(item.title.split()).casefold()
            if fuzz.ratio(a, b) < 85 and not (b.startswith(a.rstrip(". ")[:-3]) and len(a) > 30):
                self.add(FlagKind.TOC_MISMATCH, "error", f"toc[{k}].title", where,
                         _("The Indholdsfortegnelse calls item {value} '{title}', its heading says '{title2}'.").format(value=entry.number or k + 1, title=entry.title, title2=item.title), excerpt=entry.title, suggestion=item.title)

    def attachments(self) -> None:
        index = self.ref.attachment_index
        if not index:
            return
        by_item: dict[int | None, list] = {}
        for e in index:
            by_item.setdefault(e.item, []).append(e)
        for k, item in enumerate(self.ref.items):
            entries = by_item.get(item.number, [])
            line = item.heading_line or 1
            if entries and entries[0].item_marker:
                marker_access = self.config.access_of(entries[0].item_marker) if self.config else None
                if marker_access and item.access and marker_access != item.access:
                    at = entries[0].item_line or entries[0].span[0]
                    self.add(FlagKind.ATTACHMENT_MISMATCH, "error", f"items[{k}].access", (at, at),
                             _("Item {number} is '{access}' where it stands (line {value}), but the Bilagsoversigt calls it '{item_marker}'. A closed item must not reach the public index: decide which is right.").format(number=item.number, access=item.access, value=item.access_line or line, item_marker=entries[0].item_marker),
                             excerpt=self._line(at), suggestion=marker_access)
            if len(entries) != len(item.attachments):
                at = item.attachments[0].span if item.attachments else (line, line)
                self.add(FlagKind.ATTACHMENT_MISMATCH, "warning", f"items[{k}].attachments", at,
                         _('Item {number} lists {n} attachments; the Bilagsoversigt lists {n2} for it.').format(number=item.number, n=len(item.attachments), n2=len(entries)), excerpt=f"{len(item.attachments)} ≠ {len(entries)}")
                continue
            for j, (att, entry) in enumerate(zip(item.attachments, entries)):
                diffs = []
                if att.number is not None and entry.number is not None and att.number != entry.number:
                    diffs.append(_("number {number} ≠ {other}").format(number=att.number, other=entry.number))
                if att.ref and entry.ref and att.ref != entry.ref:
                    diffs.append(_("document number {ref} ≠ {other}").format(ref=att.ref, other=entry.ref))
                if att.access and entry.access and att.access != entry.access:
                    diffs.append(_("access {access} ≠ {other}").format(access=att.access, other=entry.access))
                if att.title and entry.title and fuzz.ratio(" ".join(att.title.split()).casefold(),
                                                            " ".join(entry.title.split()).casefold()) < 90:
                    diffs.append(_("title '{title}' ≠ '{other}'").format(title=att.title, other=entry.title))
                if diffs:
                    self.add(FlagKind.ATTACHMENT_MISMATCH, "warning", f"items[{k}].attachments[{j}]", att.span or (line, line),
                             _("Attachment {number} of item {item} and the Bilagsoversigt disagree: {differences} "
                               "(overview line {line}).").format(number=att.number, item=item.number,
                                                                 differences="; ".join(diffs), line=entry.span[0]),
                             excerpt=att.title or str(att.number), suggestion=entry.title)

    def attachment_numbers(self) -> None:
        """An item's attachments are numbered 1, 2, 3 …: a gap or a repeat is a line read wrong."""
        for k, item in enumerate(self.ref.items):
            numbers = [a.number for a in item.attachments if a.number is not None]
            if numbers and numbers != list(range(1, len(numbers) + 1)):
                at = next((a for i, a in enumerate(a for a in item.attachments if a.number is not None)
                           if a.number != i + 1), item.attachments[0])
                self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].attachments", at.span or (1, 1),
                         _("Item {number}'s attachments are numbered {value}: numbering that does not run 1, 2, 3 … suggests an attachment line read wrong, or one missing.").format(number=item.number, value=', '.join(map(str, numbers))),
                         excerpt=at.title or str(at.number))

    def dates(self) -> None:
        m = self.ref.meeting
        if m.date is None:
            return
        for k, item in enumerate(self.ref.items):
            for j, dec in enumerate(item.decisions):
                if dec.date is None or dec.date == m.date:
                    continue
                last = j == len(item.decisions) - 1
                if dec.date > m.date or last:
                    self.add(FlagKind.DATE_MISMATCH, "error" if dec.date > m.date or len(item.decisions) == 1 else "warning",
                             f"items[{k}].decisions[{j}].date", dec.span or (1, 1),
                             _('The decision is dated {date:%d-%m-%Y}, the meeting {date2:%d-%m-%Y}.').format(date=dec.date, date2=m.date),
                             excerpt=f"{dec.date}", suggestion=f"{m.date}")
        if "date" in m.inferred:
            return
        if self.config is None:
            return
        from workbench.ingest.furniture import page_headers

        for line, _seen, written in page_headers(self.ref.source, self.config):
            date = parse_date(written, self.config.date_formats)
            if date and date != m.date:
                head = line.text.split("\t")[0].strip()
                self.add(FlagKind.DATE_MISMATCH, "error", "meeting.date", (line.no, line.no),
                         _('The page header says {date:%d-%m-%Y}; the front page says {date2:%d-%m-%Y}.').format(date=date, date2=m.date),
                         excerpt=head, suggestion=f"{date}")
                return

    def closed_items(self) -> None:
        for k, item in enumerate(self.ref.items):
            if item.access == "closed" and any(s.text.strip() for s in item.sections.values()):
                first = min(s.span[0] for s in item.sections.values())
                self.add(FlagKind.LOW_CONFIDENCE, "error", f"items[{k}].sections", (first, first),
                         _("Item {number} is closed but has body text: a closed item's text must not reach a public index. Check the access marker, or remove the text.").format(number=item.number), excerpt=item.title)

    def required_sections(self) -> None:
        required = self.config.required_sections if self.config else ()
        for k, item in enumerate(self.ref.items):
            if item.access == "closed":
                continue
            for key in required:
                if key not in item.sections:
                    line = item.heading_line or 1
                    self.add(FlagKind.MISSING_SECTION, "warning", f"items[{k}].sections.{key}", (line, line),
                             _("Item {number} '{title}' has no '{key}' section, which config.toml requires.").format(number=item.number, title=item.title, key=key),
                             excerpt=item.title)

    def loose_fragments(self) -> None:
        """A date cut apart, or dates on loose short lines: a table whose columns fell apart."""
        for k, item in enumerate(self.ref.items):
            for key, section in item.sections.items():
                lines = self._section_lines(section.span)
                hits = [ln for ln in lines if _DATE_PIECE.search(ln.text) or
                        (_LONE_DATE.search(ln.text.strip()) and len(ln.text.split()) <= 7)]
                if len(hits) < 2 and not any(_DATE_PIECE.search(ln.text) for ln in hits):
                    continue
                first, last = hits[0].no, hits[-1].no
                if last - first >= 30:
                    last = first
                self.add(FlagKind.BROKEN_TABLE, "warning", f"items[{k}].sections.{key}", (first, last),
                         _("Dates stand on short loose lines here ({lines}): this looks like a table whose columns "
                           "fell apart in the extraction; its rows are in the text as loose lines.").format(
                             lines=f"'{hits[0].text.strip()}'" + (f", … '{hits[-1].text.strip()}'" if len(hits) > 1 else "")),
                         excerpt=hits[0].text)

    def _section_lines(self, span):
        return [ln for ln in self.ref.source.lines[span[0]: span[1]] if ln.text.strip() and not ln.furniture]

    # -- people
    def names(self) -> None:
        if self.roster is None or not len(getattr(self.roster, "people", ())):
            return
        m = self.ref.meeting
        groups: list[tuple[str, list[Person]]] = [("meeting.members", m.members), ("meeting.absent", m.absent),
                                                  ("signatures", self.ref.signatures)]
        groups += [(f"items[{k}].people", it.people) for k, it in enumerate(self.ref.items)]
        for field, people in groups:
            for j, p in enumerate(people):
                if p.vacant or not p.name:
                    continue
                self._name(f"{field}[{j}].name", p)

    def _name(self, field: str, p: Person) -> None:
        read = p.read_as or p.name
        match = self.roster.best(read, title=p.title)
        span = p.span or (1, 1)
        if match is not None and match.certain:
            if p.read_as and p.read_as != p.name:  # the roster's spelling replaced what the document wrote
                self.add(FlagKind.NAME_UNKNOWN, "info", field, span,
                         _("The document writes '{read_as}', which the roster knows as '{name}': the roster's name was used.").format(read_as=p.read_as, name=p.name), excerpt=p.read_as, suggestion=p.name)
            return
        if match is None or match.score < 75:
            self.add(FlagKind.NAME_UNKNOWN, "warning", field, span,
                     _("'{read}' is not in the roster, and nothing there comes close.").format(read=read), excerpt=read)
            return
        if p.read_as and p.name == match.person.name and match.partial:
            fits = bool(p.title) and any(p.title.casefold() == t.casefold() for t in match.person.titles)
            self.add(FlagKind.NAME_UNKNOWN, "info" if fits else "warning", field, span,
                     (_("The document writes '{read}', which the roster knows only in part: completed as '{name}' "
                        "({certainty} match, and the title '{title}' agrees).") if fits else
                      _("The document writes '{read}', which the roster knows only in part: completed as '{name}' "
                        "({certainty} match).")).format(read=read, name=match.person.name, title=p.title,
                                                        certainty=certainty(match.certain)),
                     excerpt=read, suggestion=match.person.name)
            return
        self.add(FlagKind.NAME_UNKNOWN, "warning", field, span,
                 (_("'{read}' is not in the roster; the closest is '{name}' ({certainty} match), which holds only "
                    "part of it.") if match.partial else
                  _("'{read}' is not in the roster; the closest is '{name}' ({certainty} match).")).format(
                     read=read, name=match.person.name, certainty=certainty(match.certain)),
                 excerpt=read, suggestion=match.person.name)

    def signatures(self) -> None:
        members = self.ref.meeting.members
        sigs = self.ref.signatures
        if not members or not sigs:
            return

        def key(p: Person) -> str:
            return f"{(p.title or '').casefold()}|{'vacant' if p.vacant else (p.name or '').casefold()}"

        have = {key(p) for p in members}
        for j, p in enumerate(sigs):
            if key(p) not in have:
                self.add(FlagKind.SIGNATURE_MISMATCH, "warning", f"signatures[{j}]", p.span or (1, 1),
                         _("'{value}' signs, but is not among the members.").format(value=_who(p)),
                         excerpt=f"{p.title} {p.name}")
        signed = {key(p) for p in sigs}
        for j, p in enumerate(members):
            if key(p) not in signed:
                self.add(FlagKind.SIGNATURE_MISMATCH, "warning", f"meeting.members[{j}]", p.span or (1, 1),
                         _("Member '{value}' has no signature on the Underskriftsside.").format(value=_who(p)),
                         excerpt=f"{p.title} {p.name}")

    def _line(self, no: int) -> str:
        lines = self.ref.source.lines
        return lines[no - 1].text.strip() if 1 <= no <= len(lines) else ""


def _who(p: Person) -> str:
    return " ".join(x for x in (p.title, "Vakant" if p.vacant else p.name) if x)


def run_checks(ref: Referat, notes: list[Flag], roster=None, config=None) -> list[Flag]:
    return Checker(ref, notes, roster, config).run()
