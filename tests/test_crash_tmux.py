"""Kill -9 in the middle of a review: what the screen had shown is there when the same referat
is opened again, and the dead process's lock does not make the new review read-only.

The installed `workbench review` runs as the pane's own process (`exec`) in a private tmux
server (120×40). Each round makes edits through the keyboard, waits after each one until its
result is on the screen (capture-pane) and records it as shown; at a moment chosen by a
seeded random generator (how many edits are shown first, whether one more is under way, how
long to wait) the process gets SIGKILL. Then `workbench review` is started again on the same
file and output folder, and every shown edit is checked on the screen, through a
ReviewSession opened in-process, and in the record saved from the restarted screen.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, terminal_env

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
WORKBENCH = Path(sys.executable).parent / "workbench"
SEED = "001_9a154efafadaaa85.txt"
SOCKET = f"wbcrash{os.getpid()}"  # a tmux server of our own: other tests' sessions are never touched
# seconds for a screen update: generous, the machine may be busy with other tests
WAIT = float(os.environ.get("WB_WAIT", "30"))
REASON = "stemmer med PDF"  # why an error flag is accepted as it stands

# (edits in the round, random seed): the seed fixes the edits' kinds, how many are shown before
# the kill, whether one more is under way when it comes, and the delay before it
ROUNDS = [(1, 1), (2, 5), (3, 2), (4, 10), (5, 2), (6, 1), (6, 3), (6, 6)]


# --------------------------------------------------------------------------- tmux


def tmux(*args: str, check: bool = False) -> str:
    done = subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", *args], capture_output=True, text=True,
                          timeout=20)
    if check and done.returncode:
        raise AssertionError(f"tmux {' '.join(args)}: {done.stderr}")
    return done.stdout


def screen(name: str) -> str:
    return tmux("capture-pane", "-p", "-t", name)


def wait_until(name: str, what: str, test, timeout: float = WAIT) -> str:
    end = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < end:
        shown = screen(name)
        if test(shown):
            return shown
        time.sleep(0.05)
    size = tmux("display-message", "-p", "-t", name, "#{pane_width}x#{pane_height}").strip()
    raise AssertionError(f"{what} never appeared on the screen (a {size} pane):\n{shown}")


def _editor_field(shown: str) -> str | None:
    """The text in the editor's input line (between its ▊ and ▎ borders), or None without an editor."""
    rows = [ln for ln in shown.splitlines() if "▊" in ln and "▎" in ln and "▔" not in ln and "▁" not in ln]
    if not rows:
        return None
    return rows[0].split("▊", 1)[1].rsplit("▎", 1)[0].strip()


def wait_for(name: str, text: str, timeout: float = WAIT) -> str:
    return wait_until(name, repr(text), lambda s: text in s, timeout)


def status_line(shown: str) -> str:
    """The app's own status line (the second line of the screen)."""
    return next((ln for ln in shown.splitlines() if " open flag" in ln and "·" in ln), "")


def flags_text(n: int) -> str:
    return f"{n} open flag{'s' if n != 1 else ''}"


def _label_in_english(field: str) -> str:
    from workbench import i18n
    from workbench.i18n.labels import field_label

    with i18n.using("en"):
        return field_label(field)


# The detail pane names the field by its label (in English, as the screen runs here), not its path
PLACE_IN_DETAIL = re.compile(rf"│ {re.escape(_label_in_english('meeting.place'))}\s")


def start(name: str, doc: Path, out: Path) -> int:
    """`workbench review` as the pane's own process: the pane's pid is workbench's."""
    env = clean_env()
    command = (f"cd {doc.parent} && exec {WORKBENCH} --lang en review {doc} --out {out} "  # it reads English text
               f"--config {ROOT / 'config.toml'}")
    made = subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "120", "-y",
                           "40", command], env=env, capture_output=True, text=True, timeout=20)
    assert made.returncode == 0, f"tmux new-session: {made.stderr}"
    tmux("set-option", "-t", name, "remain-on-exit", "on")  # a killed pane stays, to be looked at
    pid = int(tmux("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])
    # the pane starts as `bash -c`, which then execs workbench: wait for the exec, not a fixed time
    end = time.monotonic() + WAIT
    cmdline: list[bytes] = []
    while time.monotonic() < end:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        if any(part.endswith(b"/workbench") for part in cmdline) and b"review" in cmdline:
            break
        time.sleep(0.02)
    assert any(part.endswith(b"/workbench") for part in cmdline) and b"review" in cmdline, cmdline
    wait_until(name, "the loaded record's status line", lambda s: status_line(s) != "")
    return pid


def death(name: str) -> str:
    """How the pane's process ended, as tmux says it ("signal 9", "status 0"); "" until it knows."""
    if tmux("list-panes", "-t", name, "-F", "#{pane_dead}").strip() != "1":
        return ""
    m = re.search(r"Pane is dead \((signal \d+|status \d+)", screen(name))
    return m.group(1) if m else ""


def wait_death(name: str, pid: int, timeout: float = 20) -> str:
    """How the process ended: from its zombie's wait status (/proc/PID/stat, field 52) while
    tmux has not reaped it yet (that can take seconds), else from tmux's "Pane is dead" line."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            fields = []
        if fields and fields[0] == "Z":
            status = int(fields[-1])
            return f"signal {status & 0x7f}" if status & 0x7f else f"status {status >> 8}"
        how = death(name)
        if how:
            return how
        time.sleep(0.05)
    raise AssertionError(f"the pane's process did not end:\n{screen(name)}")


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


# --------------------------------------------------------------------------- the edits


class Driver:
    """Turns planned edits into keys, and knows what each one shows when it is done."""

    def __init__(self, name: str, flags: list, n_round: int):
        self.name = name
        self.flags = flags  # the unresolved flags, in the order n walks them
        self.round = n_round
        self.accepted = 0
        self.places = 0
        self.on_place = False  # the tree's cursor (and the detail pane) is on meeting.place
        self.open_count = sum(f.severity in ("warning", "error") for f in flags)

    def keys(self, *keys: str) -> None:
        for key in keys:
            tmux("send-keys", "-t", self.name, key)

    def prepare(self, kind: str) -> dict:
        """Everything up to the last key of an edit; returns what the edit will be."""
        if kind == "place":
            self.places += 1
            value = f"Sal-{self.round}-{self.places}"
            if not self.on_place:
                self.keys(*["S-Left"] * 6, *["Down"] * 4)  # up to the root, then Møde › Organ › Art › Sted
                wait_until(self.name, "meeting.place in the detail pane",
                           lambda s: PLACE_IN_DETAIL.search(s) is not None)
            self.keys("e")
            wait_for(self.name, "enter: accept")
            # On a loaded machine the editor may take its focus (and its first value) after the first keys
            # arrive; a person would see the field empty and type again. Keys typed while the editor is open
            # only ever reach its input, so typing again is safe.
            for attempt in range(3):
                self.keys("C-a", "C-k")
                wait_until(self.name, "the editor's field emptied", lambda s: _editor_field(s) == "")
                tmux("send-keys", "-t", self.name, "-l", value)
                try:
                    wait_until(self.name, f"{value!r} typed in the editor",
                               lambda s: value in s and "enter: accept" in s, timeout=WAIT / 3)
                    break
                except AssertionError:
                    if attempt == 2 or "enter: accept" not in screen(self.name):
                        raise
            return {"kind": "place", "field": "meeting.place", "after": value, "last_key": "Enter"}
        flag = self.flags[self.accepted]
        self.accepted += 1
        self.keys("n")
        mark = f"▶ {flag.severity} {flag.kind} (lines {flag.lines[0]}–{flag.lines[1]}) open"
        wait_for(self.name, mark)
        if flag.severity != "error":
            return {"kind": "accept", "field": f"flags.{flag.id}.resolution", "after": "accepted", "flag": flag,
                    "last_key": "a"}
        self.keys("a")  # an error flag is accepted only with a reason: the prompt asks why
        wait_for(self.name, "why is the record right")
        tmux("send-keys", "-t", self.name, "-l", REASON)
        wait_for(self.name, REASON)
        return {"kind": "accept", "field": f"flags.{flag.id}.resolution", "after": "accepted", "flag": flag,
                "last_key": "Enter"}

    def finish(self, edit: dict) -> None:
        self.keys(edit["last_key"])
        self.on_place = edit["kind"] == "place"
        if edit["kind"] == "accept" and edit["flag"].severity in ("warning", "error"):
            self.open_count -= 1

    def shown(self, edit: dict) -> str:
        """Wait until the edit's result is on the screen."""
        unsaved = f"{flags_text(self.open_count)} · unsaved"
        if edit["kind"] == "place":
            marker = f"Sted: {edit['after']}"  # the tree's label: only once the edit is made
            return wait_until(self.name, f"{marker!r} and {unsaved!r}",
                              lambda s: marker in s and "enter: accept" not in s and unsaved in status_line(s))
        flag = edit["flag"]
        marker = f"{flag.severity} {flag.kind} (lines {flag.lines[0]}–{flag.lines[1]}) accepted"
        return wait_until(self.name, f"{marker!r} and {unsaved!r}",
                          lambda s: marker in s and unsaved in status_line(s))


def plan_round(n: int, rng: random.Random, flags: list) -> list[str]:
    kinds, accepts = [], 0
    for _ in range(n):
        kind = rng.choice(["place", "accept"]) if accepts < len(flags) else "place"
        accepts += kind == "accept"
        kinds.append(kind)
    return kinds


def what_record_says(corrections) -> list[tuple[str, object]]:
    return [(c.field, c.after) for c in corrections]


def seed_flags(doc: Path, tmp_path: Path, config, roster) -> tuple[list, str, str]:
    """The seed's unresolved flags in the order n walks them, its meeting.place, its sha256
    (from a session of this process, on an output folder of its own)."""
    from workbench.review import ReviewSession

    with ReviewSession.open(doc, config, roster, out_dir=tmp_path / "probe") as probe:
        flags = sorted(probe.open_flags(), key=lambda f: (f.lines[0], f.id))  # what n visits
        return flags, probe.get("meeting.place"), probe.journal_path.stem


# --------------------------------------------------------------------------- the tests


def clean_env() -> dict:
    return terminal_env()


@pytest.fixture(scope="module", autouse=True)
def tmux_server():
    """Our own server, kept running between sessions: one that exits when its last session is
    killed can take the next round's new session down with it."""
    subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", "start-server", ";",
                    "set-option", "-s", "exit-empty", "off"],
                   env=clean_env(), capture_output=True, timeout=20, check=True)
    socket = tmux("display-message", "-p", "#{socket_path}").strip()
    yield
    tmux("kill-server")  # our own server (-L): only the sessions of this file
    if socket.endswith(SOCKET):
        Path(socket).unlink(missing_ok=True)


@pytest.mark.parametrize("n_edits,seed", ROUNDS, ids=[f"{n}-edits-seed{s}" for n, s in ROUNDS])
def test_kill_9_then_reopen_keeps_every_shown_edit(tmp_path, config, roster, n_edits, seed):
    from workbench.review import ReviewSession

    rng = random.Random(seed)
    doc = tmp_path / "in" / SEED
    doc.parent.mkdir()
    shutil.copy(SEEDS / SEED, doc)
    out = tmp_path / "out"
    flags, original_place, sha = seed_flags(doc, tmp_path, config, roster)
    assert flags, "the seed has no flags to accept"

    kinds = plan_round(n_edits, rng, flags)
    n_shown = rng.randint(1, n_edits)
    # no delay (the kill may come before the app has read the last key), a few ms, or longer
    delay = rng.choice([0.0, rng.uniform(0.0, 0.02), rng.uniform(0.02, 0.25)])
    name = f"r{n_edits}s{seed}"
    first, second = f"{name}a", f"{name}b"
    timings = {}
    t0 = time.monotonic()
    try:
        pid = start(first, doc, out)
        timings["start"] = time.monotonic() - t0
        driver = Driver(first, flags, n_edits)
        shown: list[dict] = []
        for kind in kinds[:n_shown]:
            edit = driver.prepare(kind)
            driver.finish(edit)
            driver.shown(edit)
            shown.append(edit)  # on the screen: from here on it must survive the kill
        in_flight = None
        if n_shown < n_edits:  # one more edit under way: its last key is sent, the kill races it
            in_flight = driver.prepare(kinds[n_shown])
            driver.finish(in_flight)
        time.sleep(delay)
        lock = out / f"{sha}.lock"
        assert json.loads(lock.read_text())["pid"] == pid
        os.kill(pid, signal.SIGKILL)
        assert wait_death(first, pid) == "signal 9", "the process was not killed by SIGKILL"
        assert not alive(pid)
        assert lock.exists() and json.loads(lock.read_text())["pid"] == pid  # left behind: the lock is stale now
        timings["edits+kill"] = time.monotonic() - t0 - timings["start"]

        # ---- the same referat again
        t1 = time.monotonic()
        pid2 = start(second, doc, out)
        timings["restart"] = time.monotonic() - t1
        restarted = screen(second)
        assert "read-only" not in status_line(restarted), restarted
        assert "In use" not in restarted and "Held by" not in restarted, restarted
        assert json.loads(lock.read_text())["pid"] == pid2  # the stale lock was taken over

        # in-process: what the journal holds, exactly the shown edits (and the one under way, whole, or not)
        expected = [(e["field"], e["after"]) for e in shown]
        with ReviewSession.open(doc, config, roster, out_dir=out) as look:
            assert look.read_only and f"pid {pid2}" in (look.lock_holder or ""), look.lock_holder
            restored = what_record_says(look.corrections)
            options = [expected] + ([expected + [(in_flight["field"], in_flight["after"])]] if in_flight else [])
            assert restored in options, (f"shown {expected}, in flight {in_flight and in_flight['field']}, "
                                         f"restored {restored}")
            landed = len(restored) > len(expected)
            done = shown + ([in_flight] if landed else [])
            places = [e["after"] for e in done if e["kind"] == "place"]
            accepted = {e["flag"].id for e in done if e["kind"] == "accept"}
            assert look.get("meeting.place") == (places[-1] if places else original_place)
            assert {f.id for f in look.record.flags if f.resolution == "accepted"} == accepted
            open_now = len(look.open_flags())

        # on the screen: the open-flag count, unsaved, the place in the tree and in the detail pane
        assert f"{flags_text(open_now)} · unsaved" in status_line(restarted), restarted
        tmux("send-keys", "-t", second, "Down", "Down", "Down", "Down")
        place = places[-1] if places else original_place
        detail = wait_until(second, "meeting.place in the detail pane",
                            lambda s: PLACE_IN_DETAIL.search(s) is not None)
        assert f"Sted: {place}" in detail
        assert "Held by" not in detail and "read-only" not in status_line(detail), detail
        assert re.search(rf"│ {re.escape(place)}\s", detail), detail

        # saved from the restarted screen, then quit cleanly: the record holds it all
        tmux("send-keys", "-t", second, "C-s")
        wait_until(second, "Saved, and no longer unsaved", lambda s: "Saved" in s and "unsaved" not in status_line(s))
        tmux("send-keys", "-t", second, "q")
        assert wait_death(second, pid2) == "status 0"
        timings["total"] = time.monotonic() - t0
    finally:
        for session in (first, second):
            tmux("kill-session", "-t", session)
    records = list(out.glob("*.toml"))
    assert len(records) == 1, records
    record = tomllib.loads(records[0].read_text(encoding="utf-8"))
    assert record["meeting"]["place"] == place
    assert {f["id"] for f in record["flags"] if f["resolution"] == "accepted"} == accepted
    assert [(c["field"], c["after"]) for c in record["corrections"]] == restored
    assert not lock.exists() and not (out / f"{lock.stem}.journal").exists()
    print(f"round n={n_edits} seed={seed}: kinds={kinds} shown={n_shown} in_flight={in_flight and in_flight['kind']} "
          f"landed={landed} delay={delay:.3f}s timings={ {k: round(v, 2) for k, v in timings.items()} }")


def test_a_second_workbench_on_the_same_referat_opens_read_only(tmp_path, config, roster):
    """Two real `workbench review` on one referat: the second says who holds it and since when,
    refuses an edit with the reason, and leaves every file as it was; the first goes on."""
    doc = tmp_path / "in" / SEED
    doc.parent.mkdir()
    shutil.copy(SEEDS / SEED, doc)
    out = tmp_path / "out"
    first, second = "holder", "other"
    try:
        pid1 = start(first, doc, out)
        driver = Driver(first, seed_flags(doc, tmp_path, config, roster)[0], 0)
        edit = driver.prepare("place")
        driver.finish(edit)
        driver.shown(edit)
        lock = next(out.glob("*.lock"))
        since = json.loads(lock.read_text())["since"]
        since = dt.datetime.fromisoformat(since).astimezone().strftime("%H:%M")
        before = {p.name: p.read_bytes() for p in out.iterdir()}

        pid2 = start(second, doc, out)
        told = wait_until(second, "who holds it, and since when",
                          lambda s: "Held by " in s and f"pid {pid1}" in s and f"since {since}" in s)
        assert "read-only" in status_line(told), told
        tmux("send-keys", "-t", second, "Down", "Down", "Down", "Down")
        wait_until(second, "meeting.place in the detail pane",
                   lambda s: PLACE_IN_DETAIL.search(s) is not None)
        tmux("send-keys", "-t", second, "e")  # refused before anything is typed: the editor does not open
        refused = wait_until(second, "the refusal", lambda s: "Read-only: " in s and "enter: accept" not in s)
        assert f"Sted: {edit['after']}" in refused, refused
        tmux("send-keys", "-t", second, "q")
        assert wait_death(second, pid2) == "status 0"
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the holder's lock and journal untouched

        again = driver.prepare("place")  # the holder goes on, and saves
        driver.finish(again)
        driver.shown(again)
        tmux("send-keys", "-t", first, "C-s")
        wait_until(first, "Saved", lambda s: "Saved" in s and "unsaved" not in status_line(s))
        tmux("send-keys", "-t", first, "q")
        assert wait_death(first, pid1) == "status 0"
    finally:
        for session in (first, second):
            tmux("kill-session", "-t", session)
    record = tomllib.loads(next(out.glob("*.toml")).read_text(encoding="utf-8"))
    assert record["meeting"]["place"] == again["after"]
    assert [c["after"] for c in record["corrections"]] == [edit["after"], again["after"]]
    assert not list(out.glob("*.lock"))
