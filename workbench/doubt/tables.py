"""Doubt rules on tables: rows cut or joined, a Bilag list read as a table, a header left in the text,
and table rows left as text."""
from __future__ import annotations

from workbench.i18n import _

import re

from workbench.doubt.shapes import _KEY_ANY, _KEY_START, _attachment_row, _cut
from workbench.model import FlagKind


class TableRules:
    # -- tables
    def tables(self) -> None:
        for k, it in enumerate(self.ref.items):
            for t, table in enumerate(it.tables):
                for r, row in enumerate(table.rows):
                    if len(row) >= 2 and not row[0].strip() and any(c.strip() for c in row[1:]):
                        span = table.row_spans[r] if r < len(table.row_spans) else table.span
                        self.add(FlagKind.BROKEN_TABLE, "warning", f"items[{k}].tables[{t}].rows[{r}]", span,
                                 _('Row {value} of this table has no key cell (its first column is empty): it is probably the rest of the row above, cut by a line or page break.').format(value=r + 1),
                                 excerpt=" | ".join(row))
                        break
                self._odd_keys(k, t, table)
                self._header_above(k, it, table)
                if self.config and sum(1 for row in table.rows if _attachment_row(row, self.config)) * 2 >= len(table.rows):
                    self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].tables[{t}]", table.span,
                             _("This table's rows hold access words (Åben/Lukket) and document numbers: it is probably the item's Bilag list, read as a table."), excerpt=" | ".join(table.rows[0]))
                    self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].attachments", table.span,
                             _('A table of this item looks like its Bilag list (access words and document numbers): the attachments may be missing.'), excerpt=" | ".join(table.rows[0]))
                if t and it.tables[t - 1].section == table.section \
                        and len(it.tables[t - 1].columns or it.tables[t - 1].rows[0]) == len(table.columns or table.rows[0]) \
                        and self._between(it.tables[t - 1].span[1], table.span[0]) <= 1:
                    self.add(FlagKind.BROKEN_TABLE, "warning", f"items[{k}].tables[{t}]", table.span,
                             _('This table follows the one before with the same columns and nothing between them: it is probably one table cut in two.').format(), excerpt=" | ".join(table.rows[0]) if table.rows else "")


    def _odd_keys(self, k: int, t: int, table) -> None:
        """A table whose key cells are mostly a date or a time, where one key cell is something else or holds
        two keys: its rows were cut or joined in the wrong places."""
        keys = [row[0].strip() for row in table.rows[0 if table.columns else 1:] if row and row[0].strip()]
        keyed = [c for c in keys if _KEY_START.match(c)]
        if len(keyed) < 2 or len(keyed) * 2 < len(keys):
            return
        odd = next((c for c in keys if not _KEY_START.match(c) or len(_KEY_ANY.findall(c)) > 1), None)
        if odd is not None:
            self.add(FlagKind.BROKEN_TABLE, "warning", f"items[{k}].tables[{t}]", table.span,
                     _("{n} of this table's rows open with a date or a time, but one opens with '{value}': its rows were probably cut or joined in the wrong places.").format(n=len(keyed), value=_cut(odd, 40)), excerpt=odd)


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
        self.add(FlagKind.BROKEN_TABLE, "warning", f"items[{k}].sections.{table.section}", (above[-1].no, above[-1].no),
                 _("The table below '{text}' was read without a header row, and '{text}' stands right above it in the section's text: it is probably the table's header, left in the text.").format(text=text), excerpt=text)


    def _between(self, a: int, b: int) -> int:
        return sum(1 for ln in self.lines[a: b - 1] if ln.text.strip() and not ln.furniture)


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
            self.add(FlagKind.BROKEN_TABLE, "warning", f"items[{k}].tables", (keyed[0].no, keyed[-1].no),
                     _("{n} lines of this item open with a time or a date ('{value}', …): a table whose rows were left as text.").format(n=len(keyed), value=_cut(keyed[0].text.strip(), 40)),
                     excerpt=keyed[0].text)
            if where:
                self.add(FlagKind.BROKEN_TABLE, "warning", f"items[{k}].sections.{where}", (keyed[0].no, keyed[-1].no),
                         _("The section '{where}' holds {n} lines that open with a time or a date: the rows of a table, left in its text.").format(where=where, n=len(keyed)), excerpt=keyed[0].text)
