"""The command line: output, exit codes, and one clear line for every error a user can cause."""
from __future__ import annotations

import os
import re
import tomllib

import pytest

from conftest import ROOT, SEEDS, needs, run_cli
from pdfmaker import image_only_pdf, text_pdf

SEED = SEEDS / "002_26687f9090792ef4.txt"


def assert_one_line_error(done, name: str, words: str):
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert name in lines[0] and words in lines[0], lines[0]


@needs(SEED)
def test_parse_prints_a_record_and_text_prints_the_numbered_lines():
    done = run_cli("parse", SEED)
    assert done.returncode == 0, done.stderr
    record = tomllib.loads(done.stdout)
    assert record["schema"] == "referat/1" and record["source"]["format"] == "text"
    assert len(record["items"]) == 7
    own = SEED.read_text(encoding="utf-8").split("\n")
    if own[-1] == "":
        own.pop()
    printed = run_cli("text", SEED).stdout
    assert printed == "".join(f"{line}\n" for line in own)
    # every flag points into those lines
    assert all(1 <= f["lines"][0] <= f["lines"][1] <= len(own) for f in record["flags"])


@needs(SEED)
def test_parse_to_a_file_writes_the_same_record(tmp_path):
    out = tmp_path / "out" / "rec.toml"
    done = run_cli("parse", SEED, "-o", out)
    assert done.returncode == 0 and done.stdout == ""
    assert tomllib.loads(out.read_text(encoding="utf-8")) == tomllib.loads(run_cli("parse", SEED).stdout)
    assert [p.name for p in out.parent.iterdir()] == ["rec.toml"]  # no temp file left behind


@needs(SEED)
def test_check_prints_flags_tab_separated_when_piped_and_toml_on_request():
    done = run_cli("check", SEED)
    assert done.returncode == 0  # warnings, no errors
    rows = [line.split("\t") for line in done.stdout.strip().splitlines()]
    assert rows and all(len(r) == 5 and r[0] in ("error", "warning", "info") for r in rows)
    assert any(r[1] == "inferred_value" for r in rows)
    flags = tomllib.loads(run_cli("check", SEED, "--format", "toml").stdout)["flags"]
    assert len(flags) == len(rows)


def test_errors_are_one_line_and_exit_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    zero_pdf = tmp_path / "zero.pdf"
    zero_pdf.write_bytes(b"")
    noise = tmp_path / "noise.pdf"
    noise.write_bytes(os.urandom(4000))
    html = tmp_path / "page.pdf"
    html.write_text("<!DOCTYPE html><html><body>Not a PDF</body></html>")
    good = text_pdf(tmp_path / "good.pdf", [[("h", "1. Punkt"), ("p", "Åben sag")]] * 3)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    locked = text_pdf(tmp_path / "locked.pdf", [[("p", "Hemmelig")]], encrypt="hemmelig")
    scan = image_only_pdf(tmp_path / "scan.pdf")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    cases = [
        (tmp_path / "missing.pdf", "no such file"),
        (tmp_path, "is a folder"),
        (empty, "empty"),
        (zero_pdf, "empty"),
        (noise, "not a PDF"),
        (html, "not a PDF (the file starts like HTML)"),
        (cut, "damaged or cut off"),
        (locked, "needs a password"),
        (scan, "needs OCR"),
        (binary, "binary"),
    ]
    for path, words in cases:
        for command in ("parse", "text", "check"):
            if command == "parse" and path == tmp_path:
                continue  # `parse DIR` parses the folder (batch.py; tests/test_inbox_batch.py)
            assert_one_line_error(run_cli(command, path), str(path), words)


def test_a_pdf_with_an_empty_user_password_is_read(tmp_path):
    pdf = text_pdf(tmp_path / "open.pdf", [[("h", "1. Et punkt"), ("p", "Åben sag"), ("b", "Sagsgang"), ("p", "DIR")]],
                   encrypt="")
    done = run_cli("parse", pdf)
    assert done.returncode == 0, done.stderr
    assert tomllib.loads(done.stdout)["items"][0]["sections"]["sagsgang"] == "DIR"


def test_bad_config_is_one_line(tmp_path):
    bad = tmp_path / "config.toml"
    bad.write_text('roster = "roster.toml"\n[parse]\nheading_score = \n')
    done = run_cli("text", ROOT / "README.md", "--config", bad)
    assert_one_line_error(done, str(bad), "line 3")


@needs(SEED)
def test_check_as_a_table_groups_flags_by_item():
    from io import StringIO

    from workbench.config import load_config
    from workbench.pipeline import analyse
    from workbench.report import print_flags

    ref = analyse(SEED, load_config(ROOT / "config.toml"))
    out = StringIO()
    print_flags(ref, "table", out)
    text = out.getvalue()
    assert "3. Sager til behandling og tidsplan" in text and "broken_table" in text and "inferred_value" in text
    assert text.index("3. Sager til behandling") < text.index("7. Gennemgang af portefølje")


def test_version_and_numbered_text(tmp_path):
    done = run_cli("--version")
    assert done.returncode == 0 and re.fullmatch(r"workbench \d+\.\d+\.\d+\n", done.stdout), done.stdout
    doc = tmp_path / "doc.txt"
    doc.write_text("første\n\ntredje\n", encoding="utf-8")
    assert run_cli("text", doc).stdout == "første\n\ntredje\n"  # bare lines: what score.py reads
    assert run_cli("text", "-n", doc).stdout == "1  første\n2  \n3  tredje\n"


def test_packaged_config_keeps_user_data_out_of_the_package(private_user_folders, tmp_path):
    """Without ./config.toml, records go to the user's data folder and a learned name to a copy of
    the roster there; records an older version left inside the package are moved on first start."""
    from workbench import userdata
    from workbench.config import PACKAGED, load_config

    config = load_config(PACKAGED)
    assert config.output_dir == userdata.records_dir()
    assert str(config.output_dir).startswith(str(private_user_folders))
    assert userdata.writable_roster(config.roster_path) == userdata.roster_path()
    assert userdata.roster_path().read_bytes() == (userdata.PACKAGE_DATA / "roster.toml").read_bytes()
    assert load_config(PACKAGED).roster_path == userdata.roster_path()  # the copy is read from now on
    elsewhere = tmp_path / "roster.toml"
    elsewhere.write_text("", encoding="utf-8")
    assert userdata.writable_roster(elsewhere) == elsewhere  # a user's own roster is edited in place


def test_old_records_in_the_package_are_moved_never_over_a_newer_one(tmp_path, monkeypatch):
    from workbench import userdata

    package = tmp_path / "pkg"
    (package / "out").mkdir(parents=True)
    (package / "out" / "a.toml").write_text("old a", encoding="utf-8")
    (package / "out" / "b.toml").write_text("old b", encoding="utf-8")
    target = tmp_path / "records"
    target.mkdir()
    (target / "b.toml").write_text("new b", encoding="utf-8")
    monkeypatch.setattr(userdata, "PACKAGE_DATA", package)
    assert userdata.move_old_records(target) == [target / "a.toml"]
    assert (target / "a.toml").read_text(encoding="utf-8") == "old a"
    assert (target / "b.toml").read_text(encoding="utf-8") == "new b" and (package / "out" / "b.toml").exists()


def test_check_exits_1_on_a_document_where_no_item_was_found(tmp_path):
    doc = tmp_path / "tom.txt"
    doc.write_text("Direktionen\n\nReferat\n\nDato: 29-01-2025\n\n" + "Løs tekst uden punkter.\n\n" * 50, encoding="utf-8")
    done = run_cli("check", doc, "--format", "tsv")
    assert done.returncode == 1 and "error\tlow_confidence\t1\titems\t" in done.stdout, done.stdout
