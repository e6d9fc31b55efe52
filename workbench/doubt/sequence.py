"""Doubt rules on order and openings: item numbers that do not go up, a Bilag list whose numbers
start again or that holds a line set like a heading, a decision or section that opens with a line
that is only a date, a title that opens with a separator its form should have taken."""
from __future__ import annotations

from workbench.i18n import _, ngettext

import re

from workbench.doubt.shapes import _cut
from workbench.model import FlagKind

# a line that is a date and nothing else: "29. januar 2025", "onsdag den 29.01.2025"
_DATE_ONLY = re.compile(
    r"^(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\s+)?(?:den\s+|d\.\s*)?"
    r"(?:\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d\d)|\d{1,2}\.\s*(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)"
    r"[a-zæøå]*\.?\s+\d{4})\s*[.:]?$", re.IGNORECASE)
_LEADERS = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}$")
# what a title's form puts between the number and the title ("Punkt 1 - Title", "1) Title")
_SEPARATOR_FIRST = re.compile(r"^[-–—:).,;/]\s*\S")


class SequenceRules:
    def sequences(self) -> None:
        self._item_numbers()
        self._toc_as_items()
        self._attachment_order()
        self._dated_openings()
        self._separator_openings()

    def _item_numbers(self) -> None:
        """An item numbered no higher than the item before it: a line read as an item heading that is
        none (a date, a numbered line of text), or an item heading missed between them."""
        prev = None
        for k, item in enumerate(self.ref.items):
            if item.number is None:
                continue
            if prev is not None and item.number <= prev[1]:
                line = item.heading_line or (item.span[0] if item.span else 1)
                self.add(FlagKind.LOW_CONFIDENCE, "warning", "items", (line, line),
                         _("Item {number} follows item {prev}: items are numbered in order, so this heading ('{value}') or the one before it may not be an item heading, or one may be missing.").format(number=item.number, prev=prev[1], value=_cut(self._text(line))), excerpt=self._text(line))
            prev = (k, item.number)

    def _toc_as_items(self) -> None:
        """Item headings that end in dot leaders and a page number: the lines of an Indholdsfortegnelse
        whose heading config.toml does not know, read as items."""
        listed = [(k, it) for k, it in enumerate(self.ref.items) if _LEADERS.search(it.title or "")]
        if not listed:
            return
        first, last = listed[0][1], listed[-1][1]
        span = (first.heading_line or 1, last.heading_line or first.heading_line or 1)
        for field in ("toc", "items"):
            self.add(FlagKind.LOW_CONFIDENCE, "warning", field, span,
                     ngettext("{n} item heading ends in dot leaders and a page number ('{title}'): lines of an Indholdsfortegnelse "
                              "under a heading config.toml does not know, read as items?",
                              "{n} item headings end in dot leaders and a page number ('{title}'): lines of an Indholdsfortegnelse "
                              "under a heading config.toml does not know, read as items?", len(listed)).format(
                         n=len(listed), title=_cut(first.title)), excerpt=first.title)

    def _attachment_order(self) -> None:
        """A Bilag list whose numbers start again, or a line of it set like a heading (bold, larger):
        the list may have run on past its end and taken the next item's heading."""
        for k, item in enumerate(self.ref.items):
            last = None
            for j, att in enumerate(item.attachments):
                line = self.lines[att.span[0] - 1] if att.span and 0 < att.span[0] <= len(self.lines) else None
                restart = att.number is not None and last is not None and att.number <= last
                heading = line is not None and self._larger(line) and not any(
                    self._larger(self.lines[a.span[0] - 1]) for a in item.attachments[:j] if a.span)
                if restart or heading:
                    span = att.span or (1, 1)
                    why = (_('is numbered {number} after {last}').format(number=att.number, last=last) if restart else
                           _('is set larger than the text, like a heading'))
                    self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].attachments[{j}]", span,
                             _("Attachment line '{value}' {why}: it may not belong to the Bilag list above it.").format(value=_cut(att.title or ''), why=why), excerpt=att.title or "")
                    if heading or (line is not None and line.bold):
                        self.add(FlagKind.LOW_CONFIDENCE, "warning", "items", span,
                                 _("Line {span} ('{value}') was read into a Bilag list, but {why}: an item heading may have been missed here.").format(span=span[0], value=_cut(self._text(span[0])), why=why), excerpt=self._text(span[0]))
                if att.number is not None:
                    last = att.number

    def _dated_openings(self) -> None:
        """A decision or section whose first line is a date alone: the dated line of a heading that no
        pattern read with it ("Beslutning" over "29. januar 2025"), left as text."""
        for k, item in enumerate(self.ref.items):
            values = [(f"items[{k}].decisions[{j}]", d.heading_line or (d.span[0] if d.span else None), d.span)
                      for j, d in enumerate(item.decisions)]
            values += [(f"items[{k}].sections.{key}", s.span[0], s.span) for key, s in item.sections.items()]
            for field, head, span in values:
                if not head or not span:
                    continue
                first = next((ln for ln in self.lines[head: span[1]] if ln.text.strip() and not ln.furniture), None)
                if first is None or not _DATE_ONLY.match(" ".join(first.text.split())):
                    continue
                self.add(FlagKind.LOW_CONFIDENCE, "warning", field, (first.no, first.no),
                         _("Line {no} ('{text}') is a date alone, read as the first line of the text: it is probably the date of the heading above it, in a form no pattern of config.toml joins to the heading. Check the date and the text.").format(no=first.no, text=first.text.strip()), excerpt=first.text.strip())

    def _separator_openings(self) -> None:
        """A title that opens with a dash, colon or parenthesis: what its form puts between the number
        and the title ("Punkt 1 - Title") left in the title."""
        titled = [(f"toc[{i}].title", e.title, e.span) for i, e in enumerate(self.ref.toc)]
        titled += [(f"items[{k}].title", it.title, (it.heading_line, it.heading_line) if it.heading_line else None)
                   for k, it in enumerate(self.ref.items)]
        for field, title, span in titled:
            if title and _SEPARATOR_FIRST.match(title):
                self.add(FlagKind.LOW_CONFIDENCE, "warning", field, span or (1, 1),
                         _("The title '{value}' opens with '{title}': a separator between the number and the title that the form config.toml knows did not take out.").format(value=_cut(title), title=title[0]), excerpt=title)
