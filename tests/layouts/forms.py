"""The family's forms of the parts around the items' text: Bilag lists, the Bilagsoversigt,
signatures, the front page and the Indholdsfortegnelse (used by walk.py)."""
from __future__ import annotations

import re

from layouts.elements import Break, Grid, Meeting, Para, Rule, Space, TocLine, fmt_time

ITEM = re.compile(r"^(\d{1,3})\.\s+(.+)$")
INDEX_ATT = re.compile(r"^(\d{1,3})\.\s+(.*?)(?:\s+\((\d{3,6}/\d\d)\))?$")


# ---------------------------------------------------------------- Bilag lists
def attachment_from_tuple(row) -> dict:
    number, access, title, ref = row
    return {"number": str(number), "access": access, "title": title, "ref": ref, "docid": None}


def attachment_from_row(row) -> dict:
    """A row of a Bilag table (seed 003: number, access, title, ref; seed 004: "1 -" over a
    document id, access, title, "(ref)" or "()", "(H)")."""
    number = row[0] if isinstance(row[0], str) else row[0][0]
    docid = row[0][1] if isinstance(row[0], list) else None
    ref = row[3].strip("()") or None
    return {"number": number.rstrip(" -"), "access": row[1], "title": row[2], "ref": ref, "docid": docid}


def attachment_list(atts: list[dict], fam) -> list:
    """The Bilag list in the family's form. The column forms keep a document id (seed 004)
    under the number; the line forms leave it out (the gold does not read it)."""
    form, out = fam.attachments, []
    if form in ("columns", "table"):
        rows = [[[(None, a["number"] + ("." if form == "columns" else ""))] + ([(None, a["docid"])] if a["docid"] else []),
                 [(None, a["access"])],
                 [(None, a["title"])] if a["title"] else [], [(None, a["ref"])] if a["ref"] else []]
                for a in atts]
        if form == "table":
            rows.insert(0, [[(None, h)] for h in ("Nr.", "Adgang", "Titel", "Dok.nr.")])
        widths = [0.12, 0.1, 0.58, 0.2] if any(a["docid"] for a in atts) else [0.07, 0.1, 0.63, 0.2]
        return [Grid(rows, widths, style="plain" if form == "columns" else "ruled",
                     header=form == "table", shade=True, split=fam.split_rows)]
    for a in atts:
        n, acc, title, ref = a["number"], a["access"], a["title"], a["ref"]
        closed = acc == "Lukket"
        if form == "edoc":
            out.append(Para("att", f"{n} {acc} {title}" if title else f"{n} {acc}"))
            if ref:
                out.append(Para("att_sub", ref))
        elif form == "numbered":  # open is what is not marked closed
            text = f"{n}. {title}" if title else f"{n}."
            out.append(Para("att", text + (f" ({ref})" if ref else "") + (" (Lukket bilag)" if closed else "")))
        elif form == "bilag_n":
            if not title:  # a closed attachment without a title says so and no more
                out.append(Para("att", f"Bilag {n}: ({'Lukket' if closed else 'Åbent'} bilag)"))
                continue
            out.append(Para("att", f"Bilag {n}: {title}"))
            sub = "Lukket bilag" if closed else "Åbent bilag"
            out.append(Para("att_sub", sub + (f", dok.nr. {ref}" if ref else "")))
        elif form == "bilag_paren":  # "Bilag 1: Title (åben)" over "Dok.nr. 21037/25"
            word = "lukket" if closed else "åben"
            out.append(Para("att", f"Bilag {n}: {title} ({word})" if title else f"Bilag {n}: ({word})"))
            if ref:
                out.append(Para("att_sub", f"Dok.nr. {ref}"))
        elif form == "paren":  # "1) Title (21037/25)", a closed one "(Fortroligt)"
            text = f"{n}) {title}" if title else f"{n})"
            out.append(Para("att", text + (f" ({ref})" if ref else "") + (" (Fortroligt)" if closed else "")))
        elif form == "dash_line":
            out.append(Para("att", f"{n} - {acc}" + (f" - {title}" if title else "") + (f" ({ref})" if ref else "")))
        else:
            raise ValueError(f"unknown attachment form {form!r}")
    return out


def index_lines(lines: list[str], fam) -> list:
    """Bilagsoversigt attachment lines ("1. Title (21037/25)", "1. (Lukket bilag)")."""
    if fam.index == "columns":
        rows = []
        for text in lines:
            m = INDEX_ATT.match(text)
            rows.append([[(None, m[1] + ".")], [(None, m[2])], [(None, m[3])] if m[3] else []])
        return [Grid(rows, [0.08, 0.72, 0.2], split=fam.split_rows, role="index_cell")]
    if fam.index == "punkt":
        return [Para("index_att", ITEM.sub(r"Bilag \1: \2", t)) for t in lines]
    return [Para("index_att", t) for t in lines]


# ---------------------------------------------------------------- signatures
def split_signature(lines: list[str]) -> tuple[str, str]:
    title, _, name = " ".join(lines).partition(" ")
    return title, name


def signatures(sigs: list[list[str]], fam) -> list:
    form, out = fam.signature, []
    if form == "columns":  # two signatures side by side, a line to sign on above each
        rows = []
        for k in range(0, len(sigs), 2):
            pair = [split_signature(s) for s in sigs[k:k + 2]]
            cells = [[(None, t), (None, n)] for t, n in pair] + [[]] * (2 - len(pair))
            rows.append([cells[0], [], cells[1]])
        return [Space(24), Grid(rows, [0.42, 0.1, 0.42], style="sigtop", role="sig_cell")]
    for lines in sigs:
        if form == "lines":
            out += [Para("sig", lines[0])] + [Para("line", t) for t in lines[1:]]
        elif form == "ruled":
            out += [Rule()] + [Para("sig_after", lines[0])] + [Para("line", t) for t in lines[1:]]
        elif form == "name_title":
            title, name = split_signature(lines)
            out += [Rule(), Para("sig_after", name), Para("line", title)]
        else:
            raise ValueError(f"unknown signature form {form!r}")
    return out


# ---------------------------------------------------------------- front page and TOC
def front_value(kind: str, m: Meeting, fam):
    if kind == "weekday":
        return m.date_text  # the document's own "Onsdag den 29. januar 2025"
    if kind in ("dot", "dash", "long"):
        return m.values(fam)[kind]
    if kind in ("start", "end"):
        return fmt_time(getattr(m, kind), fam.time_fmt)
    if kind == "range":
        return fam.range_fmt.format(s=fmt_time(m.start, fam.time_fmt), e=fmt_time(m.end, fam.time_fmt))
    return {"place": m.place, "members": m.members, "absent": m.absent}[kind]


def front_page(content, m: Meeting, fam) -> list:
    kind_word = fam.kind_word
    if fam.front_title == "stack":
        out = [Para("front_body", m.body), Para("front_kind", kind_word)]
    elif fam.front_title == "kind_first":
        out = [Para("front_kind", kind_word), Para("front_body", m.body)]
    else:  # one line
        out = [Para("front_body", f"{kind_word} - {m.body}")]
    rows, bold, cols = [], set(), fam.members_cols
    for label, kind in fam.front_fields:
        value = front_value(kind, m, fam)
        values = value if isinstance(value, list) else [value]
        per = cols if kind in ("members", "absent") else 1
        chunks = [values[k:k + per] for k in range(0, len(values), per)]
        lines = [[[(None, v)] for v in ch] + [[] for _ in range(cols - len(ch))] for ch in chunks]
        if fam.front_stacked:  # the label on a line of its own, the values below it
            bold.add((len(rows), 0))
            rows += [[[(None, label)]] + [[] for _ in range(cols - 1)]] + lines
        else:
            bold.update({(len(rows), 0)} if fam.front_label_bold else set())
            rows += [[[(None, label)] if n == 0 else []] + line for n, line in enumerate(lines or [[[]] * cols])]
    if fam.front_stacked:
        widths = [0.95 / cols] * cols
    else:
        widths = [fam.front_label_w] + [(0.95 - fam.front_label_w) / cols] * cols
    out.append(Grid(rows, widths, role="front", bold=bold))
    if content.TOC:
        out += toc(content.TOC, fam)
    out.append(Break())
    return out


def toc(entries, fam) -> list:
    out = [Para("toc_head", "Indholdsfortegnelse")]
    if fam.toc == "columns":
        rows = [[[(None, "Punkt")], [], [(None, "Side")]]] if fam.toc_side else []
        for text, page in entries:
            m = ITEM.match(text)
            rows.append([[(None, m[1])] if m else [], [(None, m[2] if m else text)], [(None, page)]])
        out.append(Grid(rows, [0.1, 0.78, 0.1], header=fam.toc_side, role="toc"))
        return out
    if fam.toc_side:
        out.append(TocLine("", "Side", leaders=False))
    for text, page in entries:
        m = ITEM.match(text)
        if fam.toc == "punkt" and m:
            text = f"Punkt {m[1]}: {m[2]}"
        elif fam.toc == "punkt_dash" and m:
            text = f"Punkt {m[1]} - {m[2]}"
        elif fam.toc == "paren" and m:
            text = f"{m[1]}) {m[2]}"
        out.append(TocLine(text, page, leaders=fam.toc not in ("plain", "paren")))
    return out
