"""Referater typeset for real (Typst, Word) and the forms of agenda systems the seeds do not use:
what typesetting puts into the characters and spaces is undone when a PDF is read, the forms are
read, and where a form is not known the doubt rules point at the field that is then wrong."""
from __future__ import annotations

import datetime as dt

from workbench.ingest.pdf import _line_of, _mark_gaps, _typeset_words
from workbench.model import SourceLine

FRONT = "Direktionen\n\nReferat\n\nDato: 29-01-2025\n\n"


def word(text: str, x0: float, x1: float, font: str = "Serif", top: float = 100.0, size: float = 10.0) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "size": size, "fontname": font}


def loud(ref, field: str | None = None) -> list:
    return [f for f in ref.flags if f.severity in ("warning", "error") and (field is None or f.field == field)]


def parse_with(tmp_path, text: str, override: str):
    """Parse `text` with config.toml, one part of its vocabulary overridden (as tests/crippled.py does)."""
    from workbench.config import load_config
    from workbench.pipeline import analyse, load_roster

    (tmp_path / "c.toml").write_text(override, encoding="utf-8")
    config = load_config(tmp_path / "c.toml")
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    return analyse(tmp_path / "doc.txt", config, load_roster(config))


# ---------------------------------------------------------------- reading a typeset PDF
def test_ligatures_soft_hyphens_and_no_break_spaces_are_undone():
    words = [word("o\ufb03cielt", 0, 30), word("\ufb02ere", 33, 50), word("sagsbe\u00ad", 53, 80),
             word("kom\u00admune", 83, 120), word("kl.\u00a09.00", 123, 150)]
    assert [w["text"] for w in _typeset_words(words)] == ["officielt", "flere", "sagsbe-", "kommune", "kl. 9.00"]


def test_a_word_whose_letters_change_font_is_one_word():
    # a ligature from a fallback font splits the word in pdfplumber: "af" + "ﬁ" + "nerede", touching
    words = [word("af", 0, 8), word("fi", 8, 14, font="DejaVuSans"), word("nerede", 14, 40), word("beslutninger", 43, 90)]
    assert _line_of(_typeset_words(words), 1).text == "affinerede beslutninger"


def test_spaces_stretched_alike_by_justification_are_no_cell_gaps():
    # a justified line of long words: every space 20 pt, wider than a cell gap (16 pt)
    xs = [(0, 60), (80, 150), (170, 230), (250, 330)]
    justified = [word(t, a, b) for t, (a, b) in zip(["Kommunalbestyrelsen", "godkender", "budgettet", "overordnet"], xs)]
    line = _line_of(justified, 1)
    assert "\t" not in line.text and line.cell_x == ()
    # a label and its value: one wide gap among normal spaces is a cell gap
    labelled = [word("Mødested:", 0, 45), word("Mødelokale", 120, 170), word("250,", 173, 190), word("rådhuset", 193, 230)]
    assert _line_of(labelled, 1).text == "Mødested:\tMødelokale 250, rådhuset"


def _line(no: int, top: float, x1: float, size: float = 10.0, x0: float = 50.0) -> SourceLine:
    return SourceLine(no=no, text=f"line {no}", page=1, x0=x0, top=top, x1=x1, bottom=top + size, size=size)


def test_a_paragraph_gap_is_measured_against_the_lines_of_a_paragraph_not_the_commonest_spacing():
    # a list set tighter (gap 0.6) than its paragraphs' lines (gap 4.4), then a heading wrapped (gap 5.3)
    lines, top = [], 100.0
    for k in range(8):  # list items
        lines.append(_line(len(lines) + 1, top, 300, x0=66))
        top += 10.6
    for k in range(4):  # a paragraph that wraps: full lines 4.4 apart
        top += 4.4
        lines.append(_line(len(lines) + 1, top, 545))
        top += 10
    top += 12
    head = _line(len(lines) + 1, top, 545, size=12)
    tail = _line(len(lines) + 2, top + 12 + 5.3, 200, size=12)
    lines += [head, tail]
    _mark_gaps(lines)
    assert head.gap_before and not tail.gap_before  # the heading's second line goes on


# ---------------------------------------------------------------- forms of other agenda systems
def test_a_date_alone_is_no_item_heading_but_the_date_of_the_decision_heading_above(parse_text):
    body = "Sagsgang\n\nDIR\n\nBeslutning\n\n29. januar 2025\n\nGodkendt.\n\n"
    ref = parse_text(FRONT + "1. Plan\n\nÅben sag\n\n" + body + "2. Budget\n\nÅben sag\n\n" + body)
    assert [it.title for it in ref.items] == ["Plan", "Budget"]
    assert all(it.decisions[0].date == dt.date(2025, 1, 29) and it.decisions[0].text == "Godkendt." for it in ref.items)


def test_a_decision_heading_without_date_or_body_is_the_meetings(parse_text):
    for heading in ("Direktionens beslutning", "Afgørelse\n\nDirektionen den 29.01.2025"):
        ref = parse_text(FRONT + f"1. Plan\n\nÅben sag\n\nSagsgang\n\nDIR\n\n{heading}\n\nGodkendt.\n\n")
        dec = ref.items[0].decisions[0]
        assert (dec.body, dec.date, dec.text) == ("Direktionen", dt.date(2025, 1, 29), "Godkendt.")
    inferred = [f for f in ref.flags if f.kind == "inferred_value" and f.field == "items[0].decisions[0]"]
    assert not inferred  # "Afgørelse" over "Direktionen den 29.01.2025" names both
    ref = parse_text(FRONT + "1. Plan\n\nÅben sag\n\nSagsgang\n\nDIR\n\nDirektionens beslutning\n\nGodkendt.\n\n")
    assert [f.severity for f in ref.flags if f.kind == "inferred_value" and f.field == "items[0].decisions[0]"] == ["info"]


def test_item_forms_of_other_systems(parse_text):
    body = "Sagsgang\n\nDIR\n\n"
    text = FRONT + "Indholdsfortegnelse\n\nPunkt 1 - Plan .......... 2\n\nPunkt 2 - Budget .......... 3\n\n"
    text += "1) Plan\n\nÅbent punkt\n\n" + body + "Dagsordenspunkt 2: Budget\n\nFortroligt\n\n" + body
    ref = parse_text(text)
    assert [(e.number, e.title) for e in ref.toc] == [(1, "Plan"), (2, "Budget")]
    assert [(it.number, it.title, it.access) for it in ref.items] == [(1, "Plan", "open"), (2, "Budget", "closed")]


def test_items_numbered_out_of_order_are_flagged_on_the_item_list(parse_text):
    text = FRONT + "1. Plan\n\nÅben sag\n\nSagsgang\n\nDIR\n\n2. Budget\n\nÅben sag\n\nSagsgang\n\nDIR\n\n"
    assert not loud(parse_text(text), "items")
    text += "1. Plan igen\n\nÅben sag\n\nSagsgang\n\nDIR\n\n"
    assert any("follows item 2" in f.message for f in loud(parse_text(text), "items"))


def test_a_text_that_opens_with_a_date_alone_is_flagged(tmp_path):
    only_bare = "[patterns]\ndecision = ['^(?-i:B)eslutning\\s*:?$']\n"
    text = FRONT + "1. Plan\n\nÅben sag\n\nSagsgang\n\nDIR\n\nBeslutning\n\n29. januar 2025\n\nGodkendt.\n\n"
    ref = parse_with(tmp_path, text, only_bare)
    assert ref.items[0].decisions[0].text.startswith("29. januar 2025")
    assert any("date alone" in f.message for f in loud(ref, "items[0].decisions[0]"))
    twin = parse_with(tmp_path, text.replace("29. januar 2025\n\n", ""), only_bare)
    assert not any("date alone" in f.message for f in loud(twin))


def test_a_title_that_keeps_the_separator_of_its_form_is_flagged(tmp_path):
    no_dash = "[patterns]\nitem = ['^Punkt (?P<number>\\d{1,3})\\s+(?P<title>.+)$']\n"
    text = FRONT + "Punkt 1 - Plan\n\nÅben sag\n\nSagsgang\n\nDIR\n\n"
    ref = parse_with(tmp_path, text, no_dash)
    assert ref.items[0].title == "- Plan" and loud(ref, "items[0].title")
    assert not loud(parse_with(tmp_path, text.replace(" - ", " "), no_dash), "items[0].title")


def test_attachment_titles_that_keep_their_number_or_access_word_are_flagged(tmp_path):
    no_forms = "[patterns]\nattachment = []\n[access]\nopen = ['Åben sag']\nclosed = ['Lukket sag']\n"
    bilag = "Bilag:\n\nBilag 1: Notat om planen (åben)\n\n"
    text = FRONT + "1. Plan\n\nÅben sag\n\nSagsgang\n\nDIR\n\n" + bilag
    ref = parse_with(tmp_path, text, no_forms)
    flags = loud(ref, "items[0].attachments[0]")
    assert any("number" in f.message and "'(åben)'" in f.message for f in flags)
