"""Review safety on the screen: the key acts on what is highlighted, and the highlight stays put."""
from __future__ import annotations

import pytest
from textual.widgets import Tree

from tui_helpers import copy_seed, loaded, make_app

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

        assert isinstance(app.screen, ConfirmScreen) and "items[0].attachments[0]" in app.screen.question
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
