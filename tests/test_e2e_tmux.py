"""The installed `workbench review`, in a real terminal (tmux, 120×40), driven as a person would."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from conftest import terminal_env

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
WORKBENCH = Path(sys.executable).parent / "workbench"

DOC = """Direktionen

REFERAT

Dato: Onsdag den 29. januar 2025

Medlemmer: Kommunaldirektør Rasmus Ukendtsen

1. Første punkt

Åben sag

Sagsgang

DIR
"""


SOCKET = f"wbe2e{os.getpid()}"  # a tmux server of our own: nobody else's sessions are touched


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", *args], capture_output=True, text=True,
                          timeout=20).stdout


def screen(name: str) -> str:
    return tmux("capture-pane", "-p", "-t", name)


def wait_for(name: str, text: str, timeout: float = 30) -> str:
    end = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < end:
        shown = screen(name)
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared on the screen:\n{shown}")


def test_fix_a_name_save_quit_and_read_the_record_back(tmp_path):
    """In Danish, as the workbench speaks by default (the config says [ui] language = "da")."""
    doc = tmp_path / "referat.txt"
    doc.write_text(DOC, encoding="utf-8")
    out = tmp_path / "out"
    name = f"wb{os.getpid()}"
    command = f"cd {tmp_path} && {WORKBENCH} review {doc} --out {out} --config {Path(__file__).parent.parent / 'config.toml'}"
    subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "120", "-y", "40",
                    command], check=True, env=terminal_env(), timeout=20)
    try:
        wait_for(name, "åbne flag")
        tmux("send-keys", "-t", name, "n")
        wait_for(name, "name_unknown")  # the flag's kind is its id, in every language
        tmux("send-keys", "-t", name, "e")
        wait_for(name, "enter: accept")  # the editor's own words (next round: Danish); and types at once: keys that come as the editor opens reach it
        tmux("send-keys", "-t", name, "End")
        tmux("send-keys", "-t", name, "-l", " Hansen")
        wait_for(name, "Rasmus Ukendtsen Hansen")
        tmux("send-keys", "-t", name, "Enter")
        wait_for(name, "ikke gemt")
        tmux("send-keys", "-t", name, "C-s")
        wait_for(name, "Gemte")
        tmux("send-keys", "-t", name, "q")
        end = time.monotonic() + 20
        while time.monotonic() < end and name in tmux("list-sessions"):
            time.sleep(0.1)
        assert name not in tmux("list-sessions"), screen(name)
    finally:
        tmux("kill-server")  # our own server (-L)
    records = list(out.glob("*.toml"))
    assert len(records) == 1
    record = tomllib.loads(records[0].read_text(encoding="utf-8"))
    assert record["meeting"]["members"][0]["name"] == "Rasmus Ukendtsen Hansen"
    assert record["corrections"][-1]["field"] == "meeting.members[0].name"
    assert record["corrections"][-1]["after"] == "Rasmus Ukendtsen Hansen"
