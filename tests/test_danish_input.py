"""The values a Danish secretary types, through the editor and the session alike: åben/lukket,
dates as 29-01-2025, 29.01.2025, 29/1 2025 and 29. januar 2025, times as 9.00 and kl. 9:00; the
editor shows them the Danish way, and a value it cannot read is refused in Danish, naming the forms."""
from __future__ import annotations

import datetime as dt

import pytest

from tui_helpers import copy_seed, loaded, make_app
from workbench.review import ReviewSession
from workbench.tui.screens.editor import EditScreen, shown_for, validator_for

SEEDS = __import__("pathlib").Path(__file__).resolve().parents[2] / "shared" / "seeds"

TYPED = [
    ("items[0].access", "lukket", "closed"), ("items[0].access", "åben", "open"), ("items[0].access", "Åbent", "open"),
    ("meeting.date", "29-01-2025", dt.date(2025, 1, 29)), ("meeting.date", "29.01.2025", dt.date(2025, 1, 29)),
    ("meeting.date", "29/1 2025", dt.date(2025, 1, 29)), ("meeting.date", "29. januar 2025", dt.date(2025, 1, 29)),
    ("meeting.start", "9.00", dt.time(9, 0)), ("meeting.start", "kl. 9:00", dt.time(9, 0)),
    ("meeting.end", "kl. 13.30", dt.time(13, 30)),
]


OTHER = {"items[0].access": "closed", "meeting.date": "2024-12-31", "meeting.start": "08:00", "meeting.end": "14:00"}


@pytest.fixture
def session(config, roster, tmp_path):
    s = ReviewSession.open(SEEDS / "001_9a154efafadaaa85.txt", config, roster, out_dir=tmp_path / "out")
    yield s
    s.close()


@pytest.mark.language("da")
@pytest.mark.parametrize("field,text,value", TYPED, ids=[f"{f}={t}" for f, t, _ in TYPED])
def test_the_editor_and_the_session_take_what_she_types(session, config, field, text, value):
    assert validator_for(field, config).validate(text).is_valid
    if session.get(field) == value:  # the seed holds it already: move it away first, so the edit is a change
        session.edit(field, OTHER[field])
    session.edit(field, text)
    assert session.get(field) == value
    # the correction holds the value itself (a date, a time, open/closed), not the form it was typed in
    assert session.corrections[-1].after == value


@pytest.mark.language("da")
def test_a_value_she_cannot_mean_is_refused_in_danish_naming_the_forms(config):
    date = validator_for("meeting.date", config).validate("i morgen")
    assert not date.is_valid
    assert "er ikke en dato" in date.failure_descriptions[0] and "29.01.2025" in date.failure_descriptions[0]
    time = validator_for("meeting.start", config).validate("ni")
    assert not time.is_valid and "9.00" in time.failure_descriptions[0]
    access = validator_for("items[0].access", config).validate("hemmelig")
    assert not access.is_valid and "hemmelig" in access.failure_descriptions[0]
    assert "is not" not in access.failure_descriptions[0]


@pytest.mark.language("da")
def test_the_editor_shows_values_the_danish_way_and_reads_them_back(config):
    assert shown_for("meeting.date", dt.date(2025, 1, 29)) == "29.01.2025"
    assert shown_for("meeting.start", dt.time(9, 0)) == "9.00"
    assert shown_for("items[0].access", "closed") == "lukket"
    for field, value in (("meeting.date", dt.date(2025, 1, 29)), ("meeting.start", dt.time(9, 0)),
                         ("items[0].access", "closed")):
        assert validator_for(field, config).validate(shown_for(field, value)).is_valid
    assert shown_for("meeting.place", "Byrådssalen") == "Byrådssalen"


def test_in_english_the_editor_shows_iso(config):
    assert shown_for("meeting.date", dt.date(2025, 1, 29)) == "2025-01-29"
    assert shown_for("meeting.start", dt.time(9, 0)) == "09:00"
    assert shown_for("items[0].access", "closed") == "closed"


@pytest.mark.language("da")
async def test_on_the_screen_the_date_is_offered_danish_and_a_danish_date_lands(tmp_path, config, roster):
    app = make_app(copy_seed(tmp_path), config, roster, tmp_path / "out")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.goto_field("meeting.date")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditScreen)
        assert editor.query_one("#editor-input").value == "29.01.2025"
        await pilot.press("ctrl+a", "ctrl+k", *"3. februar 2025", "enter")
        await pilot.pause()
        assert app.session.get("meeting.date") == dt.date(2025, 2, 3)


@pytest.mark.language("da")
@pytest.mark.parametrize("field,text,says", [
    ("items[0].number", "fire", "skal være et helt tal"),
    ("meeting.kind", "protokol", "skal være en af 'referat', 'dagsorden'"),
    ("meeting.members[0].vacant", "måske", "skal være ja eller nej"),
])
def test_every_typed_value_is_refused_in_danish(config, field, text, says):
    check = validator_for(field, config).validate(text)
    assert not check.is_valid and check.failure_descriptions[0].startswith(says), check.failure_descriptions


@pytest.mark.language("da")
def test_the_session_refuses_an_empty_title_in_danish(session):
    from workbench.review import ReviewError

    with pytest.raises(ReviewError, match="må ikke være tom"):
        session.edit("items[0].title", "")
    with pytest.raises(ReviewError, match="skal stå på én linje"):
        session.edit("items[0].title", "to\nlinjer")


@pytest.mark.language("da")
@pytest.mark.parametrize("field,names", [("meeting.farve", "mødet"), ("items[0].farve", "et punkt"),
                                         ("items[0].attachments[0].farve", "et bilag"),
                                         ("meeting.members[0].farve", "en person")])
def test_a_field_that_is_not_there_names_its_owner_in_danish(session, field, names):
    from workbench.review import ReviewError

    with pytest.raises(ReviewError) as refused:
        session.edit(field, "x")
    assert f": {names} har " in str(refused.value), str(refused.value)
