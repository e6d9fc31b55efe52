"""The block walk that both producers share: a content module and a family -> layout elements.

A content module (sample_docs/content/seed00N.py) holds a referat as layout blocks; this
module turns those blocks into a flat list of layout elements (elements.py), with every
textual choice of the family already made (how an item heading, a case number, a decision
heading, a Bilag list or a front page is worded; the last ones in forms.py). The renderers
(render_reportlab.py, render_fpdf.py) only know how to put these elements on a page.

Every value the gold records check is kept; only its form changes (see families.py).
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from layouts.elements import Break, Grid, Keep, Meeting, Para, Space, meeting_of
from layouts.forms import (ITEM, attachment_from_row, attachment_from_tuple, attachment_list,
                           front_page, index_lines, signatures)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SAMPLES = REPO / "sample_docs"

DECISION = re.compile(r"^Beslutning i (.+?) den (\d\d)-(\d\d)-(\d{4})$")
JOURNAL = re.compile(r"^\d\d\.\d\d\.\d\d\.[A-ZÆØÅ0-9]\d\d$")
CASE = re.compile(r"^\d\d/\d{3,6}$")

__all__ = ["walk", "meeting_of", "load_seed", "seed_stems", "SAMPLES"]


def make_pdfs():
    """sample_docs/make_pdfs.py, imported (its SEEDS map and load_content helper)."""
    if str(SAMPLES) not in sys.path:
        sys.path.insert(0, str(SAMPLES))
    import make_pdfs as module
    return module


def seed_stems() -> list[str]:
    return list(make_pdfs().SEEDS)


def load_seed(stem: str):
    mp = make_pdfs()
    return mp.load_content(mp.SEEDS[stem])


# ---------------------------------------------------------------- the walk
def walk(content, fam) -> list:
    """All layout elements of one document in the family's wording."""
    meeting = meeting_of(content)
    out: list = front_page(content, meeting, fam) if content.FRONT else []
    body = content.BODY
    i, under = 0, None  # under: the section heading the blocks stand in
    while i < len(body):
        kind, args = body[i][0], body[i][1:]
        j = i + 1
        while kind in ("attachments", "index_att", "signature") and j < len(body) and body[j][0] == kind:
            j += 1  # a run of the same kind is laid out together
        run = [b[1] for b in body[i:j] if len(b) > 1]
        if kind == "h1":
            while j < len(body) and body[j][0] == "meta":
                j += 1
            out += item_heading(args[0], [b[1] for b in body[i + 1:j]], fam)
            under = None
        elif kind == "h2":
            out += section_heading(args[0], meeting, fam)
            under = args[0]
        elif kind in ("p", "pi", "line", "meta"):
            out.append(Para(kind, args[0]))
        elif kind == "index_item":
            text = args[0]
            match = ITEM.match(text)
            if fam.index == "punkt" and match:
                text = f"Punkt {match[1]}: {match[2]}"
            out.append(Para("index_item", text))
        elif kind == "index_att":
            out += index_lines(run, fam)
        elif kind == "bullets":
            out += bullet_list(args[0], args[1] if len(args) > 1 else "•", fam)
        elif kind == "table" and under == "Bilag:":
            out += attachment_list([attachment_from_row(r) for r in args[1]], fam)
        elif kind == "table":
            out += [Space(6), table(*args, fam), Space(4)]
        elif kind == "attachments":
            out += attachment_list([attachment_from_tuple(r) for rows in run for r in rows], fam)
        elif kind == "signature":
            out += signatures(run, fam)
        elif kind == "pagebreak":
            out.append(Break())
        else:
            raise ValueError(f"unknown block kind {kind!r}")
        i = j
    return out


def item_heading(text: str, metas: list[str], fam) -> list:
    out: list = [Keep(fam.keep_h1)] if fam.keep_h1 else []
    match = ITEM.match(text)
    if match and fam.item == "grid":  # the number in a column of its own, no dot
        out.append(Grid([[[(None, match[1])], [(None, match[2])]]], [0.07, 0.93], role="h1"))
    elif match:
        out.append(Para("h1", fam.item.format(n=match[1], title=match[2])))
    else:
        out.append(Para("h1", text))  # no number (seed 004), Bilagsoversigt, Underskriftsside
    parts = {}
    for meta in metas:
        if JOURNAL.match(meta):
            parts["j"] = fam.journal_label + meta
        elif CASE.match(meta):
            parts["c"] = fam.case_label + meta
        else:
            parts["a"] = fam.access.get(meta, meta)
    texts = [parts[k] for k in fam.meta_order if k in parts]
    if fam.meta_join and texts:
        out.append(Para("meta", fam.meta_join.join(texts)))
    else:
        out += [Para("meta", t) for t in texts]
    return out


def section_heading(text: str, meeting: Meeting, fam) -> list:
    keep = [Keep(fam.keep_h2)] if fam.keep_h2 else []
    match = DECISION.match(text)
    if match:
        day = dt.date(int(match[4]), int(match[3]), int(match[2]))
        values = Meeting(body=match[1], date=day).values(fam)
        head, _, line = fam.decision.format(**values).partition("\n")
        return keep + [Para("h2", head)] + ([Para("dec_line", line)] if line else [])
    if text == "Bilag:":
        return keep + [Para("h2", fam.bilag_heading)]
    return keep + [Para("h2", text + fam.h2_suffix)]


def bullet_char(char: str, fam, level: int) -> str:
    """The content's "-" lists keep "-" (the gold reads them); "•" lists take the family's."""
    if char == "-":
        return "-"
    return fam.bullet if level == 1 else fam.bullet2


def bullet_list(items: list, char: str, fam) -> list:
    out = []
    for item in items:
        for level, text in ([(2, t) for t in item] if isinstance(item, list) else [(1, item)]):
            out.append(Para(f"bullet{level}", text, bullet=bullet_char(char, fam, level)))
    return out


def cell_paras(cell, fam) -> list:
    lines = cell if isinstance(cell, list) else [cell]
    out = []
    for text in lines:
        if text.startswith("• "):
            out.append((bullet_char("•", fam, 1), text[2:]))
        elif text:
            out.append((None, text))
    return out


def table(header, rows, widths, fam) -> Grid:
    data = ([[[(None, h)] if h else [] for h in header]] if header else [])
    data += [[cell_paras(c, fam) for c in row] for row in rows]
    return Grid(data, list(widths), style=fam.table, header=bool(header), split=fam.split_rows,
                shade=fam.table_shade, repeat=fam.repeat_header)
