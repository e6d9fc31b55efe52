"""Front page, running headers and signatures as agenda systems we have not seen lay them out."""
from __future__ import annotations

import datetime as dt

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from workbench.ingest.furniture import header_words
from workbench.pipeline import analyse
from tests.pdfmaker import text_pdf

ITEM = "1. Første punkt\nÅben sag\nSagsgang\nDIR\nIndstilling\nDet indstilles.\n"


def test_labels_above_their_values_and_a_time_range_gives_start_and_end(parse_text):
    ref = parse_text("Direktionen\nReferat\nDato\nOnsdag den 29. januar 2025\nTid\n09:00-13:00\n"
                     "Sted\nMødelokale 250, rådhuset\n\n" + ITEM)
    m = ref.meeting
    assert (m.date, m.start, m.end, m.place) == (dt.date(2025, 1, 29), dt.time(9), dt.time(13), "Mødelokale 250, rådhuset")


def test_a_label_with_its_value_on_its_line_takes_no_second_line(parse_text):
    ref = parse_text("Direktionen\nReferat\nDato: 29-01-2025\nTid:\tsenere\nKl. 9.00 blev mødet åbnet af formanden\n\n" + ITEM)
    assert ref.meeting.start is None


def test_tidspunkt_kl_range_on_one_line(parse_text):
    ref = parse_text("Direktionen\nReferat\nDato: 29-01-2025\nTidspunkt:\tKl. 09.00 - 13.00\n\n" + ITEM)
    assert (ref.meeting.start, ref.meeting.end) == (dt.time(9), dt.time(13))


def test_two_members_side_by_side_are_two_people(parse_text):
    ref = parse_text("Direktionen\nReferat\nDato: 29-01-2025\n"
                     "Deltagere:\tKommunaldirektør Jonas Kroustrup\tVelfærdsdirektør Lene Mehlsen Thomsen\n"
                     "Fællesforvaltningsdirektør Kim Bruun Nielsen\nAfbud:\n\n" + ITEM)
    assert [(p.title, p.name) for p in ref.meeting.members] == [
        ("Kommunaldirektør", "Jonas Kroustrup"), ("Velfærdsdirektør", "Lene Mehlsen Thomsen"),
        ("Fællesforvaltningsdirektør", "Kim Bruun Nielsen")]


def test_members_in_two_columns_that_wrap_join_in_their_column(tmp_path, config, roster):
    path = tmp_path / "front.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _, h = A4
    c.setFont("Helvetica", 10)
    for y, cells in [(80, [(56, "Dato:"), (130, "29-01-2025")]),
                     (95, [(56, "Medlemmer:"), (130, "Kommunaldirektør Jonas Kroustrup"), (330, "Velfærdsdirektør Lene Mehlsen")]),
                     (109, [(330, "Thomsen")]),
                     (124, [(130, "Fællesforvaltningsdirektør Kim Bruun")]),
                     (138, [(130, "Nielsen")]),
                     (170, [(56, "1. Første punkt")]), (185, [(56, "Åben sag")]), (200, [(56, "Sagsgang")]), (215, [(56, "DIR")])]:
        for x, text in cells:
            c.drawString(x, h - y, text)
    c.showPage()
    c.save()
    ref = analyse(path, config, roster)
    assert [(p.title, p.name) for p in ref.meeting.members] == [
        ("Kommunaldirektør", "Jonas Kroustrup"), ("Velfærdsdirektør", "Lene Mehlsen Thomsen"),
        ("Fællesforvaltningsdirektør", "Kim Bruun Nielsen")]


def test_signatures_title_above_name_side_by_side(parse_text):
    ref = parse_text(ITEM + "\nUnderskriftsside\n\nKommunaldirektør\tVelfærdsdirektør\nJonas Kroustrup\tLene Mehlsen Thomsen\n\n"
                     "Fællesforvaltningsdirektør\nVakant\n")
    assert [(p.title, p.name, bool(p.vacant)) for p in ref.signatures] == [
        ("Kommunaldirektør", "Jonas Kroustrup", False), ("Velfærdsdirektør", "Lene Mehlsen Thomsen", False),
        ("Fællesforvaltningsdirektør", None, True)]


def test_signatures_name_above_title(parse_text):
    ref = parse_text(ITEM + "\nUnderskriftsside\n\nJonas Kroustrup\nKommunaldirektør\n\nKim Bruun Nielsen\nFællesforvaltningsdirektør\n")
    assert [(p.title, p.name) for p in ref.signatures] == [
        ("Kommunaldirektør", "Jonas Kroustrup"), ("Fællesforvaltningsdirektør", "Kim Bruun Nielsen")]


def test_header_words_of_any_shape(config):
    assert header_words("Referat for Direktionen den 7. maj 2025", config) == ("Direktionen", "7. maj 2025")
    assert header_words("Referat - Direktionen - 7. maj 2025", config) == ("Direktionen", "7. maj 2025")
    assert header_words("Direktionen · 07.05.2025", config) == ("Direktionen", "07.05.2025")
    assert header_words("Direktionen, 07-05-2025\tSide 3", config) == ("Direktionen", "07-05-2025")
    assert header_words("Side 1 af 9\t07-05-2025", config) == (None, "07-05-2025")
    assert header_words("Direktionen 29.01.2025 kl. 9.00-13.00", config) == ("Direktionen", "29.01.2025")
    assert header_words("Side 3", config) is None


def test_no_front_page_body_and_date_from_a_running_header_in_words(tmp_path, config, roster):
    filler = [("p", f"Linje {n} af sagsfremstillingen.") for n in range(30)]
    pages = [[("h", "1. Første punkt"), ("p", "Åben sag"), ("b", "Sagsfremstilling")] + filler,
             [("b", "Indstilling"), ("p", "Det indstilles.")] + filler]
    pdf = text_pdf(tmp_path / "doc.pdf", pages, header="Referat for Direktionen den 7. maj 2025")
    ref = analyse(pdf, config, roster)
    assert (ref.meeting.body, ref.meeting.date) == ("Direktionen", dt.date(2025, 5, 7))
    assert any(f.kind == "inferred_value" and f.field == "meeting.date" for f in ref.flags)


def test_text_page_numbers_n_of_m_and_a_header_in_words_beside_one_are_furniture(parse_text):
    ref = parse_text(ITEM + "Referat - Direktionen - 7. maj 2025\n2\nMere tekst.\n3 of 10\nSidste linje.\n")
    furniture = [ln.text for ln in ref.source.lines if ln.furniture]
    assert furniture == ["Referat - Direktionen - 7. maj 2025", "2", "3 of 10"]
    assert (ref.meeting.body, ref.meeting.date) == ("Direktionen", dt.date(2025, 5, 7))


def test_kl_as_a_label_cell(parse_text):
    ref = parse_text("Direktionen\nReferat\nDato:\t29.01.2025\nKl.:\t9.00-13.00\n\n" + ITEM)
    assert (ref.meeting.start, ref.meeting.end) == (dt.time(9), dt.time(13))


def test_a_signature_title_without_a_name_is_flagged(parse_text):
    ref = parse_text(ITEM + "\nUnderskriftsside\n\nKommunaldirektør\tVelfærdsdirektør\nJonas Kroustrup\n")
    assert [(p.title, p.name) for p in ref.signatures] == [("Kommunaldirektør", "Jonas Kroustrup"), ("Velfærdsdirektør", None)]
    assert any(f.field == "signatures[1].name" and f.severity == "warning" for f in ref.flags)


def test_a_date_headline_with_a_time_range(parse_text):
    ref = parse_text("Direktionen\nReferat\nOnsdag den 29. januar 2025, kl. 9.00-13.00\n\n" + ITEM)
    assert (ref.meeting.date, ref.meeting.start, ref.meeting.end) == (dt.date(2025, 1, 29), dt.time(9), dt.time(13))


def test_til_stede_names_the_members(parse_text):
    ref = parse_text("Direktionen\nReferat\nDato: 29-01-2025\nTil stede:\tKommunaldirektør Jonas Kroustrup\n\n" + ITEM)
    assert [(p.title, p.name) for p in ref.meeting.members] == [("Kommunaldirektør", "Jonas Kroustrup")]


def test_a_running_header_that_drifts_a_few_points_is_furniture(tmp_path, config):
    from workbench.ingest import load_source

    path = tmp_path / "drift.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _, h = A4
    for n, drift in enumerate([0, 5, 9, 1, 6, 10], 1):
        c.setFont("Helvetica", 8)
        c.drawString(56, h - 38 - drift, "Direktionen · 7. maj 2025")
        c.setFont("Helvetica", 10)
        for k in range(40):
            c.drawString(56, h - 80 - 15 * k, f"Tekst {k} på side {n}.")
        c.showPage()
    c.save()
    source = load_source(path, config)
    headers = [ln for ln in source.lines if ln.text.startswith("Direktionen")]
    assert len(headers) == 6 and all(ln.furniture for ln in headers)


def test_two_pages_the_first_without_a_header(tmp_path, config):
    from workbench.ingest import load_source

    path = tmp_path / "two.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _, h = A4
    for n in (1, 2):
        if n == 2:
            c.setFont("Helvetica", 8)
            c.drawString(56, h - 38, "Direktionen · 7. maj 2025")
        c.setFont("Helvetica", 10)
        for k in range(40):
            c.drawString(56, h - 80 - 15 * k, f"Tekst {'abcdefghij'[k % 10] * (n + k % 3)} her.")
        c.showPage()
    c.save()
    source = load_source(path, config)
    assert [ln.furniture for ln in source.lines if ln.text.startswith("Direktionen")] == [True]
    assert not any(ln.furniture for ln in source.lines if ln.text.startswith("Tekst"))
