"""Generate the sample referat PDFs in sample_docs/ from their hand-cleaned content.

Each seed in ../shared/seeds/ (a text extraction of a Norddjurs Direktionen referat) has a
content module in sample_docs/content/ that holds the same referat as a list of layout
blocks, with the extraction's own flaws (hyphenation, lost bullets, stray page headers,
markup, spilled table cells) repaired and the document's own flaws kept. This script lays
each one out the way a Danish agenda system (eDoc / First Agenda) exports a referat -- A4,
Helvetica, a page header "Direktionen DD-MM-YYYY ... Side N" on every page, bold item and
section headings, ruled tables -- and writes sample_docs/<seed-stem>.pdf. It also copies
each seed text to sample_docs/<seed-stem>.txt byte for byte.

Run from anywhere:

    python sample_docs/make_pdfs.py [--seeds DIR] [--out DIR]

--seeds defaults to ../shared/seeds relative to the repository root, --out to sample_docs/.
The output is deterministic: the same bytes on every run (reportlab invariant mode).

A content module defines TITLE (PDF metadata), HEADER (the page header's left text), FRONT
(front page: body, kind and label/value fields, or None), TOC ((line, page) pairs), BODY (the
blocks below) and optionally LAYOUT (overrides of make_pdfs.LAYOUT).

Content blocks (tuples, first element is the kind):
    ("h1", text)                  item heading, bold 12pt
    ("meta", text)                journal number, case number or access marker under h1
    ("line", text)                a line of normal text with no gap above
    ("h2", text)                  section heading, bold, on its own line
    ("p", text)                   paragraph, with a gap above
    ("pi", text)                  paragraph indented one step (text under a sub-point)
    ("bullets", items[, char])    bullet list; an item is a string, or a list of strings
                                  that are sub-bullets of the item before it
    ("table", header, rows, widths)   ruled table; header may be None; a cell is a string
                                  or a list of strings (one paragraph each, "• " bullets)
    ("attachments", rows)         Bilag list: (number, access, title, ref or None)
    ("index_item", text) / ("index_att", text)   Bilagsoversigt lines
    ("signature", lines)          one signature (title and name; may wrap over lines)
    ("pagebreak",)
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

rl_config.invariant = 1  # no timestamps or random ids: the same bytes on every run

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"

# seed stem -> content module in sample_docs/content/
SEEDS = {
    "001_9a154efafadaaa85": "seed001",
    "002_26687f9090792ef4": "seed002",
    "003_b1ee29759e748790": "seed003",
    "004_60c343e47a70d8f7": "seed004",
}

PAGE_W, PAGE_H = A4
MARGIN_L = 56.7  # 20 mm
MARGIN_R = 56.7
MARGIN_B = 56.7
HEADER_Y = PAGE_H - 36.0  # the page header's baseline: the same on every page and PDF
VALUE_X = 150.0  # front page: x of the value column
BODY_W = PAGE_W - MARGIN_L - MARGIN_R

FONT = "Helvetica"
BOLD = "Helvetica-Bold"

# The export's page geometry. A content module may override some of it with LAYOUT = {...}
# (the referater come from different exports); the values are chosen so that, in each
# PDF, page breaks cut at least one paragraph and at least one bullet list.
LAYOUT = {
    "leading": 14.5,        # body text (10pt) line height
    "space_before": 6.0,    # gap above a paragraph
    "cell_font": 10.0,      # table cell font size
    "top_margin": 91.0,     # page top to body text (the header sits above it)
}


def make_styles(layout: dict) -> dict[str, ParagraphStyle]:
    """The paragraph styles used by the blocks."""
    lead, gap, cell = layout["leading"], layout["space_before"], layout["cell_font"]
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=lead, alignment=TA_LEFT,
                          allowOrphans=1, allowWidows=0)
    cell_base = ParagraphStyle("cell", base, fontSize=cell, leading=round(cell * 1.3, 2))
    return {
        "p": ParagraphStyle("p", base, spaceBefore=gap),
        "pi": ParagraphStyle("pi", base, spaceBefore=gap, leftIndent=18),
        "line": ParagraphStyle("line", base, spaceBefore=0),
        "meta": ParagraphStyle("meta", base, spaceBefore=0),
        "h1": ParagraphStyle("h1", base, fontName=BOLD, fontSize=12, leading=15,
                             spaceBefore=20, spaceAfter=4),
        "h2": ParagraphStyle("h2", base, fontName=BOLD, spaceBefore=10),
        # bullets are drawn in Symbol: Helvetica encodes "•" as code 127, which text
        # extractors (pdfminer) cannot map back to a character
        "bullet": ParagraphStyle("bullet", base, spaceBefore=1, leftIndent=14, bulletIndent=3,
                                 bulletFontName="Symbol"),
        "bullet2": ParagraphStyle("bullet2", base, spaceBefore=1, leftIndent=32,
                                  bulletIndent=21, bulletFontName="Symbol"),
        "cell": cell_base,
        "cell_gap": ParagraphStyle("cell_gap", cell_base, spaceBefore=4),
        "cell_bullet": ParagraphStyle("cell_bullet", cell_base, leftIndent=9, bulletIndent=0,
                                      bulletFontName="Symbol", spaceBefore=1),
        "cell_bullet0": ParagraphStyle("cell_bullet0", cell_base, leftIndent=9, bulletIndent=0,
                                       bulletFontName="Symbol"),
        "cell_head": ParagraphStyle("cell_head", cell_base, fontName=BOLD),
        "att": ParagraphStyle("att", base, spaceBefore=gap, leftIndent=54, firstLineIndent=-54),
        "att_ref": ParagraphStyle("att_ref", base, leftIndent=54),
        "index_item": ParagraphStyle("index_item", base, spaceBefore=10),
        "index_att": ParagraphStyle("index_att", base, spaceBefore=2, leftIndent=18),
        "front_label": ParagraphStyle("front_label", base, leading=13),
        "front_value": ParagraphStyle("front_value", base, leading=13),
        "front_body": ParagraphStyle("front_body", base, fontName=BOLD, fontSize=20,
                                     leading=24, spaceAfter=6),
        "front_kind": ParagraphStyle("front_kind", base, fontName=BOLD, fontSize=14,
                                     leading=18, spaceAfter=18),
        "toc_head": ParagraphStyle("toc_head", base, fontName=BOLD, fontSize=12, leading=15,
                                   spaceBefore=30, spaceAfter=6),
        "signature": ParagraphStyle("signature", base, spaceBefore=36),
    }


def para(st: dict, text: str, style: str) -> Paragraph:
    """A Paragraph of plain text (no markup: the text is escaped)."""
    return Paragraph(escape(text), st[style])


class TocLine(Flowable):
    """One Indholdsfortegnelse line: title at the left, page number right-aligned,
    dot leaders between (where leaders is true)."""

    def __init__(self, title: str, page: str, leaders: bool = True):
        super().__init__()
        self.title, self.page, self.leaders = title, page, leaders

    def wrap(self, avail_w, avail_h):
        self.width = avail_w
        return avail_w, 16

    def draw(self):
        c = self.canv
        c.setFont(FONT, 10)
        c.drawString(0, 4, self.title)
        c.drawRightString(self.width, 4, self.page)
        start = c.stringWidth(self.title, FONT, 10) + 4
        end = self.width - c.stringWidth(self.page, FONT, 10) - 4
        dot_w = c.stringWidth(".", FONT, 10)
        n = int((end - start) / dot_w)
        if self.leaders and n > 2:
            c.drawRightString(end, 4, "." * n)


def front_page(st: dict, front: dict, toc: list[tuple[str, str]]) -> list:
    """Front page: body, REFERAT, two-column label/value pairs, Indholdsfortegnelse."""
    out = [para(st, front["body"], "front_body"), para(st, front["kind"], "front_kind")]
    rows = []
    for label, value in front["fields"]:
        values = value if isinstance(value, list) else [value]
        first = para(st, values[0], "front_value") if values else ""
        rows.append([para(st, label, "front_label"), first])
        rows += [["", para(st, v, "front_value")] for v in values[1:]]
    table = Table(rows, colWidths=[VALUE_X - MARGIN_L, BODY_W - (VALUE_X - MARGIN_L)],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    out += [table, para(st, "Indholdsfortegnelse", "toc_head")]
    out.append(TocLine("", "Side", leaders=False))
    out += [TocLine(title, page) for title, page in toc]
    out.append(PageBreak())
    return out


def cell_flowables(st: dict, cell) -> list:
    """A table cell: one Paragraph per string; '• ' lines get a hanging bullet."""
    lines = cell if isinstance(cell, list) else [cell]
    out = []
    for i, text in enumerate(lines):
        if text.startswith("• "):
            style = st["cell_bullet" if i else "cell_bullet0"]
            out.append(Paragraph(escape(text[2:]), style, bulletText="•"))
        else:
            out.append(para(st, text, "cell_gap" if i else "cell"))
    return out


class RuledTable(Table):
    """A Table that never leaves fewer than `keep` rows at the foot of a page (so a
    header row does not stand alone)."""

    keep = 2

    def split(self, avail_w, avail_h):
        parts = super().split(avail_w, avail_h)
        if parts and len(parts[0]._cellvalues) < self.keep:
            return []
        return parts


def ruled_table(st: dict, header, rows, widths) -> Table:
    """A ruled (GRID) table; header row bold on light grey where given."""
    data = []
    if header:
        data.append([para(st, h, "cell_head") for h in header])
    data += [[cell_flowables(st, c) for c in row] for row in rows]
    table = RuledTable(data, colWidths=[w * BODY_W for w in widths], hAlign="LEFT")
    table.keep = 2 if header else 1
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BOX", (0, 0), (-1, -1), 0.75, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)))
    table.setStyle(TableStyle(style))
    return table


def bullet_list(st: dict, items: list, char: str = "•") -> list:
    """Bullet paragraphs; a nested list holds sub-bullets of the item before it.
    char "•" is drawn in Symbol, any other bullet character (e.g. "-") in Helvetica."""
    font = "Symbol" if char == "•" else FONT
    out = []
    for item in items:
        for level, text in ([(2, t) for t in item] if isinstance(item, list) else [(1, item)]):
            base = st["bullet" if level == 1 else "bullet2"]
            style = ParagraphStyle(f"bullet{level}", base, bulletFontName=font,
                                   spaceBefore=6 if not out else base.spaceBefore)
            out.append(Paragraph(escape(text), style, bulletText=char))
    return out


def attachment_list(st: dict, rows) -> list:
    """Bilag list: '1  Åben  Title' with the document number on the next line."""
    out = []
    for number, access, title, ref in rows:
        text = f"{number} {access} {title}" if title else f"{number} {access}"
        out.append(para(st, text, "att"))
        if ref:
            out.append(para(st, ref, "att_ref"))
    return out


# room (pt) a heading needs below the current position, else it goes to the next page:
# h1 with journal/case/access lines, first section heading and two lines; h2 and two lines
KEEP_ROOM = {"h1": 150, "h2": 56}


def render_block(st: dict, block) -> list:
    """The flowables for one content block."""
    kind, args = block[0], block[1:]
    if kind in KEEP_ROOM:
        # like Word's "keep with next": a heading starts a new page unless there is
        # room below it for what belongs to it and a couple of lines of text
        return [CondPageBreak(KEEP_ROOM[kind]), para(st, args[0], kind)]
    if kind in ("p", "pi", "line", "meta", "index_item", "index_att"):
        return [para(st, args[0], kind)]
    if kind == "bullets":
        return bullet_list(st, *args)
    if kind == "table":
        return [Spacer(1, 6), ruled_table(st, *args), Spacer(1, 4)]
    if kind == "attachments":
        return attachment_list(st, args[0])
    if kind == "signature":
        first, *rest = args[0]
        return [para(st, first, "signature")] + [para(st, s, "line") for s in rest]
    if kind == "pagebreak":
        return [PageBreak()]
    raise ValueError(f"unknown block kind {kind!r}")


def page_header(header: str):
    """onPage callback: body and date at the left, 'Side N' at the right, thin rule."""
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(MARGIN_L, HEADER_Y, header)
        canvas.drawRightString(PAGE_W - MARGIN_R, HEADER_Y, f"Side {doc.page}")
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_L, HEADER_Y - 5, PAGE_W - MARGIN_R, HEADER_Y - 5)
        canvas.restoreState()
    return draw


def build_story(content, st: dict) -> list:
    """All flowables of one document: front page (where given), then the body blocks."""
    story = front_page(st, content.FRONT, content.TOC) if content.FRONT else []
    for block in content.BODY:
        story += render_block(st, block)
    return story


def build_pdf(content, path: Path) -> None:
    """Lay out one content module as a PDF at path."""
    layout = {**LAYOUT, **getattr(content, "LAYOUT", {})}
    top = layout["top_margin"]
    doc = BaseDocTemplate(
        str(path), pagesize=A4, leftMargin=MARGIN_L, rightMargin=MARGIN_R,
        topMargin=top, bottomMargin=MARGIN_B, title=content.TITLE,
        author="Norddjurs Kommune", creator="sample_docs/make_pdfs.py", invariant=1,
    )
    frame = Frame(MARGIN_L, MARGIN_B, BODY_W, PAGE_H - top - MARGIN_B, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=page_header(content.HEADER))])
    doc.build(build_story(content, make_styles(layout)))


def load_content(module: str):
    """Import sample_docs/content/<module>.py."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    return importlib.import_module(f"content.{module}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS,
                        help="directory with the seed texts (default: ../shared/seeds)")
    parser.add_argument("--out", type=Path, default=HERE,
                        help="output directory (default: sample_docs/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for stem, module in SEEDS.items():
        seed = args.seeds / f"{stem}.txt"
        shutil.copyfile(seed, args.out / f"{stem}.txt")
        build_pdf(load_content(module), args.out / f"{stem}.pdf")
        print(f"wrote {args.out / stem}.pdf and .txt")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
