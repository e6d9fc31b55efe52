"""The inbox screen driven by Pilot through a secretary's day: the four samples read, one reviewed and verified, the next opened, the counts changed, the records exported and read back."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLES
from workbench.inbox import Inbox, remembered_reviewer

pytestmark = pytest.mark.language("da")  # the inbox waits for its Danish words

PDFS = ["001_9a154efafadaaa85.pdf", "002_26687f9090792ef4.pdf", "003_b1ee29759e748790.pdf", "004_60c343e47a70d8f7.pdf"]


async def until(pilot, check, timeout: float = 60.0) -> None:
    waited = 0.0
    while not check() and waited < timeout:
        await pilot.pause(0.05)
        waited += 0.05
    await pilot.pause()
    assert check(), "the state waited for never came"


def summary(app) -> str:
    return str(app.screen_stack[0].query_one("#summary").render())


def build(tmp_path, config, roster, names=PDFS):
    from workbench.tui.app import build_app

    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(SAMPLES / name, src / name)
    out = tmp_path / "out"
    inbox = Inbox(src, config, out, roster)
    return build_app(None, config, roster, out_dir=out, inbox=inbox), inbox, src, out


async def test_the_day(tmp_path, config, roster):
    from workbench.tui.screens.dialogs import PromptScreen
    from workbench.tui.screens.inbox import InboxScreen
    from workbench.tui.screens.review import ReviewScreen

    app, inbox, src, out = build(tmp_path, config, roster)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, InboxScreen)
        await until(pilot, lambda: not inbox.busy() and "4 nye" in summary(app))
        assert summary(app).startswith("4 referater: 4 nye · 0 i kladde (0 flag) · 0 godkendt")
        shown = app.screen.shown
        assert [e.date for e in shown] == sorted((e.date for e in shown), reverse=True)
        # the referat without open flags (003: the oldest, last in the list) is reviewed first
        target = next(i for i, e in enumerate(shown) if e.name == PDFS[2])
        for _ in range(target):
            await pilot.press("down")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.session is not None)
        assert app.session.path.name == PDFS[2]
        await pilot.press("V")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))  # the name is asked once
        await pilot.press(*"Bettina Andersen", "enter")
        # verified and saved: the next unreviewed referat opens (the list wraps to its top)
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.session is not None
                    and app.session.path.name != PDFS[2])
        assert app.session.path.name == shown[0].name
        assert remembered_reviewer() == "Bettina Andersen"
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, InboxScreen) and "1 godkendt" in summary(app))
        assert summary(app).startswith("4 referater: 3 nye · 0 i kladde (0 flag) · 1 godkendt")
        assert "rettelser" in summary(app)  # the review cost, in total
        row = next(e for e in app.screen.shown if e.name == PDFS[2])
        assert row.state == "verified" and row.reviewer == "Bettina Andersen" and row.seconds is not None
        await pilot.press("f")  # the filter: unreviewed only
        assert PDFS[2] not in [e.name for e in app.screen.shown] and len(app.screen.shown) == 3
        await pilot.press("escape")
        assert len(app.screen.shown) == 4
    # the verified record exported as jsonl and csv, and read back
    for fmt, name in (("jsonl", "referater.jsonl"), ("csv", "referater.csv")):
        done = subprocess.run([sys.executable, "-m", "workbench", "export", str(out), "--format", fmt,
                               "--config", str(ROOT / "config.toml")], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in (out / "exports" / "referater.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines and {x["reviewer"] for x in lines} == {"Bettina Andersen"} and {x["status"] for x in lines} == {"verified"}
    with open(out / "exports" / "referater.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(lines) and {r["status"] for r in rows} == {"verified"}


async def test_search_and_a_file_added_while_open(tmp_path, config, roster):
    from workbench.tui.screens.dialogs import PromptScreen

    app, inbox, src, out = build(tmp_path, config, roster, PDFS[:2])
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: not inbox.busy() and len(app.screen.shown) == 2 and all(e.date for e in app.screen.shown))
        first = app.screen.shown[0]
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*first.date.strftime("%d-%m-%Y"), "enter")
        await until(pilot, lambda: not isinstance(app.screen, PromptScreen))
        assert [e.name for e in app.screen.shown] == [first.name]
        await pilot.press("escape")
        shutil.copy(SAMPLES / "004_60c343e47a70d8f7.txt", src / "004.txt")  # no restart: the folder is polled
        await until(pilot, lambda: len(app.screen.shown) == 3 and not inbox.busy()
                    and all(e.date for e in app.screen.shown))
        assert "3 referater: 3 nye" in summary(app)


async def test_quitting_a_review_returns_to_the_inbox_and_q_there_quits(tmp_path, config, roster):
    from workbench.tui.screens.inbox import InboxScreen
    from workbench.tui.screens.review import ReviewScreen

    app, inbox, src, out = build(tmp_path, config, roster, PDFS[:1])
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: len(app.screen.shown) == 1)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.session is not None)
        session = app.session
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, InboxScreen))
        assert session.closed  # its lock is let go
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running)


async def test_the_first_run_opens_the_first_sample_over_the_inbox(tmp_path, config, roster):
    from workbench.cli import SAMPLE, SAMPLES as BUNDLED
    from workbench.tui.app import build_app
    from workbench.tui.screens.review import ReviewScreen

    assert sorted(p.name for p in BUNDLED.glob("*.pdf")) == PDFS  # all four in the package
    inbox = Inbox(BUNDLED, config, tmp_path / "out", roster)
    app = build_app(SAMPLE, config, roster, out_dir=tmp_path / "out", inbox=inbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.session is not None)
        assert app.session.path == SAMPLE and len(app.screen_stack) == 2


@pytest.mark.parametrize("code,search", [("da", "Søg"), ("en", "Search")])
def test_the_inbox_keys_speak_the_language_spoken_when_it_opens(tmp_path, config, roster, code, search):
    """The footer's words come from the language spoken when the screen is made, not when the
    module was first imported (a Danish inbox once showed 'Search' after an English one)."""
    from workbench import i18n
    from workbench.tui.actions import by_id
    from workbench.tui.screens.inbox import InboxScreen, InboxTable

    for first in ("en", "da"):
        with i18n.using(first):
            InboxScreen(Inbox(tmp_path, config, tmp_path / "out", roster))
        with i18n.using(code):
            screen = InboxScreen(Inbox(tmp_path, config, tmp_path / "out", roster))
            table = InboxTable()
            words = {b.description for found in screen._bindings.key_to_bindings.values() for b in found}
            assert search in words, words
            ours = [b for f in table._bindings.key_to_bindings.values() for b in f if b.id and by_id(b.id)]
            assert ours and all(b.description == i18n._(by_id(b.id).description) for b in ours), ours
