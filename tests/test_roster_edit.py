"""Roster file edits through tomlkit (workbench/roster/edit.py): comments survive, the result reads
back as the roster meant, a learned name taken back leaves the file as it was, and an edit that is
refused or fails leaves the file byte for byte untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.roster import Person, Post, Roster, RosterError, add_alias, add_person, learn, unlearn
from workbench.roster import edit as edit_mod

ROSTER = """\
# Our roster, kept by hand. Keep this comment.

[[people]]  # the director
name = "Kim Bruun Nielsen"
titles = ["Fællesforvaltningsdirektør"]   # as the documents write it
aliases = []

# a person with a post
[[people]]
name = "Vicki Nygaard Svendsen"
titles = ["Specialkonsulent"]
aliases = [
    "Vicki Nygaard",  # she signs so
]
posts = [ { title = "Udviklingskonsulent", from = 2024-01-01, to = 2024-12-31 } ]

[[people]]
name = "Lars Kølle"  # no aliases yet

# the bodies
[[bodies]]
name = "Direktionen"
aliases = ["DIR"]  # abbreviation
"""

COMMENTS = ["# Our roster, kept by hand. Keep this comment.", "# the director", "# as the documents write it",
            "# a person with a post", "# she signs so", "# no aliases yet", "# the bodies", "# abbreviation"]


def write(tmp_path: Path, text: str, raw: bytes | None = None) -> Path:
    p = tmp_path / "roster.toml"
    p.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return p


def test_comments_survive_add_alias_and_add_person_and_the_file_reads_back_as_meant(tmp_path):
    p = write(tmp_path, ROSTER)
    add_alias(p, "Kim Bruun Nielsen", "Kim B. Nielsen")  # an empty array
    add_alias(p, "Vicki Nygaard", "Vicki N. Svendsen")  # a multi-line array, by an alias
    add_alias(p, "Lars Kølle", "Lars Koelle Hansen")  # no aliases key
    returned = add_person(p, "Bettina Andersen", titles=["Økonomichef"], aliases=["B. Andersen"])
    text = p.read_text(encoding="utf-8")
    for comment in COMMENTS:
        assert comment in text, comment
    meant = (
        Person("Kim Bruun Nielsen", ("Fællesforvaltningsdirektør",), ("Kim B. Nielsen",)),
        Person("Vicki Nygaard Svendsen", ("Specialkonsulent",), ("Vicki Nygaard", "Vicki N. Svendsen"),
               (Post("Udviklingskonsulent", *_dates()),)),
        Person("Lars Kølle", (), ("Lars Koelle Hansen",)),
        Person("Bettina Andersen", ("Økonomichef",), ("B. Andersen",)),
    )
    again = Roster.load(p)
    assert again.people == meant == returned.people
    assert [b.name for b in again.bodies] == ["Direktionen"] and again.body("DIR") is not None


def _dates():
    from datetime import date

    return date(2024, 1, 1), date(2024, 12, 31)


@pytest.mark.parametrize("learned", [
    {"as": "alias", "name": "Kim B. Nielsen", "person": "Kim Bruun Nielsen"},
    {"as": "alias", "name": "Vicki N. Svendsen", "person": "Vicki Nygaard Svendsen"},
    {"as": "person", "name": "Bettina Andersen", "title": "Økonomichef"},
])
def test_a_learned_name_taken_back_leaves_the_file_as_it_was(tmp_path, learned):
    # (tomlkit drops the blank between a date that ends an inline table and its "}")
    text = ROSTER.replace('{ title = "Udviklingskonsulent", from = 2024-01-01, to = 2024-12-31 }',
                          '{ from = 2024-01-01, to = 2024-12-31, title = "Udviklingskonsulent" }')
    assert text != ROSTER
    p = write(tmp_path, text)
    learn(p, learned)
    assert p.read_bytes() != text.encode("utf-8")
    unlearn(p, learned)
    assert p.read_bytes() == text.encode("utf-8")


def test_an_alias_taken_back_from_a_person_who_had_none_leaves_an_empty_list(tmp_path):
    p = write(tmp_path, ROSTER)
    before = Roster.load(p).people
    learned = {"as": "alias", "name": "Lars Koelle Hansen", "person": "Lars Kølle"}
    learn(p, learned)
    unlearn(p, learned)
    assert Roster.load(p).people == before
    assert p.read_text(encoding="utf-8").count("# no aliases yet") == 1


def test_an_alias_is_added_on_its_own_line_when_the_array_ends_in_a_comment(tmp_path):
    # tomlkit's plain append would put the new element inside "# the only one"
    p = write(tmp_path, '# one person\n[[people]]\nname = "Kim Bruun Nielsen"\naliases = [ "K Bruun Nielsen",  # the only one\n]\n')
    add_alias(p, "Kim Bruun Nielsen", "Kim B. Nielsen")
    text = p.read_text(encoding="utf-8")
    assert "# one person" in text and "# the only one" in text
    assert Roster.load(p).people[0].aliases == ("K Bruun Nielsen", "Kim B. Nielsen")


def test_add_person_to_an_inline_array_keeps_its_comments(tmp_path):
    p = write(tmp_path, '# inline people\npeople = [ { name = "Kim Bruun Nielsen" },  # the director\n]\n')
    add_person(p, "Lars Kølle", titles=["Afdelingsleder"])
    add_alias(p, "Lars Kølle", "Lars K. Hansen")
    text = p.read_text(encoding="utf-8")
    assert "# inline people" in text and "# the director" in text
    assert Roster.load(p).people == (Person("Kim Bruun Nielsen"), Person("Lars Kølle", ("Afdelingsleder",), ("Lars K. Hansen",)))


def test_a_bom_and_crlf_line_ends_are_kept(tmp_path):
    p = write(tmp_path, "", b"\xef\xbb\xbf" + ROSTER.replace("\n", "\r\n").encode("utf-8"))
    add_alias(p, "Lars Kølle", "Lars Koelle Hansen")
    add_person(p, "Bettina Andersen")
    raw = p.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert Roster.load(p).person("Lars Koelle Hansen").name == "Lars Kølle"


def _refusals(p: Path):
    yield lambda: add_alias(p, "Kim Bruun Nielsen", "vicki nygaard")  # someone else's
    yield lambda: add_alias(p, "Kim Bruun", "K. B. Nielsen")  # no such person
    yield lambda: add_alias(p, "Kim Bruun Nielsen", "  ")
    yield lambda: add_person(p, "Nielsen, Kim Bruun")  # already there
    yield lambda: add_person(p, "Ny Person", aliases=["N Person", "n  person"])  # given twice
    yield lambda: unlearn(p, {"as": "alias", "name": "DIR", "person": "Kim Bruun Nielsen"})
    yield lambda: unlearn(p, {"as": "person", "name": "Ingen Person"})


def test_a_refused_edit_leaves_the_file_byte_for_byte(tmp_path):
    raw = b"\xef\xbb\xbf" + ROSTER.replace("\n", "\r\n").encode("utf-8")
    p = write(tmp_path, "", raw)
    for refused in _refusals(p):
        with pytest.raises(RosterError) as err:
            refused()
        assert "\n" not in str(err.value) and str(err.value).startswith(str(p))
        assert p.read_bytes() == raw
    assert sorted(x.name for x in tmp_path.iterdir() if not x.name.endswith(".lock")) == ["roster.toml"]


def test_an_edit_whose_result_would_not_read_back_is_refused(tmp_path, monkeypatch):
    p = write(tmp_path, ROSTER)
    monkeypatch.setattr(edit_mod.tomlkit, "dumps", lambda doc: ROSTER + "oops = 1\n")
    with pytest.raises(RosterError, match=r"roster.toml: the edit could not be made in this file's form; the file is unchanged$"):
        add_alias(p, "Lars Kølle", "Lars Koelle Hansen")
    assert p.read_bytes() == ROSTER.encode("utf-8")
    assert sorted(x.name for x in tmp_path.iterdir()) == ["roster.toml"]


def test_a_failed_write_leaves_the_file_byte_for_byte(tmp_path, monkeypatch):
    p = write(tmp_path, ROSTER)

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(RosterError, match=r"could not be written \(No space left on device\); the previous file is unchanged$"):
        add_alias(p, "Lars Kølle", "Lars Koelle Hansen")
    assert p.read_bytes() == ROSTER.encode("utf-8")
    assert sorted(x.name for x in tmp_path.iterdir()) == ["roster.toml"]  # no temp file left

