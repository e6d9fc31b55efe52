"""PDFs through pdfplumber: visual lines in reading order, with page, position and font.

Words are grouped into lines by their vertical position; within a line, text set apart by a
wide gap (a label and its value, two columns of names, a right-aligned page number) is kept
apart as tab-separated cells. A ruled table (pdfplumber's `find_tables`) gives one line per
row, its cells separated by tabs. Each page is closed as soon as it is read, so memory stays
flat however long the document is. The pages are read in child processes (`pages.py`).
"""
from __future__ import annotations

from workbench.i18n import _

import re
import statistics
import unicodedata
from pathlib import Path

from workbench.errors import InputError
from workbench.model import ReadProblem, SourceLine

EXTRACTOR_VERSION = 1  # raise it when a change here or in turned.py/damage.py reads the same PDF differently
BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.IGNORECASE)


def open_pdf(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    name = str(path)
    try:
        pdf = pdfplumber.open(path)
        len(pdf.pages)  # reading the page tree finds most damage
        return pdf
    except Exception as exc:  # pdfplumber wraps pdfminer's many kinds of failure
        causes = [exc, *exc.args, exc.__cause__, exc.__context__]
        if any(isinstance(c, MemoryError) for c in causes):
            raise MemoryError from None
        if any(isinstance(c, PDFPasswordIncorrect) for c in causes) or "password" in str(exc).lower():
            raise InputError(_('{name}: the PDF is encrypted and needs a password').format(name=name)) from None
        detail = next((str(c) for c in causes if isinstance(c, BaseException) and str(c)), type(exc).__name__)
        raise InputError(_('{name}: the PDF is damaged or cut off ({detail})').format(name=name, detail=detail)) from None


def read_one(pdf, index: int, log, name: str) -> tuple[list[SourceLine], int, int, list[ReadProblem], list[ReadProblem], str | None]:
    """Page `index` (0-based) of an open PDF: its lines, characters and images counted, what its reading
    lost (`damage.py`), pdfminer's complaints while it was read (`log`), and, for a page that could not
    be read at all, the one line that says so. The page is closed as soon as it is read. Raises
    InputError or MemoryError for what ends the whole document."""
    from workbench.ingest import damage

    number = index + 1
    found: list[ReadProblem] = []
    page_lines: list[SourceLine] = []
    n_chars = n_images = 0
    failure = None
    try:
        page = pdf.pages[index]
        found += damage.page_problems(page.page_obj, number)
        page_lines, n_chars = read_page(page, number, found)
        found += damage.text_problems(page.chars, number, [ln.text for ln in page_lines])
        n_images = len(page.images)
    except (InputError, MemoryError):
        raise
    except Exception as exc:
        if any(isinstance(c, MemoryError) for c in (exc.__cause__, exc.__context__, *exc.args)):
            raise MemoryError from None  # pdfplumber wraps it (PdfminerException)
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:100]
        failure = f"{name}: page {number} of the PDF cannot be read ({detail})"
        page_lines, n_chars, n_images = [], 0, 0
        found = [ReadProblem(f"page {number} could not be read ({detail}): {damage.MISSING}", page=number)]
    finally:
        try:
            pdf.pages[index].close()
        except Exception:
            pass
    return page_lines, n_chars, n_images, found, log.problems(number), failure


def read_page(page, number: int, problems: list | None = None) -> tuple[list[SourceLine], int]:
    """A page's lines in reading order. A page whose text runs sideways or upside down is read with its
    characters turned upright (`turned.py`); text set another way is added to `problems`."""
    from workbench.ingest.turned import turn_upright

    n_chars = len(page.chars)
    if n_chars == 0:
        return [], 0
    turned, found = turn_upright(page.chars, float(page.width), float(page.height), number)
    if problems is not None:
        problems.extend(found)
    options = {"extra_attrs": ["fontname", "size"], "x_tolerance": 2, "y_tolerance": 2}
    if turned is not None:  # ruled tables are not looked for on a turned page: its rules are turned too
        from pdfplumber.utils import extract_words

        words = _typeset_words(extract_words(turned, **options))
        lines = _text_lines(words, number)
        lines.sort(key=lambda ln: (ln.top, ln.x0))
        _mark_gaps(lines)
        return lines, n_chars
    rules = [obj for obj in page.lines + page.rects if _visible(obj)]
    tables = page.find_tables({
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": rules,
        "explicit_horizontal_lines": rules,
    }) if len(rules) >= 4 else []
    boxes = [t.bbox for t in tables]
    words = _typeset_words(page.extract_words(**options))
    loose = [w for w in words if not any(_inside(w, box) for box in boxes)]
    lines = _text_lines(loose, number)
    for table, box in zip(tables, boxes):
        lines.extend(_table_lines(table, [w for w in words if _inside(w, box)], number))
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    _mark_gaps(lines)
    return lines, n_chars


# ---------------------------------------------------------------- typesetting undone
_LIGATURES = re.compile("[\ufb00-\ufb06]")          # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
_SPACES = re.compile("[\u00a0\u2007\u202f]")         # no-break, figure and narrow no-break spaces


def _typeset_words(words: list[dict]) -> list[dict]:
    """Undo what typesetting puts into the characters: a ligature glyph back into its letters
    (NFKC on those code points only: "ﬁ" → "fi"), a soft hyphen dropped inside a word and read
    as "-" where it ends the word (a line broken there), no-break spaces read as spaces."""
    out = []
    for w in words:
        text = w["text"]
        if _LIGATURES.search(text):
            text = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
        if "\u00ad" in text:
            text = text[:-1].replace("\u00ad", "") + ("-" if text.endswith("\u00ad") else text[-1])
        if _SPACES.search(text):
            text = _SPACES.sub(" ", text).strip()
        if text != w["text"]:
            w = {**w, "text": text}
        if text:
            out.append(w)
    return out


def _touching(prev: dict, word: dict, size: float) -> bool:
    """Two words with no space between them: one word whose letters changed font mid-way (a
    ligature or a letter from a fallback font, a bold prefix), which pdfplumber splits."""
    return word["x0"] - prev["x1"] < 0.12 * size


def _stretched(gaps: list[float], size: float) -> bool:
    """Justified text: the spaces of a line stretched alike, however wide, are spaces, not cell gaps."""
    return len(gaps) >= 3 and max(gaps) - min(gaps) <= max(1.0, 0.1 * size)


def _white(color) -> bool:
    if color is None:
        return False
    values = color if isinstance(color, (tuple, list)) else (color,)
    if len(values) == 4:  # CMYK: white is no ink at all
        return all(v == 0 for v in values)
    return all(isinstance(v, (int, float)) and v >= 0.95 for v in values)


def _visible(obj: dict) -> bool:
    """A rule that a reader sees: a stroked or dark-filled line or rectangle, not a white box."""
    if obj.get("object_type") == "line":
        return not _white(obj.get("stroking_color"))
    stroked = obj.get("stroke") and not _white(obj.get("stroking_color"))
    filled = obj.get("fill") and not _white(obj.get("non_stroking_color"))
    return bool(stroked or filled)


def _inside(word: dict, box: tuple) -> bool:
    x0, top, x1, bottom = box
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _text_lines(words: list[dict], page: int) -> list[SourceLine]:
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    groups: list[list[dict]] = []
    for word in words:
        if groups:
            last = groups[-1]
            ref = last[0]
            tol = max(2.0, 0.35 * ref["size"])
            if abs(word["top"] - ref["top"]) <= tol or abs(word["bottom"] - ref["bottom"]) <= tol:
                last.append(word)
                continue
        groups.append([word])
    return [_line_of(sorted(g, key=lambda w: w["x0"]), page) for g in groups]


def _line_of(words: list[dict], page: int) -> SourceLine:
    size = statistics.median(w["size"] for w in words)
    gap_cell = max(10.0, 1.6 * size)
    gaps = [w["x0"] - p["x1"] for p, w in zip(words, words[1:]) if not _touching(p, w, size)]
    if _stretched(gaps, size):
        gap_cell = float("inf")
    parts: list[str] = []
    starts = [words[0]["x0"]]
    current = [words[0]["text"]]
    for prev, word in zip(words, words[1:]):
        if _touching(prev, word, size):
            current[-1] += word["text"]
            continue
        if word["x0"] - prev["x1"] > gap_cell:
            parts.append(" ".join(current))
            current = []
            starts.append(word["x0"])
        current.append(word["text"])
    parts.append(" ".join(current))
    bold_chars = sum(len(w["text"]) for w in words if BOLD.search(w["fontname"]))
    total = sum(len(w["text"]) for w in words)
    return SourceLine(
        no=0,
        text="\t".join(parts),
        page=page,
        x0=min(w["x0"] for w in words),
        top=min(w["top"] for w in words),
        x1=max(w["x1"] for w in words),
        bottom=max(w["bottom"] for w in words),
        bold=bold_chars * 2 > total,
        size=round(size, 1),
        cell_x=tuple(round(x, 1) for x in starts) if len(starts) > 1 else (),
    )


def _table_lines(table, words: list[dict], number: int) -> list[SourceLine]:
    """One line per table row, its cells' text (from the words already extracted) joined by tabs."""
    out = []
    for row in table.rows:
        texts = []
        inside: list[dict] = []
        for cell in row.cells:
            if cell is None:
                texts.append("")
                continue
            mine = [w for w in words if _inside(w, cell)]
            inside += mine
            mine.sort(key=lambda w: (round(w["top"]), w["x0"]))
            texts.append(" ".join(w["text"] for w in mine))
        if not any(texts):
            continue
        x0, top, x1, bottom = row.bbox
        bold = sum(len(w["text"]) for w in inside if BOLD.search(w["fontname"])) * 2 > sum(len(w["text"]) for w in inside)
        size = statistics.median(w["size"] for w in inside) if inside else None
        starts = tuple(round(cell[0], 1) for cell in row.cells if cell is not None)
        out.append(SourceLine(no=0, text="\t".join(texts), page=number, x0=x0, top=top, x1=x1, bottom=bottom,
                              bold=bold, size=round(size, 1) if size else None, joined=True,
                              cell_x=starts if len(starts) == len(texts) and len(starts) > 1 else ()))
    return out


def _wrapped_gap(lines: list[SourceLine]) -> float | None:
    """The space between the lines of a paragraph, from lines that wrap (a line that fills the
    measure, followed by one of the same size): the page's other spacings may be more common (a
    list set tighter than its paragraphs), but this one says what a paragraph gap is not."""
    right = max((ln.x1 for ln in lines), default=0.0)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])
            if b.top > a.bottom and a.size and a.size == b.size and not a.cell_x and a.x1 >= right - 2.5 * a.size
            and abs(b.x0 - a.x0) < 1.0]
    return statistics.median(gaps) if len(gaps) >= 3 else None


def _mark_gaps(lines: list[SourceLine]) -> None:
    """A paragraph gap: clearly more space above a line than between the lines of a paragraph."""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom]
    usual = _wrapped_gap(lines) or (statistics.median(gaps) if gaps else 0.0)
    for prev, line in zip(lines, lines[1:]):
        size = line.size or 10.0
        line.gap_before = (line.top - prev.bottom) > usual + 0.35 * size
    if lines:
        lines[0].gap_before = True
