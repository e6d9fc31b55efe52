"""How quickly the review screen answers.

    python benchmarks/tui.py [--presses 50] [--long 200,500] [--tmux]

For the bundled sample (12 pages), the 28-page Aarhus referat (../shared/real) and generated
referater of --long pages (laid out by tests/pdfmaker.py, kept in the ignored benchmarks/.cache/),
each in fresh processes (imports done before the clock starts), headless at 120×40:
- open s: from starting the app to the first painted frame with the review content in it (the
  record in the tree, not the loading screen), on first open (an empty extraction cache, no record)
  and on reopen (the cache filled and the record saved by the first run);
- per key, p50/p95 ms from the key to the end of the next painted frame, over --presses presses:
  n, N, down (on the tree; at its last line the cursor is put back at the top first, untimed),
  space (verified on the selected field), a (on the flag n went to; a reason asked for is
  dismissed and an acceptance undone, untimed), ctrl+s (after a change, so it writes). A press
  after which nothing is painted counts with the time until the app was idle again (every press
  counts; their number is printed as `unpainted`);
- with --tmux (when tmux is installed): the same first open in a real terminal, from the command
  to the status line of the review content on the screen, start-up of Python included.
Goals: the review content under 1.0 s whatever the length; keys within a frame (under 50 ms at p95).
Figures on a busy machine are indicative only.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "sample_docs" / "001_9a154efafadaaa85.pdf"
AARHUS = ROOT.parent / "shared" / "real" / "aarhus-byraad-2025-08-27-referat.pdf"
KEYS = ("n", "N", "down", "space", "a", "ctrl+s")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else float("nan")


async def measure(doc: Path, presses: int, out: Path) -> dict:
    from textual.app import App

    from workbench.config import load_config
    from workbench.pipeline import load_roster
    from workbench.tui.app import build_app
    from workbench.tui.screens.dialogs import PromptScreen
    from workbench.tui.screens.review import ReviewScreen

    painted: list[float] = []  # the end of every frame that painted something
    display = App._display

    def timed_display(self, screen, update):
        result = display(self, screen, update)
        if update is not None:
            painted.append(time.perf_counter())
        return result

    App._display = timed_display
    loaded_at: list[float] = []
    on_loaded = ReviewScreen._loaded

    def timed_loaded(self, session):
        result = on_loaded(self, session)
        loaded_at.append(time.perf_counter())
        return result

    ReviewScreen._loaded = timed_loaded

    config = load_config(ROOT / "config.toml")
    roster = load_roster(config)
    figures: dict = {}
    t0 = time.perf_counter()
    app = build_app(doc, config, roster, out_dir=out)
    async with app.run_test(size=(120, 40)) as pilot:
        while not loaded_at and app.load_error is None:
            await pilot.pause(0.005)
        if app.load_error:
            raise SystemExit(app.load_error)
        while not any(p > loaded_at[0] for p in painted):  # the first frame with the record in it
            await pilot.pause(0.001)
        figures["content"] = next(p for p in painted if p > loaded_at[0]) - t0
        figures["pages"] = app.session.source.pages
        if presses:
            tree = app.query_one("#tree")

            async def press(key: str) -> tuple[float, bool]:
                n0 = len(painted)
                t = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                idle = time.perf_counter()
                if len(painted) == n0:  # a frame may be due just after the app fell idle
                    await pilot.pause(1 / 60)
                after = painted[n0:]
                return ((after[0] if after else idle) - t) * 1000, bool(after)

            for key in KEYS:
                tree.focus()
                await pilot.pause()
                times, unpainted = [], 0
                for _ in range(presses):
                    if key == "down" and tree.cursor_line >= tree.last_line:
                        tree.move_cursor_to_line(0)
                        await pilot.pause()
                    if key == "a":
                        await pilot.press("n")
                        await pilot.pause()
                    if key == "ctrl+s":
                        await pilot.press("space")
                        await pilot.pause()
                    ms, drawn = await press(key)
                    times.append(ms)
                    unpainted += not drawn
                    if key == "a":
                        if isinstance(app.screen, PromptScreen):
                            await pilot.press("escape")
                        else:
                            await pilot.press("ctrl+z")
                        await pilot.pause()
                figures[key] = (pct(times, 0.5), pct(times, 0.95), unpainted)
        app.session.close()
    return figures


def child(doc: Path, presses: int, out: Path, cache: Path) -> dict:
    """One measurement in a fresh process (its own extraction cache folder); {"failed": why} if it failed."""
    done = subprocess.run([sys.executable, __file__, "--child", str(doc), "--presses", str(presses), "--out", str(out)],
                          capture_output=True, text=True, env={**os.environ, "WORKBENCH_CACHE_DIR": str(cache)})
    if done.returncode != 0:
        return {"failed": (done.stderr.strip().splitlines() or ["no output"])[-1][-300:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def tmux_first_open(doc: Path, out: Path, cache: Path) -> float | None:
    """Seconds from the command to the review's status line ("… open flag…") in a tmux pane."""
    if shutil.which("tmux") is None:
        return None
    name = f"wb-bench-{os.getpid()}"
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    command = f"env WORKBENCH_CACHE_DIR={cache} {Path(sys.executable).parent / 'workbench'} review {doc} --out {out}"
    t0 = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command], check=True)
    try:
        while time.perf_counter() - t0 < 120:
            shown = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
            if "open flag" in shown:
                return time.perf_counter() - t0
            time.sleep(0.01)
        return None
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def documents(long: list[int]) -> list[Path]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from parse import long_pdf  # the same generated referater as benchmarks/parse.py, cached once

    docs = [d for d in (SAMPLE, AARHUS) if d.exists()]
    return docs + [long_pdf(n) for n in long]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--presses", type=int, default=50, help="presses of each key (0: only the opening times)")
    ap.add_argument("--long", default="200,500", help="pages of the generated referater (comma-separated; empty: none)")
    ap.add_argument("--tmux", action="store_true", help="also the first open in a real terminal (tmux)")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        import textual.app  # noqa: F401  (imports are not the app's start)

        print(json.dumps(asyncio.run(measure(args.child, args.presses, args.out))))
        return 0
    long = [int(n) for n in args.long.split(",") if n.strip()]
    print("open: seconds to the first frame with the review content (first open: empty cache, no record; reopen:")
    print("both there). Keys: p50/p95 ms from the key to the end of the next painted frame [unpainted presses].")
    head = f"{'document':34} {'pages':>5} {'first s':>7} {'reopen s':>8}" + (f" {'tmux s':>6}" if args.tmux else "")
    print(head + "".join(f"  {k:>15}" for k in KEYS))
    for doc in documents(long):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            first = child(doc, args.presses, tmp / "out", tmp / "cache")
            again = child(doc, 0, tmp / "out", tmp / "cache")
            real = tmux_first_open(doc, tmp / "out-tmux", tmp / "cache-tmux") if args.tmux else None
        if "failed" in first:
            print(f"{doc.name[:34]:34} failed: {first['failed']}", flush=True)
            continue
        reopen = f"{again['content']:8.2f}" if "failed" not in again else f"{'failed':>8}"
        row = f"{doc.name[:34]:34} {first['pages']:5d} {first['content']:7.2f} {reopen}"
        if args.tmux:
            row += f" {real:6.2f}" if real is not None else f" {'n/a':>6}"
        for k in KEYS:
            if k in first:
                p50, p95, unpainted = first[k]
                row += f"  {p50:6.1f}/{p95:<6.1f}" + (f"[{unpainted}]" if unpainted else "  ")
        print(row, flush=True)
        if "failed" in again:
            print(f"  reopen failed: {again['failed']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
