"""Danish input forms (workbench/i18n/forms.py): access, dates and times read in the forms a secretary types, shown the Danish way (ISO in English), and every shown form read back."""
from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import given, settings, strategies as st

from workbench import i18n
from workbench.errors import UserError
from workbench.i18n.forms import (FormError, month_number, parse_access, parse_date, parse_time, show_access,
                                  show_date, show_date_long, show_time)

pytestmark = pytest.mark.language("da")  # these tests speak Danish, the default (tests/conftest.py pins English otherwise)

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
PROPERTY = settings(max_examples=3000 if THOROUGH else 200, deadline=None, derandomize=not THOROUGH, database=None)
JAN29 = dt.date(2025, 1, 29)


@pytest.fixture(autouse=True)
def danish_after():
    yield
    i18n.set_language("da")


@pytest.mark.parametrize("text, value", [
    ("åben", "open"), ("Åben", "open"), ("åbent", "open"), ("aaben", "open"), ("AABEN", "open"),
    ("a\u030aben", "open"), ("open", "open"), (" lukket ", "closed"), ("Lukket", "closed"), ("closed", "closed"),
])
def test_access_words(text, value):
    assert parse_access(text) == value


def test_access_shown_in_the_language_spoken():
    assert (show_access("open"), show_access("closed")) == ("åben", "lukket")
    with i18n.using("en"):
        assert (show_access("open"), show_access("closed")) == ("open", "closed")
    with pytest.raises(ValueError):
        show_access("ajar")


@pytest.mark.parametrize("text", [
    "2025-01-29", "29-01-2025", "29.01.2025", "29/1 2025", "29/01/2025", "29. januar 2025", "29 jan 2025",
    "29. Januar 2025", "29 JAN. 2025", "29.januar 2025", "29. jan. 2025", "29.1.2025", "29-1-2025",
    "onsdag den 29. januar 2025", "den 29/1 2025", "d. 29.01.2025", "29 January 2025", "  29.01.2025 ",
])
def test_every_date_form_a_secretary_types(text):
    assert parse_date(text) == JAN29


@pytest.mark.parametrize("word, month", [
    ("januar", 1), ("febr", 2), ("feb.", 2), ("marts", 3), ("mar", 3), ("march", 3), ("apr", 4), ("maj", 5),
    ("may", 5), ("jun", 6), ("juni", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9), ("okt", 10),
    ("oct", 10), ("nov", 11), ("dec", 12), ("december", 12),
])
def test_month_names_and_abbreviations(word, month):
    assert month_number(word) == month


@pytest.mark.parametrize("word", ["ju", "ja", "xyz", "januarius"])
def test_a_word_naming_no_one_month_is_not_a_month(word):
    assert month_number(word) is None


@pytest.mark.parametrize("text, words", [
    ("30.02.2025", "februar 2025 har 28 dage"),
    ("29. februar 2025", "februar 2025 har 28 dage"),
    ("31-04-2025", "april 2025 har 30 dage"),
    ("2025-13-01", "der er ingen måned 13"),
    ("0000-01-01", "der er intet år 0"),
])
def test_impossible_dates_are_refused_saying_why(text, words):
    with pytest.raises(FormError) as err:
        parse_date(text)
    assert str(err.value) == f"'{text}' er ikke en dato: {words}"


def test_a_leap_day_is_a_date_in_a_leap_year():
    assert parse_date("29.02.2024") == dt.date(2024, 2, 29)


@pytest.mark.parametrize("text", ["", "29", "29.01", "29.01.25", "29 foo 2025", "29-01.2025", "2025/01/29",
                                  "tomorrow", "29. ju 2025"])
def test_an_unreadable_date_names_the_forms_it_takes(text):
    with pytest.raises(FormError) as err:
        parse_date(text)
    assert str(err.value) == (f"{text!r} er ikke en dato: skriv den som 29.01.2025, 29-01-2025, 29/1 2025, "
                              f"2025-01-29 eller 29. januar 2025")


def test_the_error_is_a_value_error_a_user_error_and_speaks_english_in_english():
    with i18n.using("en"):
        with pytest.raises(ValueError) as err:
            parse_date("30.02.2025")
    assert isinstance(err.value, UserError)
    assert str(err.value) == "'30.02.2025' is not a date: February 2025 has 28 days"


def test_a_long_or_multi_line_value_is_shown_short_and_on_one_line():
    with pytest.raises(FormError) as err:
        parse_time("x" * 100 + "\nkl. 9")
    assert "\n" not in str(err.value) and "…" in str(err.value) and len(str(err.value)) < 120


@pytest.mark.parametrize("text, value", [
    ("9.00", dt.time(9)), ("09:00", dt.time(9)), ("kl. 9:00", dt.time(9)), ("kl. 9.00", dt.time(9)), ("9", dt.time(9)),
    ("Kl. 13.30", dt.time(13, 30)), ("kl 8", dt.time(8)), ("0.05", dt.time(0, 5)), ("23:59", dt.time(23, 59)),
    ("9.00.30", dt.time(9, 0, 30)),
])
def test_every_time_form(text, value):
    assert parse_time(text) == value


@pytest.mark.parametrize("text", ["24.00", "9.60", "9.5", "kl.", "ni", "9.00-13.00", ""])
def test_an_unreadable_or_impossible_time_is_refused(text):
    with pytest.raises(FormError) as err:
        parse_time(text)
    assert str(err.value).startswith(f"{text!r} er ikke et klokkeslæt: ")


def test_dates_and_times_are_shown_the_danish_way_and_iso_in_english():
    assert (show_date(JAN29), show_date_long(JAN29), show_time(dt.time(9))) == ("29.01.2025", "29. januar 2025", "9.00")
    assert show_date_long(dt.date(2025, 3, 1)) == "1. marts 2025"
    with i18n.using("en"):
        assert (show_date(JAN29), show_date_long(JAN29), show_time(dt.time(9))) == ("2025-01-29", "2025-01-29", "09:00")


DATES = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
TIMES = st.times().map(lambda t: t.replace(microsecond=0))


@PROPERTY
@given(DATES, st.sampled_from(i18n.languages()))
def test_every_date_shown_in_each_form_reads_back_as_itself(value, code):
    with i18n.using(code):
        for shown in (show_date(value), show_date_long(value)):
            assert parse_date(shown) == value, shown


@PROPERTY
@given(TIMES, st.sampled_from(i18n.languages()))
def test_every_time_shown_reads_back_as_itself(value, code):
    with i18n.using(code):
        assert parse_time(show_time(value)) == value


@PROPERTY
@given(DATES, st.sampled_from(["{d}.{m}.{y}", "{d}-{m}-{y}", "{d}/{m}/{y}", "{d}/{m} {y}", "{y}-{m}-{d}",
                               "{d}. {month} {y}", "{d} {mon} {y}", "{d}. {mon}. {y}"]),
       st.booleans())
def test_every_typed_form_of_any_date_reads_as_that_date(value, form, padded):
    from workbench.i18n.forms import MONTHS_DA

    d, m = (f"{value.day:02d}", f"{value.month:02d}") if padded else (str(value.day), str(value.month))
    name = MONTHS_DA[value.month - 1]
    text = form.format(d=d, m=m, y=f"{value.year:04d}", month=name, mon=name[:3])
    assert parse_date(text) == value
