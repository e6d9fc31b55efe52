"""Damaged input is never read half in silence: a PDF that lost pages, objects or fonts gives an `error`
flag saying what could not be read (or a refusal); rotated pages are read in reading order; a stray
non-UTF-8 byte is replaced and flagged; NFD text parses as NFC; 1,200 items are all kept.

The sweep damages the sample PDFs in every way of tests/corpus/cases_damaged.py and counts the copies
that were read but lost pages, lines or items against the undamaged read without such a flag. The
default run sweeps two samples; WB_THOROUGH=1 sweeps all four."""
from __future__ import annotations

import os
import sys
import tomllib
import unicodedata
from pathlib import Path

import pytest

from conftest import SAMPLES, SEEDS, needs

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
import cases_damaged  # noqa: E402

SWEPT = None if os.environ.get("WB_THOROUGH") else ["003_b1ee29759e748790", "004_60c343e47a70d8f7"]


def _shape(ref) -> tuple[dict, list[str]]:
    per_page: dict[int, int] = {}
    for ln in ref.source.lines:
        per_page[ln.page] = per_page.get(ln.page, 0) + 1
    return per_page, [it.title for it in ref.items]


def _read_error(ref) -> bool:
    """An error flag made of what the reading lost (not any other error of the record)."""
    lost = {p.message for p in ref.source.problems if p.severity == "error"}
    return bool(lost) and any(f.severity == "error" and f.kind == "low_confidence"
                              and any(m[1:] in f.message for m in lost) for f in ref.flags)


def test_no_damaged_pdf_is_read_half_without_an_error_flag(tmp_path, config, roster, capfd):
    from workbench.errors import UserError
    from workbench.pipeline import analyse

    base = {p.stem: _shape(analyse(p, config, roster)) for p in sorted(SAMPLES.glob("*.pdf"))
            if SWEPT is None or p.stem in SWEPT}
    silent, flagged, refused, whole = [], [], [], []
    for stem, name, data in cases_damaged.variants(SWEPT):
        path = tmp_path / f"{stem[:3]}-{name}.pdf"
        path.write_bytes(data)
        try:
            ref = analyse(path, config, roster)
        except UserError:
            refused.append(path.name)
            continue
        pages, titles = _shape(ref)
        lost = [pg for pg, n in base[stem][0].items() if pages.get(pg, 0) < n] or len(titles) < len(base[stem][1])
        if not lost:
            whole.append(path.name)
        elif _read_error(ref):
            flagged.append(path.name)
        else:
            silent.append(path.name)
    err = capfd.readouterr().err
    with capfd.disabled():
        print(f"\ndamaged: {len(flagged) + len(refused) + len(whole) + len(silent)} copies: {len(flagged)} read with "
              f"an error flag, {len(refused)} refused, {len(whole)} read whole, {len(silent)} read half in silence")
    assert silent == []
    assert len(flagged) >= 15 * len(base)  # the sweep reads most copies half: the flag rule is what it tests
    assert "Traceback" not in err and err.strip() == "", err  # pdfminer's complaints go to the flags, not stderr


def _make(tmp_path: Path, name: str) -> Path:
    data = cases_damaged.hand_made()[name]
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_page_that_fails_is_an_error_flag_on_its_neighbour_and_the_other_pages_are_kept(tmp_path, config, roster):
    from workbench.pipeline import analyse

    variants = dict((name, data) for _, name, data in cases_damaged.variants(["004_60c343e47a70d8f7"]))
    path = tmp_path / "garbled.pdf"
    path.write_bytes(variants["stream-garbage-p2"])
    ref = analyse(path, config, roster)
    assert {ln.page for ln in ref.source.lines} == {1, 2, 4, 5}
    flag = next(f for f in ref.flags if f.severity == "error" and "Page 3 could not be read" in f.message)
    assert "its text is missing from the record" in flag.message
    page4 = [ln.no for ln in ref.source.lines if ln.page == 4]
    assert flag.lines == (page4[0], page4[0])  # page 3 has no lines: the first line after it


def test_pdfminer_warnings_become_problems_of_their_page(tmp_path, config, capfd):
    from workbench.ingest import load_source

    variants = dict((name, data) for _, name, data in cases_damaged.variants(["004_60c343e47a70d8f7"]))
    path = tmp_path / "no-contents.pdf"
    path.write_bytes(variants["content-missing-p4"])  # pdfminer logs "Execute called on non-indirect object"
    source = load_source(path, config)
    said = [(p.page, p.severity, p.message) for p in source.problems]
    assert any(page == 5 and "PDF reader reported a fault" in m and "Execute called" in m for page, _, m in said), said
    assert any(page == 5 and sev == "error" and "content stream (object 17) is missing" in m for page, sev, m in said)
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("name, says", [
    ("cid-only.pdf", "have no readable Unicode mapping"),
    ("blank-middle.pdf", "Page 2 has no text (a scanned page?)"),
])
def test_text_without_unicode_and_a_textless_page_are_flagged(tmp_path, config, roster, name, says):
    from workbench.pipeline import analyse

    ref = analyse(_make(tmp_path, name), config, roster)
    flags = [f for f in ref.flags if f.kind == "low_confidence" and says in f.message]
    assert flags, [f.message for f in ref.flags]
    assert flags[0].severity == ("warning" if name == "blank-middle.pdf" else "error")


# -- rotated pages and vertical text
def _texts(source) -> list[str]:
    return [ln.text for ln in source.lines]


@pytest.mark.parametrize("name", ["rotate-90.pdf", "rotate-270.pdf", "sideways.pdf", "landscape.pdf"])
def test_a_turned_page_is_read_in_reading_order(tmp_path, config, name):
    from workbench.ingest import load_source

    upright = load_source(_make(tmp_path, "three-items.pdf"), config)
    turned = load_source(_make(tmp_path, name), config)
    assert _texts(turned) == _texts(upright)
    assert not turned.problems


def test_reportlab_rotated_canvas_and_page_rotation_read_upright(tmp_path, config):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from workbench.ingest import load_source

    lines = cases_damaged.ITEM
    path = tmp_path / "turned.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for turn in (0, 90, 180):
        c.setPageRotation(turn)  # /Rotate on the page: the text runs down, or upside down, on the screen
        text = c.beginText(56, 780)
        text.setFont("Helvetica", 11)
        for line in lines:
            text.textLine(line)
        c.drawText(text)
        c.showPage()
    c.save()
    source = load_source(path, config)
    for page in (1, 2, 3):
        assert [ln.text for ln in source.lines if ln.page == page] == lines, page


def test_text_set_vertically_on_an_upright_page_is_a_warning_naming_the_page(tmp_path, config, roster):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from workbench.pipeline import analyse

    path = tmp_path / "margin.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for n in (1, 2):
        y = 780
        for line in cases_damaged._item(n):
            c.setFont("Helvetica", 11)
            c.drawString(56, y, line)
            y -= 16
        if n == 2:
            c.saveState()
            c.translate(30, 300)
            c.rotate(90)  # a margin note set bottom to top
            c.drawString(0, 0, "Udskrevet fra eDoc 03-03-2025")
            c.restoreState()
        c.showPage()
    c.save()
    ref = analyse(path, config, roster)
    flags = [f for f in ref.flags if "page 2 has" in f.message.lower() and "another direction" in f.message]
    assert flags and flags[0].severity == "warning"
    page2 = [ln.no for ln in ref.source.lines if ln.page == 2]
    assert flags[0].lines == (page2[0], page2[-1])


# -- text files
DANISH = "1. Budgetopfølgning\n\nÅben sag\n\nSagsgang\n\nDIR — økonomi og personale\n\nIndstilling\n\nDet indstilles, at sagen godkendes.\n"


def test_one_stray_byte_in_utf8_is_replaced_and_flagged_on_its_line(tmp_path, config, roster):
    from workbench.pipeline import analyse

    path = tmp_path / "stray.txt"
    path.write_bytes(DANISH.encode("utf-8").replace(b"Indstilling", b"Indstil\xe6ing"))
    ref = analyse(path, config, roster)
    texts = _texts(ref.source)
    assert texts[0] == "1. Budgetopfølgning" and texts[2] == "Åben sag"  # not mojibake
    assert texts[8] == "Indstil\ufffding"
    flag = next(f for f in ref.flags if "not UTF-8" in f.message)
    assert flag.severity == "warning" and flag.lines == (9, 9) and "0xe6" in flag.message


def test_a_real_cp1252_file_is_still_read_as_cp1252(tmp_path, config):
    from workbench.ingest import load_source

    path = tmp_path / "cp1252.txt"
    path.write_bytes(DANISH.encode("cp1252"))
    source = load_source(path, config)
    assert "\n".join(_texts(source)) + "\n" == DANISH
    assert not source.problems


# -- NFD text
@needs(SEEDS)
@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")) or ["none"])
def test_nfd_text_parses_to_the_same_record_as_nfc(tmp_path, config, roster, seed):
    from workbench.pipeline import analyse
    from workbench.record import to_dict

    text = (SEEDS / seed).read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    (tmp_path / "nfd.txt").write_text(nfd, encoding="utf-8")
    ref_nfc = analyse(SEEDS / seed, config, roster)
    ref_nfd = analyse(tmp_path / "nfd.txt", config, roster)
    assert _texts(ref_nfd.source) == nfd.split("\n")[: len(ref_nfd.source.lines)]  # the lines stay as written
    a, b = to_dict(ref_nfc), to_dict(ref_nfd)
    for d in (a, b):
        d.pop("source")
        d["flags"] = [(f["kind"], f["field"], f["lines"]) for f in d.get("flags", [])]
    assert a == b


# -- many items
def test_a_referat_of_1200_items_keeps_them_all(tmp_path, config, roster):
    from workbench.pipeline import analyse
    from workbench.record import dumps, to_dict

    parts = ["Referat\n\nDirektionen\n\nMødedato: 03-03-2025\n"]
    for n in range(1, 1201):
        parts.append(f"{n}. Punkt nummer {n}\n\nÅben sag\n\nSagsfremstilling\n\nTekst om punkt {n}.\n\n"
                     "Beslutning i Direktionen den 03-03-2025\n\nGodkendt.\n")
    path = tmp_path / "many.txt"
    path.write_text("\n".join(parts), encoding="utf-8")
    ref = analyse(path, config, roster)
    assert [it.number for it in ref.items] == list(range(1, 1201))
    assert ref.items[-1].title == "Punkt nummer 1200" and ref.items[-1].decisions[0].text == "Godkendt."
    assert not [f for f in ref.flags if f.severity in ("error", "warning")], ref.flags[:3]
    record = tomllib.loads(dumps(to_dict(ref)))
    assert len(record["items"]) == 1200 and record["items"][1199]["number"] == 1200
