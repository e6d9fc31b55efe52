"""Small PDFs for tests, drawn with reportlab (a dev dependency): text, tables, headers, flaws."""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def text_pdf(path: Path, pages: list[list[tuple[str, str]]], header: str | None = None, encrypt: str | None = None,
             two_column: list[tuple[str, str]] | None = None) -> Path:
    """Each page: a list of (style, text), style "h" (bold 12pt), "b" (bold 10pt) or "p" (10pt).
    `header` is drawn at the top of every page with "Side N" at the right."""
    kwargs = {"invariant": 1}
    if encrypt is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(encrypt, ownerPassword="owner")
    c = canvas.Canvas(str(path), pagesize=A4, **kwargs)
    width, height = A4
    for n, page in enumerate(pages, 1):
        if header:
            c.setFont("Helvetica", 8)
            c.drawString(56, height - 40, header)
            c.drawRightString(width - 56, height - 40, f"Side {n}")
        y = height - 80
        if n == 1 and two_column:
            for label, value in two_column:
                c.setFont("Helvetica", 10)
                c.drawString(56, y, label)
                c.drawString(160, y, value)
                y -= 14
            y -= 8
        for style, text in page:
            font, size = {"h": ("Helvetica-Bold", 12), "b": ("Helvetica-Bold", 10), "p": ("Helvetica", 10)}[style]
            if style != "p":
                y -= 6
            c.setFont(font, size)
            c.drawString(56, y, text)
            y -= size + 4
        c.showPage()
    c.save()
    return path


def image_only_pdf(path: Path, pages: int = 2) -> Path:
    """A 'scan': pages with drawn shapes and no text layer."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        c.rect(100, 100, 300, 500, fill=1)
        c.showPage()
    c.save()
    return path


def grid_rows(c, x: float, y: float, widths: list[float], rows: list[list[str]], height: float = 16) -> float:
    """Draw ruled rows (a table) from y downwards; returns the y below them."""
    for row in rows:
        c.setLineWidth(0.7)
        c.rect(x, y - height, sum(widths), height, stroke=1, fill=0)
        cx = x
        for w, cell in zip(widths, row):
            c.line(cx, y, cx, y - height)
            c.setFont("Helvetica", 9)
            c.drawString(cx + 3, y - height + 5, cell)
            cx += w
        y -= height
    return y


def page_break_pdf(path: Path) -> Path:
    """A table row and a paragraph, each cut in two by a page break, under a header on every page."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4

    def header(n: int) -> None:
        c.setFont("Helvetica", 8)
        c.drawString(56, height - 40, "Direktionen 29-01-2025")
        c.drawRightString(width - 56, height - 40, f"Side {n}")

    def lines(y: float, items: list[tuple[str, str]]) -> float:
        for style, text in items:
            c.setFont("Helvetica-Bold" if style != "p" else "Helvetica", 12 if style == "h" else 10)
            y -= 8 if style != "p" else 0
            c.drawString(56, y, text)
            y -= 16
        return y

    header(1)
    y = lines(height - 90, [("h", "1. Sager til behandling"), ("p", "Åben sag"), ("b", "Sagsfremstilling"),
                            ("p", "Direktionen har følgende punkter til behandling:")])
    y = grid_rows(c, 56, y, [60, 400], [["Tid", "Punkt"], ["9.00", "Ankomst"]])
    grid_rows(c, 56, 86, [60, 400], [["10.00", "Kommunikation af fælles indsatser, hvor Vivian deltager under"]])
    c.showPage()
    header(2)
    y = grid_rows(c, 56, height - 70, [60, 400], [["", "behandlingen af punktet."], ["11.00", "Frokost"]])
    lines(y - 10, [("b", "Indstilling")])
    c.setFont("Helvetica", 10)
    c.drawString(56, 70, "Direktionen drøfter planen og")
    c.showPage()
    header(3)
    c.setFont("Helvetica", 10)
    c.drawString(56, height - 80, "beslutter den videre proces.")
    c.showPage()
    c.save()
    return path
