"""The installed `workbench inbox DIR` in a real terminal (tmux, 120×40): the samples read, one verified, the next opened, the count changed, the record read back."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES, terminal_env

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
WORKBENCH = Path(sys.executable).parent / "workbench"
SOCKET = f"wbinbox{os.getpid()}"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", *args], capture_output=True, text=True,
                          timeout=20).stdout


def wait_for(name: str, text: str, timeout: float = 60) -> str:
    end = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < end:
        shown = tmux("capture-pane", "-p", "-t", name)
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared on the screen:\n{shown}")


def test_verify_one_in_the_inbox_and_land_on_the_next(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("002_26687f9090792ef4.pdf", "003_b1ee29759e748790.pdf"):
        shutil.copy(SAMPLES / name, src / name)
    out = tmp_path / "out"
    name = f"wbi{os.getpid()}"
    command = f"{WORKBENCH} inbox {src} --out {out} --config {ROOT / 'config.toml'}"
    env = terminal_env()
    env["WORKBENCH_CONFIG_DIR"] = str(tmp_path / "user")
    subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "120", "-y", "40",
                    command], check=True, env=env, timeout=20)
    try:
        wait_for(name, "2 referater: 2 nye")
        wait_for(name, "30-08-2023")  # 003 read: its date shown, the oldest, on the second row
        tmux("send-keys", "-t", name, "Down")
        tmux("send-keys", "-t", name, "Enter")
        wait_for(name, "Organ: ")  # the review content is in, not only the loading screen
        tmux("send-keys", "-t", name, "V")
        wait_for(name, "Hvem godkender")
        tmux("send-keys", "-t", name, "-l", "Bettina Andersen")
        wait_for(name, "Bettina Andersen")  # typed into the prompt before enter takes it
        tmux("send-keys", "-t", name, "Enter")
        wait_for(name, "002_26687f9090792ef4.pdf")  # the next one opened
        wait_for(name, "åbne flag")
        tmux("send-keys", "-t", name, "q")
        wait_for(name, "1 godkendt")
        tmux("send-keys", "-t", name, "q")
        end = time.monotonic() + 20
        while time.monotonic() < end and name in tmux("list-sessions"):
            time.sleep(0.1)
    finally:
        tmux("kill-server")
    records = [tomllib.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.toml")]
    assert [r["review"]["reviewer"] for r in records] == ["Bettina Andersen"]
    assert records[0]["source"]["file"] == "003_b1ee29759e748790.pdf"
    assert isinstance(records[0]["review"]["seconds"], int) and "corrections" in records[0]["review"]
    assert (tmp_path / "user" / "user.toml").read_text(encoding="utf-8") == 'reviewer = "Bettina Andersen"\n'
