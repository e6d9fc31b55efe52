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


@pytest.mark.language("da")
def test_inbox_with_the_four_samples_read(snap_compare, tmp_path, config, roster, monkeypatch):
    """The inbox once every sample is read: newest meeting first, its date, body, pages and state."""
    import shutil

    from conftest import SAMPLES
    from workbench.inbox import Inbox
    from workbench.tui.app import build_app

    monkeypatch.setenv("HOME", str(tmp_path))  # the folder is shown as ~/indbakke, the same in every run
    src = tmp_path / "indbakke"
    src.mkdir()
    for name in sorted(p.name for p in SAMPLES.glob("*.pdf")):
        shutil.copy(SAMPLES / name, src / name)
    inbox = Inbox(src, config, tmp_path / "out", roster)

    async def run_before(pilot):
        waited = 0.0
        screen = pilot.app.screen  # every file read, and the list drawn since (it is drawn at most once a second)
        while (inbox.busy() or screen._stale or len(screen.shown) < 4) and waited < 120:
            await pilot.pause(0.05)
            waited += 0.05
        await pilot.pause()
        assert not inbox.busy() and len(screen.shown) == 4

    app = build_app(None, config, roster, out_dir=tmp_path / "out", inbox=inbox)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
