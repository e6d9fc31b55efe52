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
