"""Reviews saved by older code open again on this code: every correction and repair comes back,
and one that no longer fits what the parser now reads becomes a flag, never a silent change.

tests/legacy/main-2026-11-29/ is what tests/legacy/make_legacy.py wrote at commit 864c463,
before records carried `source.parser` and repairs the text of their lines: for sample_docs
001 (text) and 002 (PDF) a saved record with its corrections, a journal with the corrections
made after that save, and laid-over.toml, the text of the lines under each repair as that
parser numbered them. Sessions only ever open a copy of it (tmp_path).

A newer parser is simulated by changing the lines the samples are read as (same bytes, same
sha256, so the review is found), as a reader that numbers or reads lines differently would.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES
from workbench.ingest import load_source
from workbench.parse import PARSER_VERSION
from workbench.review import ReviewSession, parse_path
from workbench.review import session as session_module
from workbench.review.repairs import JOINED, MARKED

FIXTURE = ROOT / "tests" / "legacy" / "main-2026-11-29"
TXT, PDF = "001_9a154efafadaaa85.txt", "002_26687f9090792ef4.pdf"
KEYS = ("field", "before", "after", "source", "line", "column", "note")
FLAG = re.compile(r"^flags\.(.+)\.resolution$")


def _records() -> dict[str, dict]:
    out = {}
    for path in FIXTURE.glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if "source" in data:
            out[data["source"]["file"]] = data
    return out


RECORDS = _records()
LAID_OVER = tomllib.loads((FIXTURE / "laid-over.toml").read_text(encoding="utf-8"))["repairs"]


def journalled(name: str) -> list[dict]:
    """The fixture journal's corrections, read as plain JSON (not by the code under test)."""
    sha = RECORDS[name]["source"]["sha256"]
    lines = (FIXTURE / f"{sha}.journal").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def plain(c) -> dict:
    """A correction (from the session, the record or the journal) without its time."""
    get = c.get if isinstance(c, dict) else lambda k: getattr(c, k)
    return {k: get(k) for k in KEYS if get(k) is not None}


def value_at(data: dict, field: str):
    for part in parse_path(field):
        data = data[part]
    return data


@pytest.fixture
def out(tmp_path) -> Path:
    """The fixture's records and journals, copied: sessions write into the copy only."""
    out = tmp_path / "out"
    shutil.copytree(FIXTURE, out, ignore=shutil.ignore_patterns("laid-over.toml"))
    return out


@pytest.fixture
def open_session(out, config, roster):
    sessions = []

    def run(name: str) -> ReviewSession:
        s = ReviewSession.open(SAMPLES / name, config, roster, out_dir=out)
        sessions.append(s)
        return s

    yield run
    for s in sessions:
        s.close()


def reread(monkeypatch, change) -> None:
    """As if a newer parser read the sources: the same bytes give the lines `change` makes."""
    real = session_module.load_source

    def load(*args, **kw):
        source = real(*args, **kw)
        change(source.lines)
        for no, line in enumerate(source.lines, 1):
            line.no = no
        return source

    monkeypatch.setattr(session_module, "load_source", load)


def retext(old: str, new: str):
    """A change of the lines: the one that reads `old` reads `new` now."""
    def change(lines):
        line, = [ln for ln in lines if ln.text == old]
        line.text = new
    return change


def replay_flags(s) -> list:
    """Flags the replay raised: a correction or repair that could not be made again."""
    return [f for f in s.record.flags if f.excerpt.startswith("correction ")]


def lines_of(source) -> list[tuple]:
    return [(ln.text, ln.furniture, ln.furniture_reason) for ln in source.lines]


# --------------------------------------------------------------------------- (a) all comes back


@pytest.mark.parametrize("name", [TXT, PDF])
def test_a_legacy_review_comes_back_whole(name, open_session, out, config):
    record = RECORDS[name]
    sample = SAMPLES / name
    assert hashlib.sha256(sample.read_bytes()).hexdigest() == record["source"]["sha256"], \
        f"{sample} changed: the legacy fixture is a review of the old bytes"
    saved = [plain(c) for c in record["corrections"]]
    tail = journalled(name)
    assert [c["n"] for c in tail] == list(range(len(saved), len(saved) + len(tail)))
    s = open_session(name)
    assert s.record_path.parent == out and s.dirty  # the journal's part is not saved yet
    assert [plain(c) for c in s.corrections] == saved + [plain(c) for c in tail]
    assert replay_flags(s) == []
    touched = {c["field"] for c in saved + tail if "field" in c}
    old_ids = {f["id"] for f in record["flags"]}
    new = [f for f in s.record.flags if f.id not in old_ids and f.severity != "info"]  # (info: a marked line's note)
    assert [f for f in new if f.field == "source" or f.field in touched] == []

    # every field holds its last correction's value; what the journal left alone, the record's
    # (a flag the parser no longer raises needs no resolution: there is nothing to resolve)
    last = {c["field"]: c.get("after") for c in saved + tail if "field" in c}
    for field, after in last.items():
        flag = FLAG.match(field)
        if flag is None or s.flag(flag.group(1)) is not None:
            assert s.get(field) == after, field
    for field in {c["field"] for c in saved if "field" in c} - {c["field"] for c in tail if "field" in c}:
        if not field.startswith(("flags.", "review")):
            assert s.get(field) == value_at(record, field), field
    for flag in record["flags"]:  # resolved by hand or by an edit to the suggestion
        if flag["resolution"] != "open" and s.flag(flag["id"]) is not None:
            assert s.flag(flag["id"]).resolution == flag["resolution"], flag["id"]
    if name == TXT:  # the join of a paragraph broken by a blank line, as the saved record shows it
        field = "items[3].sections.indstilling"
        assert s.get(field) == value_at(record, field) and "\n\n" not in s.get(field)

    # every repair is laid where it was, on the text it was laid over, and only there
    pristine = load_source(sample, config)
    laid = [r for r in LAID_OVER if r["file"] == name]
    assert laid and {r["n"] for r in laid} == {i for i, c in enumerate(s.corrections)
                                               if c.source is not None and not (c.note or "").startswith("undo")}
    touched_lines = set()
    for r in laid:
        c, no = s.corrections[r["n"]], r["line"]
        assert (c.source, c.line, c.column, c.text) == (r["source"], no, r.get("column"), None)  # a legacy repair
        assert [pristine.line(k).text for k in range(no, no + len(r["text"]))] == r["text"]
        line = s.source.line(no)
        if r.get("undone"):
            assert line.furniture_reason != MARKED
            continue
        touched_lines.update(range(no, no + len(r["text"])))
        if r["source"] == "join":
            assert s.source.line(no + 1).text == "" and s.source.line(no + 1).furniture_reason == JOINED.format(no)
            assert line.text.startswith(r["text"][0].rstrip()) and line.text.endswith(r["text"][1].strip())
        elif r["source"] == "split":
            text, col = r["text"][0], r["column"]
            assert line.text == text[:col].rstrip(" \t") + "\n" + text[col:].lstrip(" \t")
        else:
            assert line.furniture and line.furniture_reason == MARKED
    others = [k for k in range(1, len(pristine.lines) + 1) if k not in touched_lines]
    assert [lines_of(s.source)[k - 1] for k in others] == [lines_of(pristine)[k - 1] for k in others]

    # saved again: the record says which parser made it; the corrections are kept as they were
    data = tomllib.loads(s.save().read_text(encoding="utf-8"))
    assert data["source"]["parser"] == PARSER_VERSION
    assert [plain(c) for c in data["corrections"]] == saved + [plain(c) for c in tail]
    assert all("text" not in c for c in data["corrections"])


# --------------------------------------------------------------------------- (b) repairs that no longer fit


def test_b_repairs_whose_lines_moved_or_changed_become_flags(tmp_path, config, roster, monkeypatch):
    out = tmp_path / "out"
    with ReviewSession.open(SAMPLES / TXT, config, roster, out_dir=out) as s:
        s.repair("join", 251)
        s.repair("split", 344, len("Jonas Kroustrup / "))
        path = s.save()
        s.repair("furniture", 25)
        s.undo()
        s.redo()  # left in the journal, like the two before it
        journal = s.journal_path
    today = load_source(SAMPLES / TXT, config)  # a repair keeps the text of the lines it was laid over
    texts = [c["text"] for c in tomllib.loads(path.read_text(encoding="utf-8"))["corrections"]]
    texts += [json.loads(line)["text"] for line in journal.read_text(encoding="utf-8").splitlines()]
    assert texts == [[today.line(251).text, today.line(252).text], [today.line(344).text]] + [[today.line(25).text]] * 3
    assert texts[1] == ["Jonas Kroustrup / Vivian A. Voldgaard"] and texts[0][1] == ""

    # a newer reader finds a letterhead above line 1: every line moves down by one
    def letterhead(lines):
        lines.insert(0, dataclasses.replace(lines[0], text="Norddjurs Kommune"))
    reread(monkeypatch, letterhead)
    with ReviewSession.open(SAMPLES / TXT, config, roster, out_dir=out) as s:
        flags = replay_flags(s)
        assert sorted(f.lines[0] for f in flags) == [25, 251, 344]
        for f in flags:
            assert (f.kind, f.severity, f.field, f.resolution) == ("low_confidence", "warning", "source", "open")
            assert f in s.open_flags()
            assert f.lines == (f.lines[0], f.lines[0]) and f"of line {f.lines[0]}" in f.message
            assert "could not be laid back" in f.message and "No other line was repaired" in f.message
        split = next(f for f in flags if f.lines[0] == 344)
        assert "split of line 344 at column 18" in split.message and "Jonas Kroustrup / Vivian" in split.message
        moved = session_module.load_source(SAMPLES / TXT, config)  # as the newer reader gives it
        assert lines_of(s.source) == lines_of(moved)


def test_b_a_repair_whose_line_reads_otherwise_under_the_same_number_becomes_a_flag(tmp_path, config, roster,
                                                                                     monkeypatch):
    out = tmp_path / "out"
    with ReviewSession.open(SAMPLES / TXT, config, roster, out_dir=out) as s:
        s.repair("split", 344, len("Jonas Kroustrup / "))
        s.save()
    reread(monkeypatch, retext("Jonas Kroustrup / Vivian A. Voldgaard", "Jonas Kroustrup og Vivian A. Voldgaard"))
    with ReviewSession.open(SAMPLES / TXT, config, roster, out_dir=out) as s:
        assert s.source.line(344).text == "Jonas Kroustrup og Vivian A. Voldgaard"  # column 18 is inside it, unsplit
        flag, = replay_flags(s)
        assert (flag.kind, flag.severity, flag.lines) == ("low_confidence", "warning", (344, 344))
        assert "Jonas Kroustrup og Vivian" in flag.message
        assert not [ln for ln in s.source.lines if "\n" in ln.text]


def test_b_a_legacy_split_beyond_its_line_end_becomes_a_flag(open_session, monkeypatch):
    """A repair without `text` (the fixture's) is laid by its number; past the line's end it is not made."""
    reread(monkeypatch, retext("Jonas Kroustrup / Vivian A. Voldgaard", "Jonas Kroustrup"))
    s = open_session(TXT)
    flag, = replay_flags(s)
    assert (flag.kind, flag.severity, flag.field, flag.lines) == ("low_confidence", "warning", "source", (344, 344))
    assert "split of line 344 at column 18" in flag.message and "not inside line 344" in flag.message
    assert not [ln for ln in s.source.lines if "\n" in ln.text]
    assert s.source.line(252).furniture_reason == JOINED.format(251)  # the fixture's other repairs still hold
    assert s.source.line(25).furniture_reason == MARKED


# --------------------------------------------------------------------------- (c) corrections that no longer fit


def test_c_a_correction_whose_before_no_longer_matches_becomes_a_flag(open_session, monkeypatch):
    # the newer parser reads another item title (saved correction) and another name (journalled
    # one), and reads the attachment's number as the reviewer corrected it
    changes = [retext("5. Prioriterede opgaver", "5. Prioriterede opgaver i direktionen"),
               retext("Specialkonsulent Vicki Nygaard og Kommunikationsmedarbejder Vivian Voldby deltager under "
                      "behandlingen af sagen.", "Specialkonsulent Vicki Nygaard og Kommunikationsmedarbejder "
                      "Vibeke Voldby deltager under behandlingen af sagen."),
               retext("21037/25", "21073/25")]
    reread(monkeypatch, lambda lines: [change(lines) for change in changes])
    s = open_session(TXT)
    assert s.get("items[4].title") == "Prioriterede opgaver i direktionen"  # not overwritten
    assert s.get("items[2].people[3].name") == "Vibeke Voldby"
    assert s.get("items[0].attachments[0].ref") == "21073/25"  # what the correction made: it fits, no flag
    flags = {f.field: f for f in replay_flags(s)}
    assert sorted(flags) == ["items[2].people[3].name", "items[4].title"]
    title = flags["items[4].title"]
    assert (title.kind, title.severity, title.resolution) == ("low_confidence", "warning", "open")
    assert "could not be re-applied" in title.message and "'Prioriterede opgaver i direktionen'" in title.message
    assert "'Prioriterede opgaver'" in title.message and "'Prioriterede opgaver 2025'" in title.message
    assert title in s.open_flags()  # it holds verify up until the reviewer has looked
    assert "'Vivian Voldby'" in flags["items[2].people[3].name"].message
    # everything else of the review still comes back
    assert s.get("items[2].access") == "closed" and s.record.review.verified_fields == ["meeting.date", "items[4].title"]
