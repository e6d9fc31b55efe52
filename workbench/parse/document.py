"""The whole referat: its parts found in order, each read by its own reader.

front page │ Indholdsfortegnelse │ items … │ Bilagsoversigt │ Underskriftsside

The parser records what it noticed on the way as notes (`self.notes`: flags with their field
path, not yet finished); the flag rules (checks.py) finish them and add their own cross-checks.
"""
from __future__ import annotations

from workbench.i18n import _

import re
import unicodedata

from workbench.config import Config
from workbench.dates import parse_date
from workbench.ingest.furniture import page_headers
from workbench.model import Decision, Flag, FlagKind, Meeting, Referat, SourceText
from workbench.roster import Roster
from workbench.parse.attachments import settle_access
from workbench.parse.blocks import Renderer
from workbench.parse.finding import ItemFinder
from workbench.parse.front import FrontReader, read_toc, toc_entry
from workbench.parse.items import ItemReader
from workbench.parse.people import PersonReader
from workbench.parse.rows import build_rows, double_spaced
from workbench.parse.tail import read_index, read_signatures
from workbench.parse.textutil import Hyphenation, rejoin_cell, vocabulary
from workbench.parse.vocab import Vocabulary


def parse(source: SourceText, config: Config, roster: Roster | None = None) -> Referat:
    return DocumentParser(source, config, roster or Roster.empty()).run()


class DocumentParser:
    def __init__(self, source: SourceText, config: Config, roster: Roster):
        self.source = source
        self.config = config
        self.rows = build_rows(source)
        self.vocab = Vocabulary(config)
        self.hyph = Hyphenation(config.hyphen_keep_before, config.hyphen_keep_prefixes,
                                vocabulary(r.text for r in self.rows))
        self._rejoin_cells()
        spaced = source.format != "pdf" and double_spaced([ln.text for ln in source.lines])
        self.renderer = Renderer(self.hyph, source.format == "pdf", spaced, config.loose_tables)
        self.people = PersonReader(roster, config.front.get("vacant", ()))
        self.notes: list[Flag] = []

    def _rejoin_cells(self) -> None:
        """PDF table rows (read cell by cell, each cell's lines joined by spaces): words broken at
        a line end inside a cell joined again."""
        if self.source.format != "pdf":
            return
        for row in self.rows:
            line = self.source.lines[row.no - 1] if 0 < row.no <= len(self.source.lines) else None
            if row.cells and line is not None and line.joined:
                cells = [rejoin_cell(c, self.hyph) for c in row.cells]
                if cells != row.cells:
                    row.cells, row.text = cells, " ".join(c for c in cells if c)

    def _headings_bold(self) -> bool:
        exact = [r for r in self.rows if self.vocab.section(r, tolerant=False)]
        return self.source.format == "pdf" and len(exact) >= 2 and sum(r.heading_like for r in exact) >= 0.6 * len(exact)

    def run(self) -> Referat:
        rows = self.rows
        ref = Referat(source=self.source)
        n = len(rows)
        toc_at = next((i for i, r in enumerate(rows) if self.vocab.region(r, "toc")), None)
        toc_end = 0
        if toc_at is not None:
            ref.toc, toc_end = read_toc(rows, toc_at + 1, self.vocab)
        body_start = toc_end if toc_at is not None else 0
        sig_at = next((i for i in range(n - 1, body_start - 1, -1) if self.vocab.region(rows[i], "signatures")), None)
        index_at = next((i for i in range(body_start, sig_at if sig_at is not None else n)
                         if self.vocab.region(rows[i], "attachment_index") and not toc_entry(rows[i])), None)
        body_end = min(x for x in (index_at, sig_at, n) if x is not None)
        finder = ItemFinder(rows, self.vocab, self.config, self._headings_bold())
        reader = ItemReader(finder, self.renderer, self.hyph, self.people)
        cands = finder.candidates(body_start, body_end, ref.toc)
        front_end = toc_at if toc_at is not None else (cands[0].index if cands else body_end)
        front = FrontReader(self.config, self.vocab, self.people)
        ref.meeting = front.read(rows[:front_end])
        read = ref.read_lines
        as_rows = {r.no for r in rows}
        read.update(ln.no for ln in self.source.lines if ln.no not in as_rows)  # blank, furniture, rules
        read.update(front.used)
        if toc_at is not None:
            read.update(r.no for r in rows[toc_at:toc_end])
        drafts = []
        for k, cand in enumerate(cands):
            stop = cands[k + 1].index if k + 1 < len(cands) else body_end
            draft = reader.read(cand, stop)
            drafts.append(draft)
            ref.items.append(draft.item)
            for note in draft.notes:
                note.field = f"items[{k}].{note.field}"
                self.notes.append(note)
        self._preambles(drafts)
        for k, cand in enumerate(cands):
            stop = cands[k + 1].index if k + 1 < len(cands) else body_end
            read.update(r.no for r in rows[cand.index:stop])
        if index_at is not None:
            ref.attachment_index = read_index(rows[index_at + 1: sig_at if sig_at is not None else n],
                                              ref.items, self.config, self.hyph)
            read.add(rows[index_at].no)
            for e in ref.attachment_index:
                read.update(range(e.span[0], e.span[1] + 1))
                if e.item_line:
                    read.add(e.item_line)
        self.notes.extend(settle_access(ref.items, ref.attachment_index))
        if sig_at is not None:
            ref.signatures, notes = read_signatures(rows[sig_at + 1:], self.people)
            self.notes.extend(notes)
            read.add(rows[sig_at].no)
            for p in ref.signatures:
                read.update(range(p.span[0], p.span[1] + 1) if p.span else ())
        self._infer_meeting(ref.meeting, ref)
        self._decisions_of_the_meeting(ref)
        return ref

    def _decisions_of_the_meeting(self, ref: Referat) -> None:
        """A decision whose heading names no body or no date ("Direktionens beslutning", "Beslutning",
        "Afgørelse") was made by the meeting's body at this meeting: it takes those, said in an info flag."""
        m = ref.meeting
        for k, item in enumerate(ref.items):
            for j, dec in enumerate(item.decisions):
                took = []
                if dec.body is None and m.body:
                    dec.body, _took = m.body, took.append((_("body"), _("the body '{body}'").format(body=m.body)))
                if dec.date is None and m.date:
                    dec.date, _took = m.date, took.append((_("date"), _("the date {date:%d-%m-%Y}").format(date=m.date)))
                if took:
                    line = dec.heading_line or (dec.span[0] if dec.span else 1)
                    self.notes.append(Flag.note(
                        FlagKind.INFERRED_VALUE, (line, line),
                        _("The decision heading names no {missing}: it was given the meeting's ({took}).").format(
                            missing=_(" and no ").join(w for w, _v in took), took=_(" and ").join(v for _w, v in took)), severity="info",
                        field=f"items[{k}].decisions[{j}]"))

    def _preambles(self, drafts) -> None:
        """Text before an item's first heading. Where the document's items open with their
        decision (Aarhus: "Beslutninger" right below the heading), an item whose decision has no
        heading gets that text as its decision, flagged; elsewhere the text is flagged as
        belonging to no section."""
        opening = [d for d in drafts if d.item.decisions]
        decision_first = len(opening) >= 2 and sum(
            1 for d in opening if all(s.span[0] > (d.item.decisions[0].heading_line or 0) for s in d.item.sections.values())
        ) >= 0.6 * len(opening)
        for k, draft in enumerate(drafts):
            if not draft.preamble:
                continue
            first, last = draft.preamble[0].no, draft.preamble[-1].no
            if decision_first and not draft.item.decisions:
                text = self.renderer.text(draft.preamble)
                draft.item.decisions.append(Decision(text=text, span=(first, last)))
                self.notes.append(Flag.note(
                    FlagKind.LOW_CONFIDENCE, (first, last),
                    _('This item has no decision heading; the text below its heading was read as its decision, as the other items of this document open with theirs. Check it.'),
                    excerpt=draft.preamble[0].text[:70], field=f"items[{k}].decisions[0]"))
                continue
            if any(r.cells for r in draft.preamble):
                self.notes.append(Flag.note(
                    FlagKind.BROKEN_TABLE, (first, last),
                    _("Rows of a table stand between the item's heading and its first section heading: they were read into no table."), excerpt=next(r.text for r in draft.preamble if r.cells)[:70],
                    field=f"items[{k}].tables"))
            short = draft.preamble[0].text.strip()
            if draft.item.access is None and len(short.split()) <= 4 and not re.search(r"[\d.,;:]", short):
                self.notes.append(Flag.note(
                    FlagKind.LOW_CONFIDENCE, (first, first),
                    _("'{short}' stands alone right below the item's heading, where an access marker stands, but is no access marker of config.toml: the item's access may be in a form it does not know.").format(short=short),
                    excerpt=short, field=f"items[{k}].access"))
            self.notes.append(Flag.note(
                FlagKind.LOW_CONFIDENCE, (first, last),
                _("Text between the item's heading and its first section heading belongs to no section: it is kept only in the raw text."), excerpt=draft.preamble[0].text[:70],
                severity="info" if last - first < 3 else "warning", field=f"items[{k}].sections"))

    def _infer_meeting(self, meeting: Meeting, ref: Referat) -> None:
        """No front page: body and date from a page header, else from the first decision heading."""
        if meeting.date is not None and meeting.body is not None:
            return
        for line, body, written in page_headers(self.source, self.config):
            head = line.text.split("\t")[0].strip()
            date = parse_date(written, self.config.date_formats)
            if meeting.date is None and date:
                meeting.date = date
                meeting.spans["date"] = (line.no, line.no)
                meeting.inferred["date"] = f"the page header '{head}'"
            if meeting.body is None and body:
                meeting.body = unicodedata.normalize("NFC", body)
                meeting.spans["body"] = (line.no, line.no)
                meeting.inferred["body"] = f"the page header '{head}'"
            if meeting.date is not None and meeting.body is not None:
                return
        for item in ref.items:
            for dec in item.decisions:
                line = dec.heading_line or 0
                if meeting.date is None and dec.date:
                    meeting.date = dec.date
                    meeting.spans["date"] = (line, line)
                    meeting.inferred["date"] = "the decision heading"
                if meeting.body is None and dec.body:
                    meeting.body = dec.body
                    meeting.spans["body"] = (line, line)
                    meeting.inferred["body"] = "the decision heading"
                if meeting.date is not None and meeting.body is not None:
                    return
