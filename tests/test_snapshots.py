"""Pictures of the main screens (pytest-textual-snapshot): fixed size, no cursor blink, fixed input.

The main screens are pictured in Danish, the language the workbench speaks; the main screen once more
in English, and the editor (whose own words come in the next round) in English. After an intended
change of the screen, look at the new pictures and accept them with
`pytest tests/test_snapshots.py --snapshot-update`.
"""
from __future__ import annotations

import pytest

from tui_helpers import copy_seed, loaded, make_app, settled

SIZE = (120, 40)


@pytest.fixture
def app(tmp_path, config, roster):
    return make_app(copy_seed(tmp_path), config, roster, tmp_path / "out")


@pytest.mark.language("da")
def test_main_screen_on_a_flag(snap_compare, app):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("n")
        await settled(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_main_screen_in_english(snap_compare, app):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("n")
        await settled(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_editor_with_name_suggestions(snap_compare, app):
    async def run_before(pilot):
        await loaded(pilot)
        pilot.app.goto_field("signatures[2].name")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Kim Brun", "down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.language("da")
def test_help_for_the_raw_pane(snap_compare, app):
    async def run_before(pilot):
        await loaded(pilot)
        pilot.app.query_one("#raw").focus()
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.language("da")
def test_quit_dialog(snap_compare, app):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("n", "a")
        await settled(pilot)
        await pilot.press("q")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.language("da")
def test_small_terminal(snap_compare, app):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("n", "n")
        await settled(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
