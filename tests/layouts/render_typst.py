"""The Typst producer: layout elements (walk.py) -> Typst markup -> PDF (the `typst` wheel).

Typst typesets for real: ligatures (fi, fl, ffi as one glyph), kerning, justified paragraphs
whose spaces stretch, Danish hyphenation, tables whose rows break across pages, running
headers and footers computed in `context` (`Side 3 af 12` from the page counter). Fonts are
the ones the wheel embeds (Libertinus Serif, New Computer Modern, DejaVu Sans Mono) and Vera,
the TTF that ships with reportlab; system fonts are ignored, so the PDF is the same bytes on
every machine. Every text goes in as a Typst string literal, so nothing in it is markup.
"""
from __future__ import annotations

from pathlib import Path

import reportlab
import typst

from layouts.elements import Break, Grid, Keep, Para, Rule, Space, TocLine

FONTS = {"Libertinus": "Libertinus Serif", "Computer Modern": "New Computer Modern",
         "Vera": "Bitstream Vera Sans", "Mono": "DejaVu Sans Mono"}
STICKY = ("h1", "h2", "meta", "dec_line")  # the roles of a heading that must not end a page
FONT_DIR = Path(reportlab.__file__).parent / "fonts"


def lit(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def font(name: str) -> str:
    return lit(FONTS.get(name, name))


def colour(c: tuple) -> str:
    return "rgb(" + ", ".join(f"{round(v * 100, 1)}%" for v in c) + ")"


def text_set(st, bold: bool | None = None) -> str:
    weight = lit("bold" if (st.bold if bold is None else bold) else "regular")
    style = lit("italic" if st.italic else "normal")
    return f"#set text(font: {font(st.font)}, size: {st.size}pt, weight: {weight}, style: {style}, fill: {colour(st.color)})\n"


def par_set(st, justify: bool, hyphenate: bool) -> str:
    leading = max(1.0, st.leading - st.size * 0.72)
    return (f"#set par(leading: {leading:.2f}pt, justify: {'true' if justify else 'false'}, spacing: {leading:.2f}pt)\n"
            f"#set text(hyphenate: {'true' if hyphenate and justify else 'false'})\n")


class Writer:
    def __init__(self, fam, meeting):
        self.fam, self.meeting = fam, meeting
        self.values = meeting.values(fam)
        self.hyphenate = getattr(fam, "hyphenate", True)
        self.sticky = False

    # ------------------------------------------------------------ page furniture
    def furniture_text(self, template: str) -> str:
        """A header or footer slot as a Typst expression (inside `context`)."""
        filled = template.replace("{n}", "\0n\0").replace("{m}", "\0m\0").format(**self.values)
        parts = []
        for k, piece in enumerate(filled.split("\0")):
            if k % 2 == 0:
                if piece:
                    parts.append(lit(piece))
            elif piece == "n":
                parts.append("str(here().page())")
            else:
                parts.append("str(counter(page).final().first())")
        return " + ".join(parts) or '""'

    def furniture(self, texts: tuple, is_header: bool) -> str:
        fam = self.fam
        if not any(texts):
            return "none"
        left, centre, right = (self.furniture_text(t) for t in texts)
        cond = "true"
        if is_header and fam.header_first is not True:
            first = "true" if (fam.header_first == "front" and not self.meeting.front) else "false"
            cond = f"(here().page() > 1 or {first})"
        rule = ("v(-3pt)\n    line(length: 100%, stroke: 0.5pt)\n" if is_header and fam.header_rule else "")
        return (f"context {{ if {cond} {{\n"
                f"    set text(font: {font(fam.font)}, size: {fam.furniture_size}pt, weight: \"regular\", fill: black)\n"
                f"    grid(columns: (1fr, auto, 1fr), align(left, {left}), align(center, {centre}), "
                f"align(right, {right}))\n    {rule}  }} }}")

    def preamble(self, title: str) -> str:
        fam = self.fam
        left, right, top, bottom = fam.margins
        return (f"#set document(title: {lit(title)}, author: \"Norddjurs Kommune\", date: datetime(year: 2025, month: 1, day: 1))\n"
                f"#set page(paper: \"a4\", margin: (left: {left}pt, right: {right}pt, top: {top}pt, bottom: {bottom}pt),\n"
                f"  header-ascent: {max(8, top - fam.header_y - fam.furniture_size)}pt,\n"
                f"  footer-descent: {max(8, bottom - fam.footer_y - fam.furniture_size)}pt,\n"
                f"  header: {self.furniture(fam.header, True)},\n"
                f"  footer: {self.furniture(fam.footer, False)})\n"
                f"#set text(lang: \"da\", region: \"dk\", font: {font(fam.font)}, size: {fam.size}pt)\n"
                f"#set table(inset: 0pt)\n")

    # ------------------------------------------------------------ elements
    def para(self, el: Para) -> str:
        st = self.fam.style(el.role)
        body = f"#{lit(el.text)}"
        if st.underline:
            body = f"#underline({lit(el.text)})"
        marker = ""
        if el.bullet:
            marker = self.marker(el.bullet, st)
            body = f"#grid(columns: (12pt, 1fr), {marker}, [{body}])"
        inner = text_set(st) + par_set(st, st.align == "justify", self.hyphenate) + body
        fill = f", fill: {colour(st.fill)}, inset: (y: 2pt, x: 2pt), width: 100%" if st.fill else ""
        indent = st.indent - (12 if el.bullet else 0)
        sticky = ", sticky: true" if self.sticky and el.role in STICKY else ""
        self.sticky = self.sticky and el.role in STICKY
        return (f"#block(above: {st.before + 2}pt, below: {st.after + 2}pt{fill}{sticky})[#pad(left: {max(0, indent)}pt)[\n"
                f"{inner}\n]]\n")

    def marker(self, bullet: str, st) -> str:
        if bullet == "dot":
            return f"align(horizon, circle(radius: {st.size * 0.17:.2f}pt, fill: black))"
        if bullet == "circle":
            return f"align(horizon, circle(radius: {st.size * 0.17:.2f}pt, stroke: 0.5pt))"
        return f"[#{lit(bullet)}]"

    def cell(self, g: Grid, r: int, c: int, paras: list) -> str:
        head = g.header and r == 0
        st = self.fam.style("cell_head" if head else g.role)
        bold = True if head or (r, c) in g.bold else None
        out = [text_set(st, bold), par_set(st, False, False)]
        for k, (bullet, text) in enumerate(paras):
            if k:
                out.append("#parbreak()\n" if not bullet else "#v(1pt)\n")
            if bullet:
                out.append(f"#grid(columns: (9pt, 1fr), {self.marker(bullet, st)}, [#{lit(text)}])\n")
            else:
                out.append(f"#{lit(text)}\n")
        body = "[" + "".join(out) + "]"
        if g.style == "sigtop" and paras:
            return f"table.cell(stroke: (top: 0.5pt))[#pad(top: 4pt, bottom: 30pt){body}]"
        return body

    def grid(self, g: Grid) -> str:
        ruled = g.style == "ruled"
        cols = ", ".join(f"{w * 100:.2f}%" for w in g.widths)
        stroke = "0.5pt" if ruled else "none"
        inset = "(x: 4pt, top: 3pt, bottom: 4pt)" if ruled else (
            "(right: 8pt, top: 3pt, bottom: 4pt)" if g.role == "cell" else "(right: 8pt, bottom: 1pt)")
        if g.style == "sigtop":
            inset = "(right: 8pt)"
        fill = ", fill: (x, y) => if y == 0 { luma(224) }" if g.shade and g.header else ""
        rows = [[self.cell(g, r, c, paras) for c, paras in enumerate(row)] for r, row in enumerate(g.rows)]
        parts = []
        if g.style == "hlines":
            parts.append("table.hline(stroke: 0.8pt)")
        body_rows = rows
        if g.header:
            head = ", ".join(rows[0])
            parts.append(f"table.header(repeat: {'true' if g.repeat else 'false'}, {head})")
            if g.style == "hlines":
                parts.append("table.hline(stroke: 0.5pt)")
            body_rows = rows[1:]
        parts += [", ".join(row) for row in body_rows]
        if g.style == "hlines":
            parts.append("table.hline(stroke: 0.8pt)")
        breakable = "" if g.split else "#set table.cell(breakable: false)\n"
        return (f"#block(above: 2pt, below: 2pt)[\n{breakable}#table(columns: ({cols},), stroke: {stroke}, "
                f"inset: {inset}{fill},\n  " + ",\n  ".join(parts) + ")\n]\n")

    def toc_line(self, el: TocLine) -> str:
        st = self.fam.style("toc")
        fill = "repeat[.]" if el.leaders else "[]"
        return (f"#block(above: 2pt, below: 2pt)[{text_set(st)}#{lit(el.left)} #box(width: 1fr, {fill}) "
                f"#{lit(el.right)}]\n")


    def document(self, elements: list, title: str) -> str:
        out = [self.preamble(title)]
        for el in elements:
            if isinstance(el, Para):
                out.append(self.para(el))
            elif isinstance(el, Grid):
                out.append(self.grid(el))
            elif isinstance(el, TocLine):
                out.append(self.toc_line(el))
            elif isinstance(el, Keep):  # Typst's keep-with-next: the heading's blocks stick to the next one
                self.sticky = True
            elif isinstance(el, Break):
                out.append("#pagebreak(weak: true)\n")
            elif isinstance(el, Space):
                out.append(f"#v({el.height}pt)\n")
            elif isinstance(el, Rule):
                out.append(f"#v({el.before}pt)\n#line(length: {el.width * 100:.0f}%, stroke: 0.5pt)\n")
            else:
                raise TypeError(el)
        return "".join(out)


def render(elements: list, fam, meeting, path: Path, title: str) -> None:
    """Write the elements as a PDF at path (the Typst source beside it, for a look)."""
    source = Writer(fam, meeting).document(elements, title)
    pdf = typst.compile(source.encode("utf-8"), font_paths=[str(FONT_DIR)], ignore_system_fonts=True)
    Path(path).write_bytes(pdf)
