"""Rows of one section or decision → its text and its tables.

Wrapped lines are joined into paragraphs (hyphenation re-joined), paragraphs are separated by
a blank line, bullets are written `- `. Rows with cells form tables; a table the source gives
as loose lines (a configured header such as `Tid Punkt`, rows keyed by a time or a date) is
rebuilt row by row. In a PDF the columns decide: a line under a later cell continues that cell (across
a page break too), a repeated header is no row, and where a configured key (a time, a date) opens
the rows, a row without it continues the row above. What was uncertain is reported as notes
(unfinished flags: a table's with `field` its row, "rows[N]"; the text's with no field).
"""
from __future__ import annotations

from workbench.i18n import _

import re
from dataclasses import dataclass, field

from workbench.config import LooseTable
from workbench.model import Flag, FlagKind
from workbench.parse.rows import Row
from workbench.parse.textutil import Hyphenation, debullet, is_bullet


@dataclass
class TableDraft:
    columns: list[str]
    rows: list[list[str]]
    row_spans: list[tuple[int, int]]
    span: tuple[int, int]
    loose: bool = False


@dataclass
class Block:
    text: str
    tables: list[TableDraft] = field(default_factory=list)
    notes: list[Flag] = field(default_factory=list)


class Renderer:
    def __init__(self, hyph: Hyphenation, pdf: bool, spaced: bool, loose: tuple[LooseTable, ...]):
        self.hyph = hyph
        self.flow = pdf or spaced  # lines are wrapped: join them within a paragraph
        self.loose = loose

    # -- text
    def text(self, rows: list[Row], notes: list[Flag] | None = None) -> str:
        paragraphs: list[list[str]] = []
        for row in rows:
            line = row.text
            bullet = is_bullet(line)
            if bullet:
                line = "- " + debullet(line)
            if not paragraphs or (row.brk and not self._continues(paragraphs[-1][-1], line)):
                paragraphs.append([line])
            elif bullet or (not self.flow and not paragraphs[-1][-1].endswith("-")):
                paragraphs[-1].append(line)
            else:
                joined, how = self.hyph.join(paragraphs[-1][-1], line)
                if how == "guess" and notes is not None:
                    left = paragraphs[-1][-1].split()[-1]
                    right = line.split()[0]
                    notes.append(Flag.note(FlagKind.HYPHENATION, (row.no - 1 if row.no > 1 else row.no, row.no),
                                           _("'{left}' / '{right}' was re-joined as '{left2}{right}': the document does not write the word elsewhere, and '{right}' could be a word of its own.").format(left=left, right=right, left2=left[:-1]),
                                           excerpt=f"{left} {right}", suggestion=f"{left[:-1]}{right}", severity="info"))
                paragraphs[-1][-1] = joined
        return "\n\n".join("\n".join(p) for p in paragraphs).strip()

    def _continues(self, last: str, line: str) -> bool:
        """A break inside a hyphenated word (a page break, a blank line) does not end the paragraph."""
        return last.endswith("-") and not last.endswith(" -") and line[:1].islower()

    # -- tables
    def block(self, rows: list[Row]) -> Block:
        text_rows: list[Row] = []
        tables: list[TableDraft] = []
        notes: list[Flag] = []
        i = 0
        while i < len(rows):
            row = rows[i]
            if row.cells or self._short_header(rows, i):
                key = self._table_key(rows, i + (not row.cells))
                j, across = self._table_end(rows, i, key)
                tables.append(self._cell_table(rows[i:j], notes, key, across))
                i = j
                continue
            spec = self._loose_header(row)
            if spec is not None:
                j = self._loose_end(rows, i, spec)
                if j > i + 1:
                    tables.append(self._loose_table(rows[i:j], spec, notes))
                    i = j
                    continue
            text_rows.append(row)
            i += 1
        return Block(self.text(text_rows, notes), tables, notes)

    def _short_header(self, rows: list[Row], i: int) -> bool:
        """PDF: a line without cells that names the first column(s) of a configured loose table, standing
        over the first column of a cell table keyed as that one is: the table's header, its other cells empty."""
        row, nxt = rows[i], rows[i + 1] if i + 1 < len(rows) else None
        if nxt is None or not nxt.cells or len(nxt.cell_x) < 2 or row.x0 is None or abs(row.x0 - nxt.cell_x[0]) > 4:
            return False
        words = [w.casefold() for w in row.text.split()]
        key = self._table_key(rows, i + 1)
        return any(spec.key is key and words == [c.casefold() for c in spec.columns[:len(words)]]
                   for spec in self.loose)

    def _table_key(self, rows: list[Row], i: int) -> re.Pattern | None:
        """The pattern that opens a row of the cell table starting at row i: a configured loose table's key,
        where the header names its columns or most first cells match it."""
        header = [c.rstrip(":").strip().casefold() for c in rows[i].cells or [] if c.strip()]
        for spec in self.loose:
            if header == [c.casefold() for c in spec.columns]:
                return spec.key
        firsts = []
        for r in rows[i:]:
            if r.cells:
                firsts.append(r.cells[0].strip())
            elif r.heading_like:
                break
        for spec in self.loose:
            hits = sum(1 for c in firsts if spec.key.match(c))
            if hits >= 2 and hits * 2 >= len(firsts):
                return spec.key
        return None

    def _table_end(self, rows: list[Row], i: int, key: re.Pattern | None) -> tuple[int, set[int]]:
        """Where the cell table starting at row i ends. PDF: lines without cells belong to it when they
        start under a later cell (a wrapped cell, also across a page break), or stand in the first column
        only (a wrapped key cell, or a key whose other cells are empty) with more of the table after them.
        A line from the first column that runs on across the next (its cells too close to be told apart)
        belongs to it only set tight between table lines; it comes back in the second value."""
        columns = rows[i].cell_x or (rows[i + 1].cell_x if not rows[i].cells else ())
        across: set[int] = set()
        j = i + 1
        while j < len(rows):
            row = rows[j]
            if row.cells:
                columns = row.cell_x or columns
                j += 1
                continue
            if self._under_cell(row, rows[j - 1]):
                j += 1
                continue
            k = j
            crossing: set[int] = set()
            while k < len(rows) and not rows[k].cells:
                if not _in_first_column(rows[k], columns):
                    if not _across(rows[k], columns):
                        break
                    crossing.add(rows[k].no)
                k += 1
            if k < len(rows) and k > j and rows[k].cells and not (crossing and rows[k].brk):
                across |= crossing
                j = k
                continue
            keyed = [m for m in range(j, k) if key is not None and key.match(rows[m].text)]
            if not keyed:
                break
            j = keyed[-1] + 1
        return j, across

    @staticmethod
    def _under_cell(row: Row, above: Row) -> bool:
        """PDF: a line without cells that starts under a later cell of the table row above (or of the line
        that already continued it), or further right within that cell, is that cell's next line: the column
        says so, not the text. A page break between them does not end the table."""
        anchor = above
        columns = anchor.cell_x
        if not columns and anchor.continues_cell is not None:
            columns = anchor.cell_x_of_row
        if row.x0 is None or len(columns) < 2:
            return False
        for k in range(len(columns) - 1, 0, -1):
            if abs(row.x0 - columns[k]) <= 4 or (row.x0 > columns[k] and not row.heading_like):
                row.continues_cell = k
                row.cell_x_of_row = columns
                return True
        return False

    def _cell_table(self, run: list[Row], notes: list[Flag], key: re.Pattern | None = None,
                    across: set[int] = frozenset()) -> TableDraft:
        header = run[0].cells or [run[0].text]
        has_header = len(run) > 1 and (not run[0].cells or _looks_like_header(header, run[1:], run[0].bold))
        columns = [c.rstrip(":").strip() for c in header] if has_header else []
        body = run[1:] if has_header else run
        if not run[0].cells:  # a header over the first column only
            columns += [""] * (max(len(r.cells or []) for r in body) - len(columns))
        width = len(columns) or max(len(r.cells or []) for r in body)
        named = any([c.casefold() for c in columns] == [c.casefold() for c in spec.columns] for spec in self.loose)
        rows: list[list[str]] = []
        spans: list[tuple[int, int]] = []
        page_of = {r.no: r.page for r in body}
        for r in body:
            if has_header and r.cells and [c.strip() for c in r.cells] == [c.strip() for c in header]:
                continue  # the header repeated on the next page is not a row
            if r.cells is None and r.continues_cell is None:  # in the first column only
                if (key is not None and key.match(r.text)) or not rows:
                    rows.append([r.text] + [""] * (width - 1))
                    spans.append((r.no, r.no))
                    continue
                r.continues_cell = 0
                if r.no in across and rows:
                    notes.append(Flag.note(FlagKind.BROKEN_TABLE, (spans[-1][0], r.no),
                                           _("Line {no} runs from the first column across the next: its cells could not be told apart, and all of it went into the first cell of row '{value}'.").format(no=r.no, value=_short(rows[-1][0].splitlines()[0])),
                                           excerpt=_short(r.text), field=f"rows[{len(rows) - 1}]"))
            if r.continues_cell is not None and rows:  # a wrapped cell: its column says where it goes
                k = min(r.continues_cell, width - 1)
                if not rows[-1][k]:
                    rows[-1][k] = r.text
                elif is_bullet(r.text):
                    rows[-1][k] = f"{rows[-1][k]}\n{r.text}"
                else:
                    rows[-1][k] = self.hyph.join(rows[-1][k], r.text)[0]
                spans[-1] = (spans[-1][0], r.no)
                continue
            cells = [c.strip() for c in (r.cells or [])]
            if key is not None and rows and cells and cells[0] and not key.match(cells[0]):
                prev = rows[-1]
                for k, cell in enumerate(cells[:width]):
                    if cell:
                        prev[k] = f"{prev[k]}\n{cell}".strip()
                spans[-1] = (spans[-1][0], r.no)
                notes.append(Flag.note(FlagKind.BROKEN_TABLE, spans[-1],
                                       _("Line {no} does not start with a row key (as '{value}' does): it was read as the rest of the row above, not as a row of its own.").format(no=r.no, value=_short(prev[0].splitlines()[0])),
                                       excerpt=_short(" ".join(c for c in cells if c)),
                                       severity="info" if named else "warning",  # the header names the key column, or a guess
                                       field=f"rows[{len(rows) - 1}]"))
                continue
            if len(cells) > width:
                cells = cells[: width - 1] + [" ".join(c for c in cells[width - 1:] if c)]
            cells += [""] * (width - len(cells))
            if not cells[0] and rows:
                prev = rows[-1]
                page_break = r.page is not None and r.page != page_of.get(spans[-1][1], r.page)
                for k, cell in enumerate(cells):
                    if cell:
                        prev[k] = (self.hyph.join(prev[k], cell)[0] if page_break else f"{prev[k]}\n{cell}").strip()
                spans[-1] = (spans[-1][0], r.no)
                if page_break:
                    message = (f"The page break cut the row '{_short(prev[0])}' in two: line {r.no}, at the top of "
                               f"page {r.page}, has no first cell and was joined to it.")
                else:
                    message = (f"Line {r.no} has an empty first cell: it was read as the rest of the row above "
                               f"(key '{_short(prev[0])}'), not as a row of its own.")
                notes.append(Flag.note(FlagKind.BROKEN_TABLE, (spans[-1][0], r.no), message,
                                       excerpt=_short(" ".join(c for c in cells if c)),
                                       severity="info" if page_break else "warning",
                                       field=f"rows[{len(rows) - 1}]"))
                continue
            rows.append(cells)
            spans.append((r.no, r.no))
        for k, (cells, span) in enumerate(zip(rows, spans)):
            last = cells[-1]
            nxt = body[-1].no if k == len(rows) - 1 else spans[k + 1][0]
            if _cut_off(last) and span[1] < nxt:
                notes.append(Flag.note(FlagKind.BROKEN_TABLE, span,
                                       _("The cell ends mid-sentence ('… {value}') and the next line is blank or another row: the rest of the cell is probably missing.").format(value=_tail(last)),
                                       excerpt=_short(" ".join(cells)), field=f"rows[{k}]"))
        return TableDraft(columns, rows, spans, (run[0].no, run[-1].no))

    def _loose_header(self, row: Row) -> LooseTable | None:
        words = [w.casefold() for w in row.text.split()]
        for spec in self.loose:
            if words == [c.casefold() for c in spec.columns]:
                return spec
        return None

    def _loose_end(self, rows: list[Row], start: int, spec: LooseTable) -> int:
        keys = [k for k in range(start + 1, len(rows)) if spec.key.match(rows[k].text)]
        if not keys:
            return start
        end = keys[-1] + 1
        while end < len(rows):
            row = rows[end]
            if row.brk and row.indent == 0 and not is_bullet(row.raw):
                break
            end += 1
        return end

    def _loose_table(self, run: list[Row], spec: LooseTable, notes: list[Flag]) -> TableDraft:
        columns = list(spec.columns)
        rows: list[list[str]] = []
        spans: list[tuple[int, int]] = []
        open_key = False
        doubtful: dict[int, dict[str, list[int]]] = {}
        for row in run[1:]:
            m = spec.key.match(row.text)
            if m:
                key = m.group(0).strip()
                rest = row.text[m.end():].strip()
                open_key = rest.startswith("(") and ")" not in rest
                if rest.startswith("(") and not open_key:
                    close = rest.index(")") + 1
                    key, rest = f"{key} {rest[:close]}", rest[close:].strip()
                elif open_key:
                    key, rest = f"{key} {rest}", ""
                rows.append([key, rest] + [""] * (len(columns) - 2))
                spans.append((row.no, row.no))
                continue
            if not rows:
                continue
            piece = row.text.strip()
            if open_key:
                doubtful.setdefault(len(rows) - 1, {}).setdefault("the first cell runs on to line", []).append(row.no)
            elif row.brk and row.indent == 0 and not is_bullet(row.raw):
                doubtful.setdefault(len(rows) - 1, {}).setdefault("after a blank line, without indent: line", []).append(row.no)
            if open_key:
                close = piece.find(")")
                head, piece = (piece, "") if close < 0 else (piece[: close + 1], piece[close + 1:].strip())
                rows[-1][0], _joined = self.hyph.join(rows[-1][0], head)
                open_key = close < 0
            if piece:
                cell = rows[-1][-1]
                if not cell:
                    rows[-1][-1] = piece
                elif cell.endswith("-") and not is_bullet(row.raw):
                    rows[-1][-1], _joined = self.hyph.join(cell, piece)
                elif not row.brk and not is_bullet(row.raw) and row.indent == 0:
                    rows[-1][-1] = f"{cell} {piece}"
                else:
                    rows[-1][-1] = f"{cell}\n{piece}"
            spans[-1] = (spans[-1][0], row.no)
        for k, span in enumerate(spans):
            if span[1] > span[0]:
                doubt = [f"{what}{'s' if len(nos) > 1 else ''} {', '.join(map(str, nos))}"
                         for what, nos in doubtful.get(k, {}).items()]
                why = ("; ".join(doubt) + _(': check that each line belongs to this row')) if doubt else \
                    _("every line after the first is indented or wrapped, as a cell's lines are")
                notes.append(Flag.note(FlagKind.BROKEN_TABLE, span,
                                       _("Row '{rows}' was rebuilt from {value} loose lines (lines {span}–{span2}); {why}.").format(rows=_short(rows[k][0]), value=span[1] - span[0] + 1, span=span[0], span2=span[1], why=why),
                                       excerpt=_short(" ".join(rows[k])), severity="warning" if doubt else "info",
                                       field=f"rows[{k}]"))
        return TableDraft(columns, rows, spans, (run[0].no, run[-1].no), loose=True)


def _in_first_column(row: Row, columns: tuple[float, ...]) -> bool:
    """PDF: a line that starts at the table's first column and ends before its second begins."""
    if row.x0 is None or row.x1 is None or len(columns) < 2 or row.heading_like:
        return False
    return abs(row.x0 - columns[0]) <= 4 and row.x1 <= columns[1] - 2


def _across(row: Row, columns: tuple[float, ...]) -> bool:
    """PDF: a line that starts at the table's first column and runs on into the second, tight under the line above."""
    if row.x0 is None or row.x1 is None or len(columns) < 2 or row.heading_like or row.brk:
        return False
    return abs(row.x0 - columns[0]) <= 4 and row.x1 > columns[1]


_CUT_WORDS = {"af", "og", "til", "for", "med", "i", "på", "at", "om", "fra", "de", "den", "det", "en", "et", "samt", "under", "ved"}


def _cut_off(cell: str) -> bool:
    words = cell.split()
    return bool(words) and words[-1].casefold() in _CUT_WORDS


def _tail(text: str, n: int = 4) -> str:
    return " ".join(text.split()[-n:])


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _looks_like_header(cells: list[str], rest: list[Row], bold: bool) -> bool:
    filled = [c for c in cells if c.strip()]
    if not filled or any(re.search(r"\d", c) for c in filled):
        return False
    if bold:
        return True
    short = all(len(c.split()) <= 4 for c in filled)
    keyed = sum(1 for r in rest if r.cells and re.search(r"\d", r.cells[0] or ""))
    return short and keyed >= max(1, len(rest) // 2)
