"""The catalogs (every message in both languages, placeholders kept, .mo compiled from its .po), the .po reader and .mo writer, the language API and [ui] language."""
from __future__ import annotations

import fnmatch
import gettext
import io
import shutil
import subprocess
import tomllib

import pytest

from conftest import ROOT
from workbench import i18n
from workbench.config import PACKAGED, load_config
from workbench.errors import ConfigError
from workbench.i18n import _, ngettext, pgettext
from workbench.i18n.audit import catalog_problems, difference, fields, placeholder_problems
from workbench.i18n.compile import catalogs, compile_all, main as compile_main, stale
from workbench.i18n.po import Entry, PoError, compile_mo, format_entry, parse_po, read_po

pytestmark = pytest.mark.language("da")  # these tests speak Danish, the default (tests/conftest.py pins English otherwise)

CODES = ("da", "en")
HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'


@pytest.fixture(autouse=True)
def danish_after():
    yield
    i18n.set_language("da")


def _mo(entries) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(compile_mo(entries)))


# --- the shipped catalogs --------------------------------------------------------------------

def test_both_languages_are_shipped_and_danish_is_the_default():
    assert set(CODES) <= set(i18n.languages())
    assert [p.parent.parent.name for p in catalogs()] == list(i18n.languages())
    assert i18n.language() == "da" and i18n.DEFAULT == "da"


@pytest.mark.parametrize("code", CODES)
def test_every_catalog_is_fit_to_ship(code):
    assert catalog_problems(read_po(i18n.catalog(code)), code) == []


def test_every_message_is_in_every_language():
    assert difference({code: read_po(i18n.catalog(code)) for code in i18n.languages()}) == []


def test_the_english_catalog_is_the_identity_as_msgids_are_english():
    for e in read_po(i18n.catalog("en")):
        if e.msgid:
            assert e.strings == ((e.msgid,) if e.plural is None else (e.msgid, e.plural))


@pytest.mark.parametrize("code", CODES)
def test_each_committed_mo_is_compiled_from_its_po(code):
    po = i18n.catalog(code)
    assert i18n.catalog(code, ".mo").read_bytes() == compile_mo(read_po(po)), \
        "run python -m workbench.i18n.compile and commit the .mo"
    assert po in catalogs() and po not in stale()


@pytest.mark.parametrize("code", CODES)
def test_the_mo_reads_back_through_gettext_as_the_po_says(code):
    entries = read_po(i18n.catalog(code))
    with open(i18n.catalog(code, ".mo"), "rb") as f:
        t = gettext.GNUTranslations(f)
    for e in entries:
        if not e.msgid:
            continue
        if e.plural is None:
            got = t.gettext(e.msgid) if e.context is None else t.pgettext(e.context, e.msgid)
            assert got == e.strings[0]
        else:
            assert [t.ngettext(e.msgid, e.plural, n) for n in (1, 2)] == list(e.strings)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("code", CODES)
def test_gnu_msgfmt_reads_the_po_as_we_do(code, tmp_path):
    out = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(out), str(i18n.catalog(code))], check=True, timeout=60)
    with open(out, "rb") as f:
        gnu = gettext.GNUTranslations(f)
    ours = _mo(read_po(i18n.catalog(code)))
    assert gnu._catalog == ours._catalog and gnu.info() == ours.info()


def test_package_data_ships_every_catalog_file():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = data["tool"]["setuptools"]["package-data"]["workbench.i18n"]
    files = [p.relative_to(i18n.LOCALE.parent).as_posix() for p in i18n.LOCALE.rglob("*") if p.is_file()]
    assert {f.rsplit(".", 1)[-1] for f in files} == {"po", "mo"}
    for f in files:
        assert any(fnmatch.fnmatch(f, g) for g in globs), f


# --- the checks, on catalogs made to fail them -------------------------------------------------

def test_a_catalog_with_an_empty_a_fuzzy_or_a_short_plural_entry_is_unfit():
    text = HEAD + 'msgid "Save"\nmsgstr ""\n\n#, fuzzy\nmsgid "Quit"\nmsgstr "Afslut"\n\n' \
                  'msgid "{n} flag"\nmsgid_plural "{n} flags"\nmsgstr[0] "{n} flag"\n'
    problems = "\n".join(catalog_problems(parse_po(text), "x"))
    assert "'Save' has no translation" in problems and "'Quit' is marked fuzzy" in problems
    assert "'{n} flag' has 1 plural forms, the header says 2" in problems
    assert catalog_problems(parse_po('msgid "a"\nmsgstr "b"\n'), "x")[:2] == [
        "x: the header must say Content-Type: text/plain; charset=UTF-8",
        "x: the header must say Plural-Forms: nplurals=N; plural=…;"]


@pytest.mark.parametrize("msgid, msgstr, words", [
    ("{file} is gone", "{fil} er væk", "has ['fil'], which msgid does not"),
    ("{file} is gone, {why}", "{file} er væk", "lacks ['why']"),
    ("{file} is gone", "{} er væk", "positional field"),
    ("{0} is gone", "{0} er væk", "positional field"),
    ("{file} is gone", "{file er væk", "msgstr: "),
])
def test_placeholders_must_agree(msgid, msgstr, words):
    problems = placeholder_problems(Entry(msgid, (msgstr,)), "x")
    assert len(problems) == 1 and words in problems[0]


def test_placeholders_that_agree_pass_in_any_order_and_with_a_format_spec():
    assert placeholder_problems(Entry("{a} of {b:>3}", ("{b} af {a!r}",)), "x") == []
    assert fields("{item.number} of {rows[0]}") == {"item", "rows"}


def test_a_plural_may_drop_fields_in_its_first_form_only():
    ok = Entry("one flag", ("ét flag", "{n} flag"), plural="{n} flags")
    assert placeholder_problems(ok, "x") == []
    bad = Entry("one flag", ("ét flag", "mange flag"), plural="{n} flags")
    assert placeholder_problems(bad, "x") == ["x: msgstr[1] lacks ['n']"]


def test_catalogs_that_hold_different_messages_are_told_apart():
    a = parse_po(HEAD + 'msgid "Save"\nmsgstr "Gem"\n\nmsgctxt "access"\nmsgid "open"\nmsgstr "åben"\n')
    b = parse_po(HEAD + 'msgid "Save"\nmsgstr "Save"\n')
    assert difference({"da": a, "en": b}) == ["en: lacks 'access|open'"]


# --- the .po reader and the .mo writer -----------------------------------------------------------

def test_po_reader_joins_continued_strings_unescapes_and_skips_obsolete_entries():
    text = HEAD + '#: x.py:3\nmsgid ""\n"two "\n"lines\\n"\nmsgstr "to \\"linjer\\"\\n\\t\\\\"\n\n' \
                  '#~ msgid "old"\n#~ msgstr "gammel"\n'
    entries = parse_po(text)
    assert [(e.msgid, e.strings) for e in entries[1:]] == [("two lines\n", ('to "linjer"\n\t\\',))]


@pytest.mark.parametrize("text, words", [
    ('msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n', ":3: msgid 'a' is already at line 1"),
    ('msgid "a"\n', ":1: an entry needs one msgstr"),
    ('msgid "a\nmsgstr "b"\n', ":1: expected a string in double quotes"),
    ('msgid "a\\q"\nmsgstr "b"\n', ":1: unknown escape \\q"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', "a plural entry needs msgstr[0]"),
    ('"stray"\n', ":1: a quoted string belongs to no keyword"),
    ('msgstr "b"\n', ":1: msgstr before msgid"),
    ('hello\n', ":1: cannot read 'hello'"),
])
def test_po_reader_refuses_a_broken_catalog_naming_the_line(text, words):
    with pytest.raises(PoError) as err:
        parse_po(text, "bad.po")
    assert str(err.value).startswith("bad.po:") and words in str(err.value)


def test_mo_writer_round_trips_through_stdlib_gettext_with_plural_and_context():
    entries = parse_po(HEAD + format_entry(Entry("Open", ("Åbn",))) + format_entry(Entry("open", ("åben",), context="access"))
                       + format_entry(Entry("{n} flag", ("{n} flag", "{n} flag"), plural="{n} flags"))
                       + format_entry(Entry("Quit", ("Afslut",), fuzzy=True)) + format_entry(Entry("Undo", ("",))))
    t = _mo(entries)
    assert (t.gettext("Open"), t.pgettext("access", "open"), t.ngettext("{n} flag", "{n} flags", 5)) == \
        ("Åbn", "åben", "{n} flag")
    assert t.gettext("Quit") == "Quit" and t.gettext("Undo") == "Undo"  # fuzzy and empty are left out
    assert t.info()["content-type"] == "text/plain; charset=UTF-8"
    assert compile_mo(list(reversed(entries))) == compile_mo(entries)  # order of the file does not matter


def test_compile_writes_stale_catalogs_and_check_reports_them(tmp_path, capsys):
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "workbench.po").write_text(HEAD + 'msgid "Save"\nmsgstr "Spara"\n', encoding="utf-8")
    assert stale(tmp_path) == [folder / "workbench.po"]
    assert compile_all(tmp_path) == [folder / "workbench.mo"]
    assert stale(tmp_path) == [] and compile_all(tmp_path) == []
    assert _mo(read_po(folder / "workbench.po")).gettext("Save") == "Spara"
    assert compile_main(["--check"]) == 0  # the shipped catalogs are compiled


# --- the API ---------------------------------------------------------------------------------------

def test_messages_speak_danish_by_default_and_english_when_told():
    assert pgettext("access", "open") == "åben"
    assert ngettext("{n} open flag", "{n} open flags", 1).format(n=1) == "1 åbent flag"
    assert ngettext("{n} open flag", "{n} open flags", 2).format(n=2) == "2 åbne flag"
    i18n.set_language("en")
    assert i18n.language() == "en" and pgettext("access", "open") == "open"
    assert ngettext("{n} open flag", "{n} open flags", 2).format(n=2) == "2 open flags"
    assert _("a text no catalog holds") == "a text no catalog holds"
    assert i18n.N_("Save") == "Save" and i18n.gettext is _


def test_an_unknown_language_is_refused_naming_the_known_ones():
    with pytest.raises(i18n.LanguageError) as err:
        i18n.set_language("de")
    assert str(err.value) == "ukendt sprog 'de' (kendte: da, en)"
    assert i18n.language() == "da"
    assert i18n.check_language(" EN ") == "en"


def test_the_cli_flag_wins_over_the_config_and_danish_is_the_last_word():
    assert i18n.set_language_from("en", "da") == "en"
    assert i18n.set_language_from(None, "en") == "en"
    assert i18n.set_language_from(None, None) == "da"
    with pytest.raises(i18n.LanguageError):
        i18n.set_language_from("klingon", "en")


def test_using_speaks_a_language_for_a_block_and_restores_the_one_before():
    with pytest.raises(RuntimeError):
        with i18n.using("en"):
            assert pgettext("access", "closed") == "closed"
            raise RuntimeError
    assert i18n.language() == "da" and pgettext("access", "closed") == "lukket"


# --- [ui] language in config.toml ------------------------------------------------------------------

def test_the_packaged_config_says_danish_and_a_file_can_say_english(tmp_path):
    assert load_config(PACKAGED).language == "da"
    path = tmp_path / "config.toml"
    path.write_text('[ui]\nlanguage = "en"\n', encoding="utf-8")
    assert load_config(path).language == "en"
    path.write_text('[limits]\nmax_pages = 9\n', encoding="utf-8")
    assert load_config(path).language == "da"


@pytest.mark.parametrize("text, words", [
    ('[ui]\nlanguage = "de"\n', "'ui.language': ukendt sprog 'de' (kendte: da, en)"),
    ('[ui]\nlanguage = 1\n', "'ui.language' skal være en streng, ikke et heltal"),
    ('[ui]\nlang = "en"\n', "ukendt nøgle 'ui.lang' (kendte her: language)"),
    ('ui = "en"\n', "'ui' skal være en tabel"),
])
def test_a_wrong_language_in_the_config_is_one_line_naming_the_accepted_ones(tmp_path, text, words):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(path) in str(err.value) and words in str(err.value) and "\n" not in str(err.value)
