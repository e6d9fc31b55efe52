"""Doubt rules on values that hold lines of another kind, or lie far out of line with their kind: sections,
decisions, people, attachments, and items merged or split."""
from __future__ import annotations

from workbench.i18n import N_, _

import re
import statistics
from collections import defaultdict

from workbench.model import FlagKind, SourceLine
from workbench.doubt.shapes import _CASE_NUMBER, _DATE, _DECISION_LIKE, _KLE_NUMBER, _NUMBERED_REF, _NUMBER_FIRST, _REF_LIKE, _TIME, _attachment_row, _cut, _norm, _page_number, _shape


_LABELLED_NUMBER = re.compile(r"^[A-ZÆØÅa-zæøå]+\.?\s*(?:nr\.?\s*)?\d{1,3}\s*[:.)–-](?:\s|$)")  # "Bilag 1: Title"
_WORD_LAST = re.compile(r"\(([a-zæøå]{3,12})\)\s*$")  # "Title (åben)": a word in parentheses


# what a line shaped like another kind says may be missing
_MISSING = {"item": N_("an item"), "decision": N_("a decision"), "attachment": N_("an attachment"),
            "furniture": N_("a page header")}


class ValueRules:
    # -- values that hold lines of another kind
    def misplaced(self) -> None:
        headers = self._edge_repeats()
        for k, item in enumerate(self.ref.items):
            # lines inside a section's span that belong to a value of their own
            tables = [t.span for t in item.tables] + [a.span for a in item.attachments if a.span] \
                + [d.span for d in item.decisions if d.span]
            for key, sec in item.sections.items():
                self._scan(k, f"items[{k}].sections.{key}", _("the section '{key}'").format(key=key), sec.span[0] + 1, sec.span[1],
                           tables, headers)
                self._ends_in_heading(k, key, sec.span, tables, [t.span for t in item.tables if not (
                    self.config and sum(1 for row in t.rows if _attachment_row(row, self.config)) * 2 >= len(t.rows))])
            for j, dec in enumerate(item.decisions):
                if dec.span:
                    start = (dec.heading_line or dec.span[0] - 1) + 1
                    self._scan(k, f"items[{k}].decisions[{j}].text", _('the decision'), start, dec.span[1],
                               tables[:len(item.tables)], headers)
            for j, att in enumerate(item.attachments):
                if att.span:
                    self._scan(k, f"items[{k}].attachments[{j}]", _('an attachment'), att.span[0], att.span[1], [],
                               headers, own="attachment")


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
        self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].sections.{key}", (last.no, last.no),
                 _("The section '{key}' ends in '{text}', a heading with none of its text under it: a heading config.toml does not know (of a Bilag list?), read into the section.").format(key=key, text=text), excerpt=text)


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
                self.add(FlagKind.LOW_CONFIDENCE, "warning", field, (ln.no, ln.no),
                         _("Line {no} of {what} ('{value}') {why}. It probably does not belong in this value: check where it goes.").format(no=ln.no, what=what, value=_cut(text), why=why), excerpt=text)
            elsewhere = {"decision": f"items[{k}].decisions", "attachment": f"items[{k}].attachments",
                         "item": "items"}.get(kind)
            if elsewhere and (kind == "item" or not field.startswith(elsewhere + "[")):  # an item is never inside one
                self.add(FlagKind.LOW_CONFIDENCE, "warning", elsewhere, (ln.no, ln.no),
                         _("Line {no} ('{value}') {why}, but was read as text of {what}: {missing} may be missing here.").format(
                             no=ln.no, value=_cut(text), why=why, what=what, missing=_(_MISSING.get(kind, kind))), excerpt=text)


    def _shape_of(self, ln: SourceLine, text: str, headers: set[str]) -> tuple[str, str] | None:
        """(kind, why) when a line inside a value is shaped like a line of another kind."""
        cfg = self.config
        words = len(text.split())
        if _DECISION_LIKE.match(text) and words <= 10 and not text.endswith((".", ",")):
            return "decision", _('is shaped like a decision heading that no decision pattern of config.toml matched')
        if _shape(text) in headers:
            return "furniture", _('repeats at the top or foot of several pages: a page header or footer')
        if cfg and any(rx.match(text) for rx in cfg.patterns.page_header) or _page_number(text, cfg):
            return "furniture", _('is shaped like a page header or page number')
        if words <= 9 and _DATE.search(text) and _TIME.search(text) and not text.endswith("."):
            return "furniture", _('is a date-and-time line, like a page header or a meeting heading')
        bare = re.sub(r"^[-•–*]\s+", "", text)
        if cfg and any(rx.match(bare) for rx in cfg.patterns.attachment) and len(text) < 200 or bare.endswith(":") \
                and cfg and any(_norm(bare) == _norm(h) for h in cfg.region_headings.get("attachments", ())):
            return "attachment", _('is shaped like a line of a Bilag list')
        if _NUMBERED_REF.match(bare):
            return "attachment", _('is numbered and ends in a document number, like a line of a Bilag list')
        if cfg and (ln.bold or self._larger(ln)) and len(text) < 120 and (
                any(rx.match(text) for rx in cfg.patterns.item) or (self._larger(ln) and _NUMBER_FIRST.match(text))):
            return "item", _('is set apart and numbered like an item heading')
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
                    self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].decisions[{j}].text", d.span or (1, 1),
                             _("This decision is {n} characters, the document's median {median:.0f}: it probably runs on into text that is not the decision.").format(n=len(d.text), median=median), excerpt=d.text[:60])
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
                    self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].sections.{key}", sec.span,
                             _("The section '{key}' is {n} characters, the document's median for it {median:.0f}: it probably runs on into text of another item or section.").format(key=key, n=len(sec.text), median=median),
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
                self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].decisions", (line, line),
                         _('Item {value} has no decision, while {with_dec} of {n} open items have one: its decision heading may not have been recognised.').format(value=it.number if it.number is not None else k + 1, with_dec=with_dec, n=len(items)),
                         excerpt=it.title)
            if not it.sections and with_sec >= 0.75 * len(items) and self._loose_lines(it) >= 8:
                self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].sections", (line, line),
                         _('Item {value} has no section, while {with_sec} of {n} open items have some: its section headings may not have been recognised.').format(value=it.number if it.number is not None else k + 1, with_sec=with_sec, n=len(items)),
                         excerpt=it.title)


    def merged_items(self) -> None:
        """Two items read as one: two decisions of one date; attachment titles opening alike."""
        for k, it in enumerate(self.ref.items):
            dates = [d.date for d in it.decisions if d.date]
            if len(dates) != len(set(dates)):
                j = next(j for j, d in enumerate(it.decisions) if d.date and dates.count(d.date) > 1 and j)
                dec = it.decisions[j]
                for field in (f"items[{k}].decisions", "items"):
                    self.add(FlagKind.LOW_CONFIDENCE, "warning", field, dec.span or (1, 1),
                             _("Item {value} has two decisions dated {date:%d-%m-%Y}: an item taken up again has one per meeting, so the second is probably another item's, whose heading was not recognised.").format(value=it.number if it.number is not None else k + 1, date=dec.date), excerpt=dec.text[:60])
            firsts = {(a.title or "").split()[0] for a in it.attachments if (a.title or "").split()}
            if len(it.attachments) >= 2 and len(firsts) == 1 and all(a.access is None for a in it.attachments) \
                    and next(iter(firsts))[:1].isupper():
                for j, a in enumerate(it.attachments):
                    self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].attachments[{j}]", a.span or (1, 1),
                             _("Every attachment title of this item opens with '{value}': probably a column (the access?) read into the title.").format(value=next(iter(firsts))), excerpt=a.title or "")


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
                self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].{f}", (nxt.heading_line or it.span[1],) * 2,
                         _("Item {number} is its heading alone, and the line below it ('{value}') was read as an item without a number: its {f} probably went to that item.").format(number=it.number, value=_cut(head, 40), f=f), excerpt=head)


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
                    self.add(FlagKind.LOW_CONFIDENCE, "warning", f"{field}[{j}].name", p.span or (1, 1),
                             _("'{name}' looks like more than one name in one person (two names side by side, or a list): split it.").format(name=name), excerpt=name)


    # -- attachments
    def attachments(self) -> None:
        """An attachment whose title still holds what the line form should have taken out of it."""
        cfg = self.config
        for k, it in enumerate(self.ref.items):
            for j, a in enumerate(it.attachments):
                title = a.title or ""
                missing = []
                if a.number is None and (_NUMBER_FIRST.match(title) or _LABELLED_NUMBER.match(title)):
                    missing.append(_('number (it opens the title)'))
                if a.access is None and cfg and cfg.access_of(title.split()[0] if title.split() else ""):
                    missing.append(_('access (Åben/Lukket opens the title)'))
                word = _WORD_LAST.search(title)
                if (a.access is None or a.access_implied) and word:
                    missing.append(_("access ('({value})' ends the title: an access word?)").format(value=word.group(1)))
                lead = self._lead_cell(a, title)
                if a.access is None and lead:
                    missing.append(_("first cell ('{lead}' opens the title: an access word?)").format(lead=lead))
                if not a.ref and _REF_LIKE.search(title):
                    missing.append(_('document number (it ends the title)'))
                if not title and a.access != "closed":
                    missing.append("title")
                if missing:
                    self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].attachments[{j}]", a.span or (1, 1),
                             _("Attachment line '{value}' was read without its {missing}: the line has a form that config.toml's attachment patterns do not know. Check the line.").format(value=_cut(title), missing=', '.join(missing)),
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
