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
# a numbered line that ends in a document number: a line of a Bilag list or of the Bilagsoversigt
_NUMBERED_REF = re.compile(r"^\(?\d{1,3}[.):]?\s+\S.*\(?(?:\d{3,7}/\d\d|\d{4}-\d{5,7})\)?\s*$")
_CODE = re.compile(r"^(?:[A-ZÆØÅa-zæøå.]+\s*:?\s*)?[A-Z]{0,4}[-\d][\w./-]*\d$")  # "24/7615", "EMN-2025-1", "00.30.10.S00"
_KLE = re.compile(r"\b\d\d\.\d\d\.\d\d\b")
_KLE_NUMBER = re.compile(r"\b\d\d\.\d\d\.\d\d(?:\.[A-ZÆØÅ0-9]\d\d)?\b")
_CASE_NUMBER = re.compile(r"\b(?:\d\d/\d{3,6}|\d{4}-\d{3,6}|[A-Z]{2,5}-\d{4}-\d{3,7})\b")
_KEY_START = re.compile(r"^(?:\d{1,2}[.:]\d\d|\d{1,2}\.\s*(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec))\b",
                        re.IGNORECASE)
_KEY_ANY = re.compile(r"(?<![\d.])(?:\d{1,2}[.:]\d\d|\d{1,2}\.\s*(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec))\b",
                      re.IGNORECASE)
_TOC_LINE = re.compile(r"^.*\D(?:\.{2,}|\s)\s*\d{1,4}$")
_NUMBER_FIRST = re.compile(r"^\(?\d{1,3}[.):]?\s+\S")


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


class Doubt:
    def __init__(self, ref: Referat, config, add: Callable[..., None], flagged: list[tuple[int, int]],
                 roster=None):
        self.ref = ref
        self.roster = roster
        self.config = config
        self.add = add
        self.flagged = flagged  # the line spans that earlier flags point at
        self.lines = ref.source.lines
        self.content = [ln for ln in self.lines if ln.text.strip() and not ln.furniture]
        sizes = [ln.size for ln in self.content if ln.size]
        self.body_size = statistics.median(sizes) if sizes else None
        self._marks: list[tuple[int, str]] | None = None

    def run(self) -> None:
        self.document()
        self.unread()
        self.misplaced()
        self.outliers()
        self.like_the_others()
        self.merged_items()
        self.split_items()
        self.people()
        self.tables()
        self.attachments()
        self.headers()
        self.recurring_headings()
        self.loose_tables()
        self.tail()

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
        if field == "meeting" and sum(1 for ln in run if _TOC_LINE.match(" ".join(ln.text.split()))) >= 3:
            field = "toc"  # titles with page numbers: an Indholdsfortegnelse under a heading not known
        what = {"meeting": "the front page", "toc": "the Indholdsfortegnelse", "items": "the items",
                "attachment_index": "the Bilagsoversigt", "signatures": "the Underskriftsside"}[field]
        quoted = run[0].text.strip()
        self.add("low_confidence", "warning", field, (run[0].no, run[-1].no),
                 f"{len(run)} line{'s' if len(run) > 1 else ''} near {what} ('{_cut(quoted)}'"
                 + (f" … '{_cut(run[-1].text.strip())}'" if len(run) > 1 else "")
                 + ") went into no value: no label, heading or pattern of config.toml matched. "
                 "Check whether a value is missing there.", excerpt=quoted)

    def _region(self, no: int) -> str:
        """Which part of the record a line stands in: by the items found, else by the region headings."""
        ref = self.ref
        firsts = [it.heading_line for it in ref.items if it.heading_line]
        toc = [e.span for e in ref.toc if e.span]
        if toc and toc[0][0] - 2 <= no <= toc[-1][1] + 1:
            return "toc"
        if firsts and no < min(firsts):
            return "meeting"
        last_item = max((it.span[1] for it in ref.items if it.span), default=0)
        if no > last_item:
            after = [name for line, name in self._region_marks() if line <= no]
            if after:
                return after[-1]
            return "items" if firsts else "meeting"
        return "items"

    def _region_marks(self) -> list[tuple[int, str]]:
        """The lines that open the Bilagsoversigt or the Underskriftsside, in order."""
        if self._marks is None:
            heads = {}
            if self.config:
                for name in ("attachment_index", "signatures"):
                    for h in self.config.region_headings.get(name, ()):
                        heads[_norm(h)] = name
            self._marks = [(ln.no, heads[_norm(ln.text)]) for ln in self.content if _norm(ln.text) in heads]
        return self._marks

    # -- values that hold lines of another kind
    def misplaced(self) -> None:
        headers = self._edge_repeats()
        for k, item in enumerate(self.ref.items):
            # lines inside a section's span that belong to a value of their own
            tables = [t.span for t in item.tables] + [a.span for a in item.attachments if a.span] \
                + [d.span for d in item.decisions if d.span]
            for key, sec in item.sections.items():
                self._scan(k, f"items[{k}].sections.{key}", f"the section '{key}'", sec.span[0] + 1, sec.span[1],
                           tables, headers)
                self._ends_in_heading(k, key, sec.span, tables, [t.span for t in item.tables if not (
                    self.config and sum(1 for row in t.rows if _attachment_row(row, self.config)) * 2 >= len(t.rows))])
            for j, dec in enumerate(item.decisions):
                if dec.span:
                    start = (dec.heading_line or dec.span[0] - 1) + 1
                    self._scan(k, f"items[{k}].decisions[{j}].text", "the decision", start, dec.span[1],
                               tables[:len(item.tables)], headers)
            for j, att in enumerate(item.attachments):
                if att.span:
                    self._scan(k, f"items[{k}].attachments[{j}]", "an attachment", att.span[0], att.span[1], [],
                               headers, own="attachment")

    def _scan(self, k: int, field: str, what: str, first: int, last: int, tables, headers: set[str],
              own: str = "") -> None:
        """Flag the first line of a value that has the shape of another kind of line (once per kind); where
        that kind is a value of its own (a decision, an attachment, an item), flag its absence there too."""
        seen = {own}
        for ln in self.lines[first - 1: last]:
            text = " ".join(ln.text.split())
            if not text or ln.furniture or any(a <= ln.no <= b for a, b in tables):
                continue
            shape = self._shape_of(ln, text, headers)
            if shape is None or shape[0] in seen:
                continue
            kind, why = shape
            flagged = self._flagged(ln.no)  # flagged already, for this value: the value it may be missing is not
            if flagged and kind != "decision":
                continue
            seen.add(kind)
            if not flagged:
                self.add("low_confidence", "warning", field, (ln.no, ln.no),
                         f"Line {ln.no} of {what} ('{_cut(text)}') {why}. It probably does not belong in this "
                         "value: check where it goes.", excerpt=text)
            elsewhere = {"decision": f"items[{k}].decisions", "attachment": f"items[{k}].attachments",
                         "item": "items"}.get(kind)
            if elsewhere and not field.startswith(elsewhere + "["):
                self.add("low_confidence", "warning", elsewhere, (ln.no, ln.no),
                         f"Line {ln.no} ('{_cut(text)}') {why}, but was read as text of {what}: a "
                         f"{'n' if kind == 'item' else ''}{kind} may be missing here.", excerpt=text)

    def _ends_in_heading(self, k: int, key: str, span, taken, tables) -> None:
        """A section whose last line of text is a short heading ending in ':' with none of its text under it
        (only an attachment list, or nothing): a heading config.toml does not know, read into the section."""
        body = [ln for ln in self.lines[span[0]: span[1]] if ln.text.strip() and not ln.furniture
                and not any(a <= ln.no <= b for a, b in taken)]
        if len(body) < 2:
            return
        last = body[-1]
        text = " ".join(last.text.split())
        if not text.endswith(":") or len(text.split()) > 3 or re.search(r"\d", text) or self._flagged(last.no) \
                or any(last.no < a <= span[1] for a, _ in tables):
            return
        self.add("low_confidence", "warning", f"items[{k}].sections.{key}", (last.no, last.no),
                 f"The section '{key}' ends in '{text}', a heading with none of its text under it: a heading "
                 "config.toml does not know (of a Bilag list?), read into the section.", excerpt=text)

    def _shape_of(self, ln: SourceLine, text: str, headers: set[str]) -> tuple[str, str] | None:
        """(kind, why) when a line inside a value is shaped like a line of another kind."""
        cfg = self.config
        words = len(text.split())
        if _DECISION_LIKE.match(text) and words <= 10 and not text.endswith((".", ",")):
            return "decision", "is shaped like a decision heading that no decision pattern of config.toml matched"
        if _shape(text) in headers:
            return "furniture", "repeats at the top or foot of several pages: a page header or footer"
        if cfg and any(rx.match(text) for rx in cfg.patterns.page_header) or _page_number(text, cfg):
            return "furniture", "is shaped like a page header or page number"
        if words <= 9 and _DATE.search(text) and _TIME.search(text) and not text.endswith("."):
            return "furniture", "is a date-and-time line, like a page header or a meeting heading"
        bare = re.sub(r"^[-•–*]\s+", "", text)
        if cfg and any(rx.match(bare) for rx in cfg.patterns.attachment) and len(text) < 200 or bare.endswith(":") \
                and cfg and any(_norm(bare) == _norm(h) for h in cfg.region_headings.get("attachments", ())):
            return "attachment", "is shaped like a line of a Bilag list"
        if _NUMBERED_REF.match(bare):
            return "attachment", "is numbered and ends in a document number, like a line of a Bilag list"
        if cfg and (ln.bold or self._larger(ln)) and any(rx.match(text) for rx in cfg.patterns.item) \
                and len(text) < 120:
            return "item", "is set apart and numbered like an item heading"
        return None

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

    def merged_items(self) -> None:
        """Two items read as one: two decisions of one date; attachment titles opening alike."""
        for k, it in enumerate(self.ref.items):
            dates = [d.date for d in it.decisions if d.date]
            if len(dates) != len(set(dates)):
                j = next(j for j, d in enumerate(it.decisions) if d.date and dates.count(d.date) > 1 and j)
                dec = it.decisions[j]
                for field in (f"items[{k}].decisions", "items"):
                    self.add("low_confidence", "warning", field, dec.span or (1, 1),
                             f"Item {it.number if it.number is not None else k + 1} has two decisions dated "
                             f"{dec.date:%d-%m-%Y}: an item taken up again has one per meeting, so the second is "
                             "probably another item's, whose heading was not recognised.", excerpt=dec.text[:60])
            firsts = {(a.title or "").split()[0] for a in it.attachments if (a.title or "").split()}
            if len(it.attachments) >= 2 and len(firsts) == 1 and all(a.access is None for a in it.attachments) \
                    and next(iter(firsts))[:1].isupper():
                for j, a in enumerate(it.attachments):
                    self.add("low_confidence", "warning", f"items[{k}].attachments[{j}]", a.span or (1, 1),
                             f"Every attachment title of this item opens with '{next(iter(firsts))}': probably a "
                             "column (the access?) read into the title.", excerpt=a.title or "")

    def split_items(self) -> None:
        """An item that is its heading alone, followed by an item without a number that holds a body: a
        line below the heading (a case line no pattern read?) was taken for an item heading, and the item's
        values went to that one."""
        items = self.ref.items
        for k, (it, nxt) in enumerate(zip(items, items[1:])):
            if it.number is None or nxt.number is not None or not it.span or it.sections or it.decisions \
                    or sum(1 for ln in self.content if it.span[0] < ln.no <= it.span[1]) > 0:
                continue
            head = " ".join(self._text(nxt.heading_line or nxt.span[0]).split())
            fields = [f for f, have in (("sections", nxt.sections), ("decisions", nxt.decisions),
                                        ("journal", _KLE_NUMBER.search(head)), ("case", _CASE_NUMBER.search(head)))
                      if have and not getattr(it, f)]
            for f in fields:
                self.add("low_confidence", "warning", f"items[{k}].{f}", (nxt.heading_line or it.span[1],) * 2,
                         f"Item {it.number} is its heading alone, and the line below it ('{_cut(head, 40)}') was "
                         f"read as an item without a number: its {f} probably went to that item.", excerpt=head)

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
                self._odd_keys(k, t, table)
                self._header_above(k, it, table)
                if self.config and sum(1 for row in table.rows if _attachment_row(row, self.config)) * 2 >= len(table.rows):
                    self.add("low_confidence", "warning", f"items[{k}].tables[{t}]", table.span,
                             "This table's rows hold access words (Åben/Lukket) and document numbers: it is probably "
                             "the item's Bilag list, read as a table.", excerpt=" | ".join(table.rows[0]))
                    self.add("low_confidence", "warning", f"items[{k}].attachments", table.span,
                             "A table of this item looks like its Bilag list (access words and document numbers): "
                             "the attachments may be missing.", excerpt=" | ".join(table.rows[0]))
                if t and it.tables[t - 1].section == table.section \
                        and len(it.tables[t - 1].columns or it.tables[t - 1].rows[0]) == len(table.columns or table.rows[0]) \
                        and self._between(it.tables[t - 1].span[1], table.span[0]) <= 1:
                    self.add("broken_table", "warning", f"items[{k}].tables[{t}]", table.span,
                             f"This table follows the one before with the same columns and nothing between them: "
                             "it is probably one table cut in two.", excerpt=" | ".join(table.rows[0]) if table.rows else "")

    def _odd_keys(self, k: int, t: int, table) -> None:
        """A table whose key cells are mostly a date or a time, where one key cell is something else or holds
        two keys: its rows were cut or joined in the wrong places."""
        keys = [row[0].strip() for row in table.rows[0 if table.columns else 1:] if row and row[0].strip()]
        keyed = [c for c in keys if _KEY_START.match(c)]
        if len(keyed) < 2 or len(keyed) * 2 < len(keys):
            return
        odd = next((c for c in keys if not _KEY_START.match(c) or len(_KEY_ANY.findall(c)) > 1), None)
        if odd is not None:
            self.add("broken_table", "warning", f"items[{k}].tables[{t}]", table.span,
                     f"{len(keyed)} of this table's rows open with a date or a time, but one opens with "
                     f"'{_cut(odd, 40)}': its rows were probably cut or joined in the wrong places.", excerpt=odd)

    def _header_above(self, k: int, item, table) -> None:
        """A table read without a header row, right below a short line of its section's text: that line is
        probably the header (or its first cell), left in the text."""
        sec = item.sections.get(table.section) if table.section else None
        if table.columns or sec is None or not sec.span[0] < table.span[0] <= sec.span[1] + 1:
            return
        above = [ln for ln in self.lines[sec.span[0]: table.span[0] - 1] if ln.text.strip() and not ln.furniture]
        if len(above) < 2:  # the section's own heading and nothing else: no text above the table
            return
        text = " ".join(above[-1].text.split())
        if len(text.split()) > 3 or re.search(r"\d", text) or text[-1] in ".,;:" or self._flagged(above[-1].no):
            return
        self.add("broken_table", "warning", f"items[{k}].sections.{table.section}", (above[-1].no, above[-1].no),
                 f"The table below '{text}' was read without a header row, and '{text}' stands right above it in "
                 "the section's text: it is probably the table's header, left in the text.", excerpt=text)

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
                lead = self._lead_cell(a, title)
                if a.access is None and lead:
                    missing.append(f"first cell ('{lead}' opens the title: an access word?)")
                if not a.ref and _REF_LIKE.search(title):
                    missing.append("document number (it ends the title)")
                if not title and a.access != "closed":
                    missing.append("title")
                if missing:
                    self.add("low_confidence", "warning", f"items[{k}].attachments[{j}]", a.span or (1, 1),
                             f"Attachment line '{_cut(title)}' was read without its {', '.join(missing)}: the line "
                             "has a form that config.toml's attachment patterns do not know. Check the line.",
                             excerpt=title or str(a.number))

    def _lead_cell(self, a, title: str) -> str:
        """A short word cell of the attachment's line (set apart by a tab) that opens its title."""
        if not a.span or not title:
            return ""
        cells = [" ".join(c.split()) for c in self._text(a.span[0]).split("\t") if c.strip()]
        for i, cell in enumerate(cells[:-1]):
            if len(cell.split()) <= 2 and not re.search(r"\d", cell) and title.startswith(cell + " ") \
                    and title[len(cell) + 1:].startswith(cells[i + 1]):
                return cell
        return ""

    # -- the item's header: access, journal and case numbers
    def headers(self) -> None:
        items = self.ref.items
        for key in ("access", "journal", "case"):
            have = sum(1 for it in items if getattr(it, key))
            for k, it in enumerate(items):
                if getattr(it, key) or have < 0.5 * len(items) or len(items) < 2:
                    continue
                line = it.heading_line or 1
                self.add("low_confidence", "warning", f"items[{k}].{key}", (line, line),
                         f"Item {it.number if it.number is not None else k + 1} has no {key}, while {have} of "
                         f"{len(items)} items have one: its line may have a form config.toml does not know.",
                         excerpt=it.title)
        below: dict[str, list[tuple[int, SourceLine]]] = defaultdict(list)
        known = self._known_headings()
        for k, it in enumerate(items):
            firsts = [ln for ln in self.content if it.span and (it.heading_line or 0) < ln.no <= it.span[1]][:3]
            heads = {s.span[0] for s in it.sections.values()} | {d.heading_line for d in it.decisions}
            for ln in firsts:
                text = " ".join(ln.text.split())
                if len(text.split()) <= 3 and not re.search(r"\d", text) and ln.no not in heads \
                        and _norm(text) not in known:
                    below[_norm(text)].append((k, ln))
        for marker, hits in below.items():
            # the same short line right below several item headings: a marker (access?) nothing read
            ks = {k for k, _ in hits}
            if len(ks) < max(2, 0.3 * len(items)):
                continue
            hits = hits + self._marker_inside(marker, ks)
            for k, ln in hits:
                if items[k].access is None:
                    self.add("low_confidence", "warning", f"items[{k}].access", (ln.no, ln.no),
                             f"'{ln.text.strip()}' stands right below {len(ks)} item headings, and this item has no "
                             "access: is it an access marker config.toml does not know?", excerpt=ln.text)
        for j, e in enumerate(self.ref.attachment_index):
            if e.access is None and re.fullmatch(r"\(?\s*\w+\s+bilag\s*\)?", (e.title or "").strip(), re.IGNORECASE):
                self.add("low_confidence", "warning", f"attachment_index[{j}].access", e.span or (1, 1),
                         f"'{e.title}' in the Bilagsoversigt names the attachment's access in words config.toml "
                         "does not know.", excerpt=e.title or "")
        for k, it in enumerate(items):
            # a number below the heading, shaped like a journal (KLE) or case number, that the item lacks
            firsts = [ln for ln in self.content if it.span and (it.heading_line or 0) < ln.no <= it.span[1]][:4]
            taken = [s.span for s in it.sections.values()] + [d.span for d in it.decisions if d.span]
            for ln in firsts:
                text = " ".join(ln.text.split())
                if any(a <= ln.no <= b for a, b in taken) or len(text) > 120:
                    continue
                for key, rx in (("journal", _KLE_NUMBER), ("case", _CASE_NUMBER)):
                    m = rx.search(text)
                    have = getattr(it, key)
                    labelled = re.search(r"(?i)\bsag|journal|kle", text) is not None
                    if m and (have is None and (key == "journal" or labelled or _CODE.match(text))
                              or have is not None and have not in text and labelled and m.group(0) != have):
                        self.add("low_confidence", "warning", f"items[{k}].{key}", (ln.no, ln.no),
                                 f"'{_cut(text)}' below the item's heading holds '{m.group(0)}', shaped like a "
                                 f"{key} number, but the item's {key} is {have or 'missing'}: no pattern of "
                                 "config.toml read it.", excerpt=text)

    def _marker_inside(self, marker: str, ks: set[int]) -> list[tuple[int, SourceLine]]:
        """The lines right below the other items' headings that hold `marker` among other words."""
        rx = re.compile(r"(?<!\w)" + re.escape(marker) + r"(?!\w)", re.IGNORECASE)
        out = []
        for k, it in enumerate(self.ref.items):
            if k in ks or not it.span:
                continue
            firsts = [ln for ln in self.content if (it.heading_line or 0) < ln.no <= it.span[1]][:3]
            hit = next((ln for ln in firsts if rx.search(" ".join(ln.text.split()))), None)
            if hit is not None:
                out.append((k, hit))
        return out

    # -- a heading the vocabulary does not know
    def recurring_headings(self) -> None:
        """A short line standing alone, at the head of a paragraph of text, that recurs in several items:
        a section heading the vocabulary does not know."""
        found: dict[str, list[tuple[int, SourceLine]]] = defaultdict(list)
        weak: dict[str, list[tuple[int, SourceLine]]] = defaultdict(list)
        known = self._known_headings()
        for k, it in enumerate(self.ref.items):
            if not it.span:
                continue
            for key, sec in it.sections.items():
                body = [ln for ln in self.lines[sec.span[0]: sec.span[1]] if ln.text.strip() and not ln.furniture]
                for ln in body[1:]:  # an unknown heading adds its text to the section above: never its first line
                    text = " ".join(ln.text.split())
                    if not text or ln.furniture or len(text.split()) > 4 or text[-1] in ".,;" or not text[0].isupper() \
                            or re.search(r"\d", text) or "\t" in ln.text:
                        continue
                    if ln.bold or self._alone(ln):
                        found[_norm(text)].append((k, ln))
                    else:  # the same line, not set apart here: counts once the name is a heading elsewhere
                        weak[_norm(text)].append((k, ln))
        for name in list(found) + [n for n in weak if n not in found]:
            hits = found.get(name, [])
            items = {k for k, _ in hits}
            hits = hits + [(k, ln) for k, ln in weak.get(name, ()) if k not in items]
            items = {k for k, _ in hits}
            if name not in found and not any(_norm(ln.text) == name and (ln.bold or self._alone(ln))
                                             for ln in self.content):
                continue  # set apart nowhere in the document: no heading
            # the items that hold the line anywhere: where no section was found, it stands outside any section
            anywhere = {k for k, _ in found.get(name, [])} | {k for k, it in enumerate(self.ref.items) if it.span and any(
                _norm(ln.text) == name and not any(s.span[0] <= ln.no <= s.span[1] for s in it.sections.values())
                for ln in self.lines[it.span[0]: it.span[1]] if not ln.furniture)}
            if len(anywhere) < 2 or len(anywhere) < 0.3 * len(self.ref.items) or name in known:
                continue
            for k in sorted(items):
                ln = next(ln for kk, ln in hits if kk == k)
                self.add("unknown_heading", "warning", f"items[{k}].sections", (ln.no, ln.no),
                         f"'{ln.text.strip()}' stands alone like a heading in {len(items)} items, but is no section "
                         "heading of config.toml: its text was added to the section above. Add the heading to "
                         "config.toml, or split the section.", excerpt=ln.text)

    def _known_headings(self) -> set[str]:
        cfg = self.config
        if cfg is None:
            return set()
        out = {_norm(h.rstrip(" *")) for hs in cfg.section_headings.values() for h in hs}
        return out | {_norm(h) for hs in cfg.region_headings.values() for h in hs}

    def _head_above(self, ln: SourceLine) -> int:
        """The line of a short heading-like line within a few lines above `ln`, else `ln`'s own."""
        for prev in reversed([p for p in self.content if p.no < ln.no][-6:]):
            if len(prev.text.split()) <= 3 and not re.search(r"\d", prev.text):
                return prev.no
        return ln.no

    def _alone(self, ln: SourceLine) -> bool:
        """A line with a blank line or paragraph gap above and below it."""
        i = ln.no - 1
        above = i == 0 or not self.lines[i - 1].text.strip() or ln.gap_before
        below = i + 1 >= len(self.lines) or not self.lines[i + 1].text.strip() or self.lines[i + 1].gap_before
        return above and below

    # -- a table left as text
    def loose_tables(self) -> None:
        for k, it in enumerate(self.ref.items):
            if not it.span:
                continue
            taken = [t.span for t in it.tables] + [a.span for a in it.attachments if a.span] \
                + [d.span for d in it.decisions if d.span]
            keyed = [ln for ln in self.lines[it.span[0]: it.span[1]]
                     if _KEY_START.match(ln.text.strip()) and not ln.furniture
                     and not any(a <= ln.no <= b for a, b in taken)]
            if len(keyed) < 3:
                continue
            where = next((key for key, sec in it.sections.items() if sec.span[0] <= keyed[0].no <= sec.span[1]), None)
            self.add("broken_table", "warning", f"items[{k}].tables", (keyed[0].no, keyed[-1].no),
                     f"{len(keyed)} lines of this item open with a time or a date "
                     f"('{_cut(keyed[0].text.strip(), 40)}', …): a table whose rows were left as text.",
                     excerpt=keyed[0].text)
            if where:
                self.add("broken_table", "warning", f"items[{k}].sections.{where}", (keyed[0].no, keyed[-1].no),
                         f"The section '{where}' holds {len(keyed)} lines that open with a time or a date: the "
                         "rows of a table, left in its text.", excerpt=keyed[0].text)

    # -- the Bilagsoversigt and the Underskriftsside, not found
    def tail(self) -> None:
        ref = self.ref
        if not ref.items or not ref.items[-1].span:
            return
        k = len(ref.items) - 1
        last = ref.items[-1]
        lines = [ln for ln in self.content if last.span[0] < ln.no <= last.span[1]]
        if not ref.attachment_index:
            listed = [ln for ln in lines if _NUMBERED_REF.match(" ".join(ln.text.split()))
                      and not any(a.span and a.span[0] <= ln.no <= a.span[1] for a in last.attachments)]
            if len(listed) >= 2:
                self.add("low_confidence", "warning", "attachment_index", (self._head_above(listed[0]), listed[0].no),
                         f"No Bilagsoversigt was found, but the last item holds {len(listed)} numbered lines with "
                         f"document numbers ('{_cut(listed[0].text.strip(), 40)}'): an overview under a heading "
                         "config.toml does not know.", excerpt=listed[0].text)
                self._section_holds(k, last, listed[0], "a Bilagsoversigt")
        if not ref.signatures and self.roster is not None and len(getattr(self.roster, "people", ())):
            from workbench.names import people_in

            named = [ln for ln in lines[-30:] if len(ln.text.split()) <= 6 and people_in(ln.text, self.roster)]
            if len(named) >= 2:
                self.add("low_confidence", "warning", "signatures", (self._head_above(named[0]), named[-1].no),
                         f"No Underskriftsside was found, but the last item ends with {len(named)} short lines that "
                         f"name people ('{_cut(named[0].text.strip(), 40)}'): signatures under a heading "
                         "config.toml does not know?", excerpt=named[0].text)
                self._section_holds(k, last, named[0], "signatures")

    def _section_holds(self, k: int, item, ln: SourceLine, what: str) -> None:
        """Flag the last item's section that a tail region not found was read into."""
        key = next((key for key, sec in item.sections.items() if sec.span[0] <= ln.no <= sec.span[1]), None)
        if key:
            self.add("low_confidence", "warning", f"items[{k}].sections.{key}", (ln.no, ln.no),
                     f"The section '{key}' runs on into {what} ('{_cut(ln.text.strip(), 40)}'): it probably "
                     "holds text that is not the item's.", excerpt=ln.text)

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


def _attachment_row(row: list[str], config) -> bool:
    """Table cells shaped like a Bilag line: an access word, or a number first and a document number."""
    words = [c.split()[0] for c in row[:3] if c.split()]
    access = any(config.access_of(c.strip()) or config.access_of(w) for c, w in zip(row, words))
    numbered = bool(row) and row[0].strip().rstrip(".").isdigit() and any(_REF_LIKE.search(c) for c in row[1:])
    return access or numbered


def _norm(text: str) -> str:
    return " ".join(text.strip(" :").split()).casefold()


def _page_number(text: str, config) -> bool:
    return bool(config) and any(rx.match(text) for rx in config.patterns.page_number)


def _cut(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
