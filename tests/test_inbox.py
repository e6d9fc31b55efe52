"""The inbox's domain (workbench/inbox.py): states found by sha256, order, summary, search, filter, next, the reviewer remembered, review cost."""
from __future__ import annotations

import datetime as dt
import shutil
import tomllib

import pytest

from conftest import SAMPLES, SEEDS
from workbench.errors import ConfigError, UserError
from workbench.inbox import Inbox, remember_reviewer, remembered_reviewer
from workbench.review.session import ReviewSession

TXT = ["001_9a154efafadaaa85.txt", "002_26687f9090792ef4.txt", "003_b1ee29759e748790.txt"]


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in TXT:
        shutil.copy(SAMPLES / name, src / name)
    return src


def read_all(inbox: Inbox) -> Inbox:
    inbox.scan()
    inbox.wait()
    return inbox


def verify(path, config, roster, out, name="Bettina Andersen"):
    with ReviewSession.open(path, config, roster, out_dir=out) as s:
        for f in list(s.open_flags()):
            s.resolve(f.id, "accepted", "stemmer med PDF'en")
        s.verify(name)
        return s.record_path


def test_new_files_are_read_in_the_background_and_show_date_body_pages_flags(folder, tmp_path, config, roster):
    inbox = Inbox(folder, config, tmp_path / "out", roster)
    inbox.scan()
    assert [e.state for e in inbox.entries] == ["new"] * 3 and all(e.date is None for e in inbox.entries)
    assert inbox.pump() and inbox.reading() is not None  # one reading started, on the shared executor
    inbox.wait()
    assert not inbox.busy()
    dates = [e.date for e in inbox.entries]
    assert all(dates) and dates == sorted(dates, reverse=True)  # newest meeting first
    assert {e.body for e in inbox.entries} == {"Direktionen"}
    assert all(e.state == "new" and e.flags is not None and e.items for e in inbox.entries)


def test_states_draft_verified_and_changed_since_verified(folder, tmp_path, config, roster):
    out = tmp_path / "out"
    verify(folder / TXT[2], config, roster, out)
    with ReviewSession.open(folder / TXT[1], config, roster, out_dir=out) as s:
        s.save()  # a draft record
    inbox = read_all(Inbox(folder, config, out, roster))
    states = {e.name: e.state for e in inbox.entries}
    assert states == {TXT[0]: "new", TXT[1]: "draft", TXT[2]: "verified"}
    done = inbox.entry(folder / TXT[2])
    assert done.reviewer == "Bettina Andersen" and isinstance(done.verified_at, dt.datetime)
    (folder / TXT[2]).write_text((folder / TXT[2]).read_text(encoding="utf-8") + "\nEn linje mere\n", encoding="utf-8")
    assert inbox.scan()  # its size changed: hashed again
    changed = inbox.entry(folder / TXT[2])
    assert changed.state == "changed" and changed.reviewer == "Bettina Andersen"
    s = inbox.summary()
    assert (s.count("new"), s.count("draft"), s.count("verified"), s.count("changed")) == (1, 1, 0, 1)


def test_a_journal_without_a_record_is_a_draft(folder, tmp_path, config, roster):
    out = tmp_path / "out"
    s = ReviewSession.open(folder / TXT[0], config, roster, out_dir=out)
    s.toggle_verified("meeting.body")  # journaled, not saved
    inbox = Inbox(folder, config, out, roster)
    inbox.scan()
    assert inbox.entry(folder / TXT[0]).state == "draft"
    s.close()


def test_a_file_put_into_the_folder_appears_at_the_next_scan(folder, tmp_path, config, roster):
    inbox = Inbox(folder, config, tmp_path / "out", roster)
    assert inbox.scan()
    assert not inbox.scan()  # nothing changed: nothing hashed or drawn again
    shutil.copy(SEEDS / "004_60c343e47a70d8f7.txt", folder / "004.md")
    (folder / "notes.docx").write_text("not a referat")
    assert inbox.scan()
    assert sorted(e.name for e in inbox.entries) == sorted(TXT + ["004.md"])


def test_unreadable_file_is_set_aside_and_the_rest_go_on(folder, tmp_path, config, roster):
    (folder / "broken.pdf").write_bytes(b"not a pdf at all")
    inbox = read_all(Inbox(folder, config, tmp_path / "out", roster))
    broken = inbox.entry(folder / "broken.pdf")
    assert broken.state == "unreadable" and "broken.pdf" in broken.error and "\n" not in broken.error
    assert inbox.summary().count("unreadable") == 1 and inbox.summary().count("new") == 3


def test_a_missing_folder_is_one_line(tmp_path, config):
    with pytest.raises(UserError, match="no such folder"):
        Inbox(tmp_path / "nowhere", config, tmp_path / "out").scan()


def test_search_by_body_date_and_title_and_filter_by_state(folder, tmp_path, config, roster):
    out = tmp_path / "out"
    verify(folder / TXT[2], config, roster, out)
    inbox = read_all(Inbox(folder, config, out, roster))
    first = inbox.entry(folder / TXT[0])
    assert [e.name for e in inbox.shown(text=first.date.strftime("%d-%m-%Y"))] == [TXT[0]]
    assert [e.name for e in inbox.shown(text=first.date.isoformat())] == [TXT[0]]
    assert len(inbox.shown(text="direktionen")) == 3
    assert [e.name for e in inbox.shown(text="002_")] == [TXT[1]]
    assert inbox.shown(text="Økonomiudvalget") == []
    assert [e.name for e in inbox.shown("verified")] == [TXT[2]]
    assert sorted(e.name for e in inbox.shown("unreviewed")) == TXT[:2]


def test_next_unreviewed_follows_the_list_and_is_none_when_all_are_verified(folder, tmp_path, config, roster):
    out = tmp_path / "out"
    inbox = read_all(Inbox(folder, config, out, roster))
    order = [e.name for e in inbox.entries]
    assert inbox.next_unreviewed(after=folder / order[0]).name == order[1]
    assert inbox.next_unreviewed(after=folder / order[-1]).name == order[0]  # wraps
    for name in TXT:
        verify(folder / name, config, roster, out)
    inbox.scan()
    assert inbox.next_unreviewed(after=folder / order[0]) is None
    assert inbox.summary().count("verified") == 3


def test_review_cost_is_kept_in_the_record_and_summed_in_the_inbox(folder, tmp_path, config, roster):
    out = tmp_path / "out"
    with ReviewSession.open(folder / TXT[2], config, roster, out_dir=out) as s:
        s.edit("meeting.place", "Rådhuset, mødelokale 2")
        for f in list(s.open_flags()):
            s.resolve(f.id, "accepted", "stemmer med PDF'en")
        made = len(s.corrections)
        s.verify("Bettina Andersen")
        path = s.record_path
    review = tomllib.loads(path.read_text(encoding="utf-8"))["review"]
    assert review["corrections"] == made >= 1 and isinstance(review["seconds"], int) and review["seconds"] >= 0
    with ReviewSession.open(folder / TXT[2], config, roster, out_dir=out) as again:  # read back through the replay
        assert again.record.review.corrections == made
    inbox = read_all(Inbox(folder, config, out, roster))
    assert inbox.entry(folder / TXT[2]).corrections == made
    assert inbox.summary().corrections == made


def test_a_broken_record_is_left_out_not_a_crash(folder, tmp_path, config, roster):
    out = tmp_path / "out"
    out.mkdir()
    (out / "bad.toml").write_text("schema = 'referat/1'\n[source\n", encoding="utf-8")
    inbox = Inbox(folder, config, out, roster)
    assert inbox.scan() and all(e.state == "new" for e in inbox.entries)


def test_the_reviewer_is_remembered_in_the_user_config(private_user_config):
    assert remembered_reviewer() is None
    remember_reviewer("  Bettina   Andersen ")
    assert remembered_reviewer() == "Bettina Andersen"
    assert (private_user_config / "user.toml").read_text(encoding="utf-8") == 'reviewer = "Bettina Andersen"\n'
    (private_user_config / "user.toml").write_text("reviewer = [", encoding="utf-8")
    assert remembered_reviewer() is None  # a broken file: asked again, never a crash
    assert not list(private_user_config.glob(".*.tmp"))


def test_inbox_dir_in_the_config(tmp_path):
    from workbench.config import PACKAGED, load_config

    text = PACKAGED.read_text(encoding="utf-8")
    assert load_config(PACKAGED).inbox_dir is None
    mine = tmp_path / "config.toml"
    mine.write_text(text.replace('[inbox]\ndir = ""', '[inbox]\ndir = "referater"'), encoding="utf-8")
    assert load_config(mine).inbox_dir == tmp_path / "referater"
    mine.write_text(text.replace('[inbox]\ndir = ""', '[inbox]\ndir = 3'), encoding="utf-8")
    with pytest.raises(ConfigError, match="'inbox.dir' must be a string"):
        load_config(mine)
    mine.write_text(text.replace('[inbox]\ndir = ""', '[inbox]\nfolder = "x"'), encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(mine)
