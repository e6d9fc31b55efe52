"""An item's Bilag list and the Bilagsoversigt: each form on the smallest text or PDF that shows it."""
from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from test_parse import item_text


def atts(ref, k: int = 0):
    return [(a.number, a.access, a.title, a.ref) for a in ref.items[k].attachments]


def test_a_ruled_table_under_its_header_row(parse_text):
    body = ("Indstilling\n\nDet indstilles.\n\nBilag\nNr.\tAdgang\tTitel\tDok.nr.\n"
            "1 3608761\tÅben\tÅrsrapport 2023.\t40064/24\n2\tLukket\tGrundfortælling\t\n\n"
            "Direktionens beslutning den 15.05.2024\n\nGodkendt.")
    ref = parse_text(item_text(body))
    assert atts(ref) == [(1, "open", "Årsrapport 2023.", "40064/24"), (2, "closed", "Grundfortælling", None)]
    assert ref.items[0].decisions[0].text == "Godkendt."


def test_lines_numbered_one_two_three_with_the_document_number_or_a_closed_marker(parse_text):
    body = ("Indstilling\n\nDet indstilles.\n\nBilag:\n1. Kønsidentitet - kommissorium (21037/25)\n"
            "2. (Lukket bilag)\n3. Notat om noget (Lukket bilag)\n4. Tidsplan for forenkling af\n"
            "politikker og strategier (41023/24)\n5. Kommissorium for forenkling\n(41027/24)\n")
    ref = parse_text(item_text(body))
    assert atts(ref) == [(1, "open", "Kønsidentitet - kommissorium", "21037/25"), (2, "closed", None, None),
                         (3, "closed", "Notat om noget", None),
                         (4, "open", "Tidsplan for forenkling af politikker og strategier", "41023/24"),
                         (5, "open", "Kommissorium for forenkling", "41027/24")]
    # the document marks closed attachments in words: the open ones are an inference, said as info
    flags = [f for f in ref.flags if f.kind == "inferred_value" and f.field == "items[0].attachments"]
    assert [f.severity for f in flags] == ["info"] and "1, 4, 5" in flags[0].message


def test_unmarked_attachments_in_a_document_that_never_states_access_are_a_warning(parse_text):
    body = "Indstilling\n\nDet indstilles.\n\nBilag:\n1. Kønsidentitet - kommissorium (21037/25)\n"
    ref = parse_text(item_text(body))
    assert atts(ref) == [(1, "open", "Kønsidentitet - kommissorium", "21037/25")]
    flags = [f for f in ref.flags if f.kind == "inferred_value" and f.field == "items[0].attachments"]
    assert [f.severity for f in flags] == ["warning"]


def test_a_numbered_line_out_of_sequence_ends_the_list(parse_text):
    body = ("Indstilling\n\nDet indstilles.\n\nBilag:\n1. Notat (21037/25)\n\n3. Et punkt i teksten\n")
    ref = parse_text(item_text(body))
    assert atts(ref) == [(1, "open", "Notat", "21037/25")]


def test_number_access_and_title_set_off_by_dashes(parse_text):
    body = "Indstilling\n\nDet indstilles.\n\nBilag:\n1 - Åben - Aftalestyringsdokument (21371/25)\n2 - Lukket\n"
    ref = parse_text(item_text(body))
    assert atts(ref) == [(1, "open", "Aftalestyringsdokument", "21371/25"), (2, "closed", None, None)]
    assert not [f for f in ref.flags if f.kind == "inferred_value"]


def _column_pdf(path):
    """A Bilag list in columns without rules: number, access, title, document number; the second title
    wraps in its column, and an internal id stands under each number."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 80

    def line(*cells: tuple[float, str], font: str = "Helvetica") -> None:
        nonlocal y
        c.setFont(font, 10)
        for x, text in cells:
            c.drawString(x, y, text)
        y -= 14

    line((56, "1. Første punkt"), font="Helvetica-Bold")
    line((56, "Åben sag"))
    line((56, "Indstilling"), font="Helvetica-Bold")
    line((56, "Det indstilles, at punktet drøftes."))
    line((56, "Bilag:"), font="Helvetica-Bold")
    line((56, "1."), (110, "Åben"), (160, "Årsrapport 2023."), (460, "40064/24"))
    line((56, "3608761"))
    line((56, "2."), (110, "Åben"), (160, "Forenkling af politikker -"), (460, "41021/24"))
    line((160, "Tidsplan af de tre spor"))
    line((56, "3609934"))
    line((56, "3."), (110, "Lukket"), (160, "Grundfortælling"))
    c.showPage()
    c.save()
    return path


def test_a_pdf_list_in_columns_wrapped_title_and_internal_ids(tmp_path, config, roster):
    from workbench.pipeline import analyse

    ref = analyse(_column_pdf(tmp_path / "columns.pdf"), config, roster)
    assert atts(ref) == [(1, "open", "Årsrapport 2023.", "40064/24"),
                         (2, "open", "Forenkling af politikker - Tidsplan af de tre spor", "41021/24"),
                         (3, "closed", "Grundfortælling", None)]
    assert not [f for f in ref.flags if f.field.startswith("items[0].attachments")]


def test_attachment_index_with_punkt_and_bilag_lines(parse_text):
    text = (item_text("Sagsgang\n\nDIR", "Punkt 4: ", "BI-Udvalgsmøde") + "\nBilagsoversigt\n\n"
            "Punkt 4: BI-Udvalgsmøde\nBilag 1: 01 BI - Governance.docx (45025/25)\n"
            "Bilag 2: 0201 - Strategiske nøgletal for\nØkonomiudvalg.docx (45026/25)\n")
    ref = parse_text(text)
    idx = [(e.item, e.number, e.title, e.ref) for e in ref.attachment_index]
    assert idx == [(4, 1, "01 BI - Governance.docx", "45025/25"),
                   (4, 2, "0201 - Strategiske nøgletal for Økonomiudvalg.docx", "45026/25")]


def test_attachment_index_in_cells_without_items_to_match(parse_text):
    text = ("Bilagsoversigt\n\n1. Sager behandlet per mail\n1.\tSagsfremstilling - Status\t45279/25\n"
            "3. Lukket punkt - Evaluering\n1.\t(Lukket bilag)\n")
    ref = parse_text(text)
    idx = [(e.item, e.number, e.access, e.title, e.ref) for e in ref.attachment_index]
    assert idx == [(1, 1, None, "Sagsfremstilling - Status", "45279/25"), (3, 1, "closed", None, None)]


def test_bilag_lines_numbered_with_a_dot_or_a_dash_and_a_plain_list_with_document_numbers(parse_text):
    body = "Indstilling\n\nDet indstilles.\n\nBilag:\nBilag 1. Notat om budget\nBilag nr. 2 - Tidsplan\n"
    assert atts(parse_text(item_text(body))) == [(1, None, "Notat om budget", None), (2, None, "Tidsplan", None)]
    body = "Indstilling\n\nDet indstilles.\n\nBilag:\n- Notat om budget (21037/25)\n- Tidsplan (Lukket bilag)\n"
    assert atts(parse_text(item_text(body))) == [(None, None, "Notat om budget", "21037/25"),
                                                 (None, "closed", "Tidsplan", None)]
