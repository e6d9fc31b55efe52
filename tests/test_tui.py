"""The review screen, driven with Pilot: each flow asserts the record's state, not only the screen."""
from __future__ import annotations

import dataclasses
import tomllib

import pytest

from tui_helpers import accept_next, copy_seed, loaded, make_app, type_into
from workbench.tui.screens.dialogs import HelpScreen, QuitScreen
from workbench.tui.screens.editor import EditScreen

SIZE = (120, 40)


@pytest.fixture
def seed(tmp_path):
    return copy_seed(tmp_path)


@pytest.fixture
def out(tmp_path):
    return tmp_path / "out"


async def test_n_goes_to_the_next_flag_and_shows_its_lines(seed, out, config, roster):
    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        flags = app.unresolved()
        assert [f.lines[0] for f in flags] == sorted(f.lines[0] for f in flags) and len(flags) >= 2
        first = flags[0]
        await pilot.press("n")
        assert app.current_flag.id == first.id
        raw = app.query_one("#raw")
        assert raw.selected == first.lines and raw.cursor == first.lines[0]
        await pilot.press("n")
        assert app.current_flag.id == flags[1].id
        await pilot.press("N")
        assert app.current_flag.id == first.id


async def test_edit_a_person_with_roster_suggestions_resolves_the_flag(seed, out, config, roster):
    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.goto_field("signatures[2].name")
        await pilot.pause()
        assert app.field == "signatures[2].name"
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditScreen) and editor.kind == "person"
        await pilot.press("ctrl+a", "ctrl+k", *"Kim Brun")
        await pilot.pause()
        options = editor.query_one("#suggestions")
        assert options.option_count >= 1
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.session.get("signatures[2].name") == "Kim Bruun Nielsen"


async def test_edit_a_text_field_then_undo_and_redo(seed, out, config, roster):
    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await type_into(pilot, "meeting.place", "Byrådssalen")
        assert app.session.get("meeting.place") == "Byrådssalen"
        assert app.session.dirty
        await pilot.press("ctrl+z")
        assert app.session.get("meeting.place") == "Mødelokale 250, rådhuset"
        await pilot.press("ctrl+y")
        assert app.session.get("meeting.place") == "Byrådssalen"


async def test_a_bad_date_is_refused_in_the_editor(seed, out, config, roster):
    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await type_into(pilot, "meeting.date", "32-13-2025")
        assert isinstance(app.screen, EditScreen)  # still open, with the reason shown
        await pilot.press("escape")
        assert str(app.session.get("meeting.date")) == "2025-01-29"


async def test_accept_verify_field_save_and_verify_record(seed, out, config, roster):
    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("V")  # refused: flags are open
        await pilot.pause()
        assert app.session.record.review.status == "draft"
        while app.unresolved():
            await accept_next(pilot)
        assert all(f.resolution != "open" for f in app.session.record.flags if f.severity != "info")
        app.goto_field("meeting.date")
        await pilot.pause()
        await pilot.press("space")
        assert "meeting.date" in app.session.record.review.verified_fields
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = tomllib.loads(app.session.output_path().read_text(encoding="utf-8"))
        assert saved["review"]["status"] == "draft" and "meeting.date" in saved["review"]["verified_fields"]
        await pilot.press("V")
        await pilot.pause()
        await pilot.press(*"Sekretær Hansen", "enter")
        await pilot.pause()
        saved = tomllib.loads(app.session.output_path().read_text(encoding="utf-8"))
        assert saved["review"]["status"] == "verified" and saved["review"]["reviewer"] == "Sekretær Hansen"
        assert saved["review"]["flags_open"] == 0


async def test_quit_with_unsaved_changes_asks(seed, out, config, roster):
    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n", "a", "q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("k")
        await pilot.pause()
        assert not isinstance(app.screen, QuitScreen) and app.is_running
        await pilot.press("q", "s")
        await pilot.pause()
    saved = tomllib.loads(next(out.glob("*.toml")).read_text(encoding="utf-8"))
    assert any(f["resolution"] == "accepted" for f in saved["flags"])


async def test_raw_pane_join_keeps_line_numbers_and_reparses(seed, out, config, roster):
    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        count = len(app.session.source.lines)
        raw = app.query_one("#raw")
        raw.focus()
        raw.cursor = 17  # "Medlemmer: Kommunaldirektør Jonas Kroustrup"
        await pilot.press("J")
        await pilot.pause()
        assert len(app.session.source.lines) == count
        assert app.session.source.lines[17].text == ""
        assert any(c.source == "join" and c.line == 17 for c in app.session.record.corrections)
        await pilot.press("ctrl+z")
        assert app.session.source.lines[17].text.startswith("Velfærdsdirektør")


async def test_search_help_and_palette(seed, out, config, roster):
    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"Vivian", "enter")
        await pilot.pause()
        raw = app.query_one("#raw")
        assert raw.matches and all("vivian" in raw.lines[n - 1].text.casefold() for n in raw.matches)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_keys_are_remapped_from_the_config(seed, out, config, roster):
    remapped = dataclasses.replace(config, keys={"flag.next": "f"})
    app = make_app(seed, remapped, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f")
        assert app.current_flag is not None and app.current_flag.id == app.unresolved()[0].id


async def test_structure_add_and_delete(seed, out, config, roster):
    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.goto_field("items[1].attachments")
        await pilot.pause()
        await pilot.press("plus", "tab", "tab", *"Nyt notat", "tab", "enter")  # number, access, title, ref
        await pilot.pause()
        assert [a.title for a in app.session.record.items[1].attachments] == ["Nyt notat"]
        app.goto_field("items[1].attachments[0].title")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")  # the confirmation
        await pilot.pause()
        assert app.session.record.items[1].attachments == []


async def test_a_file_that_cannot_be_read_is_a_notification_not_a_crash(tmp_path, out, config, roster):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing more")
    app = make_app(bad, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.session is None and "bad.pdf" in app.load_error
        await pilot.press("n", "e", "ctrl+s", "V")  # nothing to act on, nothing breaks
        assert app.is_running


async def test_r_learns_a_name_into_the_roster(tmp_path, out, config, roster):
    import shutil

    from workbench.roster import Roster

    roster_copy = tmp_path / "roster.toml"
    shutil.copy(config.roster_path, roster_copy)
    cfg = dataclasses.replace(config, roster_path=roster_copy)
    doc = tmp_path / "doc.txt"
    doc.write_text("Direktionen\n\nREFERAT\n\nDato: 29-01-2025\n\nMedlemmer: Kommunaldirektør Rasmus Ukendtsen\n\n1. Punkt\n\nÅben sag\n\nSagsgang\n\nDIR\n",
                   encoding="utf-8")
    app = make_app(doc, cfg, Roster.load(roster_copy), out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        assert app.current_flag.kind == "name_unknown"
        await pilot.press("r")
        await pilot.pause()
        from workbench.tui.screens.form import ChoiceScreen

        assert isinstance(app.screen, ChoiceScreen)  # never bound without asking
        assert app.screen.choices[-1][0] == "person"
        await pilot.press(*["down"] * (len(app.screen.choices) - 1), "enter")  # a new person …
        await pilot.pause()
        await pilot.press(*"Kommunaldirektør", "enter")  # … with a title
        await pilot.pause()
        assert app.session.flag(app.current_flag.id).resolution == "fixed"
        learned = Roster.load(roster_copy)
        assert learned.certain("Rasmus Ukendtsen") is not None and app.roster.certain("Rasmus Ukendtsen") is not None
        await pilot.press("ctrl+z")  # takes it out of the file and out of the roster in memory
        await pilot.pause()
        assert Roster.load(roster_copy).certain("Rasmus Ukendtsen") is None
        assert app.session.roster.certain("Rasmus Ukendtsen") is None
        assert app.session.flag(app.current_flag.id).resolution == "open"
        await pilot.press("ctrl+y")
        await pilot.pause()
    assert Roster.load(roster_copy).certain("Rasmus Ukendtsen") is not None
    assert "Rasmus Ukendtsen" not in config.roster_path.read_text(encoding="utf-8")


async def test_give_a_missing_item_number_and_return_a_verified_record_to_draft(tmp_path, out, config, roster):
    doc = copy_seed(tmp_path, "004_60c343e47a70d8f7.txt")
    app = make_app(doc, config, roster, out, reviewer="Sekretær Hansen")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.goto_field("items[0].number")
        await pilot.pause()
        await pilot.press("e", *"1", "enter")
        await pilot.pause()
        assert app.session.record.items[0].number == 1
        assert all(f.resolution == "fixed" for f in app.session.record.flags if f.kind == "numbering_gap")
        while app.unresolved():
            await accept_next(pilot)
        await pilot.press("V")
        await pilot.pause()
        assert app.session.record.review.status == "verified"
        await pilot.press("V", *"Forkert dato", "enter")
        await pilot.pause()
        assert app.session.record.review.status == "draft"
        assert any("Forkert dato" in str(c.after) or "Forkert dato" in (c.note or "") for c in app.session.record.corrections)


async def test_command_palette_goes_to_an_item(seed, out, config, roster):
    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Go to item 7")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.field == "items[6]"


async def test_n_moves_the_tree_cursor_into_folded_nodes(seed, out, config, roster):
    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        tree = app.query_one("#tree")
        for flag in app.unresolved()[:4]:
            await pilot.press("n")
            await pilot.pause()
            assert tree.cursor_node is not None and tree.cursor_node.data is not None
            assert flag.field.startswith(tree.cursor_node.data.field) or tree.cursor_node.data.field.startswith(flag.field)


async def test_a_long_pdf_shows_progress_and_can_be_cancelled(tmp_path, out, config, roster):
    from pdfmaker import text_pdf

    pdf = text_pdf(tmp_path / "long.pdf", [[("h", f"{n}. Punkt {n}"), ("p", "Åben sag"), ("b", "Sagsgang"), ("p", "DIR")]
                                           for n in range(1, 121)])
    app = make_app(pdf, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        bar = app.query_one("#loading")
        waited = 0.0
        while (bar.progress or 0) < 1 and waited < 20:
            await pilot.pause(0.02)
            waited += 0.02
        assert bar.total == 120 and 1 <= bar.progress < 120
        await pilot.press("escape")
        await loaded(pilot)
        assert app.session is None and "cancelled" in app.load_error
        assert app.is_running
    assert not out.exists() or not list(out.iterdir())


async def test_a_on_an_error_flag_asks_why_and_keeps_the_reason(seed, out, config, roster):
    from workbench.tui.screens.dialogs import PromptScreen

    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        error = next(f for f in app.session.open_flags() if f.severity == "error")
        while app.current_flag is None or app.current_flag.id != error.id:
            await pilot.press("n")
            await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen) and "why" in str(app.screen.question)
        await pilot.press("escape")  # no reason: nothing changes
        await pilot.pause()
        assert app.session.flag(error.id).resolution == "open"
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Bilaget er lukket", "enter")
        await pilot.pause()
        assert app.session.flag(error.id).resolution == "accepted"
        assert app.session.corrections[-1].note == "accepted: Bilaget er lukket"
