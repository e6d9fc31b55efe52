"""The reportlab producer: layout elements (walk.py) -> platypus flowables -> PDF.

Deterministic: `invariant=1` (no timestamps, no random ids). Footers with the page count
("Side N af M") are laid out twice: once to count the pages, once to print them.
"""
from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, PageBreak,
                                PageTemplate, Paragraph, Spacer, Table, TableStyle)
from reportlab.platypus.flowables import HRFlowable

from layouts.elements import Break, Grid, Keep, Para, Rule, Space, TocLine

rl_config.invariant = 1
PAGE_W, PAGE_H = A4
GREY = colors.Color(0.88, 0.88, 0.88)

STANDARD = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"),
    "Vera": ("Vera", "Vera-Bold", "Vera-Italic", "Vera-BoldItalic"),
}
VERA_FILES = ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")


def register_vera() -> None:
    if "Vera-Bold" in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, file in zip(STANDARD["Vera"], VERA_FILES):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))


def font_name(family: str, bold: bool = False, italic: bool = False) -> str:
    if family == "Vera":
        register_vera()
    return STANDARD[family][(1 if bold else 0) + (2 if italic else 0)]


def bullet_font(st, char: str) -> str:
    """Standard fonts encode "•" as a code that extractors cannot map back: use Symbol."""
    return "Symbol" if char == "•" and st.font != "Vera" else font_name(st.font)


class Renderer:
    def __init__(self, fam, meeting):
        self.fam, self.meeting = fam, meeting
        left, right, top, bottom = fam.margins
        self.body_w = PAGE_W - left - right
        self._styles: dict = {}

    # ------------------------------------------------------------ styles
    def pstyle(self, role: str, bold: bool | None = None, hang: float = 0) -> ParagraphStyle:
        key = (role, bold, hang)
        if key not in self._styles:
            st = self.fam.style(role)
            self._styles[key] = ParagraphStyle(
                f"{role}-{bold}-{hang}", fontName=font_name(st.font, st.bold if bold is None else bold, st.italic),
                fontSize=st.size, leading=st.leading, spaceBefore=st.before, spaceAfter=st.after,
                leftIndent=st.indent + hang, bulletIndent=st.indent + hang - 11 if hang or st.indent else 0,
                textColor=colors.Color(*st.color), alignment=TA_JUSTIFY if st.align == "justify" else TA_LEFT,
                backColor=colors.Color(*st.fill) if st.fill else None, borderPadding=2 if st.fill else 0,
                allowOrphans=1, allowWidows=1)
        return self._styles[key]

    def para(self, role: str, text: str, bullet: str | None = None, bold: bool | None = None,
             hang: float = 0) -> Paragraph:
        st = self.fam.style(role)
        markup = escape(text)
        if st.underline:
            markup = f"<u>{markup}</u>"
        style = self.pstyle(role, bold, hang)
        if bullet:
            if bullet in ("dot", "circle"):
                raise ValueError("drawn bullets are an fpdf2 feature")
            style = ParagraphStyle(style.name + "-b", style, bulletFontName=bullet_font(st, bullet))
            return Paragraph(markup, style, bulletText=bullet)
        return Paragraph(markup, style)

    # ------------------------------------------------------------ elements
    def flowables(self, elements: list) -> list:
        out: list = []
        for el in elements:
            if isinstance(el, Para):
                out.append(self.para(el.role, el.text, el.bullet))
            elif isinstance(el, Grid):
                out.append(self.table(el))
            elif isinstance(el, TocLine):
                out.append(TocFlowable(el, self.fam.style("toc")))
            elif isinstance(el, Keep):
                out.append(CondPageBreak(el.room))
            elif isinstance(el, Break):
                out.append(PageBreak())
            elif isinstance(el, Space):
                out.append(Spacer(1, el.height))
            elif isinstance(el, Rule):
                out.append(HRFlowable(width=f"{el.width * 100:.0f}%", thickness=0.5, color=colors.black,
                                      spaceBefore=el.before, spaceAfter=2, hAlign="LEFT"))
            else:
                raise TypeError(el)
        return out

    def cell(self, grid: Grid, r: int, c: int, paras: list) -> list:
        head = grid.header and r == 0
        role = "cell_head" if head else grid.role
        bold = True if head or (r, c) in grid.bold else None
        out = []
        for k, (bullet, text) in enumerate(paras):
            p = self.para(role, text, bullet, bold=bold, hang=9 if bullet else 0)
            if k and grid.role == "cell" and not bullet:
                p.style = ParagraphStyle(p.style.name + "-gap", p.style, spaceBefore=3)
            out.append(p)
        return out

    def table(self, grid: Grid) -> Table:
        data = [[self.cell(grid, r, c, paras) for c, paras in enumerate(row)] for r, row in enumerate(grid.rows)]
        table = Table(data, colWidths=[w * self.body_w for w in grid.widths], hAlign="LEFT",
                      splitInRow=1 if grid.split else 0, repeatRows=1 if grid.repeat and grid.header else 0)
        ruled = grid.style == "ruled"
        style = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                 ("LEFTPADDING", (0, 0), (-1, -1), 4 if ruled else 0),
                 ("RIGHTPADDING", (0, 0), (-1, -1), 4 if ruled else 8),
                 ("TOPPADDING", (0, 0), (-1, -1), 3 if ruled or grid.role == "cell" else 0),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 4 if ruled or grid.role == "cell" else 1)]
        if ruled:
            style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        elif grid.style == "hlines":
            style += [("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
                      ("LINEBELOW", (0, 0 if grid.header else -1), (-1, 0 if grid.header else -1), 0.5, colors.black),
                      ("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black)]
        elif grid.style == "sigtop":
            style += [("LINEABOVE", (c, r), (c, r), 0.5, colors.black)
                      for r, row in enumerate(grid.rows) for c, paras in enumerate(row) if paras]
            style.append(("TOPPADDING", (0, 0), (-1, -1), 4))
            style.append(("BOTTOMPADDING", (0, 0), (-1, -1), 30))
        if grid.shade and grid.header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), GREY))
        table.setStyle(TableStyle(style))
        return table

    # ------------------------------------------------------------ page furniture
    def furniture(self, total: int):
        fam = self.fam
        values = self.meeting.values(fam)
        left, right, _, _ = fam.margins
        font = font_name(fam.font)

        def draw(canvas, doc):
            canvas.saveState()
            canvas.setFont(font, fam.furniture_size)
            fill = {**values, "n": doc.page, "m": total}
            for texts, y, is_header in ((fam.header, PAGE_H - fam.header_y, True), (fam.footer, fam.footer_y, False)):
                if is_header and not self.meeting.header_on(fam, doc.page):
                    continue
                l, c, r = (t.format(**fill) for t in texts)
                canvas.drawString(left, y, l)
                canvas.drawCentredString(left + self.body_w / 2, y, c)
                canvas.drawRightString(PAGE_W - right, y, r)
                if is_header and fam.header_rule and (l or c or r):
                    canvas.setLineWidth(0.5)
                    canvas.line(left, y - 5, PAGE_W - right, y - 5)
            canvas.restoreState()
        return draw

    def build(self, elements: list, target, title: str, total: int) -> int:
        fam = self.fam
        left, right, top, bottom = fam.margins
        doc = BaseDocTemplate(target, pagesize=A4, leftMargin=left, rightMargin=right, topMargin=top,
                              bottomMargin=bottom, title=title, author="Norddjurs Kommune",
                              creator=f"tests/layouts ({fam.name})", invariant=1)
        frame = Frame(left, bottom, self.body_w, PAGE_H - top - bottom, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate("page", [frame], onPage=self.furniture(total))])
        doc.build(self.flowables(elements))
        return doc.page


class TocFlowable(Flowable):
    """One Indholdsfortegnelse line: title left, page right, dot leaders between."""

    def __init__(self, line: TocLine, st):
        super().__init__()
        self.line, self.st = line, st

    def wrap(self, avail_w, avail_h):
        self.width = avail_w
        return avail_w, self.st.leading + 2

    def draw(self):
        c, st, line = self.canv, self.st, self.line
        font = font_name(st.font)
        c.setFont(font, st.size)
        c.drawString(0, 4, line.left)
        c.drawRightString(self.width, 4, line.right)
        start = c.stringWidth(line.left, font, st.size) + 4
        end = self.width - c.stringWidth(line.right, font, st.size) - 4
        n = int((end - start) / c.stringWidth(".", font, st.size))
        if line.leaders and n > 2:
            c.drawRightString(end, 4, "." * n)


def render(elements: list, fam, meeting, path: Path, title: str) -> None:
    """Write the elements as a PDF at path."""
    renderer = Renderer(fam, meeting)
    total = 0
    if any("{m}" in t for t in fam.header + fam.footer):
        total = renderer.build(elements, io.BytesIO(), title, 0)
        renderer = Renderer(fam, meeting)
    renderer.build(elements, str(path), title, total)
