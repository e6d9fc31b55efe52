"""The checker that no user-facing literal bypasses the catalog (workbench/i18n/literals.py), and the extractor of the messages code asks for (workbench/i18n/extract.py), on small samples of code; and every message asked for today is in the catalogs."""
from __future__ import annotations

import textwrap

import pytest

from workbench import i18n
from workbench.i18n.extract import PACKAGE, main as extract_main, missing, uses, uses_in_source
from workbench.i18n.literals import Rule, check_paths, check_source, is_bare
from workbench.i18n.po import parse_po, read_po


def bare(code: str, **kw) -> list[str]:
    return [f"{b.line}: {b.where}: {b.text}" for b in check_source(textwrap.dedent(code), **kw)]


@pytest.mark.parametrize("code, where", [
    ('make_flag("name_unknown", "warning", f, (1, 1), "Name not in the roster")', "make_flag() argument 5"),
    ('make_flag("k", "warning", f, span, message=f"Name {n} unknown")', "make_flag(message=)"),
    ('Flag("k", "info", "f", (1, 1), "Looks odd")', "Flag() argument 5"),
    ('model.Flag(kind="k", severity="info", field="f", lines=(1, 1), message="Looks odd")', "Flag(message=)"),
    ('Note("inferred_value", (1, 1), "The heading names no date")', "Note() argument 3"),
    ('raise ConfigError(f"{name}: must be a list")', "ConfigError() argument 1"),
    ('raise InputError("is empty")', "InputError() argument 1"),
    ('raise UserError(message="nope")', "UserError(message=)"),
    ('self.notify("Saved")', "notify() argument 1"),
    ('self.app.notify(text, title="Cannot open")', "notify(title=)"),
    ('yield Label("Reviewer:")', "Label() argument 1"),
    ('Static(f"{n} flags open")', "Static() argument 1"),
    ('Button("Save", id="save")', "Button() argument 1"),
    ('Binding("ctrl+s", "save", "Save", id="save")', "Binding() argument 3"),
    ('Binding("n", "next", description="Next flag")', "Binding(description=)"),
    ('Binding("n", "next", _("Next flag"), tooltip="Goes to the next flag")', "Binding(tooltip=)"),
    ('self.push_screen(EditScreen(field, text, title="Edit field"))', "EditScreen(title=)"),
    ('ConfirmDialog(message="Discard changes?")', "ConfirmDialog(message=)"),
    ('widget.border_title = "Raw text"', "border_title ="),
    ('self.sub_title = f"{name} — {status}, open"', "sub_title ="),
    ('class A:\n    TITLE = "Referat workbench"', "TITLE ="),
    ('class A:\n    BINDINGS = [("q", "quit", "Quit")]', "BINDINGS description"),
    ('raise ConfigError("%s: bad" % name)', "ConfigError() argument 1"),
    ('raise ConfigError(name + ": is not UTF-8 text")', "ConfigError() argument 1"),
    ('raise ConfigError("{}: bad".format(name))', "ConfigError() argument 1"),
    ('self.notify(done if ok else "Not saved")', "notify() argument 1"),
    ('self.notify(message or "Nothing to save")', "notify() argument 1"),
    ('self.add(FlagKind.X, "warning", "items", (1, 1), f"Item {n} looks odd")', "add() argument 5"),
    ('notes.append(Flag.note(FlagKind.X, (1, 1), "Looks odd"))', "note() argument 3"),
    ('raise error(f"{label}: is a folder")', "error() argument 1"),
    ('_say("interrupted")', "_say() argument 1"),
    ('p.add_argument("--out", help="where records go")', "add_argument(help=)"),
    ('Label(f"[dim]{hint} more words[/dim]")', "Label() argument 1"),
])
def test_a_bare_literal_where_users_read_it_is_found(code, where):
    found = bare(code)
    assert len(found) == 1 and where in found[0], found


@pytest.mark.parametrize("code", [
    'make_flag("name_unknown", "warning", f, (1, 1), _("Name not in the roster"))',
    'make_flag("k", "warning", f, span, message=_("Name {n} unknown").format(n=n))',
    'Note("inferred_value", (1, 1), ngettext("{n} line", "{n} lines", n).format(n=n))',
    'raise ConfigError(f"{name}: {err}")',                      # no words of its own: layout
    'raise ConfigError(name + ": " + _("is not UTF-8 text"))',
    'self.notify(escape(visible(message)), title=_("Cannot open"), severity="error")',
    'Binding("ctrl+s", "save", N_("Save"), id="save", show=False)',
    'Static("⚑ —", id="badge")',                                # the id= keyword is no text
    'widget.border_title = pgettext("pane", "Raw text")',
    'self.title = title',
    'title = "a local, not an attribute"',
    'raise ValueError("internal: never shown")',                 # not a user error
    'self.notify("Debug")  # i18n: ok',
    'Label(" ")',
    'Label(f"[dim]{T.FORM_KEYS}[/dim]")',                      # Rich markup around a translated text
    'yield Label(f"[b]{escape(title)}[/b]", id="t")',
    'seen.add(key)',                                            # a set's add: no message argument
    'flag.message = "a message attribute is not looked at"',
    'class A:\n    BINDINGS = [Binding("q", "quit", N_("Quit"))]',
])
def test_text_through_the_catalog_or_without_words_passes(code):
    assert bare(code) == []


def test_an_exempt_mark_anywhere_in_a_multi_line_argument_passes_it():
    code = 'raise ConfigError(\n    "a long internal message "\n    "on two lines"  # i18n: ok\n)\n'
    assert bare(code) == []
    assert len(bare(code.replace("  # i18n: ok", ""))) == 1


def test_the_rules_can_be_replaced():
    code = 'Toast("Saved")\nself.notify("Saved")\n'
    assert bare(code, rules={"Toast": Rule((0,), ())}) == ["1: Toast() argument 1: 'Saved'"]


def test_findings_name_file_line_and_text(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text('x = 1\nraise InputError("gone")\n', encoding="utf-8")
    (tmp_path / "pkg" / "b.py").write_text('raise InputError(_("gone"))\n', encoding="utf-8")
    found = check_paths([tmp_path / "pkg"])
    assert [str(b) for b in found] == [f"{tmp_path / 'pkg' / 'a.py'}:2: InputError() argument 1: 'gone'"]


def test_is_bare_on_expressions():
    import ast

    def e(src):
        return ast.parse(src, mode="eval").body

    assert is_bare(e('"Save"')) and is_bare(e('f"Saved {n}"')) and is_bare(e('"Saved".upper()'))
    assert not is_bare(e('_("Save")')) and not is_bare(e('", ".join(names)')) and not is_bare(e('"—" * 3'))
    assert not is_bare(e("42")) and not is_bare(e("name")) and not is_bare(None)


# --- the extractor ----------------------------------------------------------------------------------

def test_the_extractor_finds_every_kind_of_call_with_a_literal():
    code = textwrap.dedent('''
        _("Save")
        i18n._("Quit")
        ngettext("{n} flag", "{n} flags", n)
        pgettext("access", "open")
        npgettext("pane", "{n} line", "{n} lines", n)
        N_("Next flag")
        _(computed)
        print("not a message")
    ''')
    got = [(u.context, u.msgid, u.plural, u.line) for u in uses_in_source(code)]
    assert got == [(None, "Save", None, 2), (None, "Quit", None, 3), (None, "{n} flag", "{n} flags", 4),
                   ("access", "open", None, 5), ("pane", "{n} line", "{n} lines", 6), (None, "Next flag", None, 7)]


def test_missing_lists_what_a_catalog_lacks():
    wanted = {u.key: u for u in uses_in_source('_("Save")\npgettext("access", "open")\n_("Quit")\n')}
    have = parse_po('msgid "Save"\nmsgstr "Gem"\n\nmsgid "open"\nmsgstr "åben"\n')
    assert [(u.context, u.msgid) for u in missing(have, wanted)] == [("access", "open"), (None, "Quit")]


def test_every_message_the_code_asks_for_is_in_every_catalog():
    wanted = uses()
    assert "{value} is not an access: write open or closed" in wanted  # the scan sees forms.py
    for code in i18n.languages():
        assert [u.msgid for u in missing(read_po(i18n.catalog(code)), wanted)] == [], code
    assert extract_main([]) == 0


def test_the_i18n_package_passes_its_own_check():
    assert check_paths([PACKAGE / "i18n"]) == []
