"""`workbench export`: json, jsonl, csv and os2web from referat/1 records (built from the gold files),
the public variant, determinism, and the refusals."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html.parser
import io
import json
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import GOLD, needs, run_cli

from workbench.export import export
from workbench.export.common import CLOSED_TEXT, ExportError, plain
from workbench.export.csv import safe_cell
from workbench.record import dumps

SECRETS = ["Xyzzy ejendomshandel", "Plugh forhandling", "Quux fortroligt bilag", "Frobnitz beslutning",
           "99/1234", "00.01.99.Z00", "Garply excerpt"]
pytestmark = needs(GOLD / "002_26687f9090792ef4.toml")


def gold_record(path: Path) -> dict:
    """A gold file as a verified referat/1 record: the checks it carries (section_keys, row counts,
    must_flag) become the values they describe."""
    g = tomllib.loads(path.read_text(encoding="utf-8"))
    items = []
    for it in g["items"]:
        it = dict(it)
        sections = dict(it.pop("sections", {}))
        for key in it.pop("section_keys", []):
            sections.setdefault(key, f"Tekst for {key} i {it['title']}.")
        it["sections"] = sections
        it["tables"] = [{"section": t["section"], "columns": t.get("columns", ["A", "B"]),
                         "rows": [[c, "…"][:len(t.get("columns", ["A", "B"]))] for c in t["first_cells"]]}
                        for t in it.get("tables", [])]
        items.append(it)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"schema": "referat/1",
            "source": {"file": g["source"], "sha256": sha, "format": "text", "extractor": "text"},
            "review": {"status": "verified", "reviewer": "Bodil Sekretær",
                       "verified_at": dt.datetime(2025, 2, 1, 10, 12, tzinfo=dt.timezone.utc), "flags_open": 0},
            "meeting": g["meeting"], "toc": g.get("toc", []), "items": items,
            "attachment_index": g.get("attachment_index", []), "signatures": g.get("signatures", []),
            "flags": [], "corrections": []}


def with_secrets(rec: dict) -> dict:
    """002: item 5 is closed; give it content that must never reach a public export, and a flag and a
    correction that quote it."""
    k = next(i for i, it in enumerate(rec["items"]) if it.get("access") == "closed")
    rec["items"][k].update(case=SECRETS[4], journal=SECRETS[5],
                           sections={"sagsfremstilling": f"Om {SECRETS[0]}.\n\n- {SECRETS[1]} i gang"},
                           attachments=[{"number": 1, "access": "closed", "title": "Hemmeligt notat", "ref": "1/25"}],
                           decisions=[{"body": "Direktionen", "date": rec["meeting"]["date"], "text": SECRETS[3]}],
                           people=[{"role": "sagsansvarlig", "title": "Chef", "name": "Waldo Hemmelig"}])
    rec["items"][0]["attachments"].append({"number": 9, "access": "closed", "title": SECRETS[2]})
    rec["attachment_index"].append({"item": rec["items"][k]["number"], "number": 1, "title": "Hemmeligt notat"})
    rec["flags"] = [{"id": "low_confidence-0001", "kind": "low_confidence", "severity": "info",
                     "field": f"items[{k}].sections.sagsfremstilling", "lines": [3, 4],
                     "excerpt": SECRETS[6], "message": "a note", "resolution": "open"}]
    rec["corrections"] = [{"at": dt.datetime(2025, 2, 1, 10, 0, tzinfo=dt.timezone.utc),
                           "field": f"items[{k}].title", "before": "Waldo gammel", "after": "Waldo ny"}]
    return rec


def write_records(folder: Path, recs: dict[str, dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rec in recs.items():
        (folder / f"{name}.toml").write_text(dumps(rec), encoding="utf-8")
    return folder


@pytest.fixture
def gold(tmp_path) -> dict[str, dict]:
    recs = {p.stem: gold_record(p) for p in sorted(GOLD.glob("*.toml"))}
    with_secrets(recs["002_26687f9090792ef4"])
    return recs


@pytest.fixture
def records(tmp_path, gold) -> Path:
    return write_records(tmp_path / "records", gold)


def read_back(folder: Path) -> dict[str, dict]:
    return {p.stem: tomllib.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.toml")}


def all_bytes(path: Path) -> bytes:
    if not path.is_dir():
        return path.read_bytes()
    files = sorted(p for p in path.rglob("*") if p.is_file())
    return b"".join(str(p.relative_to(path)).encode() + b"\0" + p.read_bytes() for p in files)


# --------------------------------------------------------------------------- formats


def test_json_is_each_record_with_the_same_keys_and_values(records, tmp_path):
    done = export(records, "json", tmp_path / "out")
    assert done.records == 4 and done.files == 4
    for stem, rec in read_back(records).items():
        got = json.loads((tmp_path / "out" / f"{stem}.json").read_text(encoding="utf-8"))
        assert got == plain(rec)
        assert list(got) == list(rec) and got["meeting"]["date"] == rec["meeting"]["date"].isoformat()
    assert got["review"]["verified_at"] == "2025-02-01T10:12:00Z"


@pytest.mark.parametrize("public", [False, True], ids=["full", "public"])
def test_every_json_export_validates_against_the_schema_workbench_schema_prints(records, tmp_path, public):
    """`workbench schema` (schema.json_schema(), the one declaration) takes every exported record, public too."""
    import jsonschema

    from workbench import schema

    validator = jsonschema.Draft202012Validator(schema.json_schema())
    done = export(records, "json", tmp_path / "out", public=public)
    exported = sorted((tmp_path / "out").glob("*.json"))
    assert done.records == len(exported) == 4
    for path in exported:
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))]
        assert errors == [], path.name


def test_jsonl_has_one_line_per_item_with_the_record_values(records, tmp_path):
    out = tmp_path / "items.jsonl"
    export(records, "jsonl", out)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    recs = sorted(read_back(records).values(), key=lambda r: (r["meeting"]["date"], r["meeting"]["body"]))
    expected = [(r, it) for r in recs for it in r["items"]]
    assert len(lines) == len(expected)
    for row, (r, it) in zip(lines, expected):
        assert row["meeting_id"] == r["source"]["sha256"] and row["body"] == r["meeting"]["body"]
        assert row["date"] == r["meeting"]["date"].isoformat()
        assert (row["number"], row["title"], row["access"]) == (it.get("number"), it["title"], it.get("access"))
        assert (row["case"], row["journal"]) == (it.get("case"), it.get("journal"))
        assert row["sections"] == it["sections"]
        assert row["decisions"] == [{"body": d.get("body"), "date": d["date"].isoformat() if "date" in d else None,
                                     "text": d["text"]} for d in it.get("decisions", [])]
        assert row["attachments"] == [a.get("title") or f"Bilag {a['number']}" for a in it.get("attachments", [])]
        assert (row["status"], row["reviewer"]) == ("verified", "Bodil Sekretær")


def read_csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_is_utf8_with_a_bom_one_row_per_item(records, tmp_path):
    out = tmp_path / "items.csv"
    export(records, "csv", out)
    rows = read_csv(out)
    recs = read_back(records)
    assert len(rows) == sum(len(r["items"]) for r in recs.values())
    r1 = recs["001_9a154efafadaaa85"]
    row = next(x for x in rows if x["meeting_id"] == r1["source"]["sha256"] and x["number"] == "4")
    it = r1["items"][3]
    assert row["title"] == it["title"] and row["date"] == "2025-01-29" and row["body"] == "Direktionen"
    assert row["sections.sagsfremstilling"] == it["sections"]["sagsfremstilling"]
    assert row["attachments"] == "\n".join(a["title"] for a in it["attachments"])
    assert row["decisions"] == f"Beslutning i Direktionen den 29-01-2025:\n{it['decisions'][0]['text']}"
    assert "Økonomiske" not in row and "sections.oekonomiske_konsekvenser" in row


@pytest.mark.parametrize("cell", ["=1+1", "+41 22", "@SUM(A1)", "\tx", "\rx", "-2+3+cmd|' /C calc'!A0",
                                  "- cmd|' /C calc'!A0", "-foo", "- 2 mio. kr."])
def test_a_cell_read_as_a_formula_gets_a_quote(cell):
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["- at sagen tages til efterretning", "- alle\n- =x på næste linje", "Beløb: -5",
                                  "Økonomi", ""])
def test_a_bullet_and_plain_text_stay_as_written(cell):
    assert safe_cell(cell) == cell


def test_csv_neutralises_a_formula_title_and_keeps_a_bullet_section(tmp_path, gold):
    rec = gold["003_b1ee29759e748790"]
    rec["items"][0]["title"] = '=HYPERLINK("http://x","klik")'
    rec["items"][0]["sections"] = {"indstilling": "- at planen godkendes\n- at den følges op"}
    folder = write_records(tmp_path / "r", {"a": rec})
    export(folder, "csv", tmp_path / "o.csv")
    row = read_csv(tmp_path / "o.csv")[0]
    assert row["title"] == "'" + rec["items"][0]["title"]
    assert row["sections.indstilling"] == "- at planen godkendes\n- at den følges op"


class _Text(html.parser.HTMLParser):
    """The importer's HTML back to referat/1 text (blocks, <br/> lines, `- ` list lines, table cells)."""

    def __init__(self):
        super().__init__()
        self.blocks, self.cur, self.tables, self.div = [], "", [], None

    def handle_starttag(self, tag, attrs):
        if tag == "div":
            self.div = []
        elif tag == "br":
            self.cur += "\n"
        elif tag == "li":
            self.cur += "- "
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.tables[-1][-1].append("")

    def handle_endtag(self, tag):
        if tag == "li":
            self.cur += "\n"
        elif tag in ("p", "ul"):
            (self.blocks if self.div is None else self.div).append(self.cur.rstrip("\n"))
            self.cur = ""
        elif tag == "div":
            self.blocks.append("\n".join(self.div))
            self.div = None

    def handle_data(self, data):
        if self.tables and self.tables[-1] and self.tables[-1][-1] and not self.cur:
            self.tables[-1][-1][-1] += data
        else:
            self.cur += data


def html_text(body: str) -> tuple[str, list]:
    p = _Text()
    p.feed(body)
    return "\n\n".join(p.blocks), p.tables


def test_os2web_manifest_parses_back_to_every_value_of_the_record(records, tmp_path):
    out = tmp_path / "os2web"
    export(records, "os2web", out)
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
              "november", "december"]
    for stem, rec in read_back(records).items():
        folder = out / stem
        assert {p.name for p in folder.iterdir()} == {"dagsorden.html", f"{stem}.xml"}
        root = ET.parse(folder / f"{stem}.xml").getroot()
        sha, m = rec["source"]["sha256"], rec["meeting"]
        assert root.tag == "Dagsorden" and root.get("DagsordenID") == sha and root.get("Åben") == "true"
        assert root.get("Dagsordentype") == ("Referat" if m.get("kind", "referat") == "referat" else "Dagsorden")
        meet = root.find("Møde")
        d = m["date"]
        assert meet.get("Udvalg") == m["body"] and meet.get("Mødedato") == f"{d.day}. {months[d.month - 1]} {d.year}"
        assert meet.get("Mødetid") == (m["start"].strftime("%H:%M") if "start" in m else None)
        assert meet.get("Mødesluttid") == (m["end"].strftime("%H:%M") if "end" in m else None)
        assert meet.get("Mødested") == m.get("place")
        points = root.findall("Dagsordenpunkter/Dagsordenpunkt")
        assert len(points) == len(rec["items"])
        for k, (bp, it) in enumerate(zip(points, rec["items"])):
            assert bp.get("DagsordenpunktID") == f"{sha}-{k + 1}"
            assert bp.get("Nummer") == (str(it["number"]) if "number" in it else None)
            assert bp.get("Åbent") == ("false" if it.get("access") == "closed" else "true")
            assert bp.findtext("Overskrift") == it["title"]
            content = {c.tag: c.text for c in bp.iterfind("Indhold/*")}
            assert all(len(c) == 0 for c in bp.iterfind("Indhold/*"))  # text only: the importer reads a string
            for key, text in it["sections"].items():
                name = {"oekonomiske_konsekvenser": "Økonomiske_konsekvenser"}.get(key, key.capitalize())
                back, tables = html_text(content.pop(name))
                assert back == text.strip()
                assert tables == [[t["columns"], *t["rows"]] for t in it["tables"] if t["section"] == key]
            for dec in it.get("decisions", []):
                name = f"Beslutning_i_{dec['body']}_den_{dec['date'].strftime('%d-%m-%Y')}".replace(" ", "_")
                assert html_text(content.pop(name))[0] == dec["text"]
            assert content == {}
            bilag = bp.findall("Bilagsliste/Bilag")
            assert len(bilag) == len(it.get("attachments", []))
            for b, a in zip(bilag, it.get("attachments", [])):
                assert b.get("Navn") == (a.get("title") or f"Bilag {a['number']}")
                assert b.get("MaaPubliceres") == ("false" if "closed" in (a.get("access"), it.get("access")) else "true")
                assert b.get("Dokumentnummer") == a.get("ref")


def test_os2web_keeps_the_source_pdf_only_with_its_sha256(tmp_path, gold):
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    good, bad = gold["001_9a154efafadaaa85"], gold["003_b1ee29759e748790"]
    for rec, name in ((good, "good.pdf"), (bad, "bad.pdf")):
        data = b"%PDF-1.4 " + name.encode()
        (pdfs / name).write_bytes(data)
        rec["source"].update(file=name, format="pdf", sha256=hashlib.sha256(data).hexdigest())
    (pdfs / "bad.pdf").write_bytes(b"%PDF-1.4 changed since")
    folder = write_records(tmp_path / "r", {"good": good, "bad": bad})
    export(folder, "os2web", tmp_path / "o", sources=[pdfs])
    assert (tmp_path / "o" / "good" / "good.pdf").read_bytes() == b"%PDF-1.4 good.pdf"
    assert not (tmp_path / "o" / "bad" / "bad.pdf").exists()
    export(folder, "os2web", tmp_path / "p", public=True, sources=[pdfs])  # the PDF holds closed text
    assert not (tmp_path / "p" / "good" / "good.pdf").exists()


# --------------------------------------------------------------------------- public


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "os2web"])
def test_public_export_holds_no_text_of_a_closed_item(records, tmp_path, fmt):
    export(records, fmt, tmp_path / "full")
    full = all_bytes(tmp_path / "full").decode("utf-8")
    assert all(s in full for s in SECRETS[:5]), "the test's secrets are in the full export"
    if fmt == "os2web":  # the importer publishes dagsorden.html whatever Åbent says: public in any export
        page = (tmp_path / "full" / "002_26687f9090792ef4" / "dagsorden.html").read_text(encoding="utf-8")
        assert CLOSED_TEXT in page and not any(s in page for s in SECRETS)
    export(records, fmt, tmp_path / "pub", public=True)
    text = all_bytes(tmp_path / "pub").decode("utf-8")
    for secret in [*SECRETS, "Hemmeligt notat", "Waldo", "a note"]:
        assert secret not in text, secret
    assert CLOSED_TEXT in text and "Status og dialog om drift af administrative bygninger" in text


def test_public_json_keeps_number_and_title_of_a_closed_item_and_no_flags(records, tmp_path):
    export(records, "json", tmp_path / "pub", public=True)
    data = json.loads((tmp_path / "pub" / "002_26687f9090792ef4.json").read_text(encoding="utf-8"))
    closed = [it for it in data["items"] if it.get("access") == "closed"]
    assert closed == [{"number": 5, "title": "Status og dialog om drift af administrative bygninger",
                       "access": "closed", "sections": {"lukket_punkt": CLOSED_TEXT}, "tables": [], "people": [],
                       "attachments": [], "decisions": []}]
    assert "flags" not in data and "corrections" not in data
    assert all(e["item"] != 5 for e in data["attachment_index"])


# --------------------------------------------------------------------------- determinism, refusals


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "os2web"])
def test_the_same_records_give_the_same_bytes_in_any_listing_order(tmp_path, gold, fmt):
    a = write_records(tmp_path / "a", gold)
    export(a, fmt, tmp_path / "one")
    export(a, fmt, tmp_path / "two")
    assert all_bytes(tmp_path / "one") == all_bytes(tmp_path / "two")
    if fmt in ("jsonl", "csv"):  # names sorting the other way round: the same meeting order
        b = write_records(tmp_path / "b", {f"{9 - i}-{k}": v for i, (k, v) in enumerate(gold.items())})
        export(b, fmt, tmp_path / "three")
        assert all_bytes(tmp_path / "three") == all_bytes(tmp_path / "one")


def test_a_draft_or_an_open_error_is_refused_unless_all(tmp_path, gold):
    gold["003_b1ee29759e748790"]["review"] = {"status": "draft"}
    folder = write_records(tmp_path / "r", gold)
    with pytest.raises(ExportError, match="003_b1ee29759e748790.toml: is a draft"):
        export(folder, "jsonl", tmp_path / "o.jsonl")
    assert not (tmp_path / "o.jsonl").exists()
    export(folder, "jsonl", tmp_path / "o.jsonl", drafts=True)
    statuses = {json.loads(x)["status"] for x in (tmp_path / "o.jsonl").read_text().splitlines()}
    assert statuses == {"verified", "draft"}
    export(folder, "os2web", tmp_path / "x", drafts=True)
    assert ET.parse(tmp_path / "x" / "003_b1ee29759e748790" / "003_b1ee29759e748790.xml").getroot().get("Status") == "Kladde"
    gold["003_b1ee29759e748790"]["review"] = {"status": "verified"}
    gold["003_b1ee29759e748790"]["flags"] = [{"id": "e-1", "kind": "low_confidence", "severity": "error",
                                              "field": "items", "message": "m", "resolution": "open"}]
    folder = write_records(tmp_path / "r", gold)
    with pytest.raises(ExportError, match="1 open error flag"):
        export(folder, "csv", tmp_path / "o.csv")


@pytest.mark.parametrize("fmt,name", [("csv", "o.csv"), ("jsonl", "o.jsonl"), ("json", "o/001_9a154efafadaaa85.json"),
                                      ("os2web", "o/001_9a154efafadaaa85/dagsorden.html")])
def test_a_file_we_did_not_write_is_not_overwritten_but_our_export_is(records, tmp_path, fmt, name):
    out = tmp_path / name.split("/")[0]
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("someone's notes\n")
    with pytest.raises(ExportError, match="not written by the workbench"):
        export(records, fmt, out)
    assert target.read_text() == "someone's notes\n"
    target.unlink()
    export(records, fmt, out)
    first = target.read_bytes()
    (records / "004_60c343e47a70d8f7.toml").unlink()  # a different export over our own
    export(records, fmt, out)
    assert target.exists() and (fmt in ("json", "os2web") or target.read_bytes() != first)


def test_cli_export_default_folder_and_one_line_errors(records, tmp_path):
    done = run_cli("export", records, "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    assert (records / "exports" / "referater.jsonl").exists() and "exported 4 records" in done.stdout
    done = run_cli("export", records, "--format", "csv", "--public")
    assert done.returncode == 0 and (records / "exports" / "referater-public.csv").exists()
    (records / "notes.toml").write_text('title = "not a record"\n')
    for args, words in (([records], "notes.toml: is not a referat/1 record"),
                        ([tmp_path / "nowhere"], "no such folder")):
        done = run_cli("export", *args, "--format", "json")
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and words in done.stderr, done.stderr
