"""The fpdf2 producer: layout elements (walk.py) -> FPDF calls -> PDF.

Core fonts (Helvetica, Times, Courier) are set in windows-1252, so "–" and "•" print and
extract; Vera is the TTF that ships with reportlab. Tables are drawn line by line, so a page
break may fall inside a row. Deterministic: a fixed creation date.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import reportlab
from fpdf import FPDF

from layouts.elements import Break, Grid, Keep, Para, Rule, Space, TocLine

FIXED_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
GREY = (224, 224, 224)
VERA = {"": "Vera.ttf", "B": "VeraBd.ttf", "I": "VeraIt.ttf", "BI": "VeraBI.ttf"}


def rgb(color: tuple) -> tuple:
    return tuple(round(v * 255) for v in color)


class Doc(FPDF):
    def __init__(self, fam, meeting, title: str):
        super().__init__(unit="pt", format="A4")
        self.fam, self.meeting, self.values = fam, meeting, meeting.values(fam)
        self.core_fonts_encoding = "windows-1252"
        if fam.font == "Vera":
            folder = Path(reportlab.__file__).parent / "fonts"
            for style, file in VERA.items():
                self.add_font("Vera", style, str(folder / file))
        left, right, top, bottom = fam.margins
        self.set_margins(left, top, right)
        self.set_auto_page_break(True, margin=bottom)
        self.set_creation_date(FIXED_DATE)
        self.set_title(title)
        self.set_author("Norddjurs Kommune")
        self.set_creator(f"tests/layouts ({fam.name})")

    # ------------------------------------------------------------ page furniture
    def furniture(self, texts: tuple, y: float, rule: bool) -> None:
        fill = {**self.values, "n": self.page_no(), "m": "{nb}"}
        self.set_font(self.fam.font, "", self.fam.furniture_size)
        self.set_text_color(0)
        left, centre, right = (t.format(**fill) for t in texts)
        size = self.fam.furniture_size
        for text, align in ((left, "L"), (centre, "C"), (right, "R")):  # cell(): "{nb}" becomes the count
            if text:
                self.set_xy(self.l_margin, y - size)
                self.cell(self.epw, size * 1.25, text, align=align)
        if rule and (left or centre or right):
            self.set_line_width(0.5)
            self.line(self.l_margin, y + 5, self.l_margin + self.epw, y + 5)

    def header(self):
        if self.meeting.header_on(self.fam, self.page_no()):
            self.furniture(self.fam.header, self.fam.header_y, self.fam.header_rule)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self):
        self.furniture(self.fam.footer, self.h - self.fam.footer_y, False)

    # ------------------------------------------------------------ text
    def use(self, st, bold: bool | None = None) -> None:
        bold = st.bold if bold is None else bold
        self.set_font(st.font, ("B" if bold else "") + ("I" if st.italic else "") + ("U" if st.underline else ""), st.size)
        self.set_text_color(*rgb(st.color))

    def room(self, height: float) -> None:
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def bullet(self, bullet: str, x: float, y: float, st) -> None:
        if bullet in ("dot", "circle"):
            r = st.size * 0.17
            self.set_draw_color(0)
            self.set_fill_color(0)
            self.set_line_width(0.5)
            self.ellipse(x + 1, y + st.leading / 2 - r, 2 * r, 2 * r, "F" if bullet == "dot" else "D")
        else:
            self.set_xy(x, y)
            self.cell(10, st.leading, bullet)

    def para(self, el: Para) -> None:
        st = self.fam.style(el.role)
        self.use(st)
        if self.get_y() > self.t_margin + 0.5:  # no space above at the top of a page
            self.set_y(self.get_y() + st.before)
        self.room(st.leading)
        x = self.l_margin + st.indent
        if el.bullet:
            self.bullet(el.bullet, x - 12, self.get_y(), st)
            self.use(st)
        if st.fill:
            self.set_fill_color(*rgb(st.fill))
        self.set_x(x)
        self.multi_cell(self.epw - st.indent, st.leading, el.text, align="J" if st.align == "justify" else "L",
                        fill=bool(st.fill), new_x="LMARGIN", new_y="NEXT")
        self.set_y(self.get_y() + st.after)

    def toc_line(self, el: TocLine) -> None:
        st = self.fam.style("toc")
        self.use(st)
        self.room(st.leading + 2)
        y = self.get_y()
        w_left, w_right = self.get_string_width(el.left), self.get_string_width(el.right)
        self.set_xy(self.l_margin, y)
        self.cell(w_left, st.leading, el.left)
        self.set_xy(self.l_margin + self.epw - w_right, y)
        self.cell(w_right, st.leading, el.right)
        dot = self.get_string_width(".")
        n = int((self.epw - w_left - w_right - 8) / dot)
        if el.leaders and n > 2:
            self.set_xy(self.l_margin + self.epw - w_right - 4 - n * dot, y)
            self.cell(n * dot, st.leading, "." * n)
        self.set_y(y + st.leading + 2)

    # ------------------------------------------------------------ tables
    def cell_lines(self, g: Grid, r: int, c: int, paras: list, inner: float) -> tuple:
        head = g.header and r == 0
        st = self.fam.style("cell_head" if head else g.role)
        bold = True if head or (r, c) in g.bold else None
        self.use(st, bold)
        lines = []
        for k, (bullet, text) in enumerate(paras):
            hang = 9 if bullet else 0
            if k and g.role == "cell" and not bullet:
                lines.append((0, None, ""))  # a paragraph gap inside the cell
            wrapped = self.multi_cell(inner - hang, st.leading, text, dry_run=True, output="LINES")
            if st.font != "Vera":  # core fonts give the lines back encoded (cp1252 read as latin-1)
                wrapped = [w.encode("latin-1").decode("windows-1252") for w in wrapped]
            lines += [(hang, bullet if i == 0 else None, w) for i, w in enumerate(wrapped)]
        return st, bold, lines

    def grid(self, g: Grid) -> None:
        ruled = g.style == "ruled"
        widths = [w * self.epw for w in g.widths]
        pad = (4, 4) if ruled else (0, 8)
        vpad = (3, 4) if ruled or g.role == "cell" else ((4, 30) if g.style == "sigtop" else (0, 1))
        rows = [[self.cell_lines(g, r, c, paras, widths[c] - sum(pad)) for c, paras in enumerate(row)]
                for r, row in enumerate(g.rows)]
        head = rows[0] if g.header else None
        for r, cells in enumerate(rows):
            self.row(g, r, cells, widths, pad, vpad, head if g.repeat and r > 0 else None, last=r == len(rows) - 1)

    def row(self, g: Grid, r: int, cells: list, widths: list, pad: tuple, vpad: tuple, head, last: bool) -> None:
        lead = max(st.leading for st, _, _ in cells)
        n = max(1, max(len(lines) for _, _, lines in cells))
        whole = vpad[0] + n * lead + vpad[1]
        first_room = whole if not g.split or (g.header and r == 0) else vpad[0] + lead + vpad[1]
        if self.get_y() + first_room > self.page_break_trigger and self.get_y() > self.t_margin + 0.5:
            self.add_page()
            if head:
                self.row(g, 0, head, widths, pad, vpad, None, last=False)
        top = self.get_y()
        if g.shade and g.header and r == 0:
            self.set_fill_color(*GREY)
            self.rect(self.l_margin, top, sum(widths), whole, "F")
        y = top + vpad[0]
        for i in range(n):
            if y + lead > self.page_break_trigger:  # the page ends inside this row
                self.borders(g, r, cells, widths, top, y + 2, last=False, closed=False)
                self.add_page()
                if head:
                    self.row(g, 0, head, widths, pad, vpad, None, last=False)
                top = self.get_y()
                y = top + vpad[0]
            x = self.l_margin
            for c, (st, bold, lines) in enumerate(cells):
                if i < len(lines) and lines[i][2]:
                    hang, bullet, text = lines[i]
                    self.use(st, bold)
                    if bullet:
                        self.bullet(bullet, x + pad[0], y, st)
                        self.use(st, bold)
                    self.set_xy(x + pad[0] + hang, y)
                    self.cell(widths[c] - sum(pad) - hang, lead, text)
                x += widths[c]
            y += lead
        y += vpad[1]
        self.borders(g, r, cells, widths, top, y, last=last, closed=True)
        self.set_xy(self.l_margin, y)

    def borders(self, g: Grid, r: int, cells: list, widths: list, top: float, bottom: float,
                last: bool, closed: bool) -> None:
        self.set_draw_color(0)
        self.set_line_width(0.5)
        x0, x1 = self.l_margin, self.l_margin + sum(widths)
        if g.style == "ruled":
            x = x0
            for w in widths:
                self.rect(x, top, w, bottom - top)
                x += w
        elif g.style == "hlines":
            if r == 0:
                self.line(x0, top, x1, top)
            if (g.header and r == 0 and closed) or (last and closed):
                self.line(x0, bottom, x1, bottom)
        elif g.style == "sigtop":
            x = x0
            for w, (_, _, lines) in zip(widths, cells):
                if lines:
                    self.line(x, top, x + w, top)
                x += w

    # ------------------------------------------------------------ the document
    def render(self, elements: list) -> None:
        self.add_page()
        for el in elements:
            if isinstance(el, Para):
                self.para(el)
            elif isinstance(el, Grid):
                self.grid(el)
            elif isinstance(el, TocLine):
                self.toc_line(el)
            elif isinstance(el, Keep):
                self.room(el.room)
            elif isinstance(el, Break):
                self.add_page()
            elif isinstance(el, Space):
                self.room(el.height)
                self.set_y(self.get_y() + el.height)
            elif isinstance(el, Rule):
                self.room(el.before + 4)
                y = self.get_y() + el.before
                self.set_draw_color(0)
                self.set_line_width(0.5)
                self.line(self.l_margin, y, self.l_margin + el.width * self.epw, y)
                self.set_y(y + 2)
            else:
                raise TypeError(el)


def render(elements: list, fam, meeting, path: Path, title: str) -> None:
    """Write the elements as a PDF at path."""
    doc = Doc(fam, meeting, title)
    doc.render(elements)
    doc.output(str(path))
