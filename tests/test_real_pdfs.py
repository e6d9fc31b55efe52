"""Two real PDFs from other municipalities' agenda systems (../shared/real/).

The values asserted here were checked by reading the PDFs themselves (rendered pages and
pdfplumber's text): item numbers and titles from each page's heading, case numbers (EMN-…,
Sagsnr.), decisions under "Beslutninger" / "<udvalg>s beslutning den …", attachments under
"Bilag", and the page header of Ballerup (five lines on every page) kept out of every value.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import AARHUS, BALLERUP, needs


@pytest.fixture(scope="module")
def aarhus(config, roster):
    from workbench.pipeline import analyse

    return analyse(AARHUS, config, roster)


@pytest.fixture(scope="module")
def ballerup(config, roster):
    from workbench.pipeline import analyse

    return analyse(BALLERUP, config, roster)


def values(ref) -> list[str]:
    out = []
    for it in ref.items:
        out.append(it.title)
        out += [s.text for s in it.sections.values()]
        out += [c for t in it.tables for row in t.rows for c in row]
        out += [a.title or "" for a in it.attachments]
        out += [d.text for d in it.decisions]
    return out


@needs(AARHUS)
def test_aarhus_items_numbers_titles_and_case_numbers(aarhus):
    assert [i.number for i in aarhus.items] == list(range(1, 22))
    it = {i.number: i for i in aarhus.items}
    assert it[1].title == "Godkendelse af dagsorden" and it[1].case == "EMN-2023-009832"
    # a heading wrapped over two lines is one title
    assert it[2].title == "Svar på forslag fra DD om principbeslutning om at sikre Havnens Perles fremtid på Aarhus Ø"
    assert it[2].case == "EMN-2025-003383"
    assert it[7].title == "Afrapportering på klimaregnskab samt orientering om ny 2030-fremskrivning"
    assert it[21].title == "Køb af landbrugsejendom" and it[21].access == "closed" and it[21].case == "EMN-2025-007940"
    assert all(re.fullmatch(r"EMN-\d{4}-\d{6}", i.case or "") for i in aarhus.items)
    assert aarhus.meeting.body == "Aarhus Byråd" and aarhus.meeting.date == dt.date(2025, 8, 27)
    assert aarhus.meeting.start == dt.time(16, 0) and aarhus.meeting.place == "Byrådssalen"
    assert len(aarhus.toc) == 21 and aarhus.toc[0].page == 3


@needs(AARHUS)
def test_aarhus_decisions_and_attachments(aarhus):
    it = {i.number: i for i in aarhus.items}
    assert all(len(i.decisions) == 1 for i in aarhus.items)
    assert it[1].decisions[0].text == "Godkendt."
    assert it[2].decisions[0].text.startswith("Fremsendes til Teknisk Udvalg til behandling")
    assert "BESLUTNINGSFORSLAG" not in it[2].decisions[0].text
    # Aarhus gives no date or body in its decision headings ("Beslutninger"): each decision is the
    # meeting's, and says so in an info flag (nothing a reviewer must act on)
    assert all(i.decisions[0].date == aarhus.meeting.date == dt.date(2025, 8, 27) for i in aarhus.items)
    assert all(i.decisions[0].body == aarhus.meeting.body for i in aarhus.items)
    inferred = {f.field for f in aarhus.flags if f.kind == "inferred_value" and f.severity == "info"}
    assert all(f"items[{k}].decisions[0]" in inferred for k in range(len(aarhus.items)))
    assert [(a.number, a.title) for a in it[5].attachments] == [
        (None, "Indstilling"),
        (1, "Revisionsberetning nr. 3 fra den 13. juni 2025 vedrørende årsregnskabet 2024"),
        (2, "MBSs bemærkninger til afsluttende revisionsberetning for 2024"),
        (3, "Revisionspåtegning af årsregnskabet 2024"),
    ]
    assert [a.title for a in it[16].attachments] == ["Beslutningsforslag M 17.08.2025"]
    assert it[21].decisions[0].text.startswith("Tilbagesendes Magistratsafdelingen for Teknik og Miljø")
    assert any(f.kind == "low_confidence" and f.field == "items[20].decisions[0]" for f in aarhus.flags)


@needs(BALLERUP)
def test_ballerup_items_decisions_attachments(ballerup):
    assert [(i.number, i.case) for i in ballerup.items] == [
        (1, "2011-29298"), (2, "2012-28504"), (3, "2012-31114"), (4, "2012-31673"),
        (5, "2011-29939"), (6, "2012-21786"), (7, "2012-28505"), (8, "2010-3082")]
    it = {i.number: i for i in ballerup.items}
    assert it[6].title == "Prioritering af midler til kronisk syge borgere og hverdagsrehabilitering for ældre"
    for item in ballerup.items:
        assert [(d.body, d.date) for d in item.decisions] == [("Sundheds- og Forebyggelsesudvalget", dt.date(2012, 12, 4))]
    assert it[2].decisions[0].text.startswith("Indstillingen godkendt")
    assert [(a.ref, a.title) for a in it[1].attachments] == [
        ("2012-208960", "Hvordan udvikler vi det nære sundhedsvæsen sammen?"),
        ("2012-209266", "Forebyggelse af ulighed i sundhedsvæsenet"),
        ("2012-204248", "Redegørelse fra Træning og Aktivitet vedrørende Seniorrådets høringssvar"),
    ]
    assert [a.ref for a in it[5].attachments] == ["2012-202381", "2012-205991"]
    assert it[8].attachments == []  # "Bilag: Ingen"
    m = ballerup.meeting
    assert (m.body, m.date, m.start) == ("Sundheds- og Forebyggelsesudvalget", dt.date(2012, 12, 4), dt.time(13, 0))
    assert m.place == "Mødecenter C, Lokale 32 på Ballerup Rådhus"
    assert [p.name for p in m.members][:2] == ["Lolan Ottesen", "Grethe Larsen"] and len(m.members) == 7


@needs(BALLERUP)
def test_ballerup_page_header_is_furniture_and_in_no_value(ballerup):
    furniture = [ln for ln in ballerup.source.lines if ln.furniture]
    assert len(furniture) == 15 * 5  # five header lines on each of the 15 pages
    assert {ln.text for ln in furniture if ln.text.startswith("Side")} == {f"Side {n}" for n in range(1, 16)}
    for value in values(ballerup):
        assert not re.search(r"Side \d+|Dato: 04\.12\.2012|Åbent referat", value), value


@needs(AARHUS)
def test_no_page_number_or_header_in_any_aarhus_value(aarhus):
    for value in values(aarhus):
        assert "Indholdsfortegnelse" not in value and not re.search(r"\.{5,}", value)
