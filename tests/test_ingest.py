"""Ingestion: text files as their own lines in any of the usual encodings; PDFs as lines with
page, position, font, cells kept apart, and page furniture recognised."""
from __future__ import annotations

import pytest

from pdfmaker import text_pdf
from workbench.errors import InputError
from workbench.ingest import load_source

TEXT = "1. Første punkt\n\nÅben sag\n\nSagsgang\n\nDIR — økonomi\n"


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.encode("cp1252"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    lambda t: t.replace("Sagsgang", "Sags\x00gang").encode("utf-8"),
], ids=["utf8", "bom", "cp1252", "crlf", "nul"])
def test_text_in_any_usual_encoding_gives_the_same_lines(tmp_path, config, encode):
    path = tmp_path / "doc.txt"
    path.write_bytes(encode(TEXT))
    source = load_source(path, config)
    assert [ln.text for ln in source.lines] == TEXT.split("\n")[:-1]
    assert source.format == "text" and source.pages is None


def test_a_five_megabyte_line_is_read_quickly(tmp_path, config, parse_text):
    ref = parse_text("1. Punkt\n\nÅben sag\n\nSagsgang\n\n" + "ord " * 1_300_000 + "\n")
    assert len(ref.items[0].sections["sagsgang"].text) > 5_000_000


def test_pdf_lines_carry_page_font_position_and_cells(tmp_path, config):
    pages = [[("h", "1. Første punkt"), ("p", "Åben sag"), ("b", "Sagsgang"), ("p", "DIR")],
             [("b", "Indstilling"), ("p", "Det indstilles.")],
             [("p", "Slut.")]]
    pdf = text_pdf(tmp_path / "doc.pdf", pages, header="Direktionen 29-01-2025",
                   two_column=[("Sted:", "Mødelokale 250"), ("Medlemmer:", "Kommunaldirektør Jonas Kroustrup")])
    source = load_source(pdf, config)
    assert source.format == "pdf" and source.pages == 3 and source.extractor.startswith("pdfplumber")
    by_text = {ln.text: ln for ln in source.lines}
    assert by_text["1. Første punkt"].bold and by_text["1. Første punkt"].size == 12
    assert not by_text["Åben sag"].bold and by_text["Åben sag"].page == 1
    assert "Sted:\tMødelokale 250" in by_text  # label and value kept apart as cells
    headers = [ln for ln in source.lines if ln.text.startswith("Direktionen 29-01-2025")]
    assert len(headers) == 3 and all(ln.furniture for ln in headers)
    assert [ln.text for ln in headers] == [f"Direktionen 29-01-2025\tSide {n}" for n in (1, 2, 3)]
    assert not any(ln.furniture for ln in source.lines if "Side" not in ln.text)
    assert [ln.no for ln in source.lines] == list(range(1, len(source.lines) + 1))


def test_page_count_over_the_limit_is_refused(tmp_path, config):
    import dataclasses

    pdf = text_pdf(tmp_path / "long.pdf", [[("p", "tekst")]] * 4)
    with pytest.raises(InputError, match="4 pages, over the limit of 3"):
        load_source(pdf, dataclasses.replace(config, max_pages=3))


def test_text_furniture_is_marked_but_kept(tmp_path, config):
    path = tmp_path / "doc.txt"
    path.write_text("Tekst før\n\nDirektionen 07-05-2025 \n\n9\n\nTekst efter\n\nBeslutning i Direktionen den 07-05-2025\n",
                    encoding="utf-8")
    lines = load_source(path, config).lines
    assert [ln.no for ln in lines if ln.furniture] == [3, 5]
    assert lines[2].text == "Direktionen 07-05-2025 "  # untouched


def test_a_page_break_does_not_cut_a_value_in_two(tmp_path, config, roster):
    from pdfmaker import page_break_pdf
    from workbench.pipeline import analyse

    ref = analyse(page_break_pdf(tmp_path / "cut.pdf"), config, roster)
    item = ref.items[0]
    table = item.tables[0]
    assert table.columns == ["Tid", "Punkt"]
    assert [r[0] for r in table.rows] == ["9.00", "10.00", "11.00"]
    assert table.rows[1][1] == "Kommunikation af fælles indsatser, hvor Vivian deltager under behandlingen af punktet."
    assert item.sections["indstilling"].text == "Direktionen drøfter planen og beslutter den videre proces."
    joined = [f for f in ref.flags if f.kind == "broken_table"]
    assert [f.severity for f in joined] == ["info"] and "page break" in joined[0].message
    assert not any("Side" in v or "29-01-2025" in v for v in (s.text for s in item.sections.values()))
