"""workbench.review.desk: what the review screen asks of the domain around a session (opening one
that can be cancelled, the next file in the folder, learning a name), and tui/fields.py: the
shapes of field paths the screen acts on, read through workbench.review's parse_path."""
from __future__ import annotations

import threading

import pytest

from tui_helpers import copy_seed


def test_next_file_is_the_next_referat_by_name(tmp_path):
    from workbench.review.desk import next_file

    for name in ("b.pdf", "a.txt", "c.MD", "d.docx", "e.toml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "bb.txt").mkdir()  # a folder named like a referat is not one
    assert next_file(tmp_path / "a.txt") == tmp_path / "b.pdf"
    assert next_file(tmp_path / "b.pdf") == tmp_path / "c.MD"
    assert next_file(tmp_path / "c.MD") is None
    assert next_file(tmp_path / "gone" / "x.txt") is None  # a folder that is not there: no next file


def test_opening_is_cancelled_by_its_event(tmp_path, config, roster):
    from workbench.errors import UserError
    from workbench.review.desk import open_review

    seed = copy_seed(tmp_path)
    told = []
    session = open_review(seed, config, roster, out_dir=tmp_path / "out", progress=lambda d, t: told.append(d))
    try:
        assert session.record.items
    finally:
        session.close()
    cancel = threading.Event()
    cancel.set()
    pdf = tmp_path / "in" / "001_9a154efafadaaa85.pdf"
    from conftest import ROOT

    pdf.write_bytes((ROOT / "workbench" / "data" / "001_9a154efafadaaa85.pdf").read_bytes())
    with pytest.raises(UserError, match="cancelled"):
        open_review(pdf, config, roster, out_dir=tmp_path / "out", cancel=cancel).close()


def test_learning_a_name_offers_roster_people_and_says_what_to_learn(config, roster):
    from workbench.review import desk

    person = roster.people[0]
    found = desk.name_candidates(roster, person.name)
    assert found and found[0].person == person.name and found[0].titles == tuple(person.titles)
    assert desk.as_alias("R. Ukendtsen", person.name) == {"as": "alias", "name": "R. Ukendtsen", "person": person.name}
    assert desk.as_person("Rasmus", "  Økonomichef ") == {"as": "person", "name": "Rasmus", "title": "Økonomichef"}
    assert desk.as_person("Rasmus", "  ") == {"as": "person", "name": "Rasmus", "title": None}
    assert desk.person_value("Økonomichef Bettina Andersen", roster) == {"title": "Økonomichef", "name": "Bettina Andersen"}


def test_field_shapes_are_read_from_parsed_paths():
    from workbench.tui import fields

    assert fields.is_table("items[1].tables[0]") and not fields.is_table("items[1].tables[0].rows[2]")
    assert fields.is_row("items[1].tables[0].rows[2]") and not fields.is_row("items[1].tables[0]")
    assert fields.table_of("items[1].tables[0].rows") == fields.table_of("items[1].tables[0].rows[3]") == "items[1].tables[0]"
    assert fields.table_of("items[1].tables[0].rows[3][1]") is None
    assert fields.attachment_of("items[2].attachments[1].title") == "items[2].attachments[1]"
    assert fields.attachment_of("items[2].attachments") is None
    assert fields.section_of("items[3].sections.beslutning") == (3, "beslutning")
    assert fields.section_of("items[3].title") is None
    assert fields.element_of("signatures[1].name") == "signatures[1]" and fields.element_of("meeting.place") == "meeting.place"
    assert fields.add_target("meeting.members[0].name", leaf=True) == ("meeting.members", "members")
    assert fields.add_target("items[0].title", leaf=True) == ("items", "items")
    assert fields.add_target("items[0].attachments", leaf=False) == ("items[0].attachments", "attachments")
    assert fields.add_target("items[4]", leaf=False) == ("items[4]", "items[4]")
    assert fields.within("items[1].title", "items[1]") and not fields.within("items[10]", "items[1]")
    assert fields.within("items[1]", "items[1]") and not fields.within("items[1]", "items[1].title")
    assert fields.parts("not a path!") == ()


def test_opening_runs_as_a_job_of_the_one_executor(tmp_path, config, roster, monkeypatch):
    """The screen's opening is a job of workbench.work's executor: its limits, cores and cancel."""
    from workbench import work
    from workbench.review import desk
    from workbench.review.session import ReviewSession

    seen = []
    real = ReviewSession.open.__func__

    def spy(cls, *args, **kw):
        seen.append((work.current(), threading.current_thread() is threading.main_thread()))
        return real(cls, *args, **kw)

    monkeypatch.setattr(ReviewSession, "open", classmethod(spy))
    session = desk.open_review(copy_seed(tmp_path), config, roster, out_dir=tmp_path / "out")
    try:
        assert session.record.items
    finally:
        session.close()
    [(job, on_main)] = seen
    assert job is not None and not on_main
