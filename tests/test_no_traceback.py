"""No traceback, ever: hostile file names, journals, records, a full disk and SIGTERM each give one
line on standard error and a non-zero exit, and keep the journal.

The screen's cases run the installed `workbench review` in a real terminal (a private tmux
server, `remain-on-exit`); Textual draws on standard error, so what the command says when it
ends is what the pane shows after the screen has gone. Every wait polls the screen or the
process, never a fixed sleep.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

WORKBENCH = Path(sys.executable).parent / "workbench"
SEED = SEEDS / "001_9a154efafadaaa85.txt"
SOCKET = f"wbrobust{os.getpid()}"
WAIT = float(os.environ.get("WB_WAIT", "30"))
NAMES = {  # file names as bytes: not UTF-8, 251 bytes long, with a newline
    "not-utf8": b"\xff\xfe.txt",
    "251-bytes": b"a" * 247 + b".txt",
    "newline": b"new\nline.txt",
}


def cli(*args, cwd: Path, timeout: float = 120, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    """`workbench ARGS` with arguments as bytes where they must be (a name that is not UTF-8)."""
    argv = [os.fsencode(sys.executable), b"-m", b"workbench", b"--lang", b"en", *(a if isinstance(a, bytes) else os.fsencode(str(a))
                                                               for a in args)]
    return subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, cwd=cwd, timeout=timeout)


def one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")  # valid UTF-8, whatever the file name's bytes
    assert "Traceback" not in text, text
    lines = text.splitlines()
    assert len(lines) == 1 and lines[0].startswith("workbench: "), text
    return lines[0]


# --------------------------------------------------------------------------- the command line


@pytest.mark.parametrize("kind", NAMES)
@pytest.mark.parametrize("command", ["parse", "check", "text"])
def test_odd_file_names_are_read_and_parse_writes_valid_toml(tmp_path, kind, command):
    name = NAMES[kind]
    shutil.copy(SEED, os.path.join(os.fsencode(tmp_path), name))
    done = cli(command, name, "--config", ROOT / "config.toml", cwd=tmp_path)
    assert b"Traceback" not in done.stderr and done.stderr == b"", done.stderr
    assert done.returncode in (0, 1)
    if command == "parse":
        record = tomllib.loads(done.stdout.decode("utf-8"))  # valid UTF-8 TOML whatever the name's bytes
        assert record["source"]["file"] == name.decode("utf-8", "replace")
        assert record["items"]


@pytest.mark.parametrize("name, shown", [
    (b"no\nsuch.txt", "no\\nsuch.txt: no such file"),
    (b"no\xffsuch\r.txt", "no\\xffsuch\\r.txt: no such file"),
])
def test_a_file_name_with_a_newline_or_bad_bytes_is_shown_escaped_on_one_line(tmp_path, name, shown):
    for command in ("parse", "check", "text", "review"):
        done = cli(command, name, cwd=tmp_path)
        assert done.returncode == 2
        assert one_line(done.stderr) == f"workbench: {shown}"


def test_a_refusal_of_an_odd_name_is_one_line(tmp_path):
    name = b"tom\n\xff.txt"
    open(os.path.join(os.fsencode(tmp_path), name), "wb").close()
    done = cli("parse", name, cwd=tmp_path)
    assert done.returncode == 2 and one_line(done.stderr) == "workbench: tom\\n\\xff.txt: the file is empty"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("command", ["parse", "check", "text"])
def test_a_full_disk_on_standard_output_is_one_line_and_exit_2(tmp_path, command):
    with open("/dev/full", "wb") as full:
        done = cli(command, SEED, "--config", ROOT / "config.toml", cwd=tmp_path, stdout=full)
    assert done.returncode == 2
    assert one_line(done.stderr) == "workbench: standard output: cannot be written (No space left on device)"


# --------------------------------------------------------------------------- journals and records


DEEP = '{"n":0,"at":{"$datetime":"2026-12-01T10:00:00"},"field":"meeting.place","before":' + "[" * 100_000 + \
       "]" * 100_000 + ',"after":"Sal"}\n'
SURROGATE = '{"n":0,"at":{"$datetime":"2026-12-01T10:00:00"},"field":"meeting.place","before":"x",' \
            '"after":"\\ud800"}\n'


def _sha(path: Path) -> str:
    from workbench.ingest import load_source
    from workbench.config import load_config

    return load_source(path, load_config(ROOT / "config.toml")).sha256


@pytest.mark.parametrize("line, words", [(DEEP, "line 1 is nested too deeply"),
                                         (SURROGATE, "line 1 holds text that is not valid Unicode")],
                         ids=["deep", "surrogate"])
def test_a_hostile_journal_is_refused_with_one_line_and_kept(tmp_path, config, roster, line, words):
    from workbench.errors import UserError
    from workbench.review import ReviewSession

    doc = tmp_path / "doc.txt"
    shutil.copy(SEED, doc)
    out = tmp_path / "out"
    out.mkdir()
    journal = out / f"{_sha(doc)}.journal"
    journal.write_text(line, encoding="utf-8")
    with pytest.raises(UserError) as err:
        ReviewSession.open(doc, config, roster, out_dir=out)
    assert words in str(err.value) and "the journal is kept" in str(err.value) and "\n" not in str(err.value)
    assert journal.read_text(encoding="utf-8") == line
    assert not list(out.glob("*.lock"))  # the refused review let go of its lock


def test_a_deeply_nested_record_is_refused_on_reopening(tmp_path, config, roster):
    from workbench.errors import RecordError
    from workbench.review import ReviewSession

    doc = tmp_path / "doc.txt"
    shutil.copy(SEED, doc)
    out = tmp_path / "out"
    out.mkdir()
    record = out / "2025-01-29-direktionen-referat.toml"
    text = f'schema = "referat/1"\n[source]\nsha256 = "{_sha(doc)}"\n[meeting]\nplace = ' + "[" * 100_000 + \
        "]" * 100_000 + "\n"
    record.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError, match="nested too deeply.*will not overwrite it") as err:
        ReviewSession.open(doc, config, roster, out_dir=out)
    assert "\n" not in str(err.value) and record.read_text(encoding="utf-8") == text


# --------------------------------------------------------------------------- the screen, in a real terminal

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", *args], capture_output=True, text=True,
                          timeout=20).stdout


@pytest.fixture
def terminal():
    yield
    tmux("kill-server")


def wait_until(what: str, test, name: str = "wb", timeout: float = WAIT) -> str:
    end = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < end:
        shown = tmux("capture-pane", "-p", "-t", name)
        if test(shown):
            return shown
        time.sleep(0.05)
    raise AssertionError(f"{what} never appeared on the screen:\n{shown}")


def start(tmp_path: Path, doc: bytes, out: Path) -> int:
    """`workbench review DOC` as the pane's own process; its pid."""
    script = tmp_path / "run.sh"
    q = lambda b: b"'" + b.replace(b"'", b"'\\''") + b"'"  # noqa: E731 - sh quoting of raw bytes
    script.write_bytes(b"cd " + q(os.fsencode(tmp_path)) + b" && exec " + q(os.fsencode(WORKBENCH)) + b" --lang en review " +
                       q(doc) + b" --out " + q(os.fsencode(out)) + b" --config " + q(os.fsencode(ROOT / "config.toml")) + b"\n")
    made = subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", "new-session", "-d", "-s", "wb", "-x", "120",
                           "-y", "40", f"sh {script}"], capture_output=True, text=True, timeout=20)
    assert made.returncode == 0, made.stderr
    tmux("set-option", "-t", "wb", "remain-on-exit", "on")
    pid = int(tmux("list-panes", "-t", "wb", "-F", "#{pane_pid}").split()[0])
    end = time.monotonic() + WAIT
    while time.monotonic() < end:  # sh execs workbench: the pane's pid becomes workbench's
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        if any(part.endswith(b"/workbench") for part in cmdline):
            break
        time.sleep(0.02)
    return pid


def said() -> list[str]:
    """What the ended command left on the terminal (its standard error), without tmux's own line."""
    shown = tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "wb")  # wrapped lines joined, history too
    return [ln.rstrip() for ln in shown.splitlines() if ln.strip() and not ln.startswith("Pane is dead")]


def wait_death(pid: int, timeout: float = WAIT) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            fields = []
        if fields and fields[0] == "Z":
            status = int(fields[-1])
            return f"signal {status & 0x7f}" if status & 0x7f else f"status {status >> 8}"
        if tmux("list-panes", "-t", "wb", "-F", "#{pane_dead}").strip() == "1":
            m = re.search(r"Pane is dead \((signal \d+|status \d+)", tmux("capture-pane", "-p", "-t", "wb"))
            if m:
                return m.group(1)
        time.sleep(0.05)
    raise AssertionError("the screen did not end:\n" + tmux("capture-pane", "-p", "-t", "wb"))


def status_line(shown: str) -> str:
    return next((ln for ln in shown.splitlines() if " open flag" in ln and "·" in ln), "")


@needs_tmux
@pytest.mark.parametrize("kind", NAMES)
def test_the_screen_shows_and_saves_a_source_of_any_name(tmp_path, terminal, kind):
    name = NAMES[kind]
    shutil.copy(SEED, os.path.join(os.fsencode(tmp_path), name))
    out = tmp_path / "out"
    pid = start(tmp_path, name, out)
    shown = wait_until("the status line", lambda s: status_line(s) != "")
    if kind != "251-bytes":  # (too long for the line: cut at the right)
        assert {"not-utf8": "\\xff\\xfe.txt", "newline": "new\\nline.txt"}[kind] in status_line(shown)
    tmux("send-keys", "-t", "wb", "C-s")
    wait_until("the saved record", lambda s: "Saved" in s)
    tmux("send-keys", "-t", "wb", "q")
    assert wait_death(pid) == "status 0"
    assert said() == []
    (record,) = out.glob("*.toml")
    assert tomllib.loads(record.read_text(encoding="utf-8"))["source"]["file"] == name.decode("utf-8", "replace")


@needs_tmux
@pytest.mark.parametrize("line, words", [(DEEP, "line 1 is nested too deeply"),
                                         (SURROGATE, "holds text that is not valid Unicode")],
                         ids=["deep", "surrogate"])
def test_the_screen_on_a_hostile_journal_exits_2_with_one_line_and_keeps_it(tmp_path, terminal, line, words):
    doc = tmp_path / "doc.txt"
    shutil.copy(SEED, doc)
    out = tmp_path / "out"
    out.mkdir()
    journal = out / f"{_sha(doc)}.journal"
    journal.write_text(line, encoding="utf-8")
    pid = start(tmp_path, b"doc.txt", out)
    wait_until("the refusal", lambda s: "Cannot open" in s)
    tmux("send-keys", "-t", "wb", "q")
    assert wait_death(pid) == "status 2"
    lines = said()
    assert len(lines) == 1 and lines[0].startswith("workbench: ") and words in lines[0], lines
    assert journal.read_text(encoding="utf-8") == line


@needs_tmux
@pytest.mark.parametrize("moment", ["editing", "saving"])
def test_sigterm_in_the_screen_is_acted_on_at_once_with_one_line(tmp_path, terminal, moment):
    doc = tmp_path / "doc.txt"
    shutil.copy(SEED, doc)
    out = tmp_path / "out"
    pid = start(tmp_path, b"doc.txt", out)
    wait_until("the status line", lambda s: status_line(s) != "")
    tmux("send-keys", "-t", "wb", "n")
    wait_until("a flag selected", lambda s: re.search(r"▶ (warning|error) \w+", s) is not None)
    tmux("send-keys", "-t", "wb", "a")
    wait_until("the change shown", lambda s: "unsaved" in status_line(s))
    if moment == "editing":
        tmux("send-keys", "-t", "wb", "e")
        wait_until("the editor", lambda s: "▊" in s and "accept" in s)
    else:
        tmux("send-keys", "-t", "wb", "C-s")
    os.kill(pid, signal.SIGTERM)
    assert wait_death(pid) == "status 143"  # no key after the signal: it was acted on at once
    assert said() == ["workbench: stopped by SIGTERM; every change made is kept in the journal"]
    journal = list(out.glob("*.journal"))
    records = list(out.glob("*.toml"))
    kept = "".join(p.read_text(encoding="utf-8") for p in journal + records)
    assert "accepted" in kept  # the accepted flag: in the journal, or in the record the save wrote
    assert not list(out.glob("*.lock"))  # the lock was let go


# --------------------------------------------------------------------------- the last line of defence


def test_a_fault_the_command_line_did_not_expect_is_one_line_and_exit_70(monkeypatch, capsys):
    from workbench import cli

    def broken(args):
        raise ValueError("a bug\nwith a second line")

    monkeypatch.setattr(cli, "_run", broken)
    monkeypatch.delenv("WORKBENCH_DEBUG", raising=False)
    assert cli.main(["--lang", "en", "parse", "x.txt"]) == 70
    err = capsys.readouterr().err
    assert err == "workbench: internal error (ValueError: a bug\\nwith a second line); please report it\n"


async def test_a_fault_in_the_screen_is_one_line_not_a_traceback(tmp_path, config, roster, monkeypatch):
    """Textual would print a rich traceback and exit 0; the screen keeps the error (Pilot re-raises
    it) but prints nothing, and says one line through stop_message, exit 70."""
    from textual.worker import WorkerFailed

    from workbench.review import ReviewSession
    from tui_helpers import make_app

    def broken(*args, **kw):
        raise RuntimeError("not expected")

    monkeypatch.setattr(ReviewSession, "open", broken)
    doc = tmp_path / "doc.txt"
    shutil.copy(SEED, doc)
    app = make_app(doc, config, roster, tmp_path / "out")
    with pytest.raises((RuntimeError, WorkerFailed)):
        async with app.run_test() as pilot:
            end = time.monotonic() + WAIT
            while app.stop_message is None and time.monotonic() < end:
                await pilot.pause(0.05)
    assert app.stop_code == 70 and "RuntimeError: not expected" in app.stop_message
    assert "\n" not in app.stop_message and app._exit_renderables == []
