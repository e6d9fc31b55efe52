"""Review safety on the screen: the key acts on what is highlighted, and the highlight stays put."""
from __future__ import annotations

import pytest
from textual.widgets import Tree

from tui_helpers import accept_next, copy_seed, loaded, make_app

SIZE = (120, 40)


@pytest.fixture
def seed(tmp_path):
    return copy_seed(tmp_path)


def cursor_field(app) -> str | None:
    node = app.query_one("#tree", Tree).cursor_node
    return node.data.field if node is not None and node.data is not None else None


async def test_space_twice_toggles_the_same_field_and_the_cursor_stays_on_it(seed, tmp_path, config, roster):
    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        tree = app.query_one("#tree", Tree)
        tree.focus()
        await pilot.press("down", "down", "down")  # by the keys, as she does: Møde › Organ
        await pilot.pause()
        chosen = cursor_field(app)
        assert chosen and chosen != "meeting" and app.field == chosen
        await pilot.press("space")
        await pilot.pause()
        assert chosen in app.session.record.review.verified_fields
        assert cursor_field(app) == chosen and app.field == chosen
        await pilot.press("space")
        await pilot.pause()
        assert chosen not in app.session.record.review.verified_fields
        assert cursor_field(app) == chosen and app.field == chosen
        await pilot.press("down")
        await pilot.pause()
        nxt = cursor_field(app)
        assert nxt != chosen and app.field == nxt  # the next key acts from where the cursor is


async def test_after_a_delete_the_cursor_is_on_a_surviving_node(seed, tmp_path, config, roster):
    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        before = [a.title for a in app.session.record.items[0].attachments]
        assert len(before) >= 1
        app.goto_field("items[0].attachments[0].title")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        from workbench.tui.screens.dialogs import ConfirmScreen

        assert isinstance(app.screen, ConfirmScreen) and "item 1, attachment 1" in app.screen.question
        assert before[0][:20] in app.screen.question  # it names what goes
        await pilot.press("n")
        await pilot.pause()
        assert [a.title for a in app.session.record.items[0].attachments] == before  # no: nothing deleted
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [a.title for a in app.session.record.items[0].attachments] == before[1:]
        left = cursor_field(app)
        assert left is not None and left == app.field and left.startswith("items[0]")


async def test_discard_on_quit_discards_and_sets_the_journal_aside(seed, tmp_path, config, roster):
    out = tmp_path / "out"
    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n", "a", "ctrl+s")  # one change saved
        await pilot.pause()
        saved = app.session.corrections[:]
        await accept_next(pilot)  # and one more (an error flag: with a reason), not saved
        await pilot.pause()
        assert len(app.session.corrections) == len(saved) + 1
        await pilot.press("q", "d")
        await pilot.pause()
    assert list(out.glob("*.journal.discarded-*")), "the journal is set aside, not destroyed"
    again = make_app(seed, config, roster, out)
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert [(c.field, c.after) for c in again.session.corrections] == [(c.field, c.after) for c in saved]
        assert not again.session.dirty


async def test_n_visits_what_the_count_counts_and_finds_a_flag_on_line_1(tmp_path, config, roster):
    import shutil

    from conftest import SAMPLES

    doc = tmp_path / "002.pdf"
    shutil.copy(SAMPLES / "002_26687f9090792ef4.pdf", doc)  # its meeting date is inferred: a warning on line 1
    app = make_app(doc, config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        want = {f.id for f in app.session.open_flags()}
        assert any(f.lines[0] == 1 for f in app.session.open_flags())
        assert any(f.severity == "info" and f.resolution == "open" for f in app.session.record.flags)
        await pilot.press("n")
        await pilot.pause()
        assert app.current_flag.lines[0] == 1
        seen = set()
        for _ in range(len(want)):
            seen.add(app.current_flag.id)
            await pilot.press("n")
            await pilot.pause()
        assert seen == want  # n walks the warnings and errors the status line counts, no info flag


def test_history_shows_values_as_typed_and_evidence_never_none():
    from workbench.checks import flag_id, make_flag
    from workbench.tui.present import as_typed as _as_typed

    assert _as_typed("Sal 2") == "Sal 2" and _as_typed(None) == "—"
    assert _as_typed([["9.00", "Åbning"], ["9.30", "Pause"]]) == "9.00 | Åbning / 9.30 | Pause"
    assert _as_typed({"title": "Notat", "ref": "123/25"}) == "title: Notat, ref: 123/25"
    flag = make_flag("signature_mismatch", "warning", "signatures[0]", (1, 1), "m", excerpt="None Kim Bruun")
    assert flag.excerpt == "Kim Bruun"
    assert flag.id == flag_id("signature_mismatch", "signatures[0]", "None Kim Bruun")  # ids stay as they were


async def test_help_names_keys_as_people_write_them_and_the_palette_has_no_dead_command(seed, tmp_path, config, roster):
    from workbench.tui.commands import ReviewCommands
    from workbench.tui.screens.dialogs import HelpScreen

    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        assert "`?, F1`" in text and "`/`" in text and "`+`" in text
        assert "question_mark" not in text and "slash" not in text and "plus" not in text
        names = [name for name, _, _ in ReviewCommands._commands(type("P", (), {"app": app})())]
        assert "Re-parse" not in names and "Save" in names


async def test_the_status_line_keeps_counts_and_read_only_whatever_the_file_name(tmp_path, config, roster):
    import shutil

    from conftest import SEEDS

    long_name = tmp_path / ("referat-" + "meget-lang-filnavn-" * 8 + ".txt")
    shutil.copy(SEEDS / "001_9a154efafadaaa85.txt", long_name)
    app = make_app(long_name, config, roster, tmp_path / "out")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        from textual.widgets import Static

        shown = str(app.query_one("#status", Static).render())
        assert shown.startswith("draft · ") and " open flag" in shown.split("·")[1]


def test_a_split_line_shows_both_parts_and_columns_map_back():
    from workbench.tui.widgets.raw import SPLIT, shown_text, source_column

    text = "Jonas Kroustrup\tVivian Voldgaard"
    assert shown_text(text) == "Jonas Kroustrup Vivian Voldgaard"
    split = "Jonas Kroustrup\nVivian Voldgaard"
    assert shown_text(split) == f"Jonas Kroustrup{SPLIT}Vivian Voldgaard"  # both halves in view
    for display, index in ((0, 0), (6, 6), (15 + len(SPLIT), 16), (15 + len(SPLIT) + 6, 22)):
        assert source_column(split, display) == index
    assert shown_text("ring\x07 \x1b[31m") == "ring\\x07 \\x1b[31m"  # control characters never reach the terminal


async def test_split_in_the_raw_pane_shows_two_parts_now_and_after_reopening(seed, tmp_path, config, roster):
    from workbench.tui.widgets.raw import SPLIT

    out = tmp_path / "out"
    lines = seed.read_text(encoding="utf-8").split("\n")
    no = next(i for i, t in enumerate(lines, 1) if i > 40 and len(t) > 40 and "\t" not in t)
    app = make_app(seed, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        raw = app.query_one("#raw")
        raw.focus()
        raw._move(no)
        await pilot.press(*["right"] * 16, "S")
        await pilot.pause()
        shown = "".join(seg.text for seg in raw.render_line(no - 1 - raw.scroll_offset.y))
        assert shown.split(SPLIT)[0].rstrip().endswith(lines[no - 1][:16].rstrip()) and SPLIT in shown
        assert shown.rstrip().endswith(lines[no - 1].rstrip()[-10:])  # the second half is in view too
        await pilot.press("ctrl+s")
        await pilot.pause()
    again = make_app(seed, config, roster, out)
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert "\n" in again.session.source.lines[no - 1].text
        raw = again.query_one("#raw")
        raw._move(no)
        await pilot.pause()
        shown = "".join(seg.text for seg in raw.render_line(no - 1 - raw.scroll_offset.y))
        assert SPLIT in shown


async def test_a_table_row_is_edited_as_cells_and_a_refused_value_keeps_the_dialog(seed, tmp_path, config, roster):
    from workbench.tui.screens.form import FormScreen

    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        field = "items[1].tables[0].rows[3]"
        before = app.session.get(field)
        app.goto_field(field)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and len(app.screen.fields) == len(before)
        await pilot.press("ctrl+a", "ctrl+k", *"11.05", "tab", "ctrl+a", "ctrl+k", *"Pause og kaffe", "enter")
        await pilot.pause()
        assert app.session.get(field) == ["11.05", "Pause og kaffe"]
        app.goto_field("items[1].tables[0]")
        await pilot.pause()
        await pilot.press("plus", *"13.30", "tab", *"Ekstra punkt", "enter")
        await pilot.pause()
        assert app.session.get("items[1].tables[0].rows")[-1] == ["13.30", "Ekstra punkt"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.get("items[1].tables[0].rows")[-1] != ["13.30", "Ekstra punkt"]


async def test_an_attachment_is_edited_and_added_with_all_its_fields(seed, tmp_path, config, roster):
    from workbench.tui.screens.form import FormScreen

    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.goto_field("items[0].attachments[0].title")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab", "ctrl+a", "ctrl+k", *"lukket", "tab", "tab", "ctrl+a", "ctrl+k", *"99999/25", "enter")
        await pilot.pause()
        att = app.session.get("items[0].attachments[0]")
        assert att["access"] == "closed" and att["ref"] == "99999/25" and att["number"] == 1
        await pilot.press("plus", *"2", "tab", *"bogstav", "tab", *"Nyt notat", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and "åben or lukket" in str(app.screen.query_one("#editor-error").render())
        await pilot.press("shift+tab", "shift+tab", "ctrl+a", "ctrl+k", *"åben", "tab", "tab", "enter")
        await pilot.pause()
        added = app.session.get("items[0].attachments")[-1]
        assert (added["number"], added["access"], added["title"]) == (2, "open", "Nyt notat")


async def test_sections_are_added_and_moved_by_their_heading(seed, tmp_path, config, roster):
    from workbench.tui.screens.form import ChoiceScreen

    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.goto_field("items[0].sections.sagsgang")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        labels = [label for _, label in app.screen.choices]
        assert "Baggrund  (baggrund)" in labels and not any(label.startswith("Sagsgang") for label in labels)
        key = app.screen.choices.index(next(c for c in app.screen.choices if c[0] == "baggrund"))
        await pilot.press(*["down"] * key, "enter")
        await pilot.pause()
        assert "baggrund" in app.session.record.items[0].sections and "sagsgang" not in app.session.record.items[0].sections


async def test_a_typed_name_close_to_a_roster_name_is_kept_only_after_saying_so_and_is_flagged(seed, tmp_path, config,
                                                                                               roster):
    from workbench.tui.screens.editor import EditScreen

    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        field = "signatures[2].name"
        app.goto_field(field)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Kim Brun", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen), "the first enter says what the roster has"
        assert "Kim Bruun Nielsen" in str(app.screen.query_one("#editor-error").render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.get(field) == "Kim Brun"
        typed = [f for f in app.session.open_flags() if f.field == field and f.kind == "name_unknown"]
        assert typed and typed[0].suggestion == "Kim Bruun Nielsen"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.get(field) == "Kim Bruun Nielsen"
        assert not [f for f in app.session.open_flags() if f.field == field and f.excerpt == "Kim Brun"]


async def test_x_removes_a_table_row_after_asking(seed, tmp_path, config, roster):
    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        rows = app.session.get("items[1].tables[0].rows")
        app.goto_field("items[1].tables[0].rows[3]")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.session.get("items[1].tables[0].rows") == rows[:3] + rows[4:]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.get("items[1].tables[0].rows") == rows


async def test_columns_are_added_and_removed_with_their_cells(seed, tmp_path, config, roster):
    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        field = "items[1].tables[0]"
        before = app.session.get(field)
        app.goto_field(field)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "tab", *"Ansvarlig", "enter")  # keep Tid and Punkt, add a column
        await pilot.pause()
        table = app.session.get(field)
        assert table["columns"] == before["columns"] + ["Ansvarlig"] and all(r[-1] == "" and len(r) == 3 for r in table["rows"])
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "ctrl+a", "ctrl+k", "tab", "tab", "enter")  # empty Punkt's name: remove it
        await pilot.pause()
        table = app.session.get(field)
        assert table["columns"] == ["Tid", "Ansvarlig"] and table["rows"][0] == [before["rows"][0][0], ""]
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert app.session.get(field) == before


async def test_enter_on_an_emptied_field_asks_before_it_clears_the_value(seed, tmp_path, config, roster):
    from workbench.tui.screens.editor import EditScreen

    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        before = app.session.get("meeting.place")
        app.goto_field("meeting.place")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen) and app.session.get("meeting.place") == before
        await pilot.press("enter")  # said once: now it is what she means
        await pilot.pause()
        assert app.session.get("meeting.place") in (None, "")


async def test_keys_typed_as_the_editor_opens_reach_its_field_in_order(seed, tmp_path, config, roster):
    """On a busy machine the first keys can arrive before the editor has mounted and taken its
    focus. They must reach the field, in order, not vanish on the bare screen (a lost key once
    let enter empty a field)."""
    from textual import events

    from workbench.tui.screens.editor import EditScreen

    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.goto_field("meeting.place")
        await pilot.pause()
        # e and the keys after it arrive together: the editor is pushed by the first, the rest follow at once
        for key, char in [("e", "e"), ("ctrl+a", None), ("ctrl+k", None),
                          *[(c if c.isalnum() else "minus", c) for c in "Sal-7"]]:
            app.post_message(events.Key(key, char))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditScreen)
        assert screen.query_one("#editor-input").value == "Sal-7"


@pytest.mark.parametrize("start,downs", [("meeting.kind", 1), (None, 4)], ids=["one-move", "four-moves"])
async def test_a_key_after_moves_acts_on_the_node_moved_to(seed, tmp_path, config, roster, start, downs):
    """Moves and e in one batch (a terminal sends them together, a busy machine handles them late):
    the editor opens on the node the last move reached, never one before it. Each move's highlight
    message arrives after the keys; a late one must not take the selection back to a node the cursor
    has left, so once they have caught up the detail pane is still on that node."""
    from textual import events

    from workbench.tui.screens.editor import EditScreen

    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        tree = app.query_one("#tree")
        if start is None:
            tree.move_cursor(tree.root)  # Referat › Møde › Organ › Art › Sted
        else:
            app.goto_field(start)
        await pilot.pause()
        tree.focus()
        await pilot.pause()
        for key in ["down"] * downs + ["e"]:
            app.post_message(events.Key(key, "e" if key == "e" else None))
        await pilot.pause()
        assert isinstance(app.screen, EditScreen) and app.screen.field == "meeting.place"
        await pilot.press("escape")
        await pilot.pause()
        assert app.field == "meeting.place" == cursor_field(app)


async def test_n_right_after_a_change_is_not_undone_by_the_tree_catching_up(seed, tmp_path, config, roster):
    """A change rebuilds the tree and puts its cursor back after the next refresh; n pressed before
    that refresh must win: the selection stays on n's flag, not jump back to the changed field."""
    from textual import events

    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        first = app.session.open_flags()[0]
        app.goto_field(first.field)  # its node unfolded: n moves there at once, with no refresh to wait for
        await pilot.pause()
        app.goto_field("meeting.place")
        await pilot.pause()
        app.query_one("#tree").focus()
        app._do(app.session.edit, "meeting.place", "Sal 2")  # the rebuild's cursor move waits for a refresh
        app.post_message(events.Key("n", "n"))
        await pilot.pause()
        await pilot.pause()
        assert app.current_flag is not None and app.current_flag.id == first.id
        assert app.field.startswith(app.query_one("#tree").cursor_node.data.field)


async def test_the_detail_pane_shows_a_table_row_as_cells_not_python(seed, tmp_path, config, roster):
    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.goto_field("items[1].tables[0].rows[0]")
        await pilot.pause()
        from rich.text import Text

        text = Text.from_markup(app.query_one("#detail")._markup).plain
        row = app.session.get("items[1].tables[0].rows[0]")
        assert " | ".join(row) in text and "['" not in text


async def test_a_late_highlight_of_a_node_the_cursor_has_left_changes_nothing(seed, tmp_path, config, roster):
    """The tree says which node was highlighted after the fact; by then the cursor may be elsewhere."""
    app = make_app(seed, config, roster, tmp_path / "out")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.goto_field("meeting.place")
        await pilot.pause()
        tree = app.query_one("#tree", Tree)
        left = next(n for n in tree.cursor_node.parent.children if n.data.field == "meeting.kind")
        app.review.on_tree_node_highlighted(Tree.NodeHighlighted(left))
        assert app.field == "meeting.place" == cursor_field(app)
