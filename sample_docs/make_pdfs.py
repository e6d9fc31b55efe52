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

rl_config.invariant = 1

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_LEFT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

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
MARGIN_T = 70.0
MARGIN_B = 56.7
HEADER_Y = PAGE_H - 36.0
VALUE_X = 150.0  # front page: x of the value column
BODY_W = PAGE_W - MARGIN_L - MARGIN_R

FONT = "Helvetica"
BOLD = "Helvetica-Bold"


def make_styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles used by the blocks."""
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13, alignment=TA_LEFT)
    return {
        "body": base,
        "p": ParagraphStyle("p", base, spaceBefore=6),
        "pi": ParagraphStyle("pi", base, spaceBefore=6, leftIndent=18),
        "line": ParagraphStyle("line", base, spaceBefore=0),
        "meta": ParagraphStyle("meta", base, spaceBefore=0, keepWithNext=1),
        "h1": ParagraphStyle("h1", base, fontName=BOLD, fontSize=12, leading=15,
                             spaceBefore=20, spaceAfter=4, keepWithNext=1),
        "h2": ParagraphStyle("h2", base, fontName=BOLD, spaceBefore=10, keepWithNext=1),
        # bullets are drawn in Symbol: Helvetica encodes "•" as code 127, which text
        # extractors (pdfminer) cannot map back to a character
        "bullet": ParagraphStyle("bullet", base, spaceBefore=1, leftIndent=14, bulletIndent=3,
                                 bulletFontName="Symbol"),
        "bullet2": ParagraphStyle("bullet2", base, spaceBefore=1, leftIndent=32,
                                  bulletIndent=21, bulletFontName="Symbol"),
        "cell": ParagraphStyle("cell", base, fontSize=9, leading=11.5),
        "cell_gap": ParagraphStyle("cell_gap", base, fontSize=9, leading=11.5, spaceBefore=4),
        "cell_head": ParagraphStyle("cell_head", base, fontName=BOLD, fontSize=9, leading=11.5),
        "att": ParagraphStyle("att", base, spaceBefore=6, leftIndent=54, firstLineIndent=-54),
        "att_ref": ParagraphStyle("att_ref", base, leftIndent=54),
        "index_item": ParagraphStyle("index_item", base, spaceBefore=10),
        "index_att": ParagraphStyle("index_att", base, spaceBefore=2, leftIndent=18),
        "front_body": ParagraphStyle("front_body", base, fontName=BOLD, fontSize=20,
                                     leading=24, spaceAfter=6),
        "front_kind": ParagraphStyle("front_kind", base, fontName=BOLD, fontSize=14,
                                     leading=18, spaceAfter=18),
        "front_label": ParagraphStyle("front_label", base, spaceBefore=0),
        "toc_head": ParagraphStyle("toc_head", base, fontName=BOLD, fontSize=12, leading=15,
                                   spaceBefore=30, spaceAfter=6),
        "signature": ParagraphStyle("signature", base, spaceBefore=36),
    }


STYLES = make_styles()


def para(text: str, style: str) -> Paragraph:
    """A Paragraph of plain text (no markup: the text is escaped)."""
    return Paragraph(escape(text), STYLES[style])


class TocLine(Flowable):
    """One Indholdsfortegnelse line: title at the left, page number right-aligned,
    dot leaders between."""

    def __init__(self, title: str, page: str):
        super().__init__()
        self.title, self.page = title, page

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
        if n > 2:
            c.drawRightString(end, 4, "." * n)


def front_page(front: dict, toc: list[tuple[str, str]]) -> list:
    """Front page: body, REFERAT, two-column label/value pairs, Indholdsfortegnelse."""
    out = [para(front["body"], "front_body"), para(front["kind"], "front_kind")]
    rows = []
    for label, value in front["fields"]:
        values = value if isinstance(value, list) else [value]
        rows.append([para(label, "front_label"), para(values[0], "line") if values else ""])
        rows += [["", para(v, "line")] for v in values[1:]]
    table = Table(rows, colWidths=[VALUE_X - MARGIN_L, BODY_W - (VALUE_X - MARGIN_L)],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    out += [table, para("Indholdsfortegnelse", "toc_head")]
    out += [TocLine(title, page) for title, page in toc]
    out.append(PageBreak())
    return out


def cell_flowables(cell) -> list:
    """A table cell: one Paragraph per string; '• ' lines get a hanging bullet."""
    lines = cell if isinstance(cell, list) else [cell]
    out = []
    for i, text in enumerate(lines):
        if text.startswith("• "):
            style = ParagraphStyle("cb", STYLES["cell"], leftIndent=9, bulletIndent=0,
                                   bulletFontName="Symbol", spaceBefore=1 if i else 0)
            out.append(Paragraph(escape(text[2:]), style, bulletText="•"))
        else:
            out.append(para(text, "cell_gap" if i else "cell"))
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


def ruled_table(header, rows, widths) -> Table:
    """A ruled (GRID) table; header row bold on light grey where given."""
    data = []
    if header:
        data.append([Paragraph(escape(h), STYLES["cell_head"]) for h in header])
    data += [[cell_flowables(c) for c in row] for row in rows]
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


def bullet_list(items: list, char: str = "•") -> list:
    """Bullet paragraphs; a nested list holds sub-bullets of the item before it.
    char "•" is drawn in Symbol, any other bullet character (e.g. "-") in Helvetica."""
    font = "Symbol" if char == "•" else FONT
    out = []
    for item in items:
        for level, text in ([(2, t) for t in item] if isinstance(item, list) else [(1, item)]):
            base = STYLES["bullet" if level == 1 else "bullet2"]
            style = ParagraphStyle(f"bullet{level}", base, bulletFontName=font,
                                   spaceBefore=6 if not out else base.spaceBefore)
            out.append(Paragraph(escape(text), style, bulletText=char))
    return out


def attachment_list(rows) -> list:
    """Bilag list: '1  Åben  Title' with the document number on the next line."""
    out = []
    for number, access, title, ref in rows:
        text = f"{number}\u00a0\u00a0{access}\u00a0\u00a0{title}" if title else f"{number} {access}"
        out.append(para(text, "att"))
        if ref:
            out.append(para(ref, "att_ref"))
    return out


def render_block(block) -> list:
    """The flowables for one content block."""
    kind, args = block[0], block[1:]
    if kind in ("h1", "h2", "p", "pi", "line", "meta", "index_item", "index_att"):
        return [para(args[0], kind)]
    if kind == "bullets":
        return bullet_list(*args)
    if kind == "table":
        return [Spacer(1, 6), ruled_table(*args), Spacer(1, 4)]
    if kind == "attachments":
        return attachment_list(args[0])
    if kind == "signature":
        first, *rest = args[0]
        return [para(first, "signature")] + [para(s, "line") for s in rest]
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


def build_pdf(content, path: Path) -> None:
    """Lay out one content module as a PDF at path."""
    doc = BaseDocTemplate(
        str(path), pagesize=A4, leftMargin=MARGIN_L, rightMargin=MARGIN_R,
        topMargin=MARGIN_T, bottomMargin=MARGIN_B, title=content.TITLE,
        author="Norddjurs Kommune", creator="sample_docs/make_pdfs.py", invariant=1,
    )
    frame = Frame(MARGIN_L, MARGIN_B, BODY_W, PAGE_H - MARGIN_T - MARGIN_B, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=page_header(content.HEADER))])
    story = []
    if content.FRONT:
        story += front_page(content.FRONT, content.TOC)
    for block in content.BODY:
        story += render_block(block)
    doc.build(story)


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
