"""Two reviews of the same referat at once: the second is told who holds it and since when, and
opens read-only. Every change it tries is refused with a notification and changes nothing, on
the screen or on disk; the holder goes on working and saving as if nothing had happened."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT
from tui_helpers import copy_seed, loaded, make_app
from workbench.tui.screens.dialogs import PromptScreen, QuitScreen
from workbench.tui.screens.editor import EditScreen

SIZE = (120, 40)
PLACE = "Mødelokale 250, rådhuset"

# The first reviewer, in a process of her own: edits and saves, accepts a flag (journalled, not
# saved), says "ready" and then does what she is told on stdin.
HOLDER = textwrap.dedent("""
    import sys
    from workbench.config import load_config
    from workbench.pipeline import load_roster
    from workbench.review import ReviewSession

    doc, out, config_path = sys.argv[1:4]
    config = load_config(config_path)
    s = ReviewSession.open(doc, config, load_roster(config), out_dir=out)
    assert not s.read_only, s.lock_holder
    s.edit("meeting.place", "Holders sal")
    s.save()
    flag = sorted((f for f in s.open_flags()), key=lambda f: (f.lines[0], f.id))[0]
    s.resolve(flag.id, "accepted")
    print("ready", flag.id, flush=True)
    for line in sys.stdin:
        if line.strip() == "more":
            s.edit("meeting.place", "Holders anden sal")
            print("saved", s.save(), flush=True)
        elif line.strip() == "close":
            s.close()
            print("closed", flush=True)
            break
""")


def snapshot(out) -> dict:
    """Every file in the output folder: its bytes and its mtime."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(out.iterdir())}


def status_text(app) -> str:
    return str(app.query_one("#status").render())


@pytest.fixture
def watch_notes():
    """Every notification an app gives, kept (the toasts themselves expire)."""

    def watch(app) -> list[tuple[str, dict]]:
        said: list[tuple[str, dict]] = []
        notify = app.notify

        def recording(message, *args, **kw):
            said.append((str(message), kw))
            return notify(message, *args, **kw)

        app.notify = recording
        return said

    return watch


@pytest.fixture
def holder(tmp_path):
    """The first review, in another process, holding the referat."""
    doc = copy_seed(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(doc), str(out), str(ROOT / "config.toml")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = proc.stdout.readline()
        assert line.startswith("ready "), (line, proc.stderr.read() if proc.poll() is not None else "")
        yield proc, doc, out, line.split()[1]
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)


def ask(proc, command: str) -> str:
    proc.stdin.write(command + "\n")
    proc.stdin.flush()
    return proc.stdout.readline()


async def test_second_review_is_told_who_holds_it_and_changes_nothing(holder, config, roster, watch_notes):
    proc, doc, out, accepted_id = holder
    lock = json.loads(next(out.glob("*.lock")).read_text())
    assert lock["pid"] == proc.pid
    since = dt.datetime.fromisoformat(lock["since"]).astimezone().strftime("%H:%M")
    before = snapshot(out)
    assert {p.rsplit(".", 1)[1] for p in before} == {"toml", "journal", "lock"}

    app = make_app(doc, config, roster, out)
    said = watch_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        s = app.session
        assert s.read_only
        for part in (f"pid {proc.pid}", f"@{os.uname().nodename}", f"since {since}"):
            assert part in (s.lock_holder or ""), s.lock_holder
        told = [m for m, kw in said if "Held by" in m]
        assert told and s.lock_holder in told[0] and "read-only" in told[0], said
        assert "read-only" in status_text(app)
        # it shows the holder's work: the saved edit and the journalled accept
        assert s.get("meeting.place") == "Holders sal"
        assert s.flag(accepted_id).resolution == "accepted"
        n_corrections, dirty = len(s.corrections), s.dirty

        # an edit: refused with the reason before anything is typed (the editor does not open)
        said.clear()
        app.goto_field("meeting.place")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert not isinstance(app.screen, EditScreen)
        assert s.get("meeting.place") == "Holders sal"
        assert any("read-only" in m.casefold() and s.lock_holder in m for m, kw in said), said

        # every other change: accept a flag, tick a field, undo, save, verify
        for keys in (("n", "a"), ("space",), ("ctrl+z",), ("ctrl+s",), ("V",)):
            said.clear()
            await pilot.press(*keys)
            await pilot.pause()
            if isinstance(app.screen, PromptScreen):  # V may ask for a name first
                await pilot.press(*"Anden Læser", "enter")
                await pilot.pause()
            assert any("read-only" in m.casefold() for m, kw in said), (keys, said)
        assert len(s.corrections) == n_corrections and s.dirty == dirty
        assert s.record.review.status == "draft" and s.record.review.verified_fields == []
        assert s.get("meeting.place") == "Holders sal"
        assert "read-only" in status_text(app)

        # quitting: nothing of its own is unsaved, so it does not ask; leaving touches none of her files
        await pilot.press("q")
        await pilot.pause()
        if isinstance(app.screen, QuitScreen):
            said.clear()
            await pilot.press("s")
            await pilot.pause()
            assert app.is_running and any("read-only" in m for m, _ in said), said
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, QuitScreen)
            await pilot.press("d")
            await pilot.pause()

    assert snapshot(out) == before  # record, journal and the holder's lock, byte for byte
    # the holder goes on: her lock is hers, she edits and saves
    assert ask(proc, "more").startswith("saved ")
    assert ask(proc, "close").startswith("closed")
    assert proc.wait(timeout=10) == 0
    assert not list(out.glob("*.lock"))

    # and now the referat is free: a new review may change it, and sees all the holder did
    app = make_app(doc, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert not app.session.read_only and "read-only" not in status_text(app)
        assert app.session.get("meeting.place") == "Holders anden sal"
        assert app.session.flag(accepted_id).resolution == "accepted"
        app.session.close()


async def test_second_review_in_the_same_process_is_read_only_too(tmp_path, config, roster, watch_notes):
    """The holder is a session of this very process (its pid is ours): still not stale."""
    from workbench.review import ReviewSession

    doc = copy_seed(tmp_path)
    out = tmp_path / "out"
    first = ReviewSession.open(doc, config, roster, out_dir=out)
    try:
        assert not first.read_only
        first.edit("meeting.place", "Første sal")
        before = snapshot(out)
        app = make_app(doc, config, roster, out)
        said = watch_notes(app)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            assert app.session.read_only and f"pid {os.getpid()}" in app.session.lock_holder
            assert any("Held by" in m and f"pid {os.getpid()}" in m for m, _ in said), said
            assert app.session.get("meeting.place") == "Første sal"  # the holder's journal
            said.clear()
            await pilot.press("n", "a")
            await pilot.pause()
            assert any("read-only" in m for m, _ in said), said
            await pilot.press("q")
            await pilot.pause()
        assert snapshot(out) == before
        first.save()  # the holder is not disturbed by the other session's end
        assert first.get("meeting.place") == "Første sal"
    finally:
        first.close()
    assert not list(out.glob("*.lock"))
    with ReviewSession.open(doc, config, roster, out_dir=out) as again:
        assert not again.read_only and again.get("meeting.place") == "Første sal"


async def test_a_read_only_review_has_nothing_of_its_own_unsaved(holder, config, roster):
    proc, doc, out, _ = holder
    app = make_app(doc, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.session.read_only
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, QuitScreen), "a read-only review is asked to save changes it cannot save"
        assert not app.session.dirty and "unsaved" not in status_text(app)
