"""Source lines → rows: the non-blank, non-furniture lines with their plain text and cells.

A row keeps its source line number. `brk` says a paragraph ends before it: a blank line in
plain text (two, or one holding spaces, in a double-spaced layout extraction), a vertical gap
in a PDF. Cells come from tabs, pipe tables and PDF table rows. A row's text is in NFC: text
copied from macOS (or a PDF) may spell å as a and a combining ring; the source lines stay as written.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from workbench.model import SourceText
from workbench.parse.textutil import clean, strip_markup

_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")


@dataclass
class Row:
    no: int
    raw: str
    text: str
    cells: list[str] | None = None
    bold: bool = False
    size: float | None = None
    x0: float | None = None
    x1: float | None = None
    right: float | None = None  # the page's right text edge, for "does this line wrap?"
    indent: int = 0
    brk: bool = False
    page: int | None = None
    heading_like: bool = False  # set apart: bold or larger than the body text
    cell_x: tuple[float, ...] = ()  # PDF: where each cell starts
    continues_cell: int | None = None  # PDF: a line under a cell of the row above, continuing that cell
    cell_x_of_row: tuple[float, ...] = ()  # the cell starts of the table row it continues
    parts: list[str] = field(default_factory=list)  # segments split by markup (`*Åben Sag*`)

    @property
    def span(self) -> tuple[int, int]:
        return (self.no, self.no)


def _cells(raw: str) -> list[str] | None:
    if "\t" in raw:
        cells = [strip_markup(c) for c in raw.split("\t")]
        while cells and cells[-1] == "" and len(cells) > 2:
            cells.pop()
        return cells
    stripped = raw.strip()
    if stripped.count("|") >= 2 and (stripped.startswith("|") or stripped.startswith("- |")):
        inner = stripped[2:] if stripped.startswith("- |") else stripped
        inner = inner.strip().strip("|")
        return [strip_markup(c) for c in inner.split("|")]
    return None


def double_spaced(lines: list[str]) -> bool:
    """A layout extraction that puts a blank line after every line of text (which it wrapped)."""
    content = [i for i, t in enumerate(lines) if t.strip()]
    if len(content) < 20:
        return False
    one_gap = sum(1 for a, b in zip(content, content[1:]) if b - a == 2 and lines[a + 1] == "")
    lengths = sorted(len(lines[i]) for i in content)
    wrapped = lengths[int(len(lengths) * 0.95)] <= 120  # a layout's lines are wrapped; paragraphs are not
    return one_gap > 0.6 * (len(content) - 1) and wrapped


def build_rows(source: SourceText) -> list[Row]:
    rows: list[Row] = []
    texts = [ln.text for ln in source.lines]
    spaced = source.format != "pdf" and double_spaced(texts)
    sizes = [ln.size for ln in source.lines if ln.size and not ln.furniture]
    body_size = sorted(sizes)[len(sizes) // 2] if sizes else None
    right_edge: dict[int | None, float] = {}
    for line in source.lines:
        if line.x1 is not None and not line.furniture and not line.joined:
            right_edge[line.page] = max(right_edge.get(line.page, 0.0), line.x1)
    blank_run = 0
    spaced_blank = False
    # a line split in review holds "left\nright": one row per part, all with the line's number
    for line, raw in ((ln, part) for ln in source.lines for part in ln.text.split("\n")):
        if not raw.isascii():
            raw = unicodedata.normalize("NFC", raw)
        if not raw.strip() or line.furniture:
            if not line.furniture:
                blank_run += 1
                spaced_blank = spaced_blank or raw != ""
            continue
        if _PIPE_RULE.match(raw) and "-" in raw:
            continue
        cells = _cells(raw)
        if cells is not None and not any(cells):
            continue
        if source.format == "pdf":
            brk = line.gap_before
            after_furniture = line.no >= 2 and source.lines[line.no - 2].furniture
            if rows and (rows[-1].page != line.page or after_furniture):
                # across a page break (or a header): the paragraph goes on unless the last one ended
                brk = bool(re.search(r"[.!?:]\s*$", rows[-1].text)) and not text_starts_lower(raw)
        elif spaced:
            brk = blank_run >= 2 or spaced_blank
        else:
            brk = blank_run >= 1
        text = clean(raw) if cells is None else " ".join(c for c in cells if c)
        parts = [p.strip() for p in re.split(r"\*+|_{2,}", raw) if p.strip()] if "*" in raw or "__" in raw else []
        larger = bool(body_size and line.size and line.size > body_size + 0.9)
        rows.append(Row(
            no=line.no, raw=raw, text=text, cells=cells if cells and len(cells) >= 2 else None,
            bold=line.bold, size=line.size, x0=line.x0, x1=line.x1, right=right_edge.get(line.page),
            indent=len(raw) - len(raw.lstrip(" ")), brk=brk or not rows, page=line.page,
            heading_like=line.bold or larger, parts=parts, cell_x=line.cell_x,
        ))
        blank_run = 0
        spaced_blank = False
    return rows


def text_starts_lower(raw: str) -> bool:
    stripped = raw.lstrip()
    return bool(stripped) and stripped[0].islower()


def wraps(prev: Row, nxt: Row) -> bool:
    """PDF: does `nxt` continue `prev` as the same paragraph? It must start no further left than
    `prev`, and its first word must not have fit in the room left at the end of `prev`."""
    if prev.x1 is None or nxt.x0 is None or not prev.right or nxt.brk:
        return False
    if nxt.x0 < (prev.x0 or 0) - 3:
        return False
    first = nxt.text.split()[0] if nxt.text.split() else ""
    per_char = 0.5 * (nxt.size or 10.0)
    if nxt.x1 is not None and len(nxt.text) >= 8 and "\t" not in nxt.text:  # the font's own width, measured
        per_char = max(per_char, (nxt.x1 - nxt.x0) / len(nxt.text))
    return prev.x1 + per_char * (len(first) + 1) >= prev.right
