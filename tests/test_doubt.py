"""The doubt rules (workbench/doubt/): each fires on the smallest text where a rule of the parser
did not match, points at the field that is then wrong, and stays quiet on its clean twin."""
from __future__ import annotations

FRONT = "Direktionen\n\nReferat\n\nDato: 29-01-2025\n\n"


def item(number: str, title: str, body: str, access: str = "Åben sag") -> str:
    return f"{number}. {title}\n\n{access}\n\n{body}\n\n"


def loud(ref, field: str | None = None) -> list:
    return [f for f in ref.flags if f.severity in ("warning", "error") and (field is None or f.field == field)]


def test_a_document_without_items_is_an_error_on_items(parse_text):
    ref = parse_text(FRONT + "Løs tekst uden nogen punkter.\n\n" * 50)
    assert [f.severity for f in loud(ref, "items")] == ["error"]
    assert not loud(parse_text(FRONT + item("1", "Plan", "Sagsgang\n\nDIR")), "items")


def test_no_meeting_date_anywhere_is_an_error(parse_text):
    assert [f.severity for f in loud(parse_text("Direktionen\n\n" + item("1", "Plan", "Sagsgang\n\nDIR")),
                                     "meeting.date")] == ["error"]
    assert not loud(parse_text(FRONT + item("1", "Plan", "Sagsgang\n\nDIR")), "meeting.date")


def test_a_front_page_line_read_as_nothing_is_flagged_on_the_meeting(parse_text):
    ref = parse_text(FRONT + "Mødeform: Hybridmøde i byrådssalen\n\n" + item("1", "Plan", "Sagsgang\n\nDIR"))
    flags = loud(ref, "meeting")
    assert flags and "Mødeform" in flags[0].message and flags[0].lines[0] == 7


def test_an_unknown_decision_heading_inside_a_section_points_at_the_missing_decision(parse_text):
    body = "Indstilling\n\nDet indstilles, at planen godkendes.\n\nUdvalgets afgørelse 29-01-2025\n\nGodkendt."
    ref = parse_text(FRONT + item("1", "Plan", body))
    assert loud(ref, "items[0].decisions") and loud(ref, "items[0].sections.indstilling")
    twin = body.replace("Udvalgets afgørelse 29-01-2025", "Beslutning i Direktionen den 29-01-2025")
    assert not loud(parse_text(FRONT + item("1", "Plan", twin)))


def test_a_case_number_in_a_header_line_no_pattern_read(parse_text):
    body = "Sagsgang\n\nDIR"
    ref = parse_text(FRONT + "1. Plan\n\nÅben sag\n\nSagsreference i ESDH 24/7615\n\n" + body + "\n\n")
    assert ref.items[0].case is None and loud(ref, "items[0].case")
    assert not loud(parse_text(FRONT + "1. Plan\n\nÅben sag\n\n24/7615\n\n" + body + "\n\n"), "items[0].case")


def test_two_names_in_one_person(parse_text):
    ref = parse_text(FRONT.replace("\n\n", "\n\n", 1) + "Medlemmer: Kommunaldirektør Jonas Kroustrup, Direktør Lene Mehlsen Thomsen\n\n"
                     + item("1", "Plan", "Sagsgang\n\nDIR"))
    assert any(f.field.startswith("meeting.members[") and "more than one name" in f.message for f in loud(ref))


def test_rows_of_a_table_left_as_text_point_at_the_tables(parse_text):
    rows = "9.00 Velkomst\n\n9.30 Budget\n\n10.15 Pause\n\n10.30 Strategi\n"
    ref = parse_text(FRONT + item("1", "Plan", "Sagsfremstilling\n\nProgram for dagen:\n\n" + rows))
    assert loud(ref, "items[0].tables") and not ref.items[0].tables
    twin = "Tid Punkt\n\n" + rows  # the configured header: a table
    assert not loud(parse_text(FRONT + item("1", "Plan", "Sagsfremstilling\n\nProgram for dagen:\n\n" + twin)),
                    "items[0].tables")


def test_two_decisions_of_one_date_in_one_item_suggest_a_missed_item(parse_text):
    dec = "Beslutning i Direktionen den 29-01-2025\n\nGodkendt.\n\n"
    ref = parse_text(FRONT + item("1", "Plan", "Sagsgang\n\nDIR\n\n" + dec + "Noget andet\n\nSagsgang\n\nDIR\n\n" + dec))
    assert loud(ref, "items") and loud(ref, "items[0].decisions")


def test_a_section_that_ends_in_an_unknown_heading(parse_text):
    body = "Indstilling\n\nDet indstilles, at planen godkendes.\n\n{}Beslutning i Direktionen den 29-01-2025\n\nGodkendt."
    ref = parse_text(FRONT + item("1", "Plan", body.format("Dokumenter:\n\n")))
    assert any("ends in 'Dokumenter:'" in f.message for f in loud(ref, "items[0].sections.indstilling"))
    assert not loud(parse_text(FRONT + item("1", "Plan", body.format(""))), "items[0].sections.indstilling")


def parse_with(tmp_path, text: str, override: str):
    """Parse `text` with config.toml, one part of its vocabulary overridden (as tests/crippled.py does)."""
    from workbench.config import load_config
    from workbench.pipeline import analyse, load_roster

    (tmp_path / "c.toml").write_text(override, encoding="utf-8")
    config = load_config(tmp_path / "c.toml")
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    return analyse(tmp_path / "doc.txt", config, load_roster(config))


def test_an_unknown_access_marker_among_other_words_below_one_heading(tmp_path):
    body = "Sagsgang\n\nDIR\n\nBeslutning i Direktionen den 29-01-2025\n\nGodkendt."
    text = FRONT + item("1", "Plan", body, "Sag: 24/1111\n\nÅben sag") \
        + item("2", "Strategi", body, "Sag: 24/7615\n\nSagsgang: Åben sag") + item("3", "Budget", body, "Sag: 24/2222\n\nÅben sag")
    no_access = "[access]\nopen = []\nclosed = []\n"
    ref = parse_with(tmp_path, text, no_access)
    assert ref.items[1].access is None and loud(ref, "items[1].access")
    twin = text.replace("Sagsgang: Åben sag", "Sagsgang: DIR")
    assert not loud(parse_with(tmp_path, twin, no_access), "items[1].access")


def test_a_recurring_heading_not_set_apart_in_one_item(parse_text):
    def body(gap: str) -> str:
        return f"Sagsfremstilling\n\nTekst om sagen.\n\nVurdering{gap}Planen er god.\n\n"
    text = FRONT + item("1", "Plan", body("\n\n")) + item("2", "Budget", body("\n\n")) \
        + item("3", "Strategi", body("\n"))
    assert loud(parse_text(text), "items[2].sections")
    assert not loud(parse_text(text.replace("Vurdering\n", "")), "items[2].sections")


def test_a_bilagsoversigt_under_an_unknown_heading_points_at_the_section_it_went_into(parse_text):
    index = "Oversigt over dokumenter\n\n1.\tNotat om planen\t21037/25\n2.\tNotat om budgettet\t21038/25\n\n"
    ref = parse_text(FRONT + item("1", "Plan", "Sagsfremstilling\n\nTekst om sagen.\n\n" + index))
    assert loud(ref, "attachment_index")
    assert any("runs on into a Bilagsoversigt" in f.message for f in loud(ref, "items[0].sections.sagsfremstilling"))


DECIDED = "Beslutning i Direktionen den 29-01-2025\n\nGodkendt.\n\n"


def test_an_attachment_title_that_opens_with_a_cell_of_its_own(tmp_path):
    text = FRONT + "1. Plan\n\nSag: 24/1111\n\nSagsgang\n\nDIR\n\nBilag:\n\n1.\t{}Notat om planen\t21037/25\n\n" + DECIDED
    no_access = "[access]\nopen = []\nclosed = []\n"
    ref = parse_with(tmp_path, text.format("Åben\t"), no_access)
    assert ref.items[0].attachments[0].access is None and loud(ref, "items[0].attachments[0]")
    assert not loud(parse_with(tmp_path, text.format(""), no_access), "items[0].attachments[0]")


def test_a_table_key_cell_that_holds_two_dates(parse_text):
    rows = "Dato\tPunkt\n4. okt.\tBudget\n11. okt.\tPlan\n18. okt.{}\tFerie\n1. nov.\tStrategi\n\n"
    body = "Sagsfremstilling\n\nProgram:\n\n" + rows
    assert loud(parse_text(FRONT + item("1", "Plan", body.format(" 25. okt.") + DECIDED)), "items[0].tables[0]")
    assert not loud(parse_text(FRONT + item("1", "Plan", body.format("") + DECIDED)), "items[0].tables[0]")


def test_a_short_line_right_above_a_table_without_header(parse_text):
    body = "Sagsgang\n\nDIR\n\n{}4. okt.\tBudget\n11. okt.\tPlan\n18. okt.\tFerie\n1. nov.\tStrategi\n\n" + DECIDED
    assert any("without a header row" in f.message
               for f in loud(parse_text(FRONT + item("1", "Plan", body.format("Dato\n\n"))), "items[0].sections.sagsgang"))
    assert not any("without a header row" in f.message
                   for f in loud(parse_text(FRONT + item("1", "Plan", body.format(""))), "items[0].sections.sagsgang"))


def test_an_item_split_by_a_header_line_no_pattern_read(tmp_path):
    def one(n: int, line: str) -> str:
        return f"{n}. Plan {n}\n\n{line}\n\nSagsgang\n\nDIR\n\n" + DECIDED
    text = FRONT + one(1, "00.30.10.S00 · Sagsnr.: 24/7615 · Åben sag") + one(2, "00.30.10.S01 · Sagsnr.: 24/7616 · Åben sag")
    no_cases = "[patterns]\ncase = []\njournal = []\n"
    ref = parse_with(tmp_path, text, no_cases)
    # a line of codes, labelled or not, is an item's header even where no pattern reads it: the item
    # is not split at it; the fields it holds are flagged, each of them
    assert [it.title for it in ref.items] == ["Plan 1", "Plan 2"]
    assert all(it.access == "open" and "sagsgang" in it.sections and it.decisions for it in ref.items)
    assert all(loud(ref, f"items[0].{f}") for f in ("journal", "case"))
    assert not any("heading alone" in f.message for f in loud(parse_with(tmp_path, text, "")))
