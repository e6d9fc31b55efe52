"""Reading one item, from the heading finding.py found to the next: header, sections, tables,
attachments, decisions.

The header below the heading gives access, journal and case numbers; headings of config.toml
open sections, decisions and the Bilag list; a section's rows become its text and tables
(blocks.py). What was uncertain becomes a note: a flag whose `field` is its path inside the item.
"""
from __future__ import annotations

from workbench.i18n import _

import re
from dataclasses import dataclass, field

from workbench.dates import parse_date
from workbench.model import Decision, Flag, FlagKind, Item, Section, Table
from workbench.parse.attachments import AttachmentList
from workbench.parse.blocks import Renderer
from workbench.parse.finding import Candidate, ItemFinder, date_line
from workbench.parse.rows import Row
from workbench.parse.textutil import Hyphenation


@dataclass
class ItemDraft:
    item: Item
    notes: list[Flag] = field(default_factory=list)  # unfinished flags, `field` the path inside the item
    preamble: list[Row] = field(default_factory=list)


class ItemReader:
    def __init__(self, finder: ItemFinder, renderer: Renderer, hyph: Hyphenation, people=None):
        self.finder = finder  # where items open, and which rows are headings
        self.rows = finder.rows
        self.vocab = finder.vocab
        self.config = finder.config
        self.headings_bold = finder.headings_bold
        self.renderer = renderer
        self.hyph = hyph
        self.people = people

    # -- reading one item
    def read(self, cand: Candidate, stop: int) -> ItemDraft:
        row = self.rows[cand.index]
        title = cand.title
        i = cand.index + 1
        draft_notes: list[Flag] = []
        # a heading wrapped onto a second line (PDF: same type, straight below)
        while i < stop and self.finder.title_goes_on(row, self.rows[i]):
            title, _joined = self.hyph.join(title, self.rows[i].text)
            i += 1
        access = cand.access
        m = re.match(r"^(?P<marker>\w+)\s*:\s*(?P<rest>.+)$", title)
        if m and self.config.access_of(m.group("marker")):
            access = self.config.access_of(m.group("marker"))
            title = m.group("rest").strip()
        item = Item(title=title, number=cand.number, access=access or None, heading_line=row.no,
                    confidence=min(1.0, cand.score), signals=tuple(k for k, on in cand.signals.items() if on))
        draft = ItemDraft(item, draft_notes)
        if cand.unpatterned:
            draft_notes.append(Flag.note(
                FlagKind.LOW_CONFIDENCE, (row.no, row.no),
                _("'{text}' was taken as an item heading by its look (set apart, a marker below it), but no item pattern of config.toml matched it: check the number and the title.").format(text=row.text), excerpt=row.text,
                severity="warning" if cand.number is not None else "info", field="title"))
        # the item's header: access, journal and case numbers, document number
        while i < stop:
            t = self.rows[i].text
            fields = self.vocab.header_fields(t)
            some = None if fields is not None or i > cand.index + 3 else self.vocab.some_header_fields(t)
            if some is not None:  # a header line with a part no rule knows: take the fields, flag the rest
                fields, rest = some
                lacking = [k for k in ("access", "case", "journal") if k not in fields and not getattr(item, k)]
                for where in lacking or ["title"]:  # each field the unknown part may hold
                    draft_notes.append(Flag.note(
                        FlagKind.LOW_CONFIDENCE, (self.rows[i].no, self.rows[i].no),
                        _("The item's header line '{t}' was read as {fields}, but {value} matched no header pattern of config.toml: it may hold a field in a form the vocabulary does not know.").format(t=t, fields=', '.join(sorted(fields)), value=' and '.join(repr(r) for r in rest)), excerpt=t,
                        severity="warning" if lacking else "info", field=where))
            if fields is None:
                break
            acc = fields.get("access")
            if acc:
                if item.access and item.access != acc:
                    draft_notes.append(Flag.note(FlagKind.LOW_CONFIDENCE, (self.rows[i].no, self.rows[i].no),
                                                 _("Two access markers: '{t}' after '{access}'.").format(t=t, access=item.access), excerpt=t,
                                                 field="access"))
                item.access = item.access or acc
                item.access_line = self.rows[i].no
            item.journal = item.journal or fields.get("journal")
            item.case = item.case or fields.get("case")
            i += 1
        containers: list[tuple[str, object, list[Row]]] = []  # (kind, target, rows)
        if cand.merged_tail:
            hm = self.vocab.section(Row(row.no, cand.merged_tail, cand.merged_tail))
            containers.append(("section", (hm.key, hm.heading, row.no, hm), []))
        attachments: AttachmentList | None = None
        lists: list[AttachmentList] = []
        body_rows = self.rows[i:stop]
        skip = -1
        for n, r in enumerate(body_rows):
            if n == skip:
                continue  # the dated line of a two-line decision heading
            if attachments is not None and not self.finder.heading(r):
                if attachments.feed(r):
                    continue
                attachments = None
            kind = self.finder.heading(r)
            if kind is not None:
                attachments = None
            if kind == "attachments":
                attachments = AttachmentList(self.config, self.hyph, self.config.patterns.document_number)
                lists.append(attachments)
                continue
            if kind == "decision":
                m, heads = self._decision_at(body_rows, n)
                containers.append(("decision", (m, heads), body_rows[n:n + heads]))
                skip = n + heads - 1 if heads > 1 else -1
                continue
            if kind == "section":
                hm = self.vocab.section(r)
                containers.append(("section", (hm.key, hm.heading, r.no, hm), []))
                continue
            self._near_heading(r, draft)
            if containers:
                containers[-1][2].append(r)
            else:
                draft.preamble.append(r)
        self._fill(item, containers, draft)
        if self.people is not None:
            item.people = self.people.item_people(item.sections)
        for lst in lists:
            base = len(item.attachments)
            item.attachments.extend(lst.items)
            for note in lst.notes:  # field: the attachment's index in its list, and the field when not its title
                index, _dot, sub = note.field.partition(".")
                note.field = f"attachments[{base + int(index)}].{sub or 'title'}"
                draft_notes.append(note)
        item.span = (row.no, self.rows[stop - 1].no if stop - 1 >= cand.index else row.no)
        return draft

    def _decision_at(self, rows: list[Row], n: int) -> tuple[re.Match, int]:
        """The decision heading at rows[n], and how many rows it takes: a heading without a date
        ("Beslutning") over a short line naming the body and the date ("Direktionen, onsdag den 29.
        januar 2025") is read as the two lines joined, where a decision pattern matches that."""
        m = self.vocab.decision(rows[n].text)
        if m.groupdict().get("date") or n + 1 >= len(rows):
            return m, 1
        nxt = rows[n + 1]
        dated = date_line(nxt.text, self.config.date_formats)  # "Beslutning" over "29. januar 2025"
        if nxt.cells or len(nxt.text) > 80 or not (nxt.text[:1].isupper() or dated):
            return m, 1
        joined = self.vocab.decision(f"{rows[n].text.strip()} {nxt.text.strip()}")
        if joined and joined.groupdict().get("date") and (
                _names_a_body(joined.groupdict().get("body") or "") or (dated and not joined.groupdict().get("body"))):
            return joined, 2
        return m, 1

    def _near_heading(self, row: Row, draft: ItemDraft) -> None:
        """A line set apart like a heading that comes close to one without matching it well enough."""
        words = row.text.split()
        apart = row.heading_like if self.headings_bold else (row.brk and len(words) <= 5)
        if not apart or row.cells or row.text.rstrip().endswith((".", ",", ";")):
            return
        near = self.vocab.near_section(row)
        if near is not None:
            draft.notes.append(Flag.note(
                FlagKind.UNKNOWN_HEADING, (row.no, row.no),
                _("'{text}' stands apart like a heading and comes close to '{heading}' (score {score:.0f}) without matching it well enough to open a section: it was kept as text.").format(text=row.text, heading=near.heading, score=near.score),
                excerpt=row.text, suggestion=near.heading, field="sections"))

    def _fill(self, item: Item, containers, draft: ItemDraft) -> None:
        for kind, target, rows in containers:
            if kind == "section":
                key, heading, line, hm = target
                block = self.renderer.block(rows)
                span = (line, rows[-1].no if rows else line)
                if key in item.sections:
                    old = item.sections[key]
                    old.text = "\n\n".join(t for t in (old.text, block.text) if t)
                    old.span = (old.span[0], span[1])
                    draft.notes.append(Flag.note(
                        FlagKind.LOW_CONFIDENCE, (line, line),
                        _("A second '{heading}' heading in the same item: its text was added to the first.").format(heading=heading),
                        excerpt=heading, field=f"sections.{key}"))
                else:
                    item.sections[key] = Section(key, block.text, span, heading, confidence=hm.score / 100,
                                                 signals=("exact",) if hm.exact else ("tolerant",))
                    if not hm.exact:
                        draft.notes.append(Flag.note(
                            FlagKind.UNKNOWN_HEADING, (line, line),
                            _("'{value}' was taken as the heading '{heading}' by a tolerant match (score {score:.0f}): check it.").format(value=self.rows_text(line), heading=heading, score=hm.score), excerpt=self.rows_text(line),
                            suggestion=heading, severity="info", field=f"sections.{key}"))
                for t in block.tables:
                    item.tables.append(Table(key, t.columns, t.rows, t.span, t.row_spans))
                for note in block.notes:  # a table's note names its row, the text's none
                    note.field = f"tables[{len(item.tables) - 1}].{note.field}" \
                        if note.kind == FlagKind.BROKEN_TABLE else f"sections.{key}"
                    draft.notes.append(note)
            else:
                m, heads = target
                heading_row, body = rows[0], rows[heads:]
                block = self.renderer.block(body)
                groups = m.groupdict()
                date = parse_date(groups["date"], self.config.date_formats) if groups.get("date") else None
                body_name = _body_name(groups.get("body"))
                text = block.text
                for t in block.tables:  # a decision keeps its tables as text
                    text += "\n\n" + "\n".join("\t".join(r) for r in ([t.columns] if t.columns else []) + t.rows)
                if groups.get("date") and date is None:
                    draft.notes.append(Flag.note(
                        FlagKind.LOW_CONFIDENCE, (heading_row.no, rows[heads - 1].no),
                        _("The decision heading gives the date '{groups}', which is no date the configured formats or Danish month names read.").format(groups=groups['date']), excerpt=groups["date"],
                        field=f"decisions[{len(item.decisions)}].date"))
                item.decisions.append(Decision(text=_drop_dots(text.strip()), body=body_name, date=date,
                                               span=(heading_row.no, body[-1].no if body else heading_row.no),
                                               heading_line=heading_row.no))

    def rows_text(self, line: int) -> str:
        for r in self.rows:
            if r.no == line:
                return r.text
        return ""


def _names_a_body(text: str) -> bool:
    """"Direktionen", "Børne- og Ungeudvalget", "Udvalget for Klima og Miljø": a name, not a
    sentence ("Sagen blev godkendt"): capitalised words and the small words between them."""
    words = text.split()
    return 0 < len(words) <= 6 and words[0][:1].isupper() and all(
        w[:1].isupper() or w in _NAME_JOINERS for w in words)


_NAME_JOINERS = {"og", "for", "i", "af", "til", "under", "&", "-", "–"}


def _body_name(text: str | None) -> str | None:
    if not text:
        return None
    return " ".join(text.split())


def _drop_dots(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip() not in (".", "-")).strip()
