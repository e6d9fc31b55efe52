"""Parser rules, each on the smallest text that shows it, with its nearest clean twin."""
from __future__ import annotations

import datetime as dt

from workbench.record import to_dict


def item_text(body: str, number: str = "1. ", title: str = "Første punkt", access: str = "Åben sag") -> str:
    return f"{number}{title}\n\n{access}\n\n{body}\n"


def test_an_item_opens_at_a_numbered_heading_with_an_access_marker(parse_text):
    ref = parse_text(item_text("Sagsgang\n\nDIR\n\nIndstilling\n\nDet indstilles, at punktet drøftes.")
                     + "\n" + item_text("Sagsgang\n\nDIR", "2. ", "Andet punkt", "Lukket sag"))
    assert [(i.number, i.title, i.access) for i in ref.items] == [(1, "Første punkt", "open"), (2, "Andet punkt", "closed")]
    assert ref.items[0].sections["indstilling"].text == "Det indstilles, at punktet drøftes."


def test_numbered_sub_points_inside_a_section_are_not_items(parse_text):
    body = ("Sagsfremstilling\n\n1. Drøftelse og godkendelse af governance for BI\n\nGovernance fastlægger rammerne.\n\n"
            "2. Drøftelse og prioritering af udviklingsprojekter\n\nDer er følgende projekter.")
    ref = parse_text(item_text(body, "4. ", "BI-Udvalgsmøde"))
    assert len(ref.items) == 1
    text = ref.items[0].sections["sagsfremstilling"].text
    assert "1. Drøftelse og godkendelse af governance for BI" in text
    assert "2. Drøftelse og prioritering" in text


def test_a_sentence_that_begins_with_a_heading_word_is_text(parse_text):
    body = "Sagsfremstilling\n\nSagsfremstillinger og bilag er vedlagt som bilag.\n\nIndstilling\n\nDet indstilles."
    ref = parse_text(item_text(body))
    sections = ref.items[0].sections
    assert set(sections) == {"sagsfremstilling", "indstilling"}
    assert sections["sagsfremstilling"].text == "Sagsfremstillinger og bilag er vedlagt som bilag."


def test_a_heading_with_a_typo_opens_its_section_and_is_flagged(parse_text):
    ref = parse_text(item_text("Sagsfremstiling\n\nTeksten.\n\nIndstilling\n\nDet indstilles."))
    assert ref.items[0].sections["sagsfremstilling"].text == "Teksten."
    assert ref.items[0].sections["sagsfremstilling"].confidence < 1
    flag = [f for f in ref.flags if f.kind == "unknown_heading"]
    assert flag and flag[0].suggestion == "Sagsfremstilling"
    clean = parse_text(item_text("Sagsfremstilling\n\nTeksten."))
    assert not [f for f in clean.flags if f.kind == "unknown_heading"]


def test_a_line_that_only_looks_like_a_heading_stays_text(parse_text):
    ref = parse_text(item_text("Sagsfremstilling\n\nAktuelle politiske sager\n\n- Sundhedsreformen\n\nØvrige sager:\n\n- Lederdag"))
    assert set(ref.items[0].sections) == {"sagsfremstilling"}
    assert "Aktuelle politiske sager" in ref.items[0].sections["sagsfremstilling"].text


def test_hyphenation_is_rejoined_the_danish_way(parse_text):
    # a layout extraction: a blank line after every line of text
    lines = ["Direktionen har behandlet sagen om helhedsorienteret sagsbe-", "handling og Børne-",
             "og Ungdomsudvalget har set 2030-", "fremskrivning af p-", "huse samt sagsbehandling."]
    body = "\n\n".join(["Sagsfremstilling"] + lines + ["Indstilling", "Det indstilles."] * 1)
    # twenty lines or more make the layout recognisable as double-spaced
    body += "\n\n" + "\n\n".join(f"Linje {i} med tekst." for i in range(20))
    ref = parse_text(item_text(body).replace("\n\nÅben sag", "\n\nÅben sag"))
    text = " ".join(ref.items[0].sections["sagsfremstilling"].text.split())
    assert "helhedsorienteret sagsbehandling" in text
    assert "Børne- og Ungdomsudvalget" in text
    assert "2030-fremskrivning" in text
    assert "p-huse" in text


def test_markup_is_read_as_plain_content(parse_text):
    body = "**Sagsfremstilling**\n\n<p>Første afsnit.</p> <p>Andet afsnit.</p>\n\n**Indstilling**\n\nDet *indstilles*."
    ref = parse_text(item_text(body), name="doc.md")
    s = ref.items[0].sections
    assert s["sagsfremstilling"].text == "Første afsnit.\n\nAndet afsnit." or "<p>" not in s["sagsfremstilling"].text
    assert "<p>" not in s["sagsfremstilling"].text and s["indstilling"].text == "Det indstilles."
    assert ref.source.format == "markdown"


def test_tab_table_rows_and_a_continuation_row(parse_text):
    body = ("Sagsfremstilling\n\nDirektionen har følgende punkter:\n\nTid\tPunkt\n9.00\tAnkomst\n10.00\t<p>Pause</p>\n\n"
            "\t<p>fortsat tekst</p>\n11.00\tFrokost\n\nIndstilling\n\nDet indstilles.")
    ref = parse_text(item_text(body))
    table = ref.items[0].tables[0]
    assert table.section == "sagsfremstilling" and table.columns == ["Tid", "Punkt"]
    assert [r[0] for r in table.rows] == ["9.00", "10.00", "11.00"]
    assert table.rows[1][1] == "Pause\nfortsat tekst"
    assert ref.items[0].sections["sagsfremstilling"].text == "Direktionen har følgende punkter:"
    assert any(f.kind == "broken_table" and "fortsat" in f.excerpt for f in ref.flags)


def test_pipe_table_of_attachments(parse_text):
    body = ("Indstilling\n\nDet indstilles.\n\nBilag:\n\n- | | | |\n|---|--|----------|\n"
            "| 1 | Åben Kommissorium for noget | 88814/23 |\n| 2 | Lukket Notat om andet | 88812/23 |\n")
    ref = parse_text(item_text(body))
    atts = [(a.number, a.access, a.title, a.ref) for a in ref.items[0].attachments]
    assert atts == [(1, "open", "Kommissorium for noget", "88814/23"), (2, "closed", "Notat om andet", "88812/23")]


def test_loose_schedule_is_rebuilt_into_a_table(parse_text):
    body = ("Sagsgang\n\nDIR\n\nDato Punkter\n14. maj\n Forberedelse af program\n 21. maj   Budget 2026\n"
            "28. maj (Borgme-\nster deltager ikke\npå mødet)\n Kommunikationsplan\n\nÅrsplan medbringes på mødet.\n\n"
            "Sagsfremstilling\n\nPunkter til de kommende møder.")
    ref = parse_text(item_text(body))
    table = ref.items[0].tables[0]
    assert table.columns == ["Dato", "Punkter"]
    assert [r[0] for r in table.rows] == ["14. maj", "21. maj", "28. maj (Borgmester deltager ikke på mødet)"]
    assert " ".join(ref.items[0].sections["sagsgang"].text.split()) == "DIR Årsplan medbringes på mødet."
    assert any(f.kind == "broken_table" and f.lines[0] <= 14 <= f.lines[1] for f in ref.flags)


def test_attachments_with_document_numbers_on_their_own_line(parse_text):
    body = ("Indstilling\n\nDet indstilles.\n\nBilag:\n\n1 Åben Sagsfremstilling - Status på sagsbe-\n\nhandling.\n\n"
            "45279/25\n\n2 Åben Bilag 1 - Status 2025 45278/25\n\n- 3 Lukket\n\nBeslutning i Direktionen den 07-05-2025\n\nGodkendt.")
    ref = parse_text(item_text(body))
    atts = [(a.number, a.access, a.title, a.ref) for a in ref.items[0].attachments]
    assert atts == [(1, "open", "Sagsfremstilling - Status på sagsbehandling.", "45279/25"),
                    (2, "open", "Bilag 1 - Status 2025", "45278/25"), (3, "closed", None, None)]
    dec = ref.items[0].decisions[0]
    assert (dec.body, dec.date, dec.text) == ("Direktionen", dt.date(2025, 5, 7), "Godkendt.")


def test_an_item_taken_up_at_two_meetings_has_two_decisions(parse_text):
    body = ("Indstilling\n\nDet indstilles.\n\nBeslutning i Direktionen den 07-05-2025\n\nUdsat.\n\n"
            "Beslutning i Direktionen den 14-05-2025\n\nGodkendt.")
    ref = parse_text(item_text(body))
    assert [(d.date, d.text) for d in ref.items[0].decisions] == [(dt.date(2025, 5, 7), "Udsat."), (dt.date(2025, 5, 14), "Godkendt.")]


def test_journal_and_case_numbers(parse_text):
    ref = parse_text("4. Udmøntningsplan\n\n00.30.10.S00\n\n24/7615\n\nÅben sag\n\nSagsgang\n\nDIR\n")
    item = ref.items[0]
    assert (item.journal, item.case, item.access) == ("00.30.10.S00", "24/7615", "open")


def test_front_page_toc_members_vacant_and_absent(parse_text):
    text = ("Direktionen\n\nREFERAT\n\nSted: Mødelokale 250, rådhuset\n\nDato: Onsdag den 30. august 2023\n\n"
            "Start kl.: 9:00\n\nSlut kl.: 17:00\n\nMedlemmer: Kommunaldirektør Vakant\nVelfærdsdirektør Lene Mehlsen Thomsen\n\n"
            "Fraværende:\n\nIndholdsfortegnelse\n\n\tSide\n1. Beslutningsprotokoller\t1\n2. Økonomi.....\t3\nBilagsoversigt.....\t9\n\n"
            + item_text("Sagsgang\n\nDIR", "1. ", "Beslutningsprotokoller") + "\n" + item_text("Sagsgang\n\nDIR", "2. ", "Økonomi"))
    ref = parse_text(text)
    m = to_dict(ref)["meeting"]
    assert m["body"] == "Direktionen" and m["kind"] == "referat" and m["place"] == "Mødelokale 250, rådhuset"
    assert (m["date"], m["start"], m["end"]) == (dt.date(2023, 8, 30), dt.time(9, 0), dt.time(17, 0))
    assert m["members"] == [{"title": "Kommunaldirektør", "vacant": True},
                            {"title": "Velfærdsdirektør", "name": "Lene Mehlsen Thomsen"}]
    assert m["absent"] == []
    assert [(e.number, e.title, e.page) for e in ref.toc] == [(1, "Beslutningsprotokoller", 1), (2, "Økonomi", 3), (None, "Bilagsoversigt", 9)]
    assert [i.title for i in ref.items] == ["Beslutningsprotokoller", "Økonomi"]


def test_no_front_page_date_inferred_from_page_header_and_flagged(parse_text):
    text = item_text("Sagsgang\n\nDIR\n\nDirektionen 07-05-2025\n\n9\n\nIndstilling\n\nDet indstilles.")
    ref = parse_text(text)
    assert ref.meeting.date == dt.date(2025, 5, 7) and ref.meeting.body == "Direktionen"
    flag = [f for f in ref.flags if f.kind == "inferred_value" and f.field == "meeting.date"]
    assert flag and flag[0].severity == "warning" and flag[0].lines == (9, 9)
    assert "Direktionen 07-05-2025" not in ref.items[0].sections["sagsgang"].text
    assert "9" not in ref.items[0].sections["sagsgang"].text


def test_no_front_page_date_inferred_from_the_decision_heading(parse_text):
    ref = parse_text(item_text("Indstilling\n\nDet indstilles.\n\nBeslutning i Direktionen den 15-05-2024\n\nGodkendt."))
    assert ref.meeting.date == dt.date(2024, 5, 15)
    assert any(f.kind == "inferred_value" and f.lines == (9, 9) for f in ref.flags)


def test_merged_title_access_and_heading_line(parse_text):
    ref = parse_text("Punkter til behandling*Åben Sag***Sagsgang**\n\nDIR\n\nIndstilling\n\nDet indstilles.\n", name="doc.md")
    item = ref.items[0]
    assert (item.number, item.title, item.access) == (None, "Punkter til behandling", "open")
    assert item.sections["sagsgang"].text == "DIR"


def test_signatures_broken_name_joined_through_the_roster(parse_text):
    text = item_text("Sagsgang\n\nDIR") + "\nUnderskriftsside\n\nKommunaldirektør Jonas Kroustrup\n\nFællesforvaltningsdirektør Kim Bruun\nNielsen\n"
    ref = parse_text(text)
    assert [(p.title, p.name) for p in ref.signatures] == [("Kommunaldirektør", "Jonas Kroustrup"),
                                                          ("Fællesforvaltningsdirektør", "Kim Bruun Nielsen")]
    assert any(f.kind == "split_line" and f.severity == "info" for f in ref.flags)


def test_attachment_index_with_item_lines_and_markers(parse_text):
    text = (item_text("Sagsgang\n\nDIR", "3. ", "Evaluering af Nytårskur 2025") + "\nBilagsoversigt\n\n"
            "3. Lukket punkt - Evaluering af Nytårskur 2025\n 1. (Lukket bilag)\n 2. Notat om noget (21037/25)\n")
    ref = parse_text(text)
    idx = [(e.item, e.number, e.access, e.title, e.ref, e.item_marker) for e in ref.attachment_index]
    assert idx == [(3, 1, "closed", None, None, "Lukket punkt"), (3, 2, None, "Notat om noget", "21037/25", "Lukket punkt")]


def test_every_flag_points_into_the_source(parse_text):
    text = open(__file__.replace("test_parse.py", "../../shared/seeds/002_26687f9090792ef4.txt"), encoding="utf-8").read() \
        if False else item_text("Sagsgang\n\nDIR")
    ref = parse_text(text)
    n = len(ref.source.lines)
    assert all(1 <= f.lines[0] <= f.lines[1] <= n for f in ref.flags)
