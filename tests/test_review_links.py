"""Undo/redo links are fields of a correction (`undoes`, `redoes`), in the journal and the record;
what older workbenches wrote (the link in the note, "undo of #k: …") is still read as they read it,
and in the new form a note that reads like a link is only text."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import tomli_w

from workbench.errors import RecordError, UserError
from workbench.model import Correction
from workbench.review import ReviewSession, links, repairs
from workbench.review.journal import Journal, loads_line
from workbench.review.wording import now

TEXT = ("Direktionen\n\nREFERAT\n\nDato: Onsdag den 29. januar 2025\n\n"
        "1. Første punkt\n\nÅben sag\n\n"
        "Sagsfremstilling Teksten her.\nSTRAY HEADER\nmere tekst og\nendnu mere.\n\n"
        "Indstilling\n\nDet indstilles.\n")
TITLE = "items[0].title"


@pytest.fixture
def small(tmp_path) -> Path:
    path = tmp_path / "small.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def open_session(tmp_path, config, roster):
    sessions = []

    def run(path):
        s = ReviewSession.open(path, config, roster, out_dir=tmp_path / "out")
        sessions.append(s)
        return s

    yield run
    for s in sessions:
        s.close()


def journal_lines(s) -> list[dict]:
    return [json.loads(line) for line in s.journal_path.read_text(encoding="utf-8").splitlines()]


def write_lines(path: Path, lines: list[dict]) -> None:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in lines), encoding="utf-8")


def test_the_old_note_form_is_read_as_older_workbenches_read_it():
    assert links.from_note("undo of #3: items[0].title") == (3, None)
    assert links.from_note("redo of #12: join of line 4") == (None, 12)
    assert links.from_note("undo of #: x") == links.from_note("accepted: undo of #3") == (None, None)
    assert links.from_note(None) == (None, None)
    # an older workbench never read the fields: in its lines only the note links
    assert links.linked({"note": "undo of #3: x", "redoes": 1}, None) == {"note": "undo of #3: x", "undoes": 3}
    assert links.linked({"note": "moved section a to b", "undoes": 1}, None) == {"note": "moved section a to b"}
    # in the new form the note is text and the fields are what they say
    assert links.linked({"note": "undo of #3: x"}, 2) == {"note": "undo of #3: x"}
    assert links.linked({"note": "x", "redoes": 1}, 2) == {"note": "x", "redoes": 1}


def test_a_repair_is_taken_back_by_its_undo_field_not_by_a_note():
    at = now()
    made = Correction(at=at, source="furniture", line=3)
    assert repairs.active([made, Correction(at=at, source="furniture", line=3, undoes=0)]) == []
    assert repairs.active([made, Correction(at=at, source="furniture", line=3, note="undo of #0: furniture")]) == [0, 1]


def test_undo_and_redo_are_written_as_fields_beside_their_note(small, open_session):
    s = open_session(small)
    s.edit(TITLE, "Titel A")
    s.undo()
    s.redo()
    lines = journal_lines(s)
    assert [d["v"] for d in lines] == [links.FORM] * 3
    assert [(d.get("undoes"), d.get("redoes")) for d in lines] == [(None, None), (0, None), (None, 0)]
    assert lines[1]["note"].startswith("undo of #0") and lines[2]["note"].startswith("redo of #0")
    data = tomllib.loads(s.save().read_text(encoding="utf-8"))
    assert data["review"]["corrections_form"] == links.FORM
    assert [(c.get("undoes"), c.get("redoes")) for c in data["corrections"]] == [(None, None), (0, None), (None, 0)]
    s.close()
    again = open_session(small)  # read back from the record: the same stacks
    assert again.get(TITLE) == "Titel A" and again.can_undo and not again.can_redo
    assert again.undo().undoes == 2 and again.get(TITLE) == "Første punkt"


def _with_a_note_like_a_link(small, open_session, old_form: bool):
    """#0 sets the title; #1, written by hand, sets it back with the note of an undo of #0 but no field."""
    s = open_session(small)
    s.edit(TITLE, "Titel A")
    s.close()
    lines = journal_lines(s)
    back = dict(lines[0], n=1, before="Titel A", after="Første punkt", note="undo of #0: items[0].title")
    lines.append(back)
    if old_form:
        lines = [{k: v for k, v in d.items() if k != "v"} for d in lines]
    write_lines(s.journal_path, lines)
    return open_session(small)


def test_a_note_that_reads_like_a_link_links_nothing_in_a_new_journal(small, open_session):
    s = _with_a_note_like_a_link(small, open_session, old_form=False)
    assert s.get(TITLE) == "Første punkt" and s.corrections[1].undoes is None
    assert not s.can_redo and s.redo() is None  # #1 is an edit of its own, not an undo
    assert s.undo().undoes == 1 and s.get(TITLE) == "Titel A"


def test_the_same_note_in_an_older_workbenchs_journal_is_its_undo(small, open_session):
    s = _with_a_note_like_a_link(small, open_session, old_form=True)
    assert s.get(TITLE) == "Første punkt" and s.corrections[1].undoes == 0
    assert s.can_redo and s.redo().redoes == 0 and s.get(TITLE) == "Titel A"


def test_a_journal_of_a_newer_form_is_refused_whole_and_kept(small, open_session):
    s = open_session(small)
    s.edit(TITLE, "Titel A")
    s.close()
    lines = journal_lines(s)
    write_lines(s.journal_path, [dict(lines[0], v=links.FORM + 1)])
    before = s.journal_path.read_bytes()
    with pytest.raises(UserError, match=r"line 1 was written by a newer workbench \(journal form 3; this one "
                                        r"reads up to 2\); the journal is kept as it is"):
        open_session(small)
    assert s.journal_path.read_bytes() == before


@pytest.mark.parametrize("bad", [{"undoes": -1}, {"undoes": "0"}, {"redoes": True}, {"undoes": 0, "redoes": 0},
                                 {"v": "2"}, {"v": 1}])
def test_a_line_with_a_link_that_is_not_a_place_is_not_a_correction(bad):
    line = {"v": 2, "n": 1, "at": {"$datetime": "2025-01-30T10:00:00+00:00"}, "field": TITLE,
            "before": "a", "after": "b"}
    assert loads_line(json.dumps(line)) is not None
    assert loads_line(json.dumps({**line, **bad})) is None


def _saved_record(small, open_session) -> tuple[Path, dict]:
    s = open_session(small)
    s.edit(TITLE, "Titel A")
    s.undo()
    path = s.save()
    s.close()
    return path, tomllib.loads(path.read_text(encoding="utf-8"))


def test_a_record_of_an_older_workbench_links_by_its_notes_and_is_saved_with_fields(small, open_session):
    path, data = _saved_record(small, open_session)
    del data["review"]["corrections_form"], data["corrections"][1]["undoes"]  # as older code saved it
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    s = open_session(small)
    assert s.corrections[1].undoes == 0 and s.can_redo
    again = tomllib.loads(s.save().read_text(encoding="utf-8"))
    assert again["review"]["corrections_form"] == links.FORM and again["corrections"][1]["undoes"] == 0
    assert again["corrections"][1]["note"] == data["corrections"][1]["note"]  # the note kept as it was


def test_in_a_new_record_a_note_that_reads_like_a_link_links_nothing(small, open_session):
    path, data = _saved_record(small, open_session)
    del data["corrections"][1]["undoes"]
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    s = open_session(small)
    assert s.corrections[1].undoes is None and not s.can_redo


def test_a_record_of_a_newer_form_or_with_a_broken_link_is_refused(small, open_session):
    path, data = _saved_record(small, open_session)
    data["review"]["corrections_form"] = links.FORM + 1
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    with pytest.raises(RecordError, match="saved by a newer workbench"):
        open_session(small)
    data["review"]["corrections_form"] = links.FORM
    data["corrections"][1]["redoes"] = 0  # an undo and a redo at once
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    with pytest.raises(RecordError, match=r"corrections\[1\] must undo or redo at most one"):
        open_session(small)
    data["corrections"][1]["redoes"] = "0"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    with pytest.raises(RecordError, match=r"corrections\[1\]\.redoes must be a whole number"):
        open_session(small)


def test_journal_append_and_read_keep_the_links(tmp_path):
    j = Journal(tmp_path / "x.journal")
    j.append(0, Correction(at=now(), field=TITLE, before="a", after="b"))
    j.append(1, Correction(at=now(), field=TITLE, before="b", after="a", note="undo of #0: x", undoes=0))
    entries, damaged = j.read()
    assert not damaged and [(n, c.undoes, c.redoes) for n, c in entries] == [(0, None, None), (1, 0, None)]
