"""Roster matching, Danish name normalisation, person mentions, roster file edits."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from workbench.parse.mentions import people_in, split_title  # noqa: E402
from workbench.roster import (  # noqa: E402
    CERTAIN_SCORE,
    Person,
    Post,
    Roster,
    RosterError,
    add_alias,
    add_person,
    normalize,
)
from workbench.roster.match import SMALL_ROSTER  # noqa: E402

REPO_ROSTER = ROOT / "roster.toml"


@pytest.fixture(scope="module")
def roster() -> Roster:
    return Roster.load(REPO_ROSTER)


def write(tmp_path: Path, text: str, name: str = "roster.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def small(tmp_path: Path, *people: str) -> Roster:
    text = "".join(f'[[people]]\nname = "{n}"\n\n' for n in people)
    return Roster.load(write(tmp_path, text))


# --------------------------------------------------------------------------- normalize


@pytest.mark.parametrize(
    "a, b",
    [
        ("Trine Kjær Poulsen", "Trine Kjaer Poulsen"),
        ("Lars Kølle", "Lars Koelle"),
        ("Malene Blæsbjerg", "MALENE BLAESBJERG"),
        ("Åse Ågård", "Aase Aagaard"),
        ("René Olsen", "Rene Olsen"),
        ("Nielsen, Kim Bruun", "Kim Bruun Nielsen"),
        ("Fællesforvaltningsdirektør Kim Bruun Nielsen", "Kim Bruun Nielsen"),
        ("konstitueret socialchef Marie-Louise Eskerod Ifversen", "Marie Louise Eskerod Ifversen"),
        ("HR- og arbejdsmiljøkonsulent Trine Kjær Poulsen", "Trine Kjær Poulsen"),
        ("Lolan Ottesen (A) - formand", "Lolan Ottesen"),
        ("Gert Bjerregaard (V), byrådsmedlem og gruppeformand", "Gert Bjerregaard"),
        ("  Vivian   A.  Voldgaard ", "Vivian A Voldgaard"),
        ("Sagsbehandler: Lene Helbo Bachmann.", "Lene Helbo Bachmann"),
    ],
)
def test_normalize_makes_spellings_equal(a, b):
    assert normalize(a) == normalize(b)


def test_normalize_exact_output():
    assert normalize("Nielsen, Kim Bruun") == "kim bruun nielsen"
    assert normalize("Økonomichef Bettina Andersen") == "bettina andersen"
    assert normalize("Kim Tommy Jensen") == "kim tommy jensen"
    # a title alone stays (nothing else would be left)
    assert normalize("Borgmester") == "borgmester"


def test_normalize_strips_known_multiword_title():
    title = "Chef for Borgerservice, IT og Digitalisering"
    text = "chef for Borgerservice, IT og Digitalisering Tonny Olsen"
    assert normalize(text, titles=[title]) == "tonny olsen"
    assert Roster.load(REPO_ROSTER).normalize(text) == "tonny olsen"


_name_word = st.sampled_from(
    ["Kim", "Bruun", "Nielsen", "Søren", "Kølle", "Blæsbjerg", "Ågård", "Aagaard", "Marie-Louise",
     "A.", "T", "Jensen", "Økonomichef", "konsulent", "og", "Vej-", "(A)", "-", ","]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_name_word, min_size=1, max_size=6))
def test_normalize_is_idempotent_and_ignores_case(words):
    text = " ".join(words)
    n = normalize(text)
    assert normalize(n) == n
    assert normalize(text.upper()) == n
    assert normalize(text.replace("ø", "oe").replace("æ", "ae").replace("å", "aa")) == n


# --------------------------------------------------------------------------- the repo roster


def test_repo_roster_has_the_seed_people_and_bodies(roster):
    need = {
        "Jonas Kroustrup": "Kommunaldirektør",
        "Lene Mehlsen Thomsen": "Velfærdsdirektør",
        "Kim Bruun Nielsen": "Fællesforvaltningsdirektør",
        "Bettina Andersen": "Økonomichef",
        "Vicki Nygaard Svendsen": "Specialkonsulent",
        "Vivian A. Voldgaard": "Specialkonsulent",
        "Karen Meisner Christensen": "Stabschef",
        "Lene Helbo Bachmann": "Chefkonsulent",
        "Kim Tommy Jensen": "Vej- og ejendomschef",
        "Vivian Voldby": "Kommunikationsmedarbejder",
    }
    by_name = {p.name: p for p in roster.people}
    for name, title in need.items():
        assert title in by_name[name].titles, name
    for name in ("Tonny Olsen", "Trine Kjær Poulsen", "Charlotte Ginnerup Gammelgaard", "Lars Kølle", "Nicklas Healy"):
        assert name in by_name
    assert "Vicki Nygaard" in by_name["Vicki Nygaard Svendsen"].aliases
    assert "Karen Meisner" in by_name["Karen Meisner Christensen"].aliases
    assert "Kim T Jensen" in by_name["Kim Tommy Jensen"].aliases
    assert by_name["Kim Bruun Nielsen"].aliases == ()  # "Kim Bruun" must stay partial
    assert roster.person("Vivian Voldby") is not roster.person("Vivian A. Voldgaard")
    for body, abbr in (("Direktionen", "DIR"), ("Økonomiudvalget", "ØK"), ("Kommunalbestyrelsen", "KB")):
        assert roster.body(abbr).name == body
    for body in ("Byrådet", "Sundheds- og Forebyggelsesudvalget"):
        assert roster.body(body) is not None
    assert {"Kommunaldirektør", "Økonomichef"} <= roster.titles()


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    "query, name, matched",
    [
        ("Kim Bruun Nielsen", "Kim Bruun Nielsen", "Kim Bruun Nielsen"),
        ("Nielsen, Kim Bruun", "Kim Bruun Nielsen", "Kim Bruun Nielsen"),
        ("Fællesforvaltningsdirektør Kim Bruun Nielsen", "Kim Bruun Nielsen", "Kim Bruun Nielsen"),
        ("Vicki Nygaard", "Vicki Nygaard Svendsen", "Vicki Nygaard"),
        ("Karen Meisner", "Karen Meisner Christensen", "Karen Meisner"),
        ("Kim T. Jensen", "Kim Tommy Jensen", "Kim T Jensen"),
        ("Vivian Voldgaard Andersen", "Vivian A. Voldgaard", "Vivian Voldgaard Andersen"),
        ("Vivian Voldby", "Vivian Voldby", "Vivian Voldby"),
        ("Trine Kjaer Poulsen", "Trine Kjær Poulsen", "Trine Kjær Poulsen"),
    ],
)
def test_exact_name_or_alias_is_certain(roster, query, name, matched):
    m = roster.best(query)
    assert m.person.name == name
    assert m.matched == matched
    assert m.exact and m.certain and not m.partial
    assert m.score == 100
    assert roster.certain(query).name == name


def test_one_edit_typo_with_clear_margin_is_certain(roster):
    # decided: >= 95 with a margin of 5 over every other person, all tokens paired
    for query, name in (("Kim Brun Nielsen", "Kim Bruun Nielsen"), ("Lene Mehlsen Tomsen", "Lene Mehlsen Thomsen")):
        m = roster.best(query)
        assert m.person.name == name
        assert m.score >= CERTAIN_SCORE
        assert m.certain and not m.exact and not m.partial


def test_two_edit_typo_is_right_but_not_certain(roster):
    m = roster.best("Kim Brn Nilsen")
    assert m.person.name == "Kim Bruun Nielsen"
    assert m.score < CERTAIN_SCORE
    assert not m.certain
    assert roster.certain("Kim Brn Nilsen") is None


def test_partial_name_is_partial_and_never_certain(roster):
    m = roster.best("Kim Bruun")
    assert m.person.name == "Kim Bruun Nielsen"
    assert m.partial and not m.certain
    assert roster.certain("Kim Bruun") is None
    assert roster.certain("Fællesforvaltningsdirektør Kim Bruun") is None
    m = roster.best("Vicki Svendsen")  # a missing middle name is partial too
    assert m.person.name == "Vicki Nygaard Svendsen" and m.partial and not m.certain
    assert [p.name for p in roster.find_partial("Kim Bruun")] == ["Kim Bruun Nielsen"]


def test_first_name_alone_is_never_certain(roster):
    m = roster.best("Bettina")  # the only Bettina, and still not certain
    assert m.person.name == "Bettina Andersen"
    assert m.partial and not m.certain
    ms = roster.match("Kim")
    assert {m.person.name for m in ms[:2]} == {"Kim Bruun Nielsen", "Kim Tommy Jensen"}
    assert not any(m.certain for m in ms)


def test_shared_surname_is_never_certain(tmp_path):
    r = small(tmp_path, "Anne Jensen", "Bo Jensen", "Hans Nielsen")
    for query in ("Jensen", "A Jensen", "A. Jensen", "Jensen Jensen"):
        assert r.certain(query) is None, query
    m = r.best("Jensen")
    assert m.person.name in ("Anne Jensen", "Bo Jensen") and not m.certain
    assert r.certain("Anne Jensen").name == "Anne Jensen"  # the full name is


def test_close_rivals_block_certainty(tmp_path):
    r = small(tmp_path, "Kim Bruun Nielsen", "Kim Bruun Nielsson")
    m = r.match("Kim Bruun Nielsn")
    assert m[0].person.name == "Kim Bruun Nielsen"
    assert m[0].score >= CERTAIN_SCORE
    assert m[0].score - m[1].score < 5
    assert not m[0].certain


def test_extra_token_blocks_certainty(roster):
    m = roster.best("Vivian A Voldby")
    assert m.person.name == "Vivian Voldby"
    assert m.score >= CERTAIN_SCORE  # WRatio's token_set sees a subset ...
    assert not m.certain  # ... but "A" pairs with nothing in "Vivian Voldby"


def test_title_boost_reorders_equal_scores(roster):
    plain = roster.match("Kim")
    assert plain[0].score == plain[1].score
    boosted = roster.match("Kim", title="Vej og ejendomschef")
    assert boosted[0].person.name == "Kim Tommy Jensen"
    assert boosted[0].boost > 0 and not boosted[0].certain
    assert roster.match("Vej- og ejendomschef Kim")[0].person.name == "Kim Tommy Jensen"
    assert roster.match("Fællesforvaltningsdirektør Kim")[0].person.name == "Kim Bruun Nielsen"


def test_on_date_prefers_the_post_that_covers_it(tmp_path):
    p = write(
        tmp_path,
        """
[[people]]
name = "Lars Berg"
posts = [ { title = "Direktør", to = 2022-12-31 } ]

[[people]]
name = "Lars Borg"
posts = [ { title = "Direktør", from = 2023-01-01 } ]
""",
    )
    r = Roster.load(p)
    assert r.people[0].posts == (Post("Direktør", None, date(2022, 12, 31)),)
    assert r.match("Lars Birg", on=date(2024, 5, 1))[0].person.name == "Lars Borg"
    assert r.match("Lars Birg", on=date(2020, 5, 1))[0].person.name == "Lars Berg"
    assert r.titles() == {"Direktør"}


def test_empty_roster_and_empty_query():
    r = Roster.empty()
    assert r.match("Kim Bruun Nielsen") == []
    assert r.best("Kim") is None and r.certain("Kim Bruun Nielsen") is None
    assert Roster([Person("Kim Bruun Nielsen")]).match("  ") == []


# --------------------------------------------------------------------------- prefilter

_FIRST = "Anne Kim Lene Jonas Bettina Vicki Karen Tonny Trine Lars Mette Hans Jens Peter Søren Niels Ib Bo Åse Kåre Marie-Louise Erik Ole Per Pia Line Lone".split()
_MIDDLE = "Bruun Mehlsen Nygaard Helbo Kjær Holck Tang Juul Skov Lund Dam Bech Holm Møller Friis Østergaard".split()
_LAST = "Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Petersen Madsen Olsen Thomsen Poulsen Møller Kroustrup Voldgaard Bachmann Kølle Blæsbjerg Aagaard Toft Svendsen Lauridsen".split()


def _typo(name: str, rng: random.Random) -> str:
    kind = rng.choice(("delete", "substitute", "ascii", "swap", "drop"))
    parts = name.split()
    if kind == "ascii" and any(c in name for c in "æøå"):
        return name.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    if kind == "swap":
        return " ".join([parts[-1], *parts[:-1]])
    if kind == "drop" and len(parts) > 2:
        return " ".join(parts[:1] + parts[2:])
    i = rng.choice([k for k, c in enumerate(name) if c.isalpha()])
    if kind == "delete":
        return name[:i] + name[i + 1 :]
    return name[:i] + rng.choice("abdegiklmnoprstuvæø") + name[i + 1 :]


def test_prefilter_equals_full_scan_on_random_typos():
    rng = random.Random(4711)
    names: set[str] = set()
    while len(names) < 2000:
        parts = [rng.choice(_FIRST)] + ([rng.choice(_MIDDLE)] if rng.random() < 0.5 else []) + [rng.choice(_LAST)]
        names.add(" ".join(parts))
    r = Roster([Person(n) for n in sorted(names)])
    assert len(r.index) > SMALL_ROSTER  # the index is really in use
    listed = sorted(names)
    checked = 0
    for _ in range(400):
        q = _typo(rng.choice(listed), rng)
        if rng.random() < 0.5:
            q = _typo(q, rng)
        fast = r.match(q, limit=3)
        full = r.match(q, limit=3, full_scan=True)
        assert bool(fast) == bool(full), q
        if not full:
            continue
        assert fast[0].score == full[0].score, q
        assert fast[0].certain == full[0].certain, q
        if len(full) == 1 or full[1].score < full[0].score:
            assert fast[0].person == full[0].person, q
        checked += 1
    assert checked > 380


# --------------------------------------------------------------------------- errors

@pytest.mark.parametrize(
    "text, expected",
    [
        ('[[people]]\nname = "A"\n\nnavn "B"\n', "roster.toml: line 4, column 6: Expected '='"),
        ('[[people]]\nname = "A"\n[[people]]\ntitles = ["Chef"]\n', "roster.toml: people[1] has no name"),
        ('[[people]]\nname = "A"\ntitel = ["Chef"]\n', "roster.toml: people[0] has unknown key 'titel' (did you mean 'titles'?)"),
        ('persons = []\n', "roster.toml: the roster has unknown key 'persons'"),
        ('[[bodies]]\nname = "DIR"\nforkortelse = "D"\n', "roster.toml: bodies[0] has unknown key 'forkortelse'"),
        ('[[people]]\nname = ""\n', "roster.toml: people[0]: name must be a non-empty string"),
        ('[[people]]\nname = "A"\ntitles = "Chef"\n', "roster.toml: people[0] (A): titles must be a list of strings"),
        ('[[people]]\nname = "A B"\n[[people]]\nname = "a  b"\n', "roster.toml: people[1] (a b): 'a b' is already people[0] (A B)"),
        ('[[people]]\nname = "A B"\n[[people]]\nname = "C D"\naliases = ["A B"]\n', "is already people[0] (A B)"),
        ('[[people]]\nname = "A"\nposts = [ { title = "Chef", from = "2024-01-01" } ]\n', "posts[0]: 'from' must be a date like 2024-01-31"),
        ('[[people]]\nname = "A"\nposts = [ { title = "Chef", from = 2024-01-01T10:00:00 } ]\n', "'from' must be a date"),
        ('[[people]]\nname = "A"\nposts = [ { title = "Chef", from = 2025-01-01, to = 2024-01-01 } ]\n', "'to' (2024-01-01) is before 'from' (2025-01-01)"),
        ('[[people]]\nname = "A"\nposts = [ { from = 2025-01-01 } ]\n', "people[0] (A): posts[0] has no title"),
    ],
)
def test_roster_errors_are_one_line_and_name_the_file(tmp_path, monkeypatch, text, expected):
    write(tmp_path, text)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RosterError) as err:
        Roster.load("roster.toml")
    msg = str(err.value)
    assert expected in msg
    assert msg.startswith("roster.toml: ")
    assert "\n" not in msg


def test_missing_and_unreadable_roster(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RosterError, match=r"^roster.toml: no such file$"):
        Roster.load("roster.toml")
    (tmp_path / "dir.toml").mkdir()
    with pytest.raises(RosterError, match="is a folder"):
        Roster.load("dir.toml")
    (tmp_path / "bin.toml").write_bytes(b'[[people]]\nname = "\xff"\n')
    with pytest.raises(RosterError, match="not UTF-8"):
        Roster.load("bin.toml")


# --------------------------------------------------------------------------- editing

COMMENTED = """\
# Our roster. Keep this comment.
[[people]]
name = "Kim Bruun Nielsen"
titles = ["Fællesforvaltningsdirektør"]
aliases = []            # other spellings

[[people]]
name = "Vicki Nygaard Svendsen"   # she signs "Vicki Nygaard"
titles = ["Specialkonsulent"]
aliases = [
    "Vicki Nygaard",  # timetables
]
posts = [ { title = "Udviklingskonsulent", from = 2024-01-01 } ]

[[people]]
name = "Lars Kølle"

[[bodies]]
name = "Direktionen"
aliases = ["DIR"]   # abbreviation
"""


def _entries(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_add_person_appends_and_keeps_everything_else(tmp_path):
    p = write(tmp_path, COMMENTED)
    before = _entries(p)
    r = add_person(p, "Bettina Andersen", titles=["Økonomichef"], aliases=["B. Andersen"])
    text = p.read_text(encoding="utf-8")
    assert text.startswith(COMMENTED)  # every byte before, comments included
    after = _entries(p)
    assert after["people"][:3] == before["people"] and after["bodies"] == before["bodies"]
    assert after["people"][3] == {"name": "Bettina Andersen", "titles": ["Økonomichef"], "aliases": ["B. Andersen"]}
    assert r.certain("Bettina Andersen").titles == ("Økonomichef",)
    assert Roster.load(p).certain("B. Andersen").name == "Bettina Andersen"


@pytest.mark.parametrize("name", ["Kim Bruun Nielsen", "nielsen, kim bruun", "Vicki Nygaard", "Lars Koelle"])
def test_add_person_refuses_a_name_the_roster_has(tmp_path, name):
    p = write(tmp_path, COMMENTED)
    with pytest.raises(RosterError, match="already in the roster"):
        add_person(p, name)
    assert p.read_text(encoding="utf-8") == COMMENTED


def test_add_person_refuses_an_alias_of_someone_else(tmp_path):
    p = write(tmp_path, COMMENTED)
    with pytest.raises(RosterError, match=r"'Vicki Nygaard' is already in the roster \(Vicki Nygaard Svendsen\)"):
        add_person(p, "Vicki Hansen", aliases=["Vicki Nygaard"])
    with pytest.raises(RosterError):
        add_person(p, "   ")
    assert p.read_text(encoding="utf-8") == COMMENTED


def test_add_person_creates_a_missing_file(tmp_path):
    p = tmp_path / "new.toml"
    r = add_person(p, "Jonas Kroustrup", titles=["Kommunaldirektør"])
    assert [x.name for x in r.people] == ["Jonas Kroustrup"]
    assert Roster.load(p).people == r.people
    assert p.read_text(encoding="utf-8").startswith("#")  # the format is documented


def test_add_person_to_an_inline_array_roster_appends_to_the_array(tmp_path):
    p = write(tmp_path, 'people = [ { name = "Kim Bruun Nielsen" } ]\n')
    add_person(p, "Lars Kølle")
    assert [x["name"] for x in _entries(p)["people"]] == ["Kim Bruun Nielsen", "Lars Kølle"]


def test_add_person_is_atomic(tmp_path, monkeypatch):
    p = write(tmp_path, COMMENTED)
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(RosterError, match=r"^.*roster.toml: could not be written \(No space left on device\); the previous file is unchanged$"):
        add_person(p, "Bettina Andersen")
    assert p.read_text(encoding="utf-8") == COMMENTED
    assert sorted(x.name for x in tmp_path.iterdir()) == ["roster.toml"]  # no temp file left
    assert synced  # the temp file was fsynced before the rename


def test_add_alias_keeps_comments_and_other_entries(tmp_path):
    p = write(tmp_path, COMMENTED)
    before = _entries(p)
    # an empty one-line array with a comment after it
    add_alias(p, "Kim Bruun Nielsen", "Kim B. Nielsen")
    # a multi-line array whose last element has a comment
    add_alias(p, "Vicki Nygaard", "Vicki N. Svendsen")
    # a table without an aliases key
    r = add_alias(p, "Lars Kølle", "Lars Koelle Hansen")
    text = p.read_text(encoding="utf-8")
    for comment in ("# Our roster. Keep this comment.", "# other spellings", '# she signs "Vicki Nygaard"', "# timetables", "# abbreviation"):
        assert comment in text
    after = _entries(p)
    assert after["people"][0]["aliases"] == ["Kim B. Nielsen"]
    assert after["people"][1]["aliases"] == ["Vicki Nygaard", "Vicki N. Svendsen"]
    assert after["people"][1]["posts"] == before["people"][1]["posts"]
    assert after["people"][2] == {"name": "Lars Kølle", "aliases": ["Lars Koelle Hansen"]}
    assert after["bodies"] == before["bodies"]
    assert r.certain("Vicki N. Svendsen").name == "Vicki Nygaard Svendsen"
    assert Roster.load(p).certain("Kim B. Nielsen").name == "Kim Bruun Nielsen"


def test_add_alias_refusals_leave_the_file_alone(tmp_path):
    p = write(tmp_path, COMMENTED)
    with pytest.raises(RosterError, match="already belongs to Vicki Nygaard Svendsen"):
        add_alias(p, "Kim Bruun Nielsen", "vicki nygaard")
    with pytest.raises(RosterError, match="already a name of Kim Bruun Nielsen"):
        add_alias(p, "Kim Bruun Nielsen", "Nielsen, Kim Bruun")
    with pytest.raises(RosterError, match="no person named 'Kim Bruun'"):
        add_alias(p, "Kim Bruun", "K. B. Nielsen")
    with pytest.raises(RosterError, match="no such file"):
        add_alias(tmp_path / "missing.toml", "Kim Bruun Nielsen", "KBN")
    assert p.read_text(encoding="utf-8") == COMMENTED


def test_add_alias_to_the_repo_roster_copy(tmp_path):
    p = write(tmp_path, REPO_ROSTER.read_text(encoding="utf-8"))
    before = Roster.load(p)
    after = add_alias(p, "Bettina Andersen", "Bettina Ann Andersen")
    assert len(after.people) == len(before.people)
    assert [q for q in after.people if q.name != "Bettina Andersen"] == [q for q in before.people if q.name != "Bettina Andersen"]
    assert after.person("Bettina Ann Andersen").name == "Bettina Andersen"
    assert REPO_ROSTER.read_text(encoding="utf-8") in p.read_text(encoding="utf-8").replace(
        'aliases = ["Bettina Ann Andersen"]', "aliases = []"
    )


# --------------------------------------------------------------------------- document text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Fællesforvaltningsdirektør Kim Bruun Nielsen", ("Fællesforvaltningsdirektør", "Kim Bruun Nielsen")),
        ("Kommunaldirektør Vakant", ("Kommunaldirektør", "Vakant")),
        ("Økonomichef Bettina Andersen", ("Økonomichef", "Bettina Andersen")),
        ("chef for Borgerservice, IT og Digitalisering Tonny Olsen", ("chef for Borgerservice, IT og Digitalisering", "Tonny Olsen")),
        ("Lolan Ottesen (A) - formand", ("formand", "Lolan Ottesen")),
        ("Gert Bjerregaard (V), byrådsmedlem og gruppeformand", ("byrådsmedlem og gruppeformand", "Gert Bjerregaard")),
        ("Vej og ejendomschef Kim T Jensen", ("Vej og ejendomschef", "Kim T Jensen")),
        ("Sagsbehandler: Lene Helbo Bachmann", ("Sagsbehandler", "Lene Helbo Bachmann")),
        ("Nielsen, Kim Bruun", (None, "Kim Bruun Nielsen")),
        ("Jonas Kroustrup", (None, "Jonas Kroustrup")),
    ],
)
def test_split_title(roster, text, expected):
    assert split_title(text, roster) == expected


def test_split_title_without_a_roster_uses_the_title_grammar():
    assert split_title("chef for Borgerservice, IT og Digitalisering Tonny Olsen") == (
        "chef for Borgerservice, IT og Digitalisering",
        "Tonny Olsen",
    )
    assert split_title("konstitueret socialchef Marie-Louise Eskerod Ifversen") == (
        "konstitueret socialchef",
        "Marie-Louise Eskerod Ifversen",
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Fællesforvaltningsdirektør Kim Bruun og sagsbehandler Vicki Nygaard.",
            [("Fællesforvaltningsdirektør", "Kim Bruun"), ("sagsbehandler", "Vicki Nygaard")],
        ),
        (
            "Økonomichef Bettina Andersen, projektleder Nicklas Healy og chef for Borgerservice, IT og "
            "Digitalisering Tonny Olsen deltager under behandlingen.",
            [
                ("Økonomichef", "Bettina Andersen"),
                ("projektleder", "Nicklas Healy"),
                ("chef for Borgerservice, IT og Digitalisering", "Tonny Olsen"),
            ],
        ),
        (
            "10.30\tEvaluering af Nytårskur 2025 Borgmester, specialkonsulent Vicki Nygaard og "
            "kommunikationsmedarbejder Vivian Voldby deltager under behandlingen.",
            [("specialkonsulent", "Vicki Nygaard"), ("kommunikationsmedarbejder", "Vivian Voldby")],
        ),
        ("11.20\tAftalestyringsstyring Økonomichef Bettina deltager under behandlingen", [("Økonomichef", "Bettina")]),
        ("Jonas Kroustrup / Vivian A. Voldgaard", [(None, "Jonas Kroustrup"), (None, "Vivian A. Voldgaard")]),
        ("Specialkonsulent Vivian A. Voldgaard (tovholder)", [("Specialkonsulent", "Vivian A. Voldgaard")]),
        (
            "5. feb. Borgmester og Fællesforvaltningsdirektør Kim Bruun Nielsen deltager ikke på mødet.",
            [("Fællesforvaltningsdirektør", "Kim Bruun Nielsen")],
        ),
        (
            "Vej og ejendomschef Kim T Jensen og afdelingsleder Lars Kølle deltager under behandlingen.",
            [("Vej og ejendomschef", "Kim T Jensen"), ("afdelingsleder", "Lars Kølle")],
        ),
        (
            "Kommunaldirektør Jonas Kroustrup; Sagsbehandler: Lene Helbo Bachmann.",
            [("Kommunaldirektør", "Jonas Kroustrup"), ("Sagsbehandler", "Lene Helbo Bachmann")],
        ),
        (
            "Arbejdsmarkedschef Erik Holck Hansen, skole- og dagtilbudschef Thomas Olesen og børne- og "
            "familiechef Mette Koudal deltager under behandlingen.",
            [
                ("Arbejdsmarkedschef", "Erik Holck Hansen"),
                ("skole- og dagtilbudschef", "Thomas Olesen"),
                ("børne- og familiechef", "Mette Koudal"),
            ],
        ),
        (
            "HR- og Arbejdsmiljøkonsulent Trine Kjær Poulsen og Udviklingskonsulent Vicki Nygaard Svendsen deltager.",
            [("HR- og Arbejdsmiljøkonsulent", "Trine Kjær Poulsen"), ("Udviklingskonsulent", "Vicki Nygaard Svendsen")],
        ),
        ("Ekstern konsulent Ulrik Toft fra UKON deltager.", [("Ekstern konsulent", "Ulrik Toft")]),
        ("Kommunikation af fælles indsatser. Vivian Voldgaard Andersen deltager", [(None, "Vivian Voldgaard Andersen")]),
        ("Sagsudkastet til ØK/HU blev drøftet. Jonas arbejder videre på udkastet.", [(None, "Jonas")]),
        ("Kommunaldirektøren og Stabschefen", []),
        ("Norddjurs Kommunes nytårskur har været afholdt siden 2022. Borgmester er vært.", []),
        ("Direktionen og kommunikationsmedarbejder Vivian Voldby", [("kommunikationsmedarbejder", "Vivian Voldby")]),
        ("Lolan Ottesen (A) - formand", [("formand", "Lolan Ottesen")]),
    ],
)
def test_people_in(roster, text, expected):
    assert people_in(text, roster) == expected


def test_people_in_feeds_matching(roster):
    found = people_in("Fællesforvaltningsdirektør Kim Bruun og sagsbehandler Vicki Nygaard.", roster)
    (t1, n1), (t2, n2) = found
    m1 = roster.best(n1, title=t1)
    assert m1.person.name == "Kim Bruun Nielsen" and m1.partial and not m1.certain
    assert roster.certain(n2, title=t2).name == "Vicki Nygaard Svendsen"


# --------------------------------------------------------------------------- layering


def test_roster_and_mentions_do_not_import_textual():
    code = ("import sys; import workbench.roster, workbench.roster.edit, workbench.parse.mentions; "
            "print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_people_in_reads_a_member_list_over_lines(roster):
    text = (
        "Medlemmer: Kommunaldirektør Jonas Kroustrup\nVelfærdsdirektør Lene Mehlsen Thomsen\n"
        "Fællesforvaltningsdirektør Kim Bruun Nielsen\n"
        "Udviklingskonsulent Vicki\n\nNygaard Svendsen deltog."
    )
    assert people_in(text, roster) == [
        ("Kommunaldirektør", "Jonas Kroustrup"),
        ("Velfærdsdirektør", "Lene Mehlsen Thomsen"),
        ("Fællesforvaltningsdirektør", "Kim Bruun Nielsen"),
        ("Udviklingskonsulent", "Vicki Nygaard Svendsen"),
    ]


def test_add_alias_keeps_crlf_files_and_their_comments(tmp_path):
    p = tmp_path / "roster.toml"
    p.write_bytes(COMMENTED.replace("\n", "\r\n").encode("utf-8"))
    add_alias(p, "Kim Bruun Nielsen", "Kim B. Nielsen")
    add_person(p, "Bettina Andersen")
    raw = p.read_bytes().decode("utf-8")
    assert "# Our roster. Keep this comment." in raw and "# other spellings" in raw
    assert "\n" not in raw.replace("\r\n", "")  # no bare LF was mixed in
    data = tomllib.loads(raw)
    assert data["people"][0]["aliases"] == ["Kim B. Nielsen"]
    assert data["people"][-1]["name"] == "Bettina Andersen"


def test_the_roster_modules_meet_through_public_names():
    """No module of workbench/roster/ or the parser's mentions imports another's private name or
    reaches into a Roster's private attributes."""
    import re

    files = sorted((ROOT / "workbench" / "roster").glob("*.py")) + [ROOT / "workbench" / "parse" / "mentions.py"]
    assert len(files) == 7
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert not re.search(r"from workbench\.[\w.]+ import \(?[^)\n]*\b_\w+", text), f.name
        assert not re.search(r"\broster\._\w", text), f.name
