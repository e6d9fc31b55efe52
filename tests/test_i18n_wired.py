"""The workbench speaks Danish by default and English when told, everywhere a person reads it: the catalog
over the real code base (no literal bypasses it in any file), flag messages in the
record, `workbench check`, the command line's help and errors, field paths and roster matches in words."""
from __future__ import annotations

import dataclasses

import pytest

from conftest import ROOT, SAMPLES, run_cli
from workbench import i18n
from workbench.i18n.extract import PACKAGE
from workbench.i18n.labels import certainty, field_label, resolution, severity
from workbench.i18n.literals import check_paths

# Every file is wired: the second round emptied this list. A file that must keep a bare literal for a while
# would be named here with the checker's count of findings in it; none is.
SECOND_ROUND: dict[str, int] = {}


def test_no_user_facing_literal_bypasses_the_catalog():
    found: dict[str, list[str]] = {}
    for bare in check_paths([PACKAGE]):
        path = str(bare.path).replace(str(ROOT) + "/", "")
        found.setdefault(path, []).append(str(bare))
    outside = {p: f for p, f in found.items() if p not in SECOND_ROUND}
    assert outside == {}, "\n".join(x for f in outside.values() for x in f)
    assert {p: len(f) for p, f in found.items()} == SECOND_ROUND  # shrink the allow-list as files are wired


@pytest.mark.parametrize("path, da, en", [
    ("items[3].attachments[1]", "punkt 4, bilag 2", "item 4, attachment 2"),
    ("items[0].tables[1].rows[2]", "punkt 1, tabel 2, række 3", "item 1, table 2, row 3"),
    ("items[2].decisions[0].text", "punkt 3, beslutning 1, tekst", "item 3, decision 1, text"),
    ("items[0].sections.Indstilling", 'punkt 1, afsnittet "Indstilling"', 'item 1, section "Indstilling"'),
    ("meeting.date", "mødet, dato", "meeting, date"),
    ("meeting", "mødet", "the meeting"),
    ("signatures[1].name", "underskrift 2, navn", "signature 2, name"),
    ("toc[4].title", "indholdsfortegnelsen, linje 5, titel", "table of contents, line 5, title"),
    ("source", "kilden", "the source"),
    ("items[1].unheard_of", "punkt 2, unheard_of", "item 2, unheard_of"),
    ("not a path!", "not a path!", "not a path!"),
])
def test_a_field_path_reads_as_words(path, da, en):
    with i18n.using("da"):
        assert field_label(path) == da
    with i18n.using("en"):
        assert field_label(path) == en


def test_a_match_a_severity_and_a_resolution_are_words():
    with i18n.using("da"):
        assert (certainty(True), certainty(False)) == ("sikkert", "usikkert")
        assert (severity("error"), severity("warning"), resolution("accepted")) == ("fejl", "advarsel", "godkendt")
    with i18n.using("en"):
        assert (certainty(True), certainty(False), severity("error")) == ("certain", "uncertain", "error")


def _parsed(code: str, config, roster, path):
    from workbench.pipeline import analyse

    with i18n.using(code):
        return analyse(path, config, roster)


@pytest.mark.parametrize("name", ["001_9a154efafadaaa85.txt", "003_b1ee29759e748790.txt"])
def test_a_record_in_danish_and_in_english_differs_only_in_the_messages(name, config, roster):
    from workbench.record import to_dict

    da = to_dict(_parsed("da", config, roster, SAMPLES / name))
    en = to_dict(_parsed("en", config, roster, SAMPLES / name))
    assert da["flags"], "the sample should have flags to compare"
    strip = lambda rec: {**rec, "flags": [{k: v for k, v in f.items() if k != "message"} for f in rec["flags"]]}  # noqa: E731
    assert strip(da) == strip(en)
    assert [f["id"] for f in da["flags"]] == [f["id"] for f in en["flags"]]
    differ = [(a["message"], b["message"]) for a, b in zip(da["flags"], en["flags"]) if a["message"] != b["message"]]
    assert differ, "the messages should be translated"


def test_a_cached_draft_is_not_read_back_in_another_language(config, roster):
    path = SAMPLES / "002_26687f9090792ef4.txt"
    first = _parsed("en", config, roster, path)
    again_da = _parsed("da", config, roster, path)
    assert [f.message for f in first.flags] != [f.message for f in again_da.flags]
    assert [f.message for f in _parsed("en", config, roster, path).flags] == [f.message for f in first.flags]


def test_tui_texts_are_read_in_the_language_spoken():
    from workbench.tui import text as T

    with i18n.using("da"):
        assert (T.CMD_SAVE[0], T.NOTHING_TO_UNDO, T.counted(T.OPEN_FLAGS, 3)) == ("Gem", "Intet at fortryde.", "3 åbne flag")
    with i18n.using("en"):
        assert (T.CMD_SAVE[0], T.NOTHING_TO_UNDO, T.counted(T.OPEN_FLAGS, 1)) == ("Save", "Nothing to undo.", "1 open flag")
    assert T.english("SAVED") == "Saved {path}"


def test_binding_descriptions_follow_the_language():
    from workbench.tui import actions

    with i18n.using("da"):
        words = {b.id: b.description for b in actions.bindings("main")}
        assert (words["save"], words["record.verify"], words["undo"]) == ("Gem", "Godkend", "Fortryd")
    with i18n.using("en"):
        assert actions.shown(actions.by_id("save")).description == "Save"


# --- the command line -------------------------------------------------------------------------------------

def test_the_command_line_speaks_danish_by_default():
    done = run_cli("check", "no-such-file.pdf", lang=None)
    assert done.returncode == 2 and done.stderr == "workbench: no-such-file.pdf: filen findes ikke\n"
    done = run_cli("--help", lang=None)
    assert done.returncode == 0
    assert "brug: workbench" in done.stdout and "tilvalg:" in done.stdout and "vis denne hjælp og afslut" in done.stdout
    assert "Gennemgå danske kommunale referater" in done.stdout


@pytest.mark.parametrize("where", ["before", "after"])
def test_lang_en_speaks_english_before_or_after_the_command(where):
    args = ("--lang", "en", "check", "no-such-file.pdf") if where == "before" else ("check", "--lang", "en", "no-such-file.pdf")
    done = run_cli(*args, lang=None)
    assert done.returncode == 2 and done.stderr == "workbench: no-such-file.pdf: no such file\n"


def test_an_argparse_error_is_in_the_language_spoken():
    done = run_cli("check", lang=None)
    assert done.returncode == 2
    assert "følgende argumenter skal angives: FILE" in done.stderr and "fejl:" in done.stderr
    done = run_cli("check", lang="en")
    assert "the following arguments are required: FILE" in done.stderr


def test_a_bad_lang_is_one_line_and_exit_2():
    done = run_cli("--lang", "de", "check", "x.txt", lang=None)
    assert done.returncode == 2 and done.stderr == "workbench: ukendt sprog 'de' (kendte: da, en)\n"
    assert done.stdout == ""


def test_the_config_language_is_used_and_the_flag_wins(tmp_path):
    text = (ROOT / "config.toml").read_text(encoding="utf-8").replace('language = "da"', 'language = "en"')
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")
    done = run_cli("check", "nope.txt", cwd=tmp_path, lang=None)
    assert done.stderr == "workbench: nope.txt: no such file\n"
    done = run_cli("--lang", "da", "check", "nope.txt", cwd=tmp_path, lang=None)
    assert done.stderr == "workbench: nope.txt: filen findes ikke\n"


def test_check_output_is_danish_with_fields_as_words():
    done = run_cli("check", "--format", "table", SAMPLES / "001_9a154efafadaaa85.txt", lang=None)
    assert done.returncode in (0, 1), done.stderr
    out = done.stdout
    assert "alvor" in out and "meddelelse" in out and "felt" in out
    assert "items[" not in out  # a field is shown by its label


def test_main_in_process_restores_the_language_of_its_caller(capsys):
    from workbench import cli

    with i18n.using("en"):
        cli.main(["--lang", "da", "check", "no-such.txt"])
        assert i18n.language() == "en"
    assert "filen findes ikke" in capsys.readouterr().err


@pytest.mark.language("da")
def test_the_language_marker_pins_a_test_to_danish():
    assert i18n.language() == "da" and i18n._("Save") == "Gem"


def test_tests_speak_english_unless_they_ask():
    assert i18n.language() == "en"
