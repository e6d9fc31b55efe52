"""Finding items and reading their header and decisions, in the forms other agenda systems print."""
from __future__ import annotations

import datetime as dt

import pytest

from pdfmaker import text_pdf

HEADERS = [
    "00.30.10.S00 · Sagsnr.: 24/7615 · Åben sag",                  # First Agenda
    "Sag: 24/7615 Åben sag 00.30.10.S00",                           # SBSYS
    "Sags nr.: 24/7615 – Åben sag – Journalnr.: 00.30.10.S00",      # GetOrganized
    "00.30.10.S00, Sagsnr. 24/7615, Åben sag",                      # Cicero
    "Åbent punkt\n\nSags nr.: 24/7615\n\nKLE-nr.: 00.30.10.S00",     # Acadre
    "Åben sag\n\nSagsnr.: 24/7615\n\nJournalnr.: 00.30.10.S00",      # Prepare
    "Sagsnummer: 24/7615 | J.nr. 00.30.10.S00 | Åben sag",
]


@pytest.mark.parametrize("header", HEADERS)
def test_an_items_header_fields_on_one_line_or_several(parse_text, header):
    ref = parse_text(f"1. Første punkt\n\nÅben sag\n\nSagsgang\n\nDIR\n\n"
                     f"2. Udmøntningsplan\n\n{header}\n\nSagsgang\n\nDIR\n")
    assert [i.title for i in ref.items] == ["Første punkt", "Udmøntningsplan"]
    item = ref.items[1]
    assert (item.journal, item.case, item.access) == ("00.30.10.S00", "24/7615", "open")
    assert item.sections["sagsgang"].text == "DIR"


def test_a_header_line_with_a_part_no_rule_knows_is_not_read_as_fields(config):
    from workbench.parse.vocab import Vocabulary

    vocab = Vocabulary(config)
    assert vocab.header_fields("Sag: 24/7615 Åben sag 00.30.10.S00") == {
        "case": "24/7615", "access": "open", "journal": "00.30.10.S00"}
    assert vocab.header_fields("Sag: 24/7615 Åben sag Ansvarlig") is None
    assert vocab.header_fields("Sagen er åben") is None
    assert vocab.header_fields("Åbent bilag, dok.nr. 21037/25") is None  # an attachment's line


def test_the_item_number_in_a_column_of_its_own(parse_text):
    ref = parse_text("1\tFørste punkt\n\nÅben sag\n\nSagsgang\n\nDIR\n\n2\tAndet punkt\n\nLukket sag\n\nSagsgang\n\nDIR\n")
    assert [(i.number, i.title, i.access) for i in ref.items] == [(1, "Første punkt", "open"), (2, "Andet punkt", "closed")]


def test_an_attachments_access_line_does_not_make_its_title_an_item(tmp_path, config, roster):
    from workbench.pipeline import analyse

    page = [("h", "1. Første punkt"), ("p", "Åben sag"), ("b", "Indstilling"), ("p", "Det indstilles."),
            ("b", "Bilag:"), ("p", "Bilag 1: Notat om sagen"), ("p", "Åbent bilag, dok.nr. 21037/25"),
            ("b", "Beslutning i Direktionen den 29-01-2025"), ("p", "Godkendt.")]
    ref = analyse(text_pdf(tmp_path / "bilag.pdf", [page]), config, roster)
    assert [i.title for i in ref.items] == ["Første punkt"]
    assert [d.text for d in ref.items[0].decisions] == ["Godkendt."]


DECISIONS = [
    "Beslutning i Direktionen den 29-01-2025",
    "Beslutning i Direktionen den 29.01.2025",
    "Beslutning i Direktionen den 29. januar 2025",
    "Direktionens beslutning den 29.01.2025",
    "Direktionens beslutning den 29. januar 2025",
    "Beslutning\n\nDirektionen den 29.01.2025",
    "Beslutning\n\nDirektionen, onsdag den 29. januar 2025",
    "Beslutning\n\nDirektionen 29.01.2025",
]


@pytest.mark.parametrize("heading", DECISIONS)
def test_decision_headings_in_every_form_give_body_and_date(parse_text, heading):
    ref = parse_text("1. Første punkt\n\nÅben sag\n\nIndstilling\n\nDet indstilles.\n\n" + heading + "\n\nGodkendt.\n")
    [dec] = ref.items[0].decisions
    assert (dec.body, dec.date, dec.text) == ("Direktionen", dt.date(2025, 1, 29), "Godkendt.")


def test_a_dated_sentence_under_beslutning_is_its_text_not_its_heading(parse_text):
    ref = parse_text("1. Første punkt\n\nÅben sag\n\nIndstilling\n\nDet indstilles.\n\n"
                     "Beslutning\n\nSagen blev godkendt den 29.01.2025\n")
    [dec] = ref.items[0].decisions
    assert (dec.body, dec.date, dec.text) == (None, None, "Sagen blev godkendt den 29.01.2025")


def test_a_decision_pattern_does_not_take_a_sentence(config):
    from workbench.parse.vocab import Vocabulary

    vocab = Vocabulary(config)
    assert vocab.decision("beslutning blev truffet den 29.01.2025") is None
    assert vocab.decision("Beslutning Direktionen den 29.01.2025").group("body") == "Direktionen"


def test_a_header_line_with_an_unknown_part_gives_its_fields_and_a_flag(parse_text):
    text = "".join(f"{n}. Punkt nummer {n}\n\nSagsnr.: 24/761{n} · Åben sag · Ansvarlig: KBN\n\nSagsgang\n\nDIR\n\n"
                   for n in (1, 2))
    ref = parse_text(text)
    assert [(i.case, i.access, i.sections["sagsgang"].text) for i in ref.items] == [
        ("24/7611", "open", "DIR"), ("24/7612", "open", "DIR")]
    flags = [f for f in ref.flags if f.field == "items[0].journal" and "Ansvarlig: KBN" in f.message]
    assert flags and flags[0].severity == "warning"
    clean = parse_text(text.replace(" · Ansvarlig: KBN", ""))
    assert not [f for f in clean.flags if "Ansvarlig" in f.message]


@pytest.mark.parametrize("form", ["Punkt {n}. {t}", "Pkt. {n} - {t}", "Punkt {n} – {t}"])
def test_punkt_headings_with_other_separators(parse_text, form):
    text = "".join(form.format(n=n, t=t) + "\n\nSagsgang\n\nDIR\n\n" for n, t in ((1, "Første punkt"), (2, "Andet punkt")))
    ref = parse_text(text)
    assert [(i.number, i.title) for i in ref.items] == [(1, "Første punkt"), (2, "Andet punkt")]


@pytest.mark.parametrize("heading", ["Beslutning:", "Direktionens beslutning den 29.01.2025:"])
def test_a_decision_heading_may_end_in_a_colon(parse_text, heading):
    ref = parse_text("1. Første punkt\n\nÅben sag\n\nIndstilling\n\nDet indstilles.\n\n" + heading + "\n\nGodkendt.\n")
    assert [d.text for d in ref.items[0].decisions] == ["Godkendt."]
    assert "Beslutning" not in ref.items[0].sections["indstilling"].text


def test_a_wrapped_word_beslutning_is_not_a_decision_heading(parse_text):
    ref = parse_text("1. Første punkt\n\nÅben sag\n\nSagsfremstilling\n\nDirektionen har truffet følgende\n"
                     "beslutning:\n\nAt godkende sagen.\n")
    assert not ref.items[0].decisions


def test_a_decision_date_no_format_reads_is_flagged(parse_text):
    ref = parse_text("1. Første punkt\n\nÅben sag\n\nIndstilling\n\nDet indstilles.\n\n"
                     "Beslutning i Direktionen den 29. janaur 2025\n\nGodkendt.\n")
    [dec] = ref.items[0].decisions
    assert (dec.body, dec.date, dec.text) == ("Direktionen", None, "Godkendt.")
    assert [f.severity for f in ref.flags if f.field == "items[0].decisions[0].date"] == ["warning"]


def test_numbered_table_rows_just_before_the_next_item_are_not_items(parse_text):
    ref = parse_text("1. Første punkt\n\nÅben sag\n\nSagsfremstilling\n\nNr\tEmne\n1\tBudget\n2\tRegnskab\n\n"
                     "2. Andet punkt\n\nÅben sag\n\nSagsgang\n\nDIR\n")
    assert [(i.number, i.title) for i in ref.items] == [(1, "Første punkt"), (2, "Andet punkt")]
