"""Each flag rule fires on the smallest text that needs it, and not on its nearest clean twin."""
from __future__ import annotations

import dataclasses

import pytest

from workbench.pipeline import analyse


def item(number: str, title: str, body: str, access: str = "Åben sag") -> str:
    return f"{number}. {title}\n\n{access}\n\n{body}\n\n"


NO_MEETING = ("meeting.date", "meeting.body")  # the snippets below state no meeting: that flag is tested apart


def kinds(ref, kind: str, severity: str | None = None):
    return [f for f in ref.flags if f.kind == kind and (severity is None or f.severity == severity)
            and not (f.kind == "low_confidence" and f.field in NO_MEETING)]


def test_cut_off_cell(parse_text):
    body = "Sagsfremstilling\n\nTid\tPunkt\n12.15\tKommunikation. Vivian deltager under behandlingen af\n\n12.45\tGennemgang\n"
    flags = kinds(parse_text(item("1", "Plan", body)), "broken_table")
    assert flags and flags[0].lines == (8, 8) and "behandlingen af" in flags[0].message
    twin = body.replace("behandlingen af", "behandlingen.")
    assert not kinds(parse_text(item("1", "Plan", twin)), "broken_table")


def test_date_cut_apart_in_loose_lines(parse_text):
    body = "Sagsfremstilling\n\nGodkendelse af skabelon\n\nPrioritering af nye initiativer\n\n11/25 -06-2025\n\nStatus på projekter\n"
    flags = kinds(parse_text(item("1", "Plan", body)), "broken_table")
    assert flags and flags[0].severity == "warning" and flags[0].lines[0] == 11
    twin = body.replace("11/25 -06-2025", "Mødet er den 25-06-2025.")
    assert not kinds(parse_text(item("1", "Plan", twin)), "broken_table")


def test_numbering_gap_repeat_and_missing_number(parse_text):
    ok = item("1", "A", "Sagsgang\n\nDIR") + item("2", "B", "Sagsgang\n\nDIR")
    assert not kinds(parse_text(ok), "numbering_gap")
    gap = parse_text(item("1", "A", "Sagsgang\n\nDIR") + item("3", "B", "Sagsgang\n\nDIR"))
    assert [(f.severity, f.suggestion) for f in kinds(gap, "numbering_gap")] == [("warning", "2")]
    twice = parse_text(item("1", "A", "Sagsgang\n\nDIR") + item("1", "B", "Sagsgang\n\nDIR"))
    assert [f.severity for f in kinds(twice, "numbering_gap")] == ["error"]


def test_weak_item_boundary_names_the_missing_signals(parse_text):
    ref = parse_text(item("5", "Punkt", "Sagsgang\n\nDIR"))
    flags = kinds(ref, "low_confidence")
    assert flags and "does not continue the numbering" in flags[0].message and "not bold" in flags[0].message
    assert not kinds(parse_text(item("1", "Punkt", "Sagsgang\n\nDIR")), "low_confidence")


TOC = "Indholdsfortegnelse\n\n1. Første\t1\n2. Anden\t2\nBilagsoversigt\t3\n\n"


def test_toc_against_items(parse_text):
    both = TOC + item("1", "Første", "Sagsgang\n\nDIR") + item("2", "Anden", "Sagsgang\n\nDIR")
    assert not kinds(parse_text(both), "toc_mismatch")
    one = parse_text(TOC + item("1", "Første", "Sagsgang\n\nDIR"))
    assert {f.severity for f in kinds(one, "toc_mismatch")} == {"error"} and len(kinds(one, "toc_mismatch")) == 2
    renamed = parse_text(TOC + item("1", "Første", "Sagsgang\n\nDIR") + item("2", "Noget helt andet", "Sagsgang\n\nDIR"))
    flag = kinds(renamed, "toc_mismatch")
    assert len(flag) == 1 and flag[0].field == "toc[1].title" and flag[0].suggestion == "Noget helt andet"


def index(marker: str, titles: list[str]) -> str:
    lines = "\n".join(f" {n}. {t} ({20000 + n}/25)" for n, t in enumerate(titles, 1))
    return f"Bilagsoversigt\n\n1. {marker}Plan\n{lines}\n"


def attachments(titles: list[str]) -> str:
    return "Indstilling\n\nGodkendes.\n\nBilag:\n\n" + "\n\n".join(
        f"{n} Åben {t}\n\n{20000 + n}/25" for n, t in enumerate(titles, 1))


def test_attachments_against_the_bilagsoversigt(parse_text):
    same = item("1", "Plan", attachments(["Notat", "Bilag"])) + index("", ["Notat", "Bilag"])
    assert not kinds(parse_text(same), "attachment_mismatch")
    closed = parse_text(item("1", "Plan", attachments(["Notat"])) + index("Lukket punkt - ", ["Notat"]))
    flag = kinds(closed, "attachment_mismatch")
    assert [(f.severity, f.field, f.suggestion) for f in flag] == [("error", "items[0].access", "closed")]
    fewer = parse_text(item("1", "Plan", attachments(["Notat"])) + index("", ["Notat", "Bilag"]))
    assert [f.field for f in kinds(fewer, "attachment_mismatch")] == ["items[0].attachments"]
    title = parse_text(item("1", "Plan", attachments(["Notat om noget"])) + index("", ["Referat af et møde"]))
    assert [f.field for f in kinds(title, "attachment_mismatch")] == ["items[0].attachments[0]"]


FRONT = "Direktionen\n\nREFERAT\n\nDato: Onsdag den 29. januar 2025\n\nMedlemmer: Kommunaldirektør Jonas Kroustrup\n\n"


def test_decision_date_against_the_meeting_date(parse_text):
    body = "Indstilling\n\nGodkendes.\n\nBeslutning i Direktionen den 29-01-2025\n\nGodkendt."
    assert not kinds(parse_text(FRONT + item("1", "Plan", body)), "date_mismatch")
    wrong = parse_text(FRONT + item("1", "Plan", body.replace("29-01-2025", "29-02-2024")))
    assert [(f.severity, f.suggestion) for f in kinds(wrong, "date_mismatch")] == [("error", "2025-01-29")]


def test_closed_item_with_body_text(parse_text):
    assert kinds(parse_text(item("1", "Køb", "Sagsfremstilling\n\nFortroligt indhold.", "Lukket sag")),
                 "low_confidence", "error")
    assert not kinds(parse_text(item("1", "Køb", "", "Lukket sag")), "low_confidence", "error")


def test_required_section_missing(tmp_path, config, roster):
    cfg = dataclasses.replace(config, required_sections=("indstilling",))
    doc = tmp_path / "doc.txt"
    doc.write_text(item("1", "Plan", "Sagsgang\n\nDIR"), encoding="utf-8")
    assert [f.field for f in analyse(doc, cfg, roster).flags if f.kind == "missing_section"] == ["items[0].sections.indstilling"]
    doc.write_text(item("1", "Plan", "Sagsgang\n\nDIR\n\nIndstilling\n\nGodkendes."), encoding="utf-8")
    assert not [f for f in analyse(doc, cfg, roster).flags if f.kind == "missing_section"]


def test_names_against_the_roster(parse_text):
    known = parse_text(FRONT + item("1", "Plan", "Sagsgang\n\nDIR"))
    assert not kinds(known, "name_unknown")
    stranger = parse_text(FRONT.replace("Jonas Kroustrup", "Rasmus Ukendt Person") + item("1", "Plan", "Sagsgang\n\nDIR"))
    assert [(f.field, f.severity) for f in kinds(stranger, "name_unknown")] == [("meeting.members[0].name", "warning")]
    typo = parse_text(FRONT.replace("Jonas Kroustrup", "Jonas Krostrup") + item("1", "Plan", "Sagsgang\n\nDIR"))
    assert typo.meeting.members[0].name == "Jonas Kroustrup"  # one edit, a clear margin: certain
    partial = parse_text(item("1", "Plan", "Sagsansvarlig\n\nFællesforvaltningsdirektør Kim Bruun og sagsbehandler Vicki Nygaard."))
    people = [(p.role, p.title, p.name) for p in partial.items[0].people]
    assert people == [("sagsansvarlig", "Fællesforvaltningsdirektør", "Kim Bruun Nielsen"),
                      ("sagsansvarlig", "sagsbehandler", "Vicki Nygaard Svendsen")]
    flag = kinds(partial, "name_unknown")
    # each name the roster completed or re-spelt says so (info): a name never changes without a flag
    assert [(f.severity, f.suggestion) for f in flag] == [("info", "Kim Bruun Nielsen"), ("info", "Vicki Nygaard Svendsen")]
    assert [(f.severity, f.excerpt) for f in kinds(typo, "name_unknown")] == [("info", "Jonas Krostrup")]


def test_who_takes_part_is_read_into_people(parse_text):
    ref = parse_text(item("1", "Plan", "Sagsfremstilling\n\nØkonomichef Bettina Andersen deltager under behandlingen."))
    assert [(p.role, p.title, p.name) for p in ref.items[0].people] == [("deltager", "Økonomichef", "Bettina Andersen")]


def test_members_against_signatures(parse_text):
    sign = "Underskriftsside\n\nKommunaldirektør Jonas Kroustrup\n"
    assert not kinds(parse_text(FRONT + item("1", "Plan", "Sagsgang\n\nDIR") + sign), "signature_mismatch")
    other = parse_text(FRONT + item("1", "Plan", "Sagsgang\n\nDIR") + sign.replace("Kommunaldirektør Jonas Kroustrup",
                                                                                   "Velfærdsdirektør Lene Mehlsen Thomsen"))
    assert sorted(f.field for f in kinds(other, "signature_mismatch")) == ["meeting.members[0]", "signatures[0]"]


def test_near_heading_is_flagged_and_kept_as_text(parse_text):
    ref = parse_text(item("1", "Plan", "Sagsgang\n\nDIR\n\nSags gang og fremstilling\n\nTekst."))
    flag = kinds(ref, "unknown_heading")
    assert flag and flag[0].suggestion == "Sagsfremstilling" and flag[0].lines == (9, 9)
    assert "Sags gang og fremstilling" in ref.items[0].sections["sagsgang"].text
    assert not kinds(parse_text(item("1", "Plan", "Sagsgang\n\nDIR\n\nSagsfremstilling\n\nTekst.")), "unknown_heading")


def test_uncertain_hyphenation_is_shown_as_info(tmp_path, parse_text):
    lines = [f"Linje {i} med noget tekst i en ombrudt spalte" for i in range(20)]
    spaced = "\n\n".join(["1. Plan", "Åben sag", "Sagsfremstilling", "Han talte med Mariager-", "fjord om det."] + lines)
    flags = kinds(parse_text(spaced), "hyphenation")
    assert [(f.severity, f.suggestion) for f in flags] == [("info", "Mariagerfjord")]
    known = spaced + "\n\nMariagerfjord er en kommune."
    assert not kinds(parse_text(known), "hyphenation")


def test_flag_ids_are_stable_and_flags_point_into_the_source(parse_text):
    text = FRONT.replace("Jonas Kroustrup", "Rasmus Ukendt") + item("3", "Plan", "Sagsgang\n\nDIR")
    a, b = parse_text(text), parse_text(text)
    assert [f.id for f in a.flags] == [f.id for f in b.flags] and len({f.id for f in a.flags}) == len(a.flags)
    assert all(1 <= f.lines[0] <= f.lines[1] <= len(a.source.lines) for f in a.flags)
    assert all(f.message and f.field for f in a.flags)


def test_attachment_numbering_that_does_not_run_on(parse_text):
    ok = "Indstilling\n\nGodkendes.\n\nBilag:\n\n1 Åben Notat\n\n2 Åben Bilag\n"
    assert not kinds(parse_text(item("1", "Plan", ok)), "low_confidence")
    gap = parse_text(item("1", "Plan", ok.replace("2 Åben Bilag", "3 Åben Bilag")))
    assert [f.field for f in kinds(gap, "low_confidence")] == ["items[0].attachments"]


def test_page_header_date_against_the_front_page(parse_text):
    body = "Sagsgang\n\nDIR\n\nDirektionen 29-01-2025\n\n9\n\nIndstilling\n\nGodkendes."
    assert not kinds(parse_text(FRONT + item("1", "Plan", body)), "date_mismatch")
    wrong = parse_text(FRONT + item("1", "Plan", body.replace("29-01-2025", "22-01-2025")))
    flags = kinds(wrong, "date_mismatch")
    assert [(f.severity, f.field, f.suggestion) for f in flags] == [("error", "meeting.date", "2025-01-22")]


def test_a_decision_heading_no_pattern_read_is_flagged_on_the_decisions_even_when_flagged_as_a_heading(
        tmp_path, config, roster):
    """'Beslutning' alone comes close to the heading 'Beslutningspunkter' (an unknown_heading flag on the
    sections); with no decision pattern to read it, the missing decision must be flagged too."""
    cfg = dataclasses.replace(config, patterns=dataclasses.replace(config.patterns, decision=()))
    doc = tmp_path / "doc.txt"
    doc.write_text(item("1", "Plan", "Indstilling\n\nDet indstilles.\n\nBeslutning\n\nGodkendt."), encoding="utf-8")
    flags = analyse(doc, cfg, roster).flags
    assert any(f.kind == "unknown_heading" and f.lines == (9, 9) for f in flags)
    assert [f.lines for f in flags if f.field == "items[0].decisions"] == [(9, 9)]
