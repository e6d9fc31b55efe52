"""Layout families: how different Danish agenda systems print the same referat.

Each family is a `Family`: a producer (reportlab or fpdf2) and the knobs the walk
(walk.py) and the renderers read. A family changes the FORM of the values (a date
"7. maj 2025" for "07-05-2025", "Punkt 1: title" for "1. title", "Åbent punkt" for "Åben
sag", "Sagsnr.: 24/7615" for "24/7615"), never a value the gold records check.

Placeholders of running headers, footers and decision headings: {body}, {dash}
(29-01-2025), {dot} (29.01.2025), {long} (29. januar 2025), {weekday} (onsdag den 29. januar
2025), {kl} (" kl. 9.00" where the start is known), {range} (" kl. 9.00-13.00"); in headers
and footers also {n} (page) and {m} (pages). A decision template with a newline gives a
heading line and a dated line below it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

CLASSIC_FRONT = (("Sted:", "place"), ("Dato:", "weekday"), ("Start kl.:", "start"),
                 ("Slut kl.:", "end"), ("Medlemmer:", "members"), ("Fraværende:", "absent"))


@dataclass(frozen=True)
class St:
    """The style of one role: size (pt), leading (pt; 0: the family's ratio), space before and
    after, left indent, colour (r, g, b), font (family override)."""
    size: float = 0
    leading: float = 0
    bold: bool = False
    italic: bool = False
    underline: bool = False
    before: float = 0
    after: float = 0
    indent: float = 0
    color: tuple = (0, 0, 0)
    align: str = ""
    font: str = ""
    fill: tuple | None = None          # a bar of this colour behind the text


@dataclass(frozen=True)
class Family:
    name: str
    producer: str                      # "reportlab" | "fpdf2" | "typst"
    doc: str = ""
    font: str = "Helvetica"            # Helvetica | Times | Courier | Vera (TTF shipped with reportlab)
    size: float = 10
    ratio: float = 1.4                 # leading / size
    gap: float = 6                     # space above a paragraph
    margins: tuple = (56.7, 56.7, 85, 56.7)   # left, right, top, bottom (pt)
    align: str = "left"                # left | justify
    hyphenate: bool = True             # typst: Danish hyphenation of justified text
    header: tuple = ("{body} {dash}", "", "Side {n}")   # left, centre, right
    header_first: bool | str = True    # a header on page 1 too; "front": unless it is a front page
    header_rule: bool = True
    header_y: float = 36               # baseline, from the top
    footer: tuple = ("", "", "")
    footer_y: float = 30               # baseline, from the bottom
    furniture_size: float = 8
    item: str = "{n}. {title}"         # or "grid": the number in a column of its own
    meta_order: str = "jca"            # journal, case, access
    meta_join: str | None = None       # one line, joined by this; None: a line each
    journal_label: str = ""
    case_label: str = ""
    access: dict = field(default_factory=dict)   # "Åben sag" -> its form
    h2_suffix: str = ""
    bilag_heading: str = "Bilag:"
    decision: str = "Beslutning i {body} den {dash}"
    bullet: str = "•"                  # a character, or "dot" (drawn)
    bullet2: str = "•"                 # sub-bullets: a character, or "circle" (drawn)
    table: str = "ruled"               # ruled | plain | hlines
    table_shade: bool = False          # header row on grey
    split_rows: bool = False           # a page break may cut a table row
    repeat_header: bool = False
    attachments: str = "edoc"          # edoc | numbered | bilag_n | dash_line | columns | table | bilag_paren | paren
    index: str = "plain"               # plain | punkt | columns (Bilagsoversigt)
    signature: str = "lines"           # lines | ruled | name_title | columns
    front_title: str = "stack"         # stack | kind_first | one_line
    kind_word: str = "REFERAT"
    front_fields: tuple = CLASSIC_FRONT
    front_stacked: bool = False        # label on its own line, value below
    front_label_w: float = 0.18
    front_label_bold: bool = False
    members_cols: int = 1
    time_fmt: str = "{h}:{m:02d}"
    range_fmt: str = "Kl. {s} - {e}"
    toc: str = "leaders"               # leaders | plain | punkt | columns
    toc_side: bool = True              # a "Side" over the page numbers
    keep_h1: float = 150               # room an item heading needs, else a new page (0: none)
    keep_h2: float = 56
    accent: tuple = (0, 0, 0)
    roles: dict = field(default_factory=dict)

    def style(self, role: str) -> St:
        """The style of a role: the family's base, its accent, its overrides."""
        s, g, a = self.size, self.gap, self.accent
        base = {
            "p": St(before=g), "pi": St(before=g, indent=18), "line": St(), "meta": St(),
            "h1": St(size=s + 2, bold=True, before=18, after=4, color=a),
            "h2": St(bold=True, before=10, color=a), "dec_line": St(italic=True),
            "bullet1": St(before=1, indent=16), "bullet2": St(before=1, indent=34),
            "cell": St(), "cell_head": St(bold=True), "index_cell": St(before=1),
            "att": St(before=g), "att_sub": St(indent=22),
            "index_item": St(before=10), "index_att": St(before=2, indent=18),
            "sig": St(before=36), "sig_after": St(before=4), "sig_cell": St(before=4),
            "front_body": St(size=20, bold=True, after=6, color=a),
            "front_kind": St(size=14, bold=True, after=18), "front": St(before=1, after=2),
            "toc_head": St(size=s + 2, bold=True, before=30, after=6), "toc": St(),
        }[role]
        over = self.roles.get(role, {})
        st = replace(base, **over)
        size = st.size or s
        return replace(st, size=size, leading=st.leading or round(size * self.ratio, 2),
                       align=st.align or ("justify" if self.align == "justify" and role in ("p", "pi") else "left"),
                       font=st.font or self.font)


FIRSTAGENDA = Family(
    "firstagenda", "reportlab",
    doc="""First Agenda: Helvetica 10, blue bold headings; no header on the first page, then
    "Direktionen · 29. januar 2025" over a rule; footer "Side N af M" centred; item "1.
    title"; journal, "Sagsnr.: 24/7615" and the access marker on one line (access after the
    case); decision "Beslutning i Direktionen den 29. januar 2025"; Symbol bullets; ruled
    tables with a grey header row, repeated on the next page, whose rows a page break may
    cut; Bilag as "1. Title (21037/25)" (closed ones marked "(Lukket bilag)"); front page
    Dato / Tidspunkt "Kl. 09.00 - 13.00" / Sted / Deltagere / Afbud; TOC with dot leaders.""",
    margins=(62, 56, 78, 62), ratio=1.35, header=("{body} · {long}", "", ""), header_first=False,
    footer=("", "Side {n} af {m}", ""), meta_join=" · ", case_label="Sagsnr.: ",
    decision="Beslutning i {body} den {long}", table_shade=True, split_rows=True, repeat_header=True,
    attachments="numbered", accent=(0.1, 0.22, 0.5), time_fmt="{h:02d}.{m:02d}",
    front_fields=(("Dato:", "weekday"), ("Tidspunkt:", "range"), ("Sted:", "place"),
                  ("Deltagere:", "members"), ("Afbud:", "absent")),
    roles={"h1": {"size": 13}, "h2": {"size": 10.5}},
)

EDOC = Family(
    "edoc", "reportlab",
    doc="""eDoc: Vera (TTF) 9.5; header "Direktionen" left and "29-01-2025" right on every page,
    footer "Side N" centred; item "1. title", journal, case and "Åben sag" on lines of their
    own; no keep-with-next (a heading may end a page); ruled tables whose rows are never
    cut; Bilag as "1 Åben Title" over the document number; front page with the classic
    labels (Sted, Dato, Start kl., Slut kl., Medlemmer, Fraværende) and the members in two
    columns (long names wrap inside their column); signatures on a line to sign on.""",
    font="Vera", size=9.5, ratio=1.45, margins=(50, 50, 80, 70), header=("{body}", "", "{dash}"),
    footer=("", "Side {n}", ""), keep_h1=0, keep_h2=0, members_cols=2, front_label_w=0.16,
    signature="ruled", roles={"h1": {"size": 12}},
)

GETORGANIZED = Family(
    "getorganized", "reportlab",
    doc="""GetOrganized: Helvetica 10 with teal headings; item headings larger but NOT bold; header
    "Direktionen · 29.01.2025" on every page but a front page; footer the date at the left
    and a lone page number at the right; "Sags nr.: 24/7615 – Åben sag – Journalnr.:
    00.30.10.S00" on one line; decision "Direktionens beslutning den 29.01.2025"; tables
    with rules only above and below the header and at the end (no cells), rows cut by page
    breaks; "Bilag" (no colon) over a ruled table Nr. / Adgang / Titel / Dok.nr.; front page
    "Referat" above "Direktionen", Dato / Tidspunkt / Sted / Deltagere in two columns; TOC
    without leaders; signatures side by side.""",
    margins=(70, 60, 90, 70), ratio=1.4, header=("{body} · {dot}", "", ""), header_first="front",
    footer=("{dash}", "", "{n}"), meta_order="caj", meta_join=" – ", case_label="Sags nr.: ",
    journal_label="Journalnr.: ", decision="{body}s beslutning den {dot}", table="hlines",
    split_rows=True, attachments="table", bilag_heading="Bilag", front_title="kind_first",
    kind_word="Referat",
    front_fields=(("Dato:", "dash"), ("Tidspunkt:", "range"), ("Sted:", "place"),
                  ("Deltagere:", "members"), ("Fraværende:", "absent")),
    members_cols=2, range_fmt="kl. {s} - {e}", toc="plain", signature="columns", front_label_w=0.13,
    accent=(0.0, 0.45, 0.5),
    roles={"h1": {"size": 14, "bold": False}, "front": {"size": 9, "before": 1, "after": 2}},
)

PREPARE = Family(
    "prepare", "reportlab",
    doc="""Prepare: Times 11 justified with Helvetica headings; header "Direktionen, 29-01-2025 kl.
    9.00" (body, date and meeting time; no time where the front page gives none) from page
    2; footer "Side N af M" at the right; item "Punkt 1: title"; "Åben sag" BEFORE "Sagsnr.:
    24/7615" and "Journalnr.: ..."; bold-italic section headings; decision "Beslutning i
    Direktionen den 29.01.2025"; en-dash bullets; ruled tables, rows cut by page breaks;
    Bilag as "Bilag 1: Title" over "Åbent bilag, dok.nr. 21037/25"; Bilagsoversigt as "Punkt
    1: ..." / "Bilag 1: ..."; front page Dato / Kl. / Sted / Medlemmer / Fraværende; TOC
    "Punkt 1: title"; signatures as a line, the name and the title below it.""",
    font="Times", size=11, ratio=1.3, gap=5, align="justify", margins=(72, 64, 84, 60),
    header=("{body}, {dash}{kl}", "", ""), header_first=False, footer=("", "", "Side {n} af {m}"),
    item="Punkt {n}: {title}", meta_order="acj", case_label="Sagsnr.: ", journal_label="Journalnr.: ",
    decision="Beslutning i {body} den {dot}", bullet="–", bullet2="–", split_rows=True,
    attachments="bilag_n", index="punkt", signature="name_title", toc="punkt", kind_word="Referat",
    front_fields=(("Dato:", "dash"), ("Kl.:", "range"), ("Sted:", "place"),
                  ("Medlemmer:", "members"), ("Fraværende:", "absent")),
    range_fmt="{s} - {e}", time_fmt="{h}.{m:02d}", keep_h1=100, keep_h2=0,
    roles={"h1": {"font": "Helvetica", "size": 12}, "h2": {"font": "Helvetica", "italic": True, "size": 10.5},
           "front_body": {"font": "Helvetica"}, "front_kind": {"font": "Helvetica"}},
)

ACADRE = Family(
    "acadre", "fpdf2",
    doc="""Acadre: fpdf2, Times 11 (core font); header "Referat for Direktionen den 29. januar
    2025" on every page, footer "Side N" at the right; item "Punkt 1: title"; "Åbent punkt"
    / "Lukket punkt" before "Sags nr.: 24/7615" and "KLE-nr.: 00.30.10.S00"; decision
    "Direktionens beslutning den 29.01.2025"; "-" bullets; tables without rules (tab-stop
    columns, bold header), rows cut by page breaks; "Bilag" (no colon), then "Bilag 1:
    Title" over "Åbent bilag, dok.nr. ..."; front page Dato / Tid "Kl. 09.00 - 13.00" / Sted
    / Medlemmer / Afbud; TOC "Punkt 1: title" with leaders.""",
    font="Times", size=11, ratio=1.3, margins=(70, 56, 80, 64), header=("Referat for {body} den {long}", "", ""),
    footer=("", "", "Side {n}"), item="Punkt {n}: {title}", meta_order="acj", case_label="Sags nr.: ",
    journal_label="KLE-nr.: ", access={"Åben sag": "Åbent punkt", "Lukket sag": "Lukket punkt"},
    decision="{body}s beslutning den {dot}", bullet="-", bullet2="-", table="plain", split_rows=True,
    attachments="bilag_n", bilag_heading="Bilag", toc="punkt", kind_word="Referat",
    front_fields=(("Dato:", "weekday"), ("Tid:", "range"), ("Sted:", "place"),
                  ("Medlemmer:", "members"), ("Afbud:", "absent")),
    time_fmt="{h:02d}.{m:02d}", front_label_bold=True, keep_h2=40, roles={"h1": {"size": 12}},
)

SBSYS = Family(
    "sbsys", "fpdf2",
    doc="""SBSYS: fpdf2, Courier 9 (core font), a report-like print; header "Direktionen 29.01.2025
    kl. 9.00-13.00" (body, date and time) on every page, a lone page number centred at the
    foot; item number in a column of its own without a dot ("1 title"); "Sag: 24/7615 Åben
    sag 00.30.10.S00" on one line; underlined (not bold) section headings; decision
    "Beslutning" over "Direktionen den 29.01.2025"; "-" bullets; tables without rules, rows
    cut by page breaks; Bilag in columns (number, access, title, document number);
    Bilagsoversigt in columns; front page Dato / Kl. / Sted / Deltagere / Fraværende; TOC in
    columns.""",
    font="Courier", size=9, ratio=1.35, gap=5, margins=(50, 40, 70, 50), header=("{body} {dot}{range}", "", ""),
    footer=("", "{n}", ""), item="grid", meta_join="  ", case_label="Sag: ", meta_order="caj",
    decision="Beslutning\n{body} den {dot}", bullet="-", bullet2="-", table="plain", split_rows=True,
    attachments="columns", index="columns", toc="columns", time_fmt="{h}.{m:02d}",
    front_fields=(("Dato:", "dot"), ("Kl.:", "range"), ("Sted:", "place"),
                  ("Deltagere:", "members"), ("Fraværende:", "absent")),
    range_fmt="{s}-{e}", front_label_w=0.2, keep_h1=90, keep_h2=0, kind_word="Referat",
    roles={"h1": {"size": 10}, "h2": {"bold": False, "underline": True}, "front_body": {"size": 16},
           "front_kind": {"size": 12}},
)

CICERO = Family(
    "cicero", "fpdf2",
    doc="""Cicero: fpdf2, Helvetica 10 (core font, windows-1252 so "•" and "–" print); item
    headings "1. title" in bold on a grey bar; header "Direktionen · 29.01.2025" on every
    page but a front page; footer "Side N af M" at the left and the date at the right;
    "Sagsnr. 24/7615, Åben sag" on one line (access after the case); decision "Beslutning i
    Direktionen den 29-01-2025"; ruled tables, rows cut by page breaks, header repeated;
    Bilag as "1 - Åben - Title (21037/25)"; front page "REFERAT - Direktionen" on one line,
    Dato / Tidspunkt / Sted / Medlemmer in two columns / Fraværende; TOC in columns under
    "Punkt" and "Side"; signatures on a line to sign on.""",
    margins=(60, 60, 84, 70), ratio=1.45, header=("{body} · {dot}", "", ""), header_first="front",
    footer=("Side {n} af {m}", "", "{dash}"), meta_join=", ", case_label="Sagsnr. ", meta_order="jca",
    split_rows=True, repeat_header=True, table_shade=True, attachments="dash_line", front_title="one_line",
    front_fields=(("Dato:", "dot"), ("Tidspunkt:", "range"), ("Sted:", "place"),
                  ("Medlemmer:", "members"), ("Fraværende:", "absent")),
    members_cols=2, range_fmt="{s} - {e}", toc="columns", signature="ruled", front_label_w=0.17,
    roles={"h1": {"size": 11, "fill": (0.85, 0.85, 0.85), "before": 14, "after": 6}},
)

WORDEXPORT = Family(
    "wordexport", "fpdf2",
    doc="""A Word document saved as PDF: fpdf2, Vera (TTF) 10.5; header "Referat - Direktionen -
    29. januar 2025" at the right; footer "N of M"; bullets drawn as shapes (no bullet
    character in the text); item "1. title" bold 14; section headings with a colon
    ("Indstilling:"); "Sag: 24/7615" and "Åben sag" on lines of their own; decision
    "Beslutning" over "Direktionen, onsdag den 29. januar 2025"; tables with rules only at
    the header and the end; Bilag as "1. Title (21037/25)"; front page with each label on
    its own line and the value below (Dato / Tid / Sted / Deltagere / Afbud); TOC without
    the "Side" column head.""",
    font="Vera", size=10.5, ratio=1.35, gap=8, margins=(72, 72, 72, 72),
    header=("", "", "Referat - {body} - {long}"), footer=("", "", "{n} of {m}"), case_label="Sag: ",
    h2_suffix=":", bilag_heading="Bilag:", decision="Beslutning\n{body}, {weekday}", bullet="dot",
    bullet2="circle", table="hlines", attachments="numbered", front_stacked=True, kind_word="Referat",
    front_fields=(("Dato", "weekday"), ("Tid", "range"), ("Sted", "place"), ("Deltagere", "members"),
                  ("Afbud", "absent")),
    range_fmt="{s}-{e}", time_fmt="{h:02d}:{m:02d}", toc_side=False, keep_h1=120, keep_h2=50,
    roles={"h1": {"size": 14}, "h2": {"size": 11}},
)

DOCUNOTE = Family(
    "docunote", "typst",
    doc="""Docunote-like (Typst): Libertinus Serif 10.5, justified with Danish hyphenation,
    ligatures (fi, fl, ffi as one glyph); header "Referat – Direktionen – 29. januar 2025"
    centred over a rule on every page, footer "Side N af M" at the right; item "Punkt 1 -
    title"; "Åbent punkt" / "Lukket punkt", then "Sagsnr. 24/7615" and "Emnenr.: 00.30.10.S00"
    on lines of their own; decision "Direktionens beslutning" with no date (the meeting's);
    ruled tables with a grey header repeated on the next page, rows cut by page breaks;
    "Bilagsfortegnelse" over "Bilag 1: Title (åben)" with "Dok.nr. 21037/25" below; front
    page Mødedato / Mødetidspunkt "kl. 9.00 - 13.00" / Mødested / Deltagere / Fraværende med
    afbud; TOC "Punkt 1 - title" with leaders.""",
    font="Libertinus", size=10.5, ratio=1.3, gap=5, align="justify", margins=(70, 62, 84, 64),
    header=("", "Referat – {body} – {long}", ""), footer=("", "", "Side {n} af {m}"),
    item="Punkt {n} - {title}", meta_order="acj", case_label="Sagsnr. ", journal_label="Emnenr.: ",
    access={"Åben sag": "Åbent punkt", "Lukket sag": "Lukket punkt"}, decision="{body}s beslutning",
    table_shade=True, split_rows=True, repeat_header=True, attachments="bilag_paren",
    bilag_heading="Bilagsfortegnelse", toc="punkt_dash", kind_word="Referat",
    front_fields=(("Mødedato:", "weekday"), ("Mødetidspunkt:", "range"), ("Mødested:", "place"),
                  ("Deltagere:", "members"), ("Fraværende med afbud:", "absent")),
    range_fmt="kl. {s} - {e}", time_fmt="{h}.{m:02d}", front_label_w=0.27, keep_h1=110, keep_h2=40,
    roles={"h1": {"size": 13}, "h2": {"size": 11}},
)

NETPUBLICATOR = Family(
    "netpublicator", "typst",
    doc="""A web-to-PDF agenda portal (Typst): Vera 10, justified WITHOUT hyphenation (spaces stretch
    wide on lines of long words), narrow body; header "Direktionen | Referat" at the left and
    "Mødedato: 29.01.2025" at the right, footer "Side N/M" centred; item "1) title"; "Sag nr.
    24/7615 | J.nr. 00.30.10.S00 | Åbent" on one line ("Fortroligt" for a closed item);
    decision "Afgørelse" over "Direktionen den 29.01.2025"; tables with rules only at the
    header and the end; "Bilag:" over "1) Title (21037/25)", closed ones "(Fortroligt)";
    front page Mødested / Mødedato / Mødetid / Medlemmer / Afbud; TOC "1) title" without
    leaders; signatures side by side.""",
    font="Vera", size=10, ratio=1.4, gap=6, align="justify", hyphenate=False, margins=(90, 90, 80, 64),
    header=("{body} | Referat", "", "Mødedato: {dot}"), header_first="front", footer=("", "Side {n}/{m}", ""),
    item="{n}) {title}", meta_order="cja", meta_join=" | ", case_label="Sag nr. ", journal_label="J.nr. ",
    access={"Åben sag": "Åbent", "Lukket sag": "Fortroligt"}, decision="Afgørelse\n{body} den {dot}",
    table="hlines", split_rows=True, attachments="paren", toc="paren", toc_side=False,
    signature="columns", kind_word="Referat",
    front_fields=(("Mødested:", "place"), ("Mødedato:", "dot"), ("Mødetid:", "range"),
                  ("Medlemmer:", "members"), ("Afbud:", "absent")),
    range_fmt="{s}-{e}", time_fmt="{h:02d}.{m:02d}", front_label_w=0.2, keep_h1=100, keep_h2=40,
    roles={"h1": {"size": 12}, "h2": {"size": 10}},
)

OS2DAGSORDEN = Family(
    "os2dagsorden", "typst",
    doc="""A referat printed from an OS2dagsorden-like portal (Typst): New Computer Modern 10.5,
    ragged right, ligatures; header "Direktionen" at the left and "29. januar 2025" at the
    right, footer "Side N af M" at the left; item "Dagsordenspunkt 1: title"; "Sagsnummer:
    24/7615, Journalnummer: 00.30.10.S00, Åbent punkt" on one line; decision "Beslutning" over
    the date alone ("29. januar 2025"); tables ruled; "Bilag" (no colon) over a ruled table
    Nr. / Adgang / Titel / Dok.nr.; front page with each label on a line of its own and the
    value below (Mødedato / Tidspunkt "09.00–13.00" / Mødested / Til stede / Fraværende);
    TOC plain.""",
    font="Computer Modern", size=10.5, ratio=1.35, gap=6, margins=(64, 64, 80, 64),
    header=("{body}", "", "{long}"), footer=("Side {n} af {m}", "", ""),
    item="Dagsordenspunkt {n}: {title}", meta_order="cja", meta_join=", ", case_label="Sagsnummer: ",
    journal_label="Journalnummer: ", access={"Åben sag": "Åbent punkt", "Lukket sag": "Lukket punkt"},
    decision="Beslutning\n{long}", attachments="table", bilag_heading="Bilag", toc="plain",
    front_stacked=True, kind_word="Referat",
    front_fields=(("Mødedato", "weekday"), ("Tidspunkt", "range"), ("Mødested", "place"),
                  ("Til stede", "members"), ("Fraværende", "absent")),
    range_fmt="{s}–{e}", time_fmt="{h:02d}.{m:02d}", keep_h1=100, keep_h2=40,
    roles={"h1": {"size": 13}, "h2": {"size": 11}},
)

FAMILIES = {f.name: f for f in (FIRSTAGENDA, EDOC, GETORGANIZED, PREPARE, ACADRE, SBSYS, CICERO, WORDEXPORT,
                                DOCUNOTE, NETPUBLICATOR, OS2DAGSORDEN)}
