"""Doubt rules on the document as a whole: no items, lines read as nothing, the regions they stand in,
and a Bilagsoversigt or Underskriftsside not found."""
from __future__ import annotations

from workbench.i18n import N_, _, ngettext

import re

from workbench.model import FlagKind, SourceLine
from workbench.doubt.shapes import RUN, _NUMBERED_REF, _TOC_LINE, _cut, _norm


class DocumentRules:
    # -- the document as a whole
    def document(self) -> None:
        ref, m = self.ref, self.ref.meeting
        n = len(self.content)
        items = ref.items
        if not items and ((ref.source.pages or 1) > 1 or n > 40):
            self.add(FlagKind.LOW_CONFIDENCE, "error", "items", self._span_of(self.content[:1]),
                     _('No item was found in {n} lines of text: no line matched an item heading of config.toml with enough evidence. Check the [patterns] item forms against this document.').format(n=n),
                     excerpt=self.content[0].text if self.content else "")
        elif items and n > 60:
            inside = sum(1 for ln in self.content if any(
                it.span and it.span[0] <= ln.no <= it.span[1] for it in items))
            if inside < 0.3 * n:
                first = items[0].heading_line or 1
                self.add(FlagKind.LOW_CONFIDENCE, "error", "items", (first, first),
                         _('The {n} items found cover only {inside} of {n2} lines: most of the document was read as no item. Items are probably missing.').format(n=len(items), inside=inside, n2=n), excerpt=self._text(first))
        first = self.content[0].no if self.content else 1
        for key in ("date", "body"):
            if getattr(m, key) is None:
                self.add(FlagKind.LOW_CONFIDENCE, "error", f"meeting.{key}", (first, first),
                         _("The meeting's {key} was found neither on a front page, nor in a page header, nor in a decision heading. Give it.").format(key=key), excerpt=f"meeting.{key}")


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
        what = _({"meeting": N_("the front page"), "toc": N_("the Indholdsfortegnelse"), "items": N_("the items"),
                  "attachment_index": N_("the Bilagsoversigt"), "signatures": N_("the Underskriftsside")}[field])
        quoted = run[0].text.strip()
        lines = f"'{_cut(quoted)}'" + (f" … '{_cut(run[-1].text.strip())}'" if len(run) > 1 else "")
        self.add(FlagKind.LOW_CONFIDENCE, "warning", field, (run[0].no, run[-1].no),
                 ngettext("{n} line near {where} ({lines}) went into no value: no label, heading or pattern of "
                          "config.toml matched. Check whether a value is missing there.",
                          "{n} lines near {where} ({lines}) went into no value: no label, heading or pattern of "
                          "config.toml matched. Check whether a value is missing there.", len(run)).format(
                     n=len(run), where=what, lines=lines), excerpt=quoted)


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
                self.add(FlagKind.LOW_CONFIDENCE, "warning", "attachment_index", (self._head_above(listed[0]), listed[0].no),
                         _("No Bilagsoversigt was found, but the last item holds {n} numbered lines with document numbers ('{value}'): an overview under a heading config.toml does not know.").format(n=len(listed), value=_cut(listed[0].text.strip(), 40)), excerpt=listed[0].text)
                self._section_holds(k, last, listed[0], "a Bilagsoversigt")
        if not ref.signatures and self.roster is not None and len(getattr(self.roster, "people", ())):
            from workbench.parse.mentions import people_in

            named = [ln for ln in lines[-30:] if len(ln.text.split()) <= 6 and people_in(ln.text, self.roster)]
            if len(named) >= 2:
                self.add(FlagKind.LOW_CONFIDENCE, "warning", "signatures", (self._head_above(named[0]), named[-1].no),
                         _("No Underskriftsside was found, but the last item ends with {n} short lines that name people ('{value}'): signatures under a heading config.toml does not know?").format(n=len(named), value=_cut(named[0].text.strip(), 40)), excerpt=named[0].text)
                self._section_holds(k, last, named[0], "signatures")


    def _section_holds(self, k: int, item, ln: SourceLine, what: str) -> None:
        """Flag the last item's section that a tail region not found was read into."""
        key = next((key for key, sec in item.sections.items() if sec.span[0] <= ln.no <= sec.span[1]), None)
        if key:
            self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].sections.{key}", (ln.no, ln.no),
                     _("The section '{key}' runs on into {what} ('{value}'): it probably holds text that is not the item's.").format(key=key, what=what, value=_cut(ln.text.strip(), 40)), excerpt=ln.text)
        for t, table in enumerate(item.tables):  # its lines read as a table of the item ("Kommunaldirektør | …")
            if table.span and table.span[1] >= ln.no:
                self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].tables[{t}]", table.span,
                         _("The item's table at lines {span}-{span2} lies in or after {what} ('{value}'), which the section runs on into: it is probably not the item's.").format(span=table.span[0], span2=table.span[1], what=what, value=_cut(ln.text.strip(), 40)), excerpt=ln.text)


    def _head_above(self, ln: SourceLine) -> int:
        """The line of a short heading-like line within a few lines above `ln`, else `ln`'s own."""
        for prev in reversed([p for p in self.content if p.no < ln.no][-6:]):
            if len(prev.text.split()) <= 3 and not re.search(r"\d", prev.text):
                return prev.no
        return ln.no
