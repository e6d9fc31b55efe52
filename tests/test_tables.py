"""Cell tables from PDF rows: rows cut by page breaks, wrapped cells, key columns, repeated headers."""
from __future__ import annotations

import re

from workbench.config import LooseTable
from workbench.parse.blocks import Renderer
from workbench.parse.rows import Row
from workbench.parse.textutil import Hyphenation

TID = LooseTable(("Tid", "Punkt"), re.compile(r"^\d{1,2}[.:]\d\d(?=\s|$)"))
DATO = LooseTable(("Dato", "Punkter"), re.compile(r"^\d{1,2}\.\s*(?:jan|feb|maj|sep)[a-z]*\.?", re.IGNORECASE))
COLS = (72.0, 140.0)


def renderer() -> Renderer:
    return Renderer(Hyphenation(frozenset(), frozenset()), True, False, (TID, DATO))


def row(no: int, text: str, page: int = 1, x0: float = 72.0, x1: float | None = None, bold: bool = False,
        brk: bool = False) -> Row:
    """A PDF row: tab-separated text is a row of cells starting at COLS."""
    cells = text.split("\t") if "\t" in text else None
    return Row(no=no, raw=text, text=" ".join(c for c in (cells or [text]) if c), cells=cells, bold=bold,
               heading_like=bold, x0=x0, x1=x1 if x1 is not None else x0 + 6 * len(text), page=page, brk=brk,
               cell_x=COLS if cells else ())


def first_cells(block) -> list[list[str]]:
    return [[r[0] for r in t.rows] for t in block.tables]


def test_a_wrapped_cell_cut_by_a_page_break_keeps_the_table_whole():
    block = renderer().block([
        row(1, "Tid\tPunkt", bold=True),
        row(2, "9.00\tBeslutningsprotokoller"),
        row(3, "Borgmester deltager", page=2, x0=140.0),  # under the second cell, at the top of the next page
        row(4, "10.30\tPause", page=2),
    ])
    assert first_cells(block) == [["9.00", "10.30"]]
    assert block.tables[0].rows[0][1] == "Beslutningsprotokoller Borgmester deltager"


def test_a_line_indented_within_a_later_cell_continues_it():
    block = renderer().block([
        row(1, "6. sep.\t- Dialogmøde"),
        row(2, "- Vej- og Ejendomschef præsenterer modeller for", x0=140.0),
        row(3, "udviklingen af administrationen.", x0=149.0),
        row(4, "13. sep.\t- Konference"),
    ])
    assert first_cells(block) == [["6. sep.", "13. sep."]]
    assert block.tables[0].rows[0][1].splitlines() == [
        "- Dialogmøde", "- Vej- og Ejendomschef præsenterer modeller for udviklingen af administrationen."]


def test_the_header_repeated_on_the_next_page_is_not_a_row():
    block = renderer().block([
        row(1, "Tid\tPunkt", bold=True),
        row(2, "9.00\tAnkomst"),
        row(3, "Tid\tPunkt", page=2, bold=True),
        row(4, "10.00\tPause", page=2),
    ])
    assert block.tables[0].columns == ["Tid", "Punkt"]
    assert first_cells(block) == [["9.00", "10.00"]]


def test_a_row_without_its_key_continues_the_row_above():
    block = renderer().block([
        row(1, "Dato\tPunkter", bold=True),
        row(2, "5. feb.\tNy model for sygefravær"),
        row(3, "Borgmester og\tDrøftelse af budget"),  # the key cell wraps: no date, so not a row
        row(4, "Fællesforvaltningsdirektør", x1=130.0),  # the first column only
        row(5, "12. feb.\tVinterferie"),
    ])
    assert [[c.splitlines()[0] for c in cells] for cells in first_cells(block)] == [["5. feb.", "12. feb."]]
    assert block.tables[0].rows[0][0] == "5. feb.\nBorgmester og Fællesforvaltningsdirektør"
    assert any(n.kind == "broken_table" and n.field == "rows[0]" for n in block.notes)


def test_a_key_alone_in_the_first_column_is_a_row_and_text_after_the_table_is_not():
    block = renderer().block([
        row(1, "6. sep.\t- Dialogmøde"),
        row(2, "20. sep.", x1=110.0),  # a date with empty cells beside it
        row(3, "27. sep.\t- Status"),
        row(4, "Årsplan med øvrige kommende punkter medbringes på mødet.", x1=400.0, brk=True),
    ])
    assert first_cells(block) == [["6. sep.", "20. sep.", "27. sep."]]
    assert block.text == "Årsplan med øvrige kommende punkter medbringes på mødet."


def test_a_line_running_across_both_columns_between_table_rows_is_kept_and_flagged():
    block = renderer().block([
        row(0, "Dato\tPunkter", bold=True),
        row(1, "28. maj\t- Kommunikationsplan"),
        row(2, "(Borgmester\t- Projekt – Styrket fremmøde"),
        row(3, "deltager ikke på - kloge kvadratmeter", x1=300.0),
        row(4, "mødet)\t- Udmøntningsplan"),
        row(5, "Årsplan medbringes på mødet.", brk=True),
    ])
    assert [[c.splitlines()[0] for c in cells] for cells in first_cells(block)] == [["28. maj"]]
    assert any("runs from the first column" in n.message for n in block.notes)
    assert block.text == "Årsplan medbringes på mødet."


def test_a_ruled_row_tells_where_its_cells_start(tmp_path, config):
    """So that a line under a ruled row's later cell (the rest of a row cut by a page break) finds its column."""
    from pdfmaker import grid_rows
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from workbench.ingest import load_source

    path = tmp_path / "ruled.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    grid_rows(c, 56, 700, [60, 400], [["Tid", "Punkt"], ["9.00", "Ankomst"]])
    c.showPage()
    c.save()
    lines = load_source(path, config).lines
    assert [(ln.text, ln.cell_x) for ln in lines] == [("Tid\tPunkt", (56.0, 116.0)), ("9.00\tAnkomst", (56.0, 116.0))]


def test_a_header_naming_only_the_first_column_heads_the_table():
    block = renderer().block([
        row(1, "DIR"),
        row(2, "Dato", bold=True, x1=100.0),  # the second header cell is empty
        row(3, "6. sep.\t- Dialogmøde"),
        row(4, "13. sep.\t- Konference"),
    ])
    assert block.text == "DIR"
    assert block.tables[0].columns == ["Dato", ""]
    assert first_cells(block) == [["6. sep.", "13. sep."]]


def test_a_row_joined_by_a_guessed_key_column_is_a_warning_and_by_a_named_one_information():
    rows = [row(1, "9.00\tAnkomst"), row(2, "10.00\tPause"), row(3, "Ca. 11\tFrokost"), row(4, "12.00\tSlut")]
    guessed = renderer().block(rows)
    assert first_cells(guessed) == [["9.00", "10.00\nCa. 11", "12.00"]]
    assert [n.severity for n in guessed.notes if n.kind == "broken_table"] == ["warning"]
    named = renderer().block([row(0, "Tid\tPunkt", bold=True)] + rows)
    assert [n.severity for n in named.notes if n.kind == "broken_table"] == ["info"]
