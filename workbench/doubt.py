"""Doubt: the flag rules that fire where a rule of the parser did not match.

The other rules check what the parser found. These check what it may have missed, so that a
referat laid out in a way the vocabulary does not know is loud, not silently wrong:
- the document as a whole: no items, items covering a small part of it, no meeting date or body;
- every line accounted for: a non-furniture line read as no value, label or heading;
- values that look wrong for their field: a line shaped like a page header, an attachment row
  or a heading inside a text, a decision far longer than the others, two names in one person,
  a table row without its key cell, tables in a row that are one, an attachment line whose
  number, access or document number could not be read;
- an item that lacks what the document's other items have (decisions, sections).
Each flag says what was seen and what to check, and names the most precise field it can.
"""
from __future__ import annotations

import re
import statistics
from collections import defaultdict
from typing import Callable

from workbench.model import Referat, SourceLine

RUN = 25  # lines: a longer run of unread lines is flagged in pieces, so each flag points somewhere
_DATE = re.compile(r"\b\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d\d)\b|\b\d{1,2}\.\s*(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zæøå]*\.?\s+\d{4}\b",
                   re.IGNORECASE)
_TIME = re.compile(r"\bkl\.?\s*\d{1,2}(?:[.:]\d\d)?\b|\b\d{1,2}[:.]\d\d\s*[-–]\s*\d{1,2}[:.]\d\d\b", re.IGNORECASE)
_REF_LIKE = re.compile(r"(?:^|\s)\(?(?:\d{3,7}[/-]\d{2,4}|\d{4}-\d{5,7})\)?\s*$")
# a short line standing alone that names a decision: a decision heading no pattern of config.toml knew
_DECISION_LIKE = re.compile(r"^(?:\w+\s){0,4}(?:beslutning|besluttede|afgørelse)\b", re.IGNORECASE)
_NUMBER_FIRST = re.compile(r"^\(?\d{1,3}[.):]?\s+\S")


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


class Doubt:
    def __init__(self, ref: Referat, config, add: Callable[..., None], flagged: list[tuple[int, int]]):
        self.ref = ref
        self.config = config
        self.add = add
        self.flagged = flagged  # the line spans that earlier flags point at
        self.lines = ref.source.lines
        self.content = [ln for ln in self.lines if ln.text.strip() and not ln.furniture]
        sizes = [ln.size for ln in self.content if ln.size]
        self.body_size = statistics.median(sizes) if sizes else None

    def run(self) -> None:
        self.document()
        self.unread()
        self.misplaced()
        self.outliers()
        self.like_the_others()
        self.people()
        self.tables()
        self.attachments()

    # -- the document as a whole
    def document(self) -> None:
        ref, m = self.ref, self.ref.meeting
        n = len(self.content)
        items = ref.items
        if not items and ((ref.source.pages or 1) > 1 or n > 40):
            self.add("low_confidence", "error", "items", self._span_of(self.content[:1]),
                     f"No item was found in {n} lines of text: no line matched an item heading of config.toml "
                     "with enough evidence. Check the [patterns] item forms against this document.",
                     excerpt=self.content[0].text if self.content else "")
        elif items and n > 60:
            inside = sum(1 for ln in self.content if any(
                it.span and it.span[0] <= ln.no <= it.span[1] for it in items))
            if inside < 0.3 * n:
                first = items[0].heading_line or 1
                self.add("low_confidence", "error", "items", (first, first),
                         f"The {len(items)} items found cover only {inside} of {n} lines: most of the document "
                         "was read as no item. Items are probably missing.", excerpt=self._text(first))
        first = self.content[0].no if self.content else 1
        for key in ("date", "body"):
            if getattr(m, key) is None:
                self.add("low_confidence", "error", f"meeting.{key}", (first, first),
                         f"The meeting's {key} was found neither on a front page, nor in a page header, nor in a "
                         "decision heading. Give it.", excerpt=f"meeting.{key}")

    # -- every line accounted for
    def unread(self) -> None:
        read = self.ref.read_lines
        run: list[SourceLine] = []
        for ln in self.content:
            if ln.no in read or self._flagged(ln.no):
                self._flush_unread(run)
                run = []
                continue
            if run and (ln.no - run[-1].no > 3 or len(run) >= RUN or self._region(ln.no) != self._region(run[0].no)):
                self._flush_unread(run)
                run = []
            run.append(ln)
        self._flush_unread(run)

    def _flush_unread(self, run: list[SourceLine]) -> None:
        if not run:
            return
        field = self._region(run[0].no)
        what = {"meeting": "the front page", "toc": "the Indholdsfortegnelse", "items": "the items",
                "attachment_index": "the Bilagsoversigt", "signatures": "the Underskriftsside"}[field]
        quoted = run[0].text.strip()
        self.add("low_confidence", "warning", field, (run[0].no, run[-1].no),
                 f"{len(run)} line{'s' if len(run) > 1 else ''} near {what} ('{_cut(quoted)}'"
                 + (f" … '{_cut(run[-1].text.strip())}'" if len(run) > 1 else "")
                 + ") went into no value: no label, heading or pattern of config.toml matched. "
                 "Check whether a value is missing there.", excerpt=quoted)

    def _region(self, no: int) -> str:
        ref = self.ref
        firsts = [it.heading_line for it in ref.items if it.heading_line]
        if firsts and no < min(firsts):
            toc = [e.span for e in ref.toc if e.span]
            if toc and toc[0][0] - 2 <= no <= toc[-1][1] + 1:
                return "toc"
            return "meeting"
        if not firsts:
            return "items" if ref.meeting.spans else "meeting"
        last_item = max((it.span[1] for it in ref.items if it.span), default=0)
        if no > last_item:
            sigs = [p.span[0] for p in ref.signatures if p.span]
            if sigs and no >= min(sigs) - 2:
                return "signatures"
            if ref.attachment_index:
                return "attachment_index"
            return "signatures" if sigs else "items"
        return "items"

    # -- values that hold lines of another kind
    def misplaced(self) -> None:
        headers = self._edge_repeats()
        for k, item in enumerate(self.ref.items):
            tables = [t.span for t in item.tables]
            for key, sec in item.sections.items():
                self._scan(f"items[{k}].sections.{key}", f"the section '{key}'", sec.span[0] + 1, sec.span[1],
                           tables, headers)
            for j, dec in enumerate(item.decisions):
                if dec.span:
                    start = (dec.heading_line or dec.span[0] - 1) + 1
                    self._scan(f"items[{k}].decisions[{j}].text", "the decision", start, dec.span[1], tables, headers)

    def _scan(self, field: str, what: str, first: int, last: int, tables, headers: set[str]) -> None:
        cfg = self.config
        for ln in self.lines[first - 1: last]:
            text = " ".join(ln.text.split())
            if not text or ln.furniture or any(a <= ln.no <= b for a, b in tables) or self._flagged(ln.no):
                continue
            why = None
            if _shape(text) in headers:
                why = "repeats at the top or foot of several pages: a page header or footer"
            elif cfg and any(rx.match(text) for rx in cfg.patterns.page_header) or _page_number(text, cfg):
                why = "is shaped like a page header or page number"
            elif len(text.split()) <= 9 and _DATE.search(text) and _TIME.search(text) and not text.endswith("."):
                why = "is a date-and-time line, like a page header or a meeting heading"
            elif _DECISION_LIKE.match(text) and len(text.split()) <= 10 and not text.endswith((".", ",")):
                why = "is shaped like a decision heading that no decision pattern of config.toml matched"
            elif cfg and any(rx.match(text) for rx in cfg.patterns.attachment) and len(text) < 200:
                why = "is shaped like a line of a Bilag list"
            elif cfg and (ln.bold or self._larger(ln)) and any(rx.match(text) for rx in cfg.patterns.item) \
                    and len(text) < 120:
                why = "is set apart and numbered like an item heading"
                self.add("low_confidence", "warning", "items", (ln.no, ln.no),
                         f"Line {ln.no} '{_cut(text)}' is set apart and numbered like an item heading, but was read "
                         f"as text of {what}: an item may be missing.", excerpt=text)
            if why:
                self.add("low_confidence", "warning", field, (ln.no, ln.no),
                         f"Line {ln.no} of {what} ('{_cut(text)}') {why}. It probably does not belong in this "
                         "value: check where it goes.", excerpt=text)
                return  # one flag per value says enough

    def _edge_repeats(self) -> set[str]:
        """Shapes (digits aside) of a page's first or last text line, near the page's edge, that recur at
        the same height on two or more pages: a running header or footer the furniture reader missed."""
        by_page: dict[int, list[SourceLine]] = defaultdict(list)
        for ln in self.content:
            if ln.page is not None and ln.top is not None:
                by_page[ln.page].append(ln)
        height = max((ln.bottom or 0.0 for ln in self.lines if ln.bottom), default=842.0)
        seen: dict[tuple[str, int], set[int]] = defaultdict(set)
        for page, lines in by_page.items():
            for ln in {lines[0].no: lines[0], lines[-1].no: lines[-1]}.values():
                if len(ln.text) < 100 and (ln.top < 0.15 * height or (ln.bottom or ln.top) > 0.85 * height):
                    seen[(_shape(ln.text), round(ln.top / 4))].add(page)
        return {shape for (shape, _), pages in seen.items() if len(pages) >= 2}

    # -- a value far out of line with its kind
    def outliers(self) -> None:
        decs = [(k, j, d) for k, it in enumerate(self.ref.items) for j, d in enumerate(it.decisions)]
        if len(decs) >= 3:
            median = statistics.median(len(d.text) for _, _, d in decs)
            for k, j, d in decs:
                if len(d.text) > max(2000, 6 * median):
                    self.add("low_confidence", "warning", f"items[{k}].decisions[{j}].text", d.span or (1, 1),
                             f"This decision is {len(d.text)} characters, the document's median {median:.0f}: it "
                             "probably runs on into text that is not the decision.", excerpt=d.text[:60])
        by_key: dict[str, list] = defaultdict(list)
        for k, it in enumerate(self.ref.items):
            for key, sec in it.sections.items():
                by_key[key].append((k, sec))
        for key, secs in by_key.items():
            if len(secs) < 3:
                continue
            median = statistics.median(len(s.text) for _, s in secs)
            for k, sec in secs:
                if len(sec.text) > max(4000, 6 * median):
                    self.add("low_confidence", "warning", f"items[{k}].sections.{key}", sec.span,
                             f"The section '{key}' is {len(sec.text)} characters, the document's median for it "
                             f"{median:.0f}: it probably runs on into text of another item or section.",
                             excerpt=sec.text[:60])

    # -- an item without what the others have
    def like_the_others(self) -> None:
        items = [(k, it) for k, it in enumerate(self.ref.items) if it.access != "closed"]
        if len(items) < 3:
            return
        with_dec = sum(1 for _, it in items if it.decisions)
        with_sec = sum(1 for _, it in items if it.sections)
        for k, it in items:
            line = it.heading_line or 1
            if not it.decisions and with_dec >= 0.9 * len(items):
                self.add("low_confidence", "warning", f"items[{k}].decisions", (line, line),
                         f"Item {it.number if it.number is not None else k + 1} has no decision, while {with_dec} of "
                         f"{len(items)} open items have one: its decision heading may not have been recognised.",
                         excerpt=it.title)
            if not it.sections and with_sec >= 0.75 * len(items) and self._loose_lines(it) >= 8:
                self.add("low_confidence", "warning", f"items[{k}].sections", (line, line),
                         f"Item {it.number if it.number is not None else k + 1} has no section, while {with_sec} of "
                         f"{len(items)} open items have some: its section headings may not have been recognised.",
                         excerpt=it.title)

    def _loose_lines(self, item) -> int:
        """The item's text lines outside its decisions and attachments."""
        if not item.span:
            return 0
        taken = [d.span for d in item.decisions if d.span] + [a.span for a in item.attachments if a.span]
        return sum(1 for ln in self.content if item.span[0] < ln.no <= item.span[1]
                   and not any(a <= ln.no <= b for a, b in taken))

    # -- people
    def people(self) -> None:
        m = self.ref.meeting
        groups = [("meeting.members", m.members), ("meeting.absent", m.absent), ("signatures", self.ref.signatures)]
        groups += [(f"items[{k}].people", it.people) for k, it in enumerate(self.ref.items)]
        for field, people in groups:
            for j, p in enumerate(people):
                name = p.read_as or p.name or ""
                words = name.split()
                if len(words) >= 5 or re.search(r"\t|,|;|/| og | \+ ", name):
                    self.add("low_confidence", "warning", f"{field}[{j}].name", p.span or (1, 1),
                             f"'{name}' looks like more than one name in one person (two names side by side, or a "
                             "list): split it.", excerpt=name)

    # -- tables
    def tables(self) -> None:
        for k, it in enumerate(self.ref.items):
            for t, table in enumerate(it.tables):
                for r, row in enumerate(table.rows):
                    if len(row) >= 2 and not row[0].strip() and any(c.strip() for c in row[1:]):
                        span = table.row_spans[r] if r < len(table.row_spans) else table.span
                        self.add("broken_table", "warning", f"items[{k}].tables[{t}].rows[{r}]", span,
                                 f"Row {r + 1} of this table has no key cell (its first column is empty): it is "
                                 "probably the rest of the row above, cut by a line or page break.",
                                 excerpt=" | ".join(row))
                        break
                if t and it.tables[t - 1].section == table.section \
                        and len(it.tables[t - 1].columns or it.tables[t - 1].rows[0]) == len(table.columns or table.rows[0]) \
                        and self._between(it.tables[t - 1].span[1], table.span[0]) <= 1:
                    self.add("broken_table", "warning", f"items[{k}].tables[{t}]", table.span,
                             f"This table follows the one before with the same columns and nothing between them: "
                             "it is probably one table cut in two.", excerpt=" | ".join(table.rows[0]) if table.rows else "")

    def _between(self, a: int, b: int) -> int:
        return sum(1 for ln in self.lines[a: b - 1] if ln.text.strip() and not ln.furniture)

    # -- attachments
    def attachments(self) -> None:
        """An attachment whose title still holds what the line form should have taken out of it."""
        cfg = self.config
        for k, it in enumerate(self.ref.items):
            for j, a in enumerate(it.attachments):
                title = a.title or ""
                missing = []
                if a.number is None and _NUMBER_FIRST.match(title):
                    missing.append("number (it opens the title)")
                if a.access is None and cfg and cfg.access_of(title.split()[0] if title.split() else ""):
                    missing.append("access (Åben/Lukket opens the title)")
                if not a.ref and _REF_LIKE.search(title):
                    missing.append("document number (it ends the title)")
                if not title and a.access != "closed":
                    missing.append("title")
                if missing:
                    self.add("low_confidence", "warning", f"items[{k}].attachments[{j}]", a.span or (1, 1),
                             f"Attachment line '{_cut(title)}' was read without its {', '.join(missing)}: the line "
                             "has a form that config.toml's attachment patterns do not know. Check the line.",
                             excerpt=title or str(a.number))

    # -- helpers
    def _flagged(self, no: int) -> bool:
        return any(a <= no <= b and b - a < 30 for a, b in self.flagged)

    def _text(self, no: int) -> str:
        return self.lines[no - 1].text.strip() if 1 <= no <= len(self.lines) else ""

    def _larger(self, line: SourceLine) -> bool:
        return bool(self.body_size and line.size and line.size > self.body_size + 0.9)

    @staticmethod
    def _span_of(lines: list[SourceLine]) -> tuple[int, int]:
        return (lines[0].no, lines[-1].no) if lines else (1, 1)


def _page_number(text: str, config) -> bool:
    return bool(config) and any(rx.match(text) for rx in config.patterns.page_number)


def _cut(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
