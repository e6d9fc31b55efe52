"""config.toml: the packaged default, the lookup order, and one-line errors for every mistake."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import ROOT
from workbench.config import PACKAGED, load_config
from workbench.errors import ConfigError


def test_the_packaged_config_and_roster_are_the_repository_ones():
    assert (ROOT / "config.toml").read_bytes() == PACKAGED.read_bytes()
    assert (ROOT / "roster.toml").read_bytes() == (PACKAGED.parent / "roster.toml").read_bytes()
    assert (ROOT / "sample_docs" / "001_9a154efafadaaa85.pdf").read_bytes() == \
        (PACKAGED.parent / "001_9a154efafadaaa85.pdf").read_bytes()


def test_lookup_order_explicit_then_cwd_then_packaged(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config().path == PACKAGED
    (tmp_path / "config.toml").write_text(PACKAGED.read_text(encoding="utf-8").replace("max_pages = 1000", "max_pages = 7"),
                                          encoding="utf-8")
    assert load_config().max_pages == 7
    other = tmp_path / "other.toml"
    other.write_text('[limits]\nmax_pages = 9\n[patterns]\nitem = [\'^(?P<number>\\d+)\\. (?P<title>.+)$\']\n')
    assert load_config(other).max_pages == 9


@pytest.mark.parametrize("text, words", [
    ("[parse]\nheading_score = \n", "line 2, column 17"),
    ("[parse]\nheading_scor = 80\n", "unknown key 'parse.heading_scor'"),
    ("[patterns]\nitem = ['^(?P<title>.+']\n", "'patterns.item[0]' is not a valid regular expression"),
    ("[patterns]\nitem = ['^(?P<n>\\d+)$']\n", "needs a group named 'title'"),
    ("[limits]\nmax_pages = 'many'\n", "'limits.max_pages' must be a number"),
    ("[sections]\nrequired = ['nowhere']\n", "'nowhere', which no section heading opens"),
])
def test_config_errors_name_the_file_and_the_problem(tmp_path, text, words):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert str(path) in message and words in message and "\n" not in message


def test_a_municipality_adds_a_section_heading_without_code(tmp_path, parse_text, roster):
    from workbench.pipeline import analyse

    text = PACKAGED.read_text(encoding="utf-8").replace('sagsgang = ["Sagsgang"]', 'sagsgang = ["Sagsgang"]\n"Tidligere beslutninger" = ["Tidligere beslutninger"]')
    cfg = tmp_path / "config.toml"
    cfg.write_text(text, encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("1. Punkt\n\nÅben sag\n\nTidligere beslutninger\n\nGodkendt i 2024.\n", encoding="utf-8")
    ref = analyse(doc, load_config(cfg), roster)
    assert ref.items[0].sections["tidligere_beslutninger"].text == "Godkendt i 2024."


# --------------------------------------------------------------------------- validated whole


WRONG = [
    ("[sections.headings]\nx = 3\n", "'sections.headings.x' must be a list of strings, not an integer"),
    ("[sections]\nheadings = 'Sagsgang'\n", "'sections.headings' must be a table, not a string"),
    ("[headings]\nkinds = ['Referat']\n", "'headings.kinds' must be a table, not a list"),
    ("[front]\ndate = ['Dato', 7]\n", "'front.date[1]' must be a string, not an integer"),
    ("[patterns]\nitem = { a = 1 }\n", "'patterns.item' must be a list of regular expressions (strings), not a table"),
    ("[patterns]\ncase = [3]\n", "'patterns.case[0]' must be a string (a regular expression), not an integer"),
    ("[tables]\nloose = 'Tid'\n", "'tables.loose' must be a list of"),
    ("[[tables.loose]]\ncolumns = 'Tid'\nkey = '^x'\n", "'tables.loose[0].columns' must be a list of strings, not a string"),
    ("[[tables.loose]]\ncolumns = ['Tid']\nkey = 5\n", "'tables.loose[0].key' must be a string (a regular expression), not an integer"),
    ("[output]\ndir = ['out']\n", "'output.dir' must be a string, not a list"),
    ("[output]\ndir = \"o\\u0000ut\"\n", "'output.dir' holds a NUL character"),
    ("[output]\nreviewer = \"A\\nB\"\n", "'output.reviewer' must be one line"),
    ("roster = 3\n", "'roster' must be a string, not an integer"),
    ("[limits]\nmax_pages = true\n", "'limits.max_pages' must be a number from 1 to 1e+06, not a boolean"),
    ("parse = 3\n", "'parse' must be a table, not an integer"),
    ("keys = 'q'\n", "'keys' must be a table, not a string"),
    ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
    ("x = " + "{a=" * 100_000 + "1" + "}" * 100_000 + "\n", "nested too deeply"),
    ("keys." + "a." * 100_000 + "b = 'q'\n", "a key of more than 32 parts"),
    ("[" + "a." * 100_000 + "b]\nc = 1\n", "a key of more than 32 parts"),
    # patterns: the named groups the parser reads from each list
    ("[patterns]\nitem = ['^(?P<number>\\d+)\\. .+$']\n", "'patterns.item[0]' needs a group named 'title'"),
    ("[patterns]\npage_header = ['^(?P<body>\\w+) \\d+$']\n", "'patterns.page_header[0]' needs a group named 'date'"),
    ("[patterns]\ndocument_number = '\\d+/\\d\\d'\n", "'patterns.document_number[0]' needs a group named 'ref'"),
    ("[patterns]\ndecision = ['(' ]\n", "'patterns.decision[0]' is not a valid regular expression"),
]


@pytest.mark.parametrize("text, words", WRONG, ids=[f"{i}:{w[:40]}" for i, (_, w) in enumerate(WRONG)])
def test_every_wrong_value_is_one_line_naming_its_key(tmp_path, text, words):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and words in message and "\n" not in message, message


@pytest.mark.parametrize("key, pattern", [
    ("item", "^(?P<number>\\d+)\\. (?P<title>(a|aa)+)$"),   # exponential: 2^40 ways to split 40 a's
    ("decision", "(a|a)*$"),
    ("page_number", "(a+)+$"),                              # polynomial in regex: refused at 2,000 characters
    ("journal", "^Journal (?P<journal>(\\d|\\d\\d)+)$"),    # slow only after the pattern's own literal text
])
def test_a_pattern_that_backtracks_without_end_is_refused_at_load(tmp_path, key, pattern):
    path = tmp_path / "config.toml"
    path.write_text(f"[patterns]\n{key} = ['{pattern}']\n", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert f"'patterns.{key}[0]' takes too long" in str(err.value) and "\n" not in str(err.value)
    assert time.monotonic() - started < 30  # the probe's limit is 0.25 s a line: never a hang


def test_the_packaged_patterns_pass_the_probe_and_are_time_limited(config):
    from workbench.patterns import ConfigPattern

    every = [*config.patterns.item, *config.patterns.decision, *config.patterns.journal, *config.patterns.case,
             *config.patterns.attachment, *config.patterns.attachment_detail, config.patterns.document_number,
             *config.patterns.page_number, *config.patterns.page_header, *(t.key for t in config.loose_tables)]
    assert every and all(isinstance(p, ConfigPattern) for p in every)


def test_a_pattern_slow_on_one_line_of_the_document_stops_the_parse_with_one_line(tmp_path):
    """`^x(?:ab|ab)+$` passes the probe (its runs of one character fail at once) but backtracks
    without end on `xabab…ab!`: the match's time limit stops the parse and names the key."""
    from conftest import run_cli

    cfg = tmp_path / "hang.toml"
    cfg.write_text("[patterns]\nitem = ['^x(?P<title>(?:ab|ab)+)$', '^(?P<number>\\d{1,3})\\.\\s+(?P<title>\\S.*)$']\n",
                   encoding="utf-8")
    load_config(cfg)  # accepted at load
    doc = tmp_path / "doc.txt"
    doc.write_text("1. Første punkt\n\nÅben sag\n\nx" + "ab" * 40 + "!\n\nSagsgang\n\nDIR\n", encoding="utf-8")
    done = run_cli("parse", doc, "--config", cfg, cwd=tmp_path, timeout=120)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert "hang.toml: 'patterns.item[0]' took more than 1 s" in lines[0] and done.stdout == ""


def test_the_wrapper_turns_a_timeout_into_a_config_error_naming_the_key():
    from workbench.patterns import compile_pattern

    rx = compile_pattern("c.toml", "patterns.case[2]", "^(?P<case>(a|aa)+)$", probe=False)
    with pytest.raises(ConfigError, match=r"^c\.toml: 'patterns\.case\[2\]' took more than 1 s on a line of 41"):
        rx.match("a" * 40 + "!")
    assert rx.match("aaaa").group("case") == "aaaa"


# --------------------------------------------------------------------------- not regular files


def _fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "config.toml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("make, words", [
    (_fifo, "is a FIFO, not a config file"),
    (lambda tmp: Path("/dev/zero"), "is a device, not a config file"),
    (lambda tmp: tmp, "is a folder, not a config file"),
])
def test_a_config_that_is_not_a_regular_file_is_refused_at_once(tmp_path, make, words):
    from conftest import run_cli

    path = make(tmp_path)
    if not path.exists():
        pytest.skip(f"{path} is not here")
    doc = tmp_path / "doc.txt"
    doc.write_text("1. Punkt\n", encoding="utf-8")
    done = run_cli("parse", doc, "--config", path, cwd=tmp_path, timeout=60)  # never waits on the FIFO
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and words in lines[0], done.stderr


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder"])
def test_a_roster_that_is_not_a_regular_file_is_refused_at_once(tmp_path, kind):
    from conftest import run_cli

    if kind == "fifo":
        roster = _fifo(tmp_path).rename(tmp_path / "roster.toml")
    elif kind == "zero":
        roster = Path("/dev/zero")
        if not roster.exists():
            pytest.skip("no /dev/zero")
    else:
        roster = tmp_path / "roster.d"
        roster.mkdir()
    cfg = tmp_path / "mine.toml"
    cfg.write_text(f'roster = "{roster}"\n', encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("1. Punkt\n", encoding="utf-8")
    done = run_cli("parse", doc, "--config", cfg, cwd=tmp_path, timeout=60)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and str(roster) in lines[0], done.stderr
    assert "not a roster file" in lines[0]


def test_a_roster_nested_too_deeply_is_one_line(tmp_path):
    from workbench.roster import Roster, RosterError

    path = tmp_path / "roster.toml"
    path.write_text("[[people]]\nname = 'A B'\ntitles = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    with pytest.raises(RosterError, match="nested too deeply"):
        Roster.load(path)


# --------------------------------------------------------------------------- [keys]


@pytest.mark.parametrize("text, words", [
    ("[keys]\n'flag.nxt' = 'f'\n", "'keys.flag.nxt': the review screen has no binding 'flag.nxt'"),
    ("[keys]\nundo = 'ctrl+zz'\n", "'keys.undo': 'ctrl+zz' is not a key name"),
    ("[keys]\nundo = 'hyper+z'\n", "'hyper+z' is not a key name"),
    ("[keys]\nundo = 'ctrl+ctrl+z'\n", "'ctrl+ctrl+z' is not a key name"),
    ("[keys]\nquit = ''\n", "'keys.quit': '(nothing)' is not a key name"),
    ("[keys]\nquit = 'q,'\n", "'keys.quit': '(nothing)' is not a key name"),
    ("[keys]\nsave = 7\n", "'keys.save' must be a key name or keys separated by commas, not an integer"),
    ("[keys]\nflag.next = 'q'\n", "'keys.flag.next': 'q' is also the key of 'quit' there"),
    ("[keys]\nraw.join = 'q'\n", "'keys.raw.join': 'q' is also the key of 'quit' there"),  # the pane would hide quit
    ("[keys]\nquit = 'e'\n", "'keys.quit': 'e' is also the key of 'field.edit' there"),
    ("[keys]\nquit.save = 'd'\n", "'d' is also the key of 'quit.discard' there"),
    ("[keys]\neditor.accept = 'a'\n", "'keys.editor.accept': 'a' is typed into the field there"),
    ("[keys]\nsave = 'ctrl+q'\n", "'ctrl+q' is quit on every screen"),
])
def test_a_key_remap_is_checked_whole(tmp_path, text, words):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert words in str(err.value) and "\n" not in str(err.value), str(err.value)


def test_a_remap_written_as_dotted_keys_or_quoted_ids_is_taken(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[keys]\nflag.next = 'f'\n'flag.previous' = 'F'\nquit = 'q,ctrl+x'\nhelp = '?'\n"
                    "raw.join = 'shift+j'\n", encoding="utf-8")
    keys = load_config(path).keys
    assert keys == {"flag.next": "f", "flag.previous": "F", "quit": "q,ctrl+x", "help": "question_mark",
                    "raw.join": "shift+j"}


def test_the_binding_table_is_the_apps_own():
    """workbench/keys.py (read by config.py, which imports no Textual) lists exactly the bindings
    the screen and its dialogs declare (all from tui/actions.py's table), with their default keys."""
    from workbench import keys
    from workbench.tui.screens import dialogs, editor, form, inbox, review
    from workbench.tui.widgets import raw, structure

    declared = {}
    for cls in (review.ReviewScreen, structure.StructureTree, raw.RawView, form.FormScreen, form.ChoiceScreen,
                editor.EditScreen, dialogs.QuitScreen, dialogs.ConfirmScreen, dialogs.PromptScreen, dialogs.HelpScreen,
                inbox.InboxScreen, inbox.InboxTable):
        for b in cls.BINDINGS:
            if b.id:
                declared[b.id] = b.key
    table = {i: k for scope in keys.BINDINGS.values() for i, k in scope.items()}
    assert table == declared


def test_key_names_are_textuals_own():
    """The names keys.py accepts are the ones textual.keys knows: its named keys, and the names
    it gives punctuation (`?` → question_mark); a single character is taken as Textual spells it."""
    import string

    from textual import keys as tk

    from workbench import keys

    named = {k.value for k in tk.Keys if "+" not in k.value and not k.value.startswith("<")} - {"ctrl-at", "return"}
    assert keys.NAMED == named
    assert keys.PUNCTUATION == {tk._character_to_key(c) for c in string.punctuation}
    for c in string.printable.strip():
        assert keys.key_name(c) == tk._character_to_key(c)
    for good in ("ctrl+s", "shift+tab", "alt+f4", "f24", "question_mark", "ctrl+shift+left", "N", "æ", "slash"):
        assert keys.key_name(good) == tk._normalize_key_list(good)
    for bad in ("f25", "ctrl+", "super+", "enter2", "", "ctrl+ctrl+a", "question-mark", " "):
        assert keys.key_name(bad) is None
