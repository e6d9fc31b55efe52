"""The extraction cache (workbench/ingest/cache.py): a referat read once is not read or parsed again,
a config change reads again only what it shapes, and a damaged or stale entry is never trusted."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES
from workbench.errors import InputError

PDF = SAMPLES / "004_60c343e47a70d8f7.pdf"


def never(*args, **kw):
    raise AssertionError("read or parsed again")


@pytest.fixture
def counted(monkeypatch):
    """How often a PDF is read and a source parsed."""
    from workbench.ingest import pages
    from workbench.parse import document

    calls = {"read": 0, "parse": 0}
    read, run = pages.read_pdf, document.DocumentParser.run

    def read_pdf(*a, **kw):
        calls["read"] += 1
        return read(*a, **kw)

    def parse(self):
        calls["parse"] += 1
        return run(self)

    monkeypatch.setattr(pages, "read_pdf", read_pdf)
    monkeypatch.setattr(document.DocumentParser, "run", parse)
    return calls


def entry(cache_dir: Path, kind: str) -> Path:
    found = sorted(cache_dir.glob(f"*.{kind}.json"))
    assert len(found) == 1, found
    return found[0]


def test_a_pdf_read_before_is_neither_read_nor_parsed_again(config, roster, counted, private_cache):
    from workbench.pipeline import analyse

    first = analyse(PDF, config, roster)
    assert counted == {"read": 1, "parse": 1}
    again = analyse(PDF, config, roster)
    assert counted == {"read": 1, "parse": 1}
    assert again == first and again.source == first.source
    assert entry(private_cache, "source").name == f"{first.source.sha256}.source.json"
    assert not list(private_cache.glob(".*"))  # no temp file left behind


def test_the_cache_is_found_by_content_whatever_the_name(config, roster, counted, tmp_path):
    from workbench.pipeline import analyse

    first = analyse(PDF, config, roster)
    copy = tmp_path / "another name.pdf"
    copy.write_bytes(PDF.read_bytes())
    again = analyse(copy, config, roster)
    assert counted == {"read": 1, "parse": 1}
    assert again.source.file == "another name.pdf" and again.source.lines == first.source.lines


def test_changing_keys_reads_and_parses_nothing_again(config, roster, counted):
    from workbench.pipeline import analyse

    analyse(PDF, config, roster)
    remapped = dataclasses.replace(config, keys={"quit": "ctrl+x"}, max_seconds=10, cores=1, reviewer="Someone")
    analyse(PDF, remapped, roster)
    assert counted == {"read": 1, "parse": 1}


def test_changing_the_vocabulary_parses_again_but_reads_nothing_again(config, roster, counted):
    from workbench.pipeline import analyse

    analyse(PDF, config, roster)
    stricter = dataclasses.replace(config, confidence_threshold=0.9)
    analyse(PDF, stricter, roster)
    assert counted == {"read": 1, "parse": 2}
    analyse(PDF, stricter, roster)
    assert counted == {"read": 1, "parse": 2}


def test_another_roster_parses_again(config, roster, counted):
    from workbench.roster import Roster
    from workbench.pipeline import analyse

    analyse(PDF, config, roster)
    analyse(PDF, config, Roster.empty())
    assert counted == {"read": 1, "parse": 2}


def test_other_furniture_patterns_mark_the_lines_again_without_reading(config, counted, monkeypatch):
    from workbench.ingest import furniture, load_source

    marked = []
    mark = furniture.mark_furniture
    monkeypatch.setattr(furniture, "mark_furniture", lambda source, cfg: marked.append(1) or mark(source, cfg))
    first = load_source(PDF, config)
    assert any(line.furniture for line in first.lines)
    assert load_source(PDF, config) == first and len(marked) == 1  # the marks come from the cache
    bare = dataclasses.replace(config, patterns=dataclasses.replace(config.patterns, page_number=(), page_header=()))
    cached = load_source(PDF, bare)
    assert counted["read"] == 1 and len(marked) == 2
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", "")
    fresh = load_source(PDF, bare)
    assert counted["read"] == 2
    assert cached.lines == fresh.lines and cached.problems == fresh.problems


def test_a_repaired_source_is_parsed_and_not_cached(config, roster, counted, private_cache):
    from workbench.ingest import load_source
    from workbench.pipeline import analyse_source
    from workbench.review.repairs import copy_source

    source = load_source(PDF, config)
    analyse_source(copy_source(source), config, roster)  # a copy, as a review makes: cached
    draft = entry(private_cache, "draft").read_bytes()
    repaired = copy_source(source)
    repaired.lines[3].text += " (edited)"
    analyse_source(repaired, config, roster)
    assert counted["parse"] == 2
    assert entry(private_cache, "draft").read_bytes() == draft
    analyse_source(copy_source(source), config, roster)
    assert counted["parse"] == 2


def test_max_pages_refuses_a_cached_pdf_too(config, counted):
    from workbench.ingest import load_source

    load_source(PDF, config)
    with pytest.raises(InputError, match=r"the PDF has 5 pages, over the limit of 3 \(limits\.max_pages\)"):
        load_source(PDF, dataclasses.replace(config, max_pages=3))


def test_no_cache_when_the_variable_is_empty(config, counted, monkeypatch, tmp_path):
    from workbench.ingest import load_source

    monkeypatch.setenv("WORKBENCH_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    load_source(PDF, config)
    load_source(PDF, config)
    assert counted["read"] == 2


def _damage(kind: str, path: Path, other: Path) -> None:
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n")
    header = json.loads(head)
    if kind == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "not json":
        path.write_bytes(b"\x00\xff garbage\n" * 3)
    elif kind == "wrong version":
        header["version"] = 99
        path.write_bytes(json.dumps(header).encode() + b"\n" + body)
    elif kind == "wrong format":
        header["format"] = "something else"
        path.write_bytes(json.dumps(header).encode() + b"\n" + body)
    elif kind == "wrong key":  # another document's entry under this one's name
        path.write_bytes(other.read_bytes())
    elif kind == "body changed":
        path.write_bytes(head + b"\n" + body.replace(b'"', b"'", 1))
    elif kind in ("wrong shape", "wrong type"):
        data = json.loads(body)
        if kind == "wrong shape":
            data["lines"] = {"not": "a list"}
        else:
            data["lines"][0][1] = 42  # a line's text a number
        text = json.dumps(data).encode()
        import hashlib

        header.update(body_bytes=len(text), body_sha256=hashlib.sha256(text).hexdigest())
        path.write_bytes(json.dumps(header).encode() + b"\n" + text)
    elif kind == "link":
        target = path.with_suffix(".elsewhere")
        os.replace(path, target)
        path.symlink_to(target)


@pytest.mark.parametrize("kind", ["truncated", "empty", "not json", "wrong version", "wrong format", "wrong key",
                                  "body changed", "wrong shape", "wrong type", "link"])
def test_a_damaged_or_stale_source_entry_is_ignored_and_made_again(kind, config, counted, private_cache):
    from workbench.ingest import load_source

    other = load_source(SAMPLES / "003_b1ee29759e748790.pdf", config)
    other_entry = private_cache / f"{other.sha256}.source.json"
    first = load_source(PDF, config)
    mine = private_cache / f"{first.sha256}.source.json"
    _damage(kind, mine, other_entry)
    assert counted["read"] == 2
    again = load_source(PDF, config)
    assert counted["read"] == 3
    assert again == first
    assert not mine.is_symlink()
    load_source(PDF, config)
    assert counted["read"] == 3  # the entry made again is good


@pytest.mark.parametrize("kind", ["truncated", "wrong version", "body changed", "wrong type"])
def test_a_damaged_draft_entry_is_ignored_and_made_again(kind, config, roster, counted, private_cache):
    from workbench import pipeline
    from workbench.pipeline import analyse

    first = analyse(PDF, config, roster)
    draft = entry(private_cache, "draft")
    raw = draft.read_bytes()
    head, _, body = raw.partition(b"\n")
    if kind == "wrong type":
        data = json.loads(body)
        data["items"] = "no items"
        body = json.dumps(data).encode()
        import hashlib

        header = json.loads(head)
        header.update(body_bytes=len(body), body_sha256=hashlib.sha256(body).hexdigest())
        draft.write_bytes(json.dumps(header).encode() + b"\n" + body)
    else:
        _damage(kind, draft, draft)
    pipeline._DRAFTS.clear()  # as a new process would: only the file
    again = analyse(PDF, config, roster)
    assert counted == {"read": 1, "parse": 2}
    assert again == first


def test_the_format_is_documented_json_lines(config, roster, private_cache):
    from workbench.ingest import cache
    from workbench.pipeline import analyse

    analyse(PDF, config, roster)
    for kind in ("source", "draft"):
        head, body = entry(private_cache, kind).read_text(encoding="utf-8").split("\n")
        header = json.loads(head)
        assert header["format"] == cache.FORMAT and header["version"] == cache.VERSION and header["kind"] == kind
        assert isinstance(json.loads(body), dict)
    for word in ("<sha256>.source.json", "body_sha256", "line_fields", "WORKBENCH_CACHE_DIR"):
        assert word in cache.__doc__
    assert "extraction cache" in (ROOT / "README.md").read_text(encoding="utf-8")



class Kind(__import__("enum").StrEnum):
    A = "a"


@dataclasses.dataclass
class Thing:
    kind: Kind | str
    when: dt.date | None
    span: tuple[int, int]
    marks: set[int]
    cells: tuple[float, ...] = ()


def test_values_read_back_as_their_fields_types():
    from workbench.ingest import cache

    thing = Thing(Kind.A, dt.date(2025, 8, 27), (1, 2), {3, 1}, (1.5, 2.0))
    data = json.loads(json.dumps(cache.plain(thing)))
    assert type(cache.plain(Kind.A)) is str and data["marks"] == [1, 3]
    again = cache.record_of(Thing)(data)
    assert again == thing and again.kind is Kind.A
    assert cache.record_of(Thing)({**data, "kind": "b"}).kind == "b"
    for bad in ({**data, "span": [1]}, {**data, "when": "yesterday"}, {**data, "marks": [True]}, {"kind": "a"}):
        with pytest.raises(cache.Bad):
            cache.record_of(Thing)(bad)
